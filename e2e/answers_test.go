package e2e_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// statusAfter checks the page a move led to: its status line says want and
// holds the focus, so a screen reader reads it first.
func statusAfter(t *testing.T, ctx context.Context, step, want string) {
	t.Helper()
	var got string
	var focused bool
	run(t, ctx, step+": read the status line", chromedp.WaitVisible(`#flash[role="status"]`, chromedp.ByQuery),
		chromedp.Text(`#flash`, &got, chromedp.ByQuery),
		chromedp.Evaluate(`document.activeElement === document.getElementById('flash')`, &focused))
	if strings.TrimSpace(got) != want {
		t.Errorf("%s: the status line says %q, want %q", step, strings.TrimSpace(got), want)
	}
	if !focused {
		t.Errorf("%s: the focus is not on the status line", step)
	}
}

// After 제출, 반려 and 승인 the page says what happened and what comes next,
// with the focus on it; a decision another reviewer overtook lands on the
// nomination as it now is, never on the move's address; a 반려 without a
// reason answers with "오류:" in the title and the focus on the summary.
func TestBrowserEveryMoveAnswersAndAnOvertakenDecisionShowsTheRecordAsItIs(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		opts browserOptions
	}{{"javascript", browserOptions{}}, {"no-javascript", browserOptions{noJS: true}}} {
		t.Run(mode.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{})
			pair := modelstest.Round2Pair(t, s, "moel", "mss")
			if _, err := s.SetRoundSelection(context.Background(), modelstest.As(t, s, "admin"), pair.RoundID,
				models.SelectionInput{ApprovalRule: string(models.ApproveEachOffice)}); err != nil {
				t.Fatal(err)
			}
			n, err := s.CreateNomination(context.Background(), modelstest.As(t, s, "mss"), pair.ID, pair.PositionAID, modelstest.TestNomination(false))
			if err != nil {
				t.Fatal(err)
			}
			nPath := "/nominations/" + strconv.FormatInt(n.ID, 10)

			// 제출, from the draft on 처리할 일.
			mss := newBrowser(t, mode.opts)
			browserLogin(t, mss, base, "mss", models.DemoPassword)
			run(t, mss, "submit the draft", chromedp.Click(`.waiting-work a[href="`+nPath+`/edit"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`form.nomination-form`, chromedp.ByQuery),
				chromedp.Click(`form.nomination-form button[value=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.nomination-facts`, chromedp.ByQuery))
			statusAfter(t, mss, "제출", "교류자 추천을 제출했습니다. 받는 부처(고용부)의 동의를 기다립니다. 동의하면 심사가 시작됩니다.")

			// 고용부, whose position it fills, agrees; the reviewers decide after.
			moel := newBrowser(t, mode.opts)
			browserLogin(t, moel, base, "moel", models.DemoPassword)
			run(t, moel, "open the nomination", chromedp.Navigate(base+nPath))
			decide(t, moel, "consent", nil, "심사 중")
			statusAfter(t, moel, "동의", "동의했습니다. 인사혁신처와 국무조정실 승인을 기다립니다.")

			// Both reviewers open it; 국무조정실 returns it while 인사혁신처 still reads it.
			mpm, opc := newBrowser(t, mode.opts), newBrowser(t, mode.opts)
			browserLogin(t, mpm, base, "reviewer", models.DemoPassword)
			browserLogin(t, opc, base, "reviewer-opc", models.DemoPassword)
			run(t, mpm, "open the nomination", chromedp.Navigate(base+nPath), chromedp.WaitVisible(`#move-approve`, chromedp.ByQuery))
			run(t, opc, "open the nomination", chromedp.Navigate(base+nPath), chromedp.WaitVisible(`#move-return`, chromedp.ByQuery))

			// A 반려 without a reason: 422, "오류:" in the title, the focus on the error summary.
			var ignored any
			// (the browser's own check of required fields set aside, as an older browser would)
			run(t, opc, "return without a reason", chromedp.Evaluate(`document.body.dataset.before = '1'; document.getElementById('move-return').noValidate = true`, &ignored),
				chromedp.Click(`#move-return button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.form-alert`, chromedp.ByQuery))
			var title string
			var onSummary bool
			run(t, opc, "read title and focus", chromedp.Title(&title),
				chromedp.Evaluate(`!!document.activeElement && !!document.activeElement.closest('.form-alert')`, &onSummary))
			if !strings.HasPrefix(title, "오류:") && mode.opts.noJS {
				t.Errorf("after a 반려 without a reason the title is %q, want it to start with 오류:", title)
			}
			if !onSummary {
				t.Error("after a 반려 without a reason the focus is not on the error summary")
			}
			run(t, opc, "open the nomination again", chromedp.Navigate(base+nPath), chromedp.WaitVisible(`#move-return`, chromedp.ByQuery))
			decide(t, opc, "return", map[string]string{"reason": "현 직급 재직 기간 확인 필요"}, "반려")
			statusAfter(t, opc, "반려", "반려했습니다. 중기부가 사유를 확인하고 다시 추천합니다.")

			// 인사혁신처 approves what it saw: overtaken, it lands on the record as it is now.
			decide(t, mpm, "approve", nil, "반려")
			if p := pathname(t, mpm); p != nPath {
				t.Errorf("after the overtaken approval the browser is on %s, want %s", p, nPath)
			}
			var said string
			run(t, mpm, "read the status line", chromedp.Text(`#flash`, &said, chromedp.ByQuery))
			if !strings.Contains(said, "먼저 반려했습니다. 지금 상태: 반려. 승인은 기록되지 않았습니다.") {
				t.Errorf("the overtaken approval says %q", said)
			}
			statusAfter(t, mpm, "승인 (앞지름)", strings.TrimSpace(said))
			if count(t, mpm, `#move-approve, #move-return`) != 0 {
				t.Error("the page after the overtaken approval still offers 승인 or 반려")
			}
			if h := strings.Join(historySteps(t, mpm), " "); !strings.Contains(h, "반려→반려") {
				t.Errorf("the history after the overtaken approval lacks the 반려: %q", h)
			}

			// mss submits again; both offices approve, each told what comes next.
			run(t, mss, "resubmit", chromedp.Navigate(base+nPath+"/edit"), chromedp.WaitVisible(`.return-reason`, chromedp.ByQuery),
				chromedp.Click(`form.nomination-form button[value=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.nomination-facts`, chromedp.ByQuery))
			modelstest.Consent(t, s, n) // agreed to again (the browser's 동의 is above)
			run(t, mpm, "reload", chromedp.Navigate(base+nPath))
			decide(t, mpm, "approve", nil, "심사 중")
			statusAfter(t, mpm, "인사혁신처 승인", "승인했습니다. 국무조정실 승인을 기다립니다.")
			if f := strings.Join(texts(t, mpm, `.nomination-facts`), " "); !strings.Contains(f, "국무조정실 승인 대기") {
				t.Errorf("the missing approval is not spelled out: %q", f)
			}
			run(t, opc, "reload", chromedp.Navigate(base+nPath))
			decide(t, opc, "approve", nil, "승인")
			statusAfter(t, opc, "국무조정실 승인", "승인했습니다. 승인이 끝났습니다. 중기부가 교류 시작을 기록합니다.")
			screenshot(t, opc, "nomination-approved-"+mode.name)
		})
	}
}
