package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// tab is one signed-in browser tab driving the pair page as a person would.
// With JavaScript it also proves the page never reloads: a marker set on the
// window must survive every step.
type tab struct {
	t   *testing.T
	ctx context.Context
	js  bool
}

// run performs a step's actions, failing the test with the step's name.
func (b tab) run(step string, actions ...chromedp.Action) {
	b.t.Helper()
	// Each person's tab is a window of the package's one Chromium: the one
	// acting is in front, as a person's own browser is.
	actions = append([]chromedp.Action{page.BringToFront()}, actions...)
	if b.js {
		// Let htmx finish settling the last swap (and process the new content's
		// hx- attributes) before the next click.
		actions = append([]chromedp.Action{chromedp.Poll(
			`!document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')`, nil,
			chromedp.WithPollingInterval(20*time.Millisecond))}, actions...)
	}
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// text is the trimmed text of the first element matching sel.
func (b tab) text(sel string) string {
	b.t.Helper()
	var s string
	b.run("read "+sel, chromedp.Evaluate(fmt.Sprintf(`(document.querySelector(%q)?.textContent ?? '').trim()`, sel), &s))
	return s
}

// open loads a page; with JavaScript it checks htmx loaded and sets the marker.
func (b tab) open(url, ready string) {
	b.t.Helper()
	b.run("open "+url, chromedp.Navigate(url), shown(ready))
	if !b.js {
		return
	}
	var htmx bool
	b.run("mark the page", chromedp.Evaluate(`window.__marker = 1; typeof window.htmx === 'object'`, &htmx))
	if !htmx {
		b.t.Fatal("htmx did not load")
	}
}

// answered checks how the last step was answered: with JavaScript, by an htmx
// request to path with the given status and no page load; without, by a page
// load that ended at path with the given status.
func (b tab) answered(step, path string, status int) {
	b.t.Helper()
	var got struct {
		Marker bool   `json:"marker"`
		Path   string `json:"path"`
		Status int    `json:"status"`
	}
	b.run(step, chromedp.Evaluate(fmt.Sprintf(`(() => {
		const xhr = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'xmlhttprequest' && new URL(e.name).pathname === %q);
		const nav = performance.getEntriesByType('navigation')[0];
		return {marker: window.__marker === 1, path: location.pathname,
			status: %v ? (xhr.length ? xhr[xhr.length - 1].responseStatus : 0) : nav.responseStatus};
	})()`, path, b.js), &got))
	switch {
	case b.js && !got.Marker:
		b.t.Errorf("%s: the page reloaded instead of swapping in place", step)
	case !b.js && got.Path != path:
		b.t.Errorf("%s: the browser is at %s, want %s", step, got.Path, path)
	}
	if got.Status != status {
		b.t.Errorf("%s: answered %d, want %d", step, got.Status, status)
	}
}

// emptyField empties a field (chromedp.SetValue refuses an empty value).
func emptyField(sel string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).value = ''`, sel), nil)
}

func TestBrowserTaskEditingInPlaceAndWithoutJavaScript(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		js   bool
	}{{"htmx", true}, {"nojs", false}} {
		t.Run(mode.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
			pairPath := "/pairs/" + strconv.FormatInt(modelstest.Round2Pair(t, s, "moel", "mss").ID, 10)

			moel := tab{t: t, ctx: newBrowser(t, browserOptions{noJS: !mode.js}), js: mode.js}
			browserLogin(t, moel.ctx, base, "moel", models.DemoPassword)
			moel.open(base+pairPath, "section#tasks")
			var before int
			moel.run("count tasks", chromedp.Evaluate(`document.querySelectorAll('#task-list > article.task-item').length`, &before))

			// 과제 추가: the form opens under the list, and the saved task is appended to it.
			moel.run("open the add form",
				chromedp.Click(`#task-new a.krds-btn`, chromedp.ByQuery),
				shown(`form#task-new-form`),
			)
			moel.answered("open the add form", pairPath+"/tasks/new", http.StatusOK)
			moel.run("add a task",
				chromedp.SendKeys(`#f-task-new-title`, "중소기업 현장 인력 공동 발굴", chromedp.ByQuery),
				chromedp.SendKeys(`#f-task-new-description`, "고용센터 구인 정보를 중소기업 지원 사업과 잇는다.", chromedp.ByQuery),
				chromedp.SetValue(`#f-task-new-category`, "public_benefit", chromedp.ByQuery),
				chromedp.Click(`form#task-new-form button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(fmt.Sprintf(`#task-list > article.task-item:nth-of-type(%d)`, before+1), chromedp.ByQuery),
			)
			var taskID string
			moel.run("read the new task's id", chromedp.Evaluate(`document.querySelector('#task-list > article.task-item:last-of-type').id`, &taskID))
			if mode.js {
				moel.answered("add a task", pairPath+"/tasks", http.StatusOK)
			} else {
				moel.answered("add a task", pairPath, http.StatusOK) // after 303 See Other
			}
			if got := moel.text("#" + taskID + " h3"); got != "중소기업 현장 인력 공동 발굴" {
				t.Fatalf("the new task's title reads %q", got)
			}
			id := taskID[len("task-"):]

			// 성과 추가: a metric outcome, shown with its before and after bars.
			if mode.js {
				moel.run("open the outcome form",
					chromedp.Click("#"+taskID+"-outcome-new a.krds-btn", chromedp.ByQuery),
					shown("form#"+taskID+"-outcome-new-form"),
				)
			} else {
				// Without JavaScript the link is a plain GET: follow its address. (A click
				// right after the 303 that added the task sometimes never reached the
				// browser's new document under -race, and the step waited forever.)
				var href string
				moel.run("read the outcome link", chromedp.Evaluate(`document.querySelector('#`+taskID+`-outcome-new a.krds-btn').href`, &href))
				moel.open(href, "form#"+taskID+"-outcome-new-form")
			}
			field := func(name string) string { return "#f-" + taskID + "-outcome-new-" + name }
			moel.run("add a metric outcome",
				chromedp.SetValue(field("kind"), "metric", chromedp.ByQuery),
				chromedp.SendKeys(field("summary"), "구인 충원 기간이 절반으로 줄었다.", chromedp.ByQuery),
				chromedp.SendKeys(field("label"), "평균 충원 기간", chromedp.ByQuery),
				chromedp.SendKeys(field("value_before"), "62", chromedp.ByQuery),
				chromedp.SendKeys(field("period_before"), "2023년", chromedp.ByQuery),
				chromedp.SendKeys(field("value_after"), "31", chromedp.ByQuery),
				chromedp.SendKeys(field("period_after"), "2024년", chromedp.ByQuery),
				chromedp.SetValue(field("better"), "lower", chromedp.ByQuery),
				chromedp.SendKeys(field("unit"), "일", chromedp.ByQuery),
				chromedp.Click("form#"+taskID+"-outcome-new-form button[type=submit]", chromedp.ByQuery),
				shown("#"+taskID+"-outcomes > li.outcome-item figure.metric svg.metric-bars"),
			)
			if mode.js {
				moel.answered("add a metric outcome", "/tasks/"+id+"/outcomes", http.StatusOK)
			} else {
				moel.answered("add a metric outcome", "/tasks/"+id, http.StatusOK) // the task's page
			}
			if got := moel.text("#" + taskID + "-outcomes .metric-label"); got != "평균 충원 기간 50% 감소 (공개된 두 수치로 계산)" {
				t.Errorf("the metric reads %q", got)
			}
			if !mode.js { // back to the pair page, where the task is edited
				moel.open(base+pairPath, "#"+taskID)
			}
			screenshot(t, moel.ctx, "pair-with-task")

			// 수정 → an empty title → the message by the field, in place.
			edit := "#" + taskID + "-form"
			moel.run("open the edit form",
				chromedp.Click("#"+taskID+" a[aria-label^='수정:']", chromedp.ByQuery),
				shown(edit),
			)
			moel.answered("open the edit form", "/tasks/"+id+"/edit", http.StatusOK)
			screenshot(t, moel.ctx, "edit-form")
			moel.run("save an empty title",
				emptyField("#f-"+taskID+"-title"),
				chromedp.Click(edit+" button[type=submit]", chromedp.ByQuery),
				shown("#f-"+taskID+"-title-error"),
			)
			moel.answered("save an empty title", "/tasks/"+id, http.StatusUnprocessableEntity)
			if got := moel.text("#f-" + taskID + "-title-error"); got != "과제명을 입력해 주십시오." {
				t.Errorf("the title's message reads %q", got)
			}
			screenshot(t, moel.ctx, "validation-error")

			// 저장 with a good title swaps the row back, showing it.
			showing := "article#" + taskID + ".task-item:not(.editing):not(.conflict)"
			moel.run("save a new title",
				chromedp.SetValue("#f-"+taskID+"-title", "중소기업 현장 인력 공동 발굴·매칭", chromedp.ByQuery),
				chromedp.Click(edit+" button[type=submit]", chromedp.ByQuery),
				shown(showing),
			)
			if mode.js {
				moel.answered("save a new title", "/tasks/"+id, http.StatusOK)
			} else {
				moel.answered("save a new title", pairPath, http.StatusOK)
			}
			if got := moel.text(showing + " h3"); got != "중소기업 현장 인력 공동 발굴·매칭" {
				t.Errorf("the saved row's title reads %q", got)
			}

			// Two people open the same task; the first saves, the second gets the conflict view.
			mss := tab{t: t, ctx: newBrowser(t, browserOptions{noJS: !mode.js}), js: mode.js}
			browserLogin(t, mss.ctx, base, "mss", models.DemoPassword)
			mss.open(base+pairPath, "#"+taskID)
			for _, b := range []tab{moel, mss} {
				b.run("open the edit form",
					chromedp.Click("#"+taskID+" a[aria-label^='수정:']", chromedp.ByQuery),
					shown(edit),
				)
			}
			moel.run("the first saves",
				chromedp.SetValue("#f-"+taskID+"-title", "고용부가 먼저 저장한 제목", chromedp.ByQuery),
				chromedp.Click(edit+" button[type=submit]", chromedp.ByQuery),
				shown(showing),
			)
			conflict := "article#" + taskID + ".conflict table.conflict-table"
			mss.run("the second saves",
				chromedp.SetValue("#f-"+taskID+"-title", "중기부가 나중에 저장한 제목", chromedp.ByQuery),
				chromedp.SetValue("#f-"+taskID+"-progress", "40", chromedp.ByQuery),
				chromedp.Click(edit+" button[type=submit]", chromedp.ByQuery),
				shown(conflict),
			)
			mss.answered("the second saves", "/tasks/"+id, http.StatusConflict)
			theirs, yours := mss.text(conflict+" tbody tr.differs td.theirs"), mss.text(conflict+" tbody tr.differs td.yours")
			if theirs != "고용부가 먼저 저장한 제목" || yours != "중기부가 나중에 저장한 제목" {
				t.Errorf("the conflict view shows %q (theirs) next to %q (yours)", theirs, yours)
			}
			screenshot(t, mss.ctx, "conflict")

			// Reapplying: the form holds the second person's values on the new version.
			mss.run("reapply mine",
				chromedp.Click(edit+" button[type=submit]", chromedp.ByQuery),
				shown(showing),
			)
			if got := mss.text(showing + " h3"); got != "중기부가 나중에 저장한 제목" {
				t.Errorf("after reapplying the title reads %q", got)
			}
			if got := mss.text(showing + " .task-progress-value"); got != "40%" {
				t.Errorf("after reapplying the progress reads %q", got)
			}
			var version string
			mss.run("read the version", chromedp.AttributeValue(showing, "data-version", &version, nil, chromedp.ByQuery))
			if version != "4" { // created 1, renamed 2, first save 3, reapplied 4
				t.Errorf("the task is at version %s, want 4", version)
			}
		})
	}
}

// fits checks the page is no wider than the screen.
func (b tab) fits(page string) {
	b.t.Helper()
	var overflow int
	b.run("measure "+page, chromedp.Evaluate(`document.documentElement.scrollWidth - window.innerWidth`, &overflow))
	if overflow > 0 {
		b.t.Errorf("%s is %dpx wider than the screen", page, overflow)
	}
}

func TestBrowserTaskPagesFitPhonesAndDesktops(t *testing.T) {
	t.Parallel()
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 360, 740}, {"desktop", 1280, 900}} {
		t.Run(size.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
			ctx := context.Background()
			pairID := modelstest.Round2Pair(t, s, "moel", "mss").ID
			task, err := s.CreateTask(ctx, models.System, pairID, models.TaskInput{
				Title: "중소기업 현장 인력 공동 발굴과 고용센터 구인 정보 연계", Description: "고용센터 구인 정보를 중소기업 지원 사업과 잇고, 두 부처 지방 조직이 함께 현장을 찾는다.",
				Category: "public_benefit", Status: "discovered", NationalAgenda: "중소기업 인력난 해소", StartsOn: "2025-03-01", DueOn: "2025-12-31", Progress: "35"})
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range []models.OutcomeInput{
				{Kind: "metric", Summary: "구인 충원 기간이 절반으로 줄었다.", Label: "평균 충원 기간", ValueBefore: "62", PeriodBefore: "2023년",
					ValueAfter: "31", PeriodAfter: "2024년", Better: "lower", Unit: "일", EvidenceURL: "https://www.moel.go.kr/"},
				{Kind: "metric", Summary: "매칭된 구직자가 세 배 가까이 늘었다.", Label: "매칭 구직자 수", ValueBefore: "1,240", PeriodBefore: "2023년",
					ValueAfter: "3,560", PeriodAfter: "2024. 12. 31. 기준", Better: "higher", Unit: "명"},
				{Kind: "amount", Summary: "채용 광고비 절감", Label: "채용 광고비", Amount: "12.5", Unit: "억원"},
				{Kind: "narrative", Summary: "두 부처 지방 조직이 매달 합동 현장 간담회를 연다."},
			} {
				if _, err := s.CreateOutcome(ctx, models.System, task.ID, in); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.CreateTask(ctx, models.System, pairID, models.TaskInput{
				Title: "창업기업 고용 지원 제도 통합 안내", Category: "administrative_efficiency", Status: "discovered", Progress: "0"}); err != nil {
				t.Fatal(err)
			}
			taskID := "task-" + strconv.FormatInt(task.ID, 10)
			pairPath := "/pairs/" + strconv.FormatInt(pairID, 10)

			moel := tab{t: t, ctx: newBrowser(t, browserOptions{width: size.width, height: size.height}), js: true}
			browserLogin(t, moel.ctx, base, "moel", models.DemoPassword)
			moel.open(base+pairPath, "#"+taskID+" figure.metric")
			moel.fits("the pair page")
			screenshot(t, moel.ctx, "pair")

			edit := "#" + taskID + "-form"
			moel.run("open the edit form",
				chromedp.Click("#"+taskID+" a[aria-label^='수정:']", chromedp.ByQuery),
				shown(edit),
			)
			moel.fits("the edit form")
			screenshot(t, moel.ctx, "edit")
			moel.run("save an empty title",
				emptyField("#f-"+taskID+"-title"),
				chromedp.Click(edit+" button[type=submit]", chromedp.ByQuery),
				shown("#f-"+taskID+"-title-error"),
			)
			moel.fits("the form with its errors")
			screenshot(t, moel.ctx, "invalid")

			// Someone else saves meanwhile; this save then meets the conflict view.
			theirs := task.InputOf()
			theirs.Title, theirs.Status, theirs.Progress = "중소기업 인력 공동 발굴(중기부 수정)", "in_progress", "50"
			if _, err := s.UpdateTask(ctx, models.System, task.ID, theirs); err != nil {
				t.Fatal(err)
			}
			moel.run("save over their change",
				chromedp.SetValue("#f-"+taskID+"-title", "중소기업 현장 인력 공동 발굴(고용부 수정)", chromedp.ByQuery),
				chromedp.Click(edit+" button[type=submit]", chromedp.ByQuery),
				shown("article#"+taskID+".conflict table.conflict-table"),
			)
			moel.fits("the conflict view")
			screenshot(t, moel.ctx, "conflict")

			moel.open(base+pairPath, "#"+taskID)
			moel.run("open the outcome form",
				chromedp.Click("#"+taskID+"-outcome-new a.krds-btn", chromedp.ByQuery),
				shown("form#"+taskID+"-outcome-new-form"),
			)
			moel.fits("the outcome form")
			screenshot(t, moel.ctx, "outcome-form")

			admin := tab{t: t, ctx: newBrowser(t, browserOptions{width: size.width, height: size.height}), js: true}
			browserLogin(t, admin.ctx, base, "admin", models.DemoPassword)
			for _, p := range []struct{ name, path, ready string }{
				{"publish-preview", "/tasks/" + strconv.FormatInt(task.ID, 10) + "/publish", "main form"},
				{"task-history", "/tasks/" + strconv.FormatInt(task.ID, 10), "#" + taskID},
				{"progress", "/progress", "main table"},
			} {
				admin.open(base+p.path, p.ready)
				admin.fits(p.path)
				screenshot(t, admin.ctx, p.name)
			}
		})
	}
}

// shown waits until an element matching sel is in the page and displayed. It
// asks the page itself every 50 ms rather than following DOM events
// (chromedp.WaitVisible), which can miss an element that an htmx swap brought
// in; an answer lost to a navigation (JavaScript off) is simply asked again.
func shown(sel string) chromedp.Action {
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); return !!el && el.getClientRects().length > 0; })()`, sel)
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			var ok bool
			if err := chromedp.Evaluate(js, &ok).Do(ctx); err == nil && ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

// tick checks the checkbox sel as a person does, by clicking it, and holds
// until it is checked: a click computed before the web fonts have swapped in
// can land beside a box that the new line heights moved, so the fonts are
// awaited first and a click that left the box unchecked is made again.
func tick(sel string) chromedp.Action {
	checked := fmt.Sprintf(`document.querySelector(%q)?.checked === true`, sel)
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.Evaluate(`document.fonts.ready.then(() => true)`, nil, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}).Do(ctx); err != nil {
			return err
		}
		for attempt := 0; attempt < 3; attempt++ {
			if err := chromedp.Click(sel, chromedp.ByQuery).Do(ctx); err != nil {
				return err
			}
			deadline := time.Now().Add(2 * time.Second)
			for time.Now().Before(deadline) {
				var ok bool
				if err := chromedp.Evaluate(checked, &ok).Do(ctx); err == nil && ok {
					return nil
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		return fmt.Errorf("%s stayed unchecked after three clicks", sel)
	})
}
