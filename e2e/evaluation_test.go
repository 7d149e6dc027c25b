package e2e_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The key steps of a cycle in a real browser, with JavaScript (self-assessment,
// scores and decisions swapped in place) and without (plain forms, 303s):
// the administrator creates the cycle and moves it on, moel's coordinator
// self-assesses, the 인사혁신처 reviewer scores (국무조정실's scores come from the
// store), the administrator finalizes and decides an incentive.
func TestBrowserEvaluationCycleWithAndWithoutJavaScript(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		js   bool
	}{{"htmx", true}, {"nojs", false}} {
		t.Run(mode.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			f := modelstest.EvaluationRecords(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{}) // no demo banner: axe counts it as content outside landmarks
			ctx := context.Background()
			browser := func(login string) tab {
				// One tab a person for the whole cycle: a new tab and sign-in cost the
				// browser about a second of CPU, and the whole cycle fits in the guard.
				b := tab{t: t, ctx: newBrowser(t, browserOptions{noJS: !mode.js, timeout: 8 * time.Minute}), js: mode.js}
				browserLogin(t, b.ctx, base, login, models.DemoPassword)
				return b
			}
			admin := browser("admin")

			// 평가 만들기: the example criteria and bands are filled in; name, period and round are not.
			admin.open(base+"/evaluations", "h1")
			admin.run("open the new cycle form", chromedp.Click(`a[href="/evaluations/new"]`, chromedp.ByQuery), shown("form.evaluation-form"))
			admin.run("create the cycle",
				chromedp.SendKeys(`#f-name`, "2025년 상반기 실적 점검", chromedp.ByQuery),
				chromedp.SetValue(`#f-period_start`, "2025-01-01", chromedp.ByQuery),
				chromedp.SetValue(`#f-period_end`, "2025-06-30", chromedp.ByQuery),
				emptyField(`#f-incentive`),
				chromedp.SendKeys(`#f-incentive`, "85", chromedp.ByQuery),
				tick(fmt.Sprintf(`input[name=round_id][value="%d"]`, f.Round.ID)),
				chromedp.Click(`form.evaluation-form button[type=submit]`, chromedp.ByQuery),
				holds(`!!document.querySelector('form.evaluation-advance')`),
			)
			var cycle string
			admin.run("read the cycle's address", chromedp.Evaluate(`location.pathname`, &cycle))
			if !strings.HasPrefix(cycle, "/evaluations/") {
				t.Fatalf("after creating, the browser is at %s", cycle)
			}
			advance := func(want string) {
				t.Helper()
				admin.open(base+cycle, "form.evaluation-advance")
				if want == "확정" { // task 3 is neither self-assessed nor scored: 확정 takes a reason
					admin.run("refuse 확정 without a reason", chromedp.Click(`form.evaluation-advance button`, chromedp.ByQuery),
						holds(`document.querySelector('#f-reason-error')?.textContent.includes('채점되지 않은 과제 1개')`))
					admin.run("give the reason", chromedp.SendKeys(`#f-reason`, "기재부–산업부 과제는 하반기 평가에서 다룸", chromedp.ByQuery))
				}
				admin.run("move to "+want, chromedp.Click(`form.evaluation-advance button`, chromedp.ByQuery),
					holds(fmt.Sprintf(`document.querySelector('.evaluation-settings .krds-badge')?.textContent.trim() === %q`, want)))
			}
			advance("자체 점검")

			// 자체 점검 by moel's coordinator.
			task1 := cycle + "/tasks/" + strconv.FormatInt(f.Task1.ID, 10)
			moel := browser("moel")
			moel.open(base+task1, "form#self-form")
			moel.run("submit the self-assessment",
				chromedp.SendKeys(`#f-narrative`, "고용센터 구인 정보와 중소기업 지원 사업을 연계해 매칭 120건.", chromedp.ByQuery),
				chromedp.SendKeys(`#f-evidence_links`, "https://example.go.kr/report.pdf", chromedp.ByQuery),
				chromedp.Click(`form#self-form button[type=submit]`, chromedp.ByQuery),
				holds(`!!document.querySelector('#self-section .pre-line')`),
			)
			if mode.js {
				moel.answered("submit the self-assessment", task1+"/self", http.StatusOK)
			} else {
				moel.answered("submit the self-assessment", task1, http.StatusOK)
			}

			// 기여도 평가 by moel, the receiving side of 김교류 (sent by 중기부), in place or as a plain form.
			contributions := cycle + "/contributions"
			kimItem := "contribution-" + strconv.FormatInt(f.Kim.ID, 10)
			moel.open(base+contributions, "#"+kimItem+"-receiving-form")
			moel.run("record 기여도 평가",
				chromedp.SetValue(`#f-`+kimItem+`-level`, "높음", chromedp.ByQuery),
				chromedp.SendKeys(`#f-`+kimItem+`-comment`, "채용 연계 실무를 주도함", chromedp.ByQuery),
				chromedp.Click(`#`+kimItem+`-receiving-form button[type=submit]`, chromedp.ByQuery),
				holds(`document.querySelector('#`+kimItem+` .contribution-receiving .contribution-level')?.textContent.trim() === '높음'`),
			)
			if mode.js {
				moel.answered("record 기여도 평가", contributions+"/"+strconv.FormatInt(f.Kim.ID, 10), http.StatusOK)
				passesAxe(t, moel.ctx, axeSource(t), base, contributions)
			} else {
				moel.answered("record 기여도 평가", contributions, http.StatusOK)
			}
			advance("심사")

			// 심사: the 인사혁신처 reviewer in the browser; 국무조정실 and the other tasks from the store.
			reviewer := browser("reviewer")
			reviewer.open(base+task1, "#score-sheet")
			if mode.js {
				reviewer.run("open the score sheet", chromedp.Click(`#score-sheet a.krds-btn`, chromedp.ByQuery), shown("form#score-form"))
				reviewer.answered("open the score sheet", task1+"/scores/edit", http.StatusOK)
			} else {
				var href string
				reviewer.run("read the score link", chromedp.Evaluate(`document.querySelector('#score-sheet a.krds-btn').href`, &href))
				reviewer.open(href, "form#score-form")
			}
			cycleModel, err := s.EvaluationCycleByID(ctx, mustID(t, cycle))
			if err != nil {
				t.Fatal(err)
			}
			var fill []chromedp.Action
			for i, score := range []string{"85", "90", "80"} {
				sel := "#f-score-" + strconv.Itoa(i) // the cycle's criteria, row by row
				fill = append(fill, emptyField(sel), chromedp.SendKeys(sel, score, chromedp.ByQuery))
			}
			reviewer.run("save the scores", append(fill, chromedp.Click(`form#score-form button[type=submit]`, chromedp.ByQuery),
				shown("#score-sheet table.review-table"))...)
			if mode.js {
				reviewer.answered("save the scores", task1+"/scores", http.StatusOK)
			} else {
				reviewer.answered("save the scores", task1, http.StatusOK)
			}
			opc := actorOf(t, s, "reviewer-opc")
			me := actorOf(t, s, "reviewer")
			score := func(a models.Actor, tk models.CollaborationTask, scores ...string) {
				in := models.ReviewInput{Scores: scores}
				for _, c := range cycleModel.Criteria {
					in.CriterionIDs = append(in.CriterionIDs, strconv.FormatInt(c.ID, 10))
				}
				if _, err := s.SaveReview(ctx, a, cycleModel.ID, tk.ID, in); err != nil {
					t.Fatal(err)
				}
			}
			score(opc, f.Task1, "80", "88", "79")
			score(me, f.Task2, "95", "90", "92")
			score(opc, f.Task2, "90", "88", "85")
			reviewer.open(base+task1, ".computed-score")
			if got := reviewer.text(".computed-score .score"); got != "84.2" {
				t.Errorf("task 1 reads %q, want 84.2 ((85.5 + 82.9) ÷ 2)", got)
			}
			screenshot(t, reviewer.ctx, "task-scores")

			// 확정, then the incentive for 김교류 (task 2: 89.9 ≥ 85).
			advance("확정")
			if got := admin.text("table.evaluation-tasks tbody tr:first-child td:nth-of-type(5)"); got != "A" {
				t.Errorf("task 1's grade reads %q, want A", got)
			}
			kim := "incentive-" + strconv.FormatInt(f.Kim.ID, 10)
			admin.open(base+cycle, "form#"+kim+"-form")
			admin.run("decide 김교류's incentive",
				chromedp.SetValue("#f-"+kim+"-decision", "평가수당 우대", chromedp.ByQuery),
				chromedp.SendKeys("#f-"+kim+"-note", "평가수당 가산", chromedp.ByQuery),
				// the form is at the foot of a long page: submit it as its button would (a click
				// there sometimes landed while the page was still laying out, and did nothing)
				chromedp.Evaluate(fmt.Sprintf(`document.querySelector('form#%s-form').requestSubmit()`, kim), nil),
				holds(fmt.Sprintf(`document.querySelector('#%s .incentive-decision strong')?.textContent.trim() === '평가수당 우대'`, kim)),
			)
			if mode.js {
				admin.answered("decide 김교류's incentive", cycle+"/incentives/"+strconv.FormatInt(f.Kim.ID, 10), http.StatusOK)
			} else {
				admin.answered("decide 김교류's incentive", cycle, http.StatusOK)
			}
			screenshot(t, admin.ctx, "cycle-finalized")
			admin.open(base+cycle+"/report", "figure.grade-chart svg")
			screenshot(t, admin.ctx, "report")
			if got := admin.text(".finalize-note"); !strings.Contains(got, "기재부–산업부 과제는 하반기 평가에서 다룸") {
				t.Errorf("the report's 확정 note reads %q", got)
			}
			if got := admin.text("table.person-results tbody tr:first-child .person-incentive"); !strings.Contains(got, "평가수당 우대") || !strings.Contains(got, "평가수당 가산") {
				t.Errorf("the report's first exchangee has %q", got)
			}
			// The workbook behind the report's link: its page asks why (a file of names), and the
			// form's POST, sent by the signed-in browser, answers with it: 김교류 in 중기부's sheet.
			var href string
			admin.run("read the workbook's link", chromedp.Evaluate(`document.querySelector('a[href$="report/download"]').href`, &href))
			admin.open(href, "#f-reason")
			rows := workbookRows(t, admin, "인사 부서 통보", "중소벤처기업부")
			if len(rows) < 3 || rows[2][0] != "김교류" || rows[2][6] != "평가수당 우대" {
				t.Errorf("중소벤처기업부's sheet reads %q", rows)
			}

			// 정부업무평가 by year: the administrator sets 2024's grades, enters task 1's result of 2024
			// from them, and finds it in 2024's upgrade list.
			admin.open(base+"/evaluations/government-scales/new", "#f-grades")
			admin.run("set 2024's grades",
				chromedp.SendKeys(`#f-year`, "2024", chromedp.ByQuery),
				chromedp.SetValue(`#f-grades`, "우수\n보통\n미흡", chromedp.ByQuery),
				chromedp.Click(`form.stack-form button[type=submit]`, chromedp.ByQuery),
				shown(`table.government-scales`))
			taskURL := "/tasks/" + strconv.FormatInt(f.Task1.ID, 10)
			gov := taskURL + "/government-evaluation"
			admin.open(base+gov, "ul.government-years")
			admin.run("choose 2024", chromedp.Click(`ul.government-years a`, chromedp.ByQuery), shown(`#f-result`))
			admin.run("enter 2024's result",
				chromedp.SetValue(`#f-result`, "보통", chromedp.ByQuery),
				tick(`#f-upgrade`),
				chromedp.SendKeys(`#f-upgrade_plan`, "지방 고용센터로 확대", chromedp.ByQuery),
				chromedp.Click(`form.stack-form button[type=submit]`, chromedp.ByQuery),
				holds(fmt.Sprintf(`location.pathname === %q`, taskURL)))
			admin.open(base+"/evaluations/upgrades?year=2024", "table.upgrade-list")
			var upgrades string
			admin.run("read 2024's upgrade list", chromedp.Text(`table.upgrade-list tbody`, &upgrades, chromedp.ByQuery))
			if !strings.Contains(upgrades, "지방 고용센터로 확대") || !strings.Contains(upgrades, "보통") {
				t.Errorf("2024's upgrade list reads %q", upgrades)
			}

			if mode.js { // axe needs scripts; one pass over every kind of evaluation page
				axe := axeSource(t)
				for _, page := range []string{"/evaluations", "/evaluations/new", cycle, cycle + "/edit", task1, cycle + "/report", cycle + "/contributions",
					"/evaluations/upgrades", gov, gov + "?year=2024", "/evaluations/government-scales", "/evaluations/government-scales/new"} {
					passesAxe(t, admin.ctx, axe, base, page)
				}
				passesAxe(t, reviewer.ctx, axe, base, task1+"/scores/edit")
			}
		})
	}
}

// workbookRows types reason in the download form on b's page, sends the form
// as the browser would (its cookies, its CSRF field) and reads one sheet of the
// workbook that comes back.
func workbookRows(t *testing.T, b tab, reason, sheetName string) [][]string {
	t.Helper()
	var body string
	b.run("download the workbook with a reason",
		chromedp.SendKeys(`#f-reason`, reason, chromedp.ByQuery),
		chromedp.Evaluate(`(async () => {
			const form = document.querySelector('#f-reason').form;
			const res = await fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))});
			if (!res.ok) return 'status ' + res.status;
			let s = '';
			for (const x of new Uint8Array(await res.arrayBuffer())) s += String.fromCharCode(x);
			return btoa(s);
		})()`, &body, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	data, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		t.Fatalf("the download answered %q", body)
	}
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func actorOf(t *testing.T, s *models.Store, login string) models.Actor {
	t.Helper()
	var u models.User
	if err := s.DB().Preload("Ministry").Where("login = ?", login).Take(&u).Error; err != nil {
		t.Fatal(err)
	}
	return models.ActorOf(&u, "192.0.2.1")
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// holds waits until a script is true, across page loads (an evaluation that
// meets a navigation is tried again); after 20 s it fails with what the page shows.
func holds(script string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		start := time.Now()
		for {
			var ok bool
			if err := chromedp.Evaluate(script, &ok).Do(ctx); err == nil && ok {
				return nil
			}
			if time.Since(start) > 20*time.Second {
				var page string
				_ = chromedp.Evaluate(`location.pathname + ': ' + (document.querySelector('main')?.innerText ?? '').slice(0, 1500)`, &page).Do(ctx)
				return fmt.Errorf("waiting for %s; the page shows %s", script, page)
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %s: %w", script, ctx.Err())
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
}

// passesAxe opens a page and runs axe-core on it (WCAG 2.1 A/AA and best practices), and checks it fits the screen.
func passesAxe(t *testing.T, ctx context.Context, axe, base, page string) {
	t.Helper()
	var violations []axeViolation
	run(t, ctx, "axe "+page, chromedp.Navigate(base+page), chromedp.WaitReady("footer", chromedp.ByQuery),
		chromedp.Evaluate(axe, nil),
		chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}).then(r => r.violations)`,
			&violations, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	for _, v := range violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("%s: %s (%s) %s: %s", page, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
	}
	assertFits(t, ctx, page, 1280)
}
