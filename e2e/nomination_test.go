package e2e_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// decide fills in a move's form on the nomination page the browser shows, sends
// it, and waits for the page to show the status the move leads to.
func decide(t *testing.T, ctx context.Context, move string, fields map[string]string, wantStatus string) {
	t.Helper()
	actions := []chromedp.Action{chromedp.WaitVisible(`#move-`+move+` button[type=submit]`, chromedp.ByQuery)}
	for name, v := range fields {
		actions = append(actions, chromedp.SetValue(`#move-`+move+` [name=`+name+`]`, v, chromedp.ByQuery))
	}
	// mark the page, so that the wait below is for the page the move answers with
	var ignored any
	actions = append(actions, chromedp.Evaluate(`document.body.dataset.before = '1'`, &ignored),
		chromedp.Click(`#move-`+move+` button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`body:not([data-before]) .nomination-facts`, chromedp.ByQuery))
	run(t, ctx, move, actions...)
	if st := texts(t, ctx, `.nomination-facts .krds-badge`); len(st) == 0 || st[0] != wantStatus {
		t.Fatalf("after %s: status %q, want %s (%q)", move, st, wantStatus, texts(t, ctx, `.form-alert`))
	}
}

// A nomination walked in the browser, with JavaScript and without: submitted,
// agreed to by the receiving ministry (받는 부처 동의, found on its
// workspace; axe on the page as it asks), returned by a reviewer and
// submitted and agreed to again, approved by both offices, started with its
// 발령일, extended by a request the receiving ministry agrees to and both
// offices approve, and ended with the 복귀 보직; axe finds nothing on the result.
func TestBrowserNominationReturnedApprovedAndTheExchangeLived(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		opts browserOptions
	}{{"javascript", browserOptions{timeout: 3 * time.Minute}}, {"no-javascript", browserOptions{noJS: true, timeout: 3 * time.Minute}}} {
		t.Run(mode.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
			pair := modelstest.Round2Pair(t, s, "moel", "mss")
			if _, err := s.SetRoundSelection(context.Background(), modelstest.As(t, s, "admin"), pair.RoundID,
				models.SelectionInput{ApprovalRule: string(models.ApproveEachOffice), Conditions: "최근 1년 징계 없음"}); err != nil {
				t.Fatal(err)
			}
			pairPath := "/pairs/" + strconv.FormatInt(pair.ID, 10)

			// mss nominates an exchangee with a companion into 고용부's position and submits.
			mss := newBrowser(t, mode.opts)
			browserLogin(t, mss, base, "mss", models.DemoPassword)
			fields := map[string]string{"#f-exchangee_name": modelstest.TestExchangee, "#f-current_position": "인력정책과 서기관",
				"#f-rank": "서기관", "#f-work_phone": modelstest.TestPhone, "#f-email": modelstest.TestEmail, "#f-planned_start": "2025-01-15",
				"#f-planned_end": "2026-01-14", "#f-statement": "중소기업 인력 지원 사업 연계",
				"#f-companion_name-0": modelstest.TestCompanion, "#f-companion_rank-0": "사무관", "#f-companion_role-0": "사업 실무"}
			fill := []chromedp.Action{chromedp.Navigate(base + pairPath),
				chromedp.Click(`.exchangee-slots a.krds-btn`, chromedp.ByQuery),
				chromedp.WaitVisible(`form.nomination-form #f-exchangee_name`, chromedp.ByQuery)}
			for sel, v := range fields {
				fill = append(fill, chromedp.SetValue(sel, v, chromedp.ByQuery))
			}
			fill = append(fill, tick(`input[name=condition]`),
				chromedp.Click(`form.nomination-form button[value=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.nomination-facts`, chromedp.ByQuery))
			run(t, mss, "nominate with a companion", fill...)
			nPath := pathname(t, mss)
			if st := texts(t, mss, `.nomination-facts .krds-badge`); len(st) == 0 || st[0] != "받는 부처 동의 대기" {
				t.Fatalf("after submitting: status %q", st)
			}
			if c := texts(t, mss, `table.companions tbody th`); len(c) != 1 || c[0] != modelstest.TestCompanion {
				t.Errorf("companions shown = %q", c)
			}

			// The reviewers have nothing to decide yet: 고용부, whose position it fills, agrees first.
			rev := newBrowser(t, mode.opts)
			browserLogin(t, rev, base, "reviewer", models.DemoPassword)
			if w := strings.Join(texts(t, rev, `.waiting-work`), " "); strings.Contains(w, "심사할 교류자 추천") {
				t.Errorf("the reviewer's workspace lists the nomination before the receiving ministry agreed: %q", w)
			}
			moel := newBrowser(t, mode.opts)
			browserLogin(t, moel, base, "moel", models.DemoPassword)
			consent := func(step string) {
				t.Helper()
				run(t, moel, step+": the workspace", chromedp.Navigate(base+"/workspace"), chromedp.WaitVisible(`.waiting-work`, chromedp.ByQuery))
				if w := strings.Join(texts(t, moel, `.waiting-work`), " "); !strings.Contains(w, "우리 부처의 동의를 기다리는 교류자 추천 1건") {
					t.Errorf("%s: moel's workspace: %q", step, w)
				}
				run(t, moel, step+": open the job", chromedp.Click(`.waiting-work a[href="`+nPath+`#move-consent"]`, chromedp.ByQuery),
					chromedp.WaitVisible(`#move-consent`, chromedp.ByQuery), chromedp.WaitVisible(`#move-decline`, chromedp.ByQuery))
				if st := texts(t, moel, `.nomination-facts .krds-badge`); len(st) == 0 || st[0] != "받는 부처 동의 대기" {
					t.Errorf("%s: the receiving ministry sees status %q", step, st)
				}
				if !mode.opts.noJS && step == "동의" { // axe needs scripts
					checkAxe(t, moel, axeSource(t), "a nomination waiting for the receiving ministry's consent")
				}
				decide(t, moel, "consent", nil, "심사 중")
			}
			consent("동의")

			// The 인사혁신처 reviewer finds it waiting, sees the contact masked, and returns it with a reason.
			run(t, rev, "reload the workspace", chromedp.Navigate(base+"/workspace"), chromedp.WaitVisible(`.waiting-work`, chromedp.ByQuery))
			if w := strings.Join(texts(t, rev, `.waiting-work`), " "); !strings.Contains(w, "심사할 교류자 추천 1건") {
				t.Errorf("the reviewer's workspace: %q", w)
			}
			if n := texts(t, rev, `.work-nav a[href="/workspace"] .nav-count`); len(n) != 1 || !strings.HasPrefix(n[0], "1") {
				t.Errorf("the menu count = %q, want 1", n)
			}
			run(t, rev, "open the waiting nomination", chromedp.Click(`.waiting-work a[href="`+nPath+`"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`#move-return`, chromedp.ByQuery))
			if body := strings.Join(texts(t, rev, `main`), ""); strings.Contains(body, modelstest.TestPhone) || strings.Contains(body, modelstest.TestEmail) {
				t.Error("the reviewer sees the contact details without asking for them")
			}
			decide(t, rev, "return", map[string]string{"reason": "현 직급 재직 기간 확인 필요"}, "반려")

			// mss sees the return waiting, reads the reason and submits again.
			run(t, mss, "open the workspace", chromedp.Navigate(base+"/workspace"), chromedp.WaitVisible(`#my-pairs`, chromedp.ByQuery))
			if w := strings.Join(texts(t, mss, `.waiting-work`), " "); !strings.Contains(w, "반려되어 다시 추천할 교류자 1건") {
				t.Errorf("mss's workspace after the return: %q", w)
			}
			run(t, mss, "resubmit", chromedp.Click(`.waiting-work a[href="`+nPath+`/edit"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.return-reason`, chromedp.ByQuery),
				chromedp.Click(`form.nomination-form button[value=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.nomination-facts`, chromedp.ByQuery))
			consent("다시 동의")

			// Both offices approve.
			run(t, rev, "reload", chromedp.Navigate(base+nPath))
			decide(t, rev, "approve", nil, "심사 중")
			if a := strings.Join(texts(t, rev, `.nomination-facts`), ""); !strings.Contains(a, "인사혁신처") {
				t.Errorf("the approval of 인사혁신처 is not shown: %q", a)
			}
			opc := newBrowser(t, mode.opts)
			browserLogin(t, opc, base, "reviewer-opc", models.DemoPassword)
			run(t, opc, "open the nomination", chromedp.Navigate(base+nPath))
			decide(t, opc, "approve", nil, "승인")

			// mss records the start with its 발령일 and 발령 문서번호, then asks for an extension.
			run(t, mss, "reload", chromedp.Navigate(base+nPath))
			decide(t, mss, "start", map[string]string{"date": "2025-01-20", "document_no": "인사발령 제2025-12호"}, "교류 중")
			if a := strings.Join(texts(t, mss, `.appointment`), ""); !strings.Contains(a, "2025-01-20") || !strings.Contains(a, "인사발령 제2025-12호") {
				t.Errorf("the 발령 as shown: %q", a)
			}
			decide(t, mss, "extend", map[string]string{"date": "2026-06-30", "reason": "과제 마무리"}, "교류 중")
			// 고용부, the receiving ministry, finds the request on its workspace and agrees.
			run(t, moel, "the workspace", chromedp.Navigate(base+"/workspace"), chromedp.WaitVisible(`.waiting-work`, chromedp.ByQuery))
			if w := strings.Join(texts(t, moel, `.waiting-work`), " "); !strings.Contains(w, "동의를 기다리는 교류 기간 연장 요청 1건") {
				t.Errorf("moel's workspace: %q", w)
			}
			run(t, moel, "open the nomination", chromedp.Navigate(base+nPath))
			decide(t, moel, "extend_agree", nil, "교류 중")
			// Both offices approve the extension; the end moves with the second.
			run(t, rev, "reload", chromedp.Navigate(base+nPath))
			decide(t, rev, "extend_approve", nil, "교류 중")
			run(t, opc, "reload", chromedp.Navigate(base+nPath))
			decide(t, opc, "extend_approve", nil, "교류 중 · 연장")
			if p := strings.Join(texts(t, opc, `.extensions`), ""); !strings.Contains(p, "2026-01-14 → 2026-06-30") {
				t.Errorf("the extension as shown: %q", p)
			}
			// mss records the 복귀 with the post the exchangee returns to.
			run(t, mss, "reload", chromedp.Navigate(base+nPath))
			decide(t, mss, "end", map[string]string{"date": "2026-06-30", "return_post": "중소벤처기업부 인력정책과장"}, "복귀")
			if r := strings.Join(texts(t, mss, `.return`), ""); !strings.Contains(r, "복귀 보직 중소벤처기업부 인력정책과장") {
				t.Errorf("the 복귀 as shown: %q", r)
			}
			if !mode.opts.noJS { // axe needs scripts
				checkAxe(t, mss, axeSource(t), "the nomination after 복귀")
			}
			adm := newBrowser(t, mode.opts)
			browserLogin(t, adm, base, "admin", models.DemoPassword)
			run(t, adm, "open the nomination", chromedp.Navigate(base+nPath), chromedp.WaitVisible(`.nomination-facts`, chromedp.ByQuery))
			want := []string{"작성→작성 중", "제출→받는 부처 동의 대기", "동의→심사 중", "반려→반려", "제출→받는 부처 동의 대기", "동의→심사 중", "승인→심사 중", "승인→승인", "교류 시작→교류 중",
				"연장 요청→교류 중", "연장 동의→교류 중", "연장 승인→교류 중", "연장 승인→교류 중 · 연장", "복귀→복귀"}
			if got := historySteps(t, adm); !slices.Equal(got, want) {
				t.Errorf("history = %q\nwant %q", got, want)
			}
			screenshot(t, adm, "nomination")
			run(t, adm, "open the audit log", chromedp.Navigate(base+"/admin/audit?record_type=nomination"),
				chromedp.WaitVisible(`main table`, chromedp.ByQuery))
			if n := count(t, adm, `main table tbody tr`); n < 9 {
				t.Errorf("the audit log shows %d nomination events, want each step", n)
			}

			// The receiving ministry sees who came, never the contact details.
			run(t, moel, "open the nomination", chromedp.Navigate(base+nPath), chromedp.WaitVisible(`.nomination-facts`, chromedp.ByQuery))
			if body := strings.Join(texts(t, moel, `main`), ""); strings.Contains(body, modelstest.TestPhone) || strings.Contains(body, "연락처 보기") {
				t.Error("the receiving ministry sees the contact details or a link to them")
			}
		})
	}
}
