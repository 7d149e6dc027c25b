package e2e_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// A reviewer downloads a round's exchangees, JavaScript on and off: a blank
// reason is answered with the message by the field (the page titled "오류:",
// its summary focused, axe 0 with JavaScript), and a reason gets the file,
// with one access record holding that reason.
func TestBrowserADownloadOfExchangeesAsksWhy(t *testing.T) {
	t.Parallel()
	axe := axeSource(t)
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
	pair := modelstest.Round2Pair(t, s, "moel", "mss")
	if _, err := s.CreateNomination(t.Context(), actorOf(t, s, "mss"), pair.ID, pair.PositionAID, modelstest.TestNomination(true)); err != nil {
		t.Fatal(err)
	}
	page := "/admin/rounds/" + strconv.FormatInt(pair.RoundID, 10) + "/nominations"
	for _, js := range []bool{true, false} {
		ctx := newBrowser(t, browserOptions{noJS: !js, timeout: 90 * time.Second})
		browserLogin(t, ctx, base, "reviewer", models.DemoPassword)
		run(t, ctx, "open the download's page", chromedp.Navigate(base+page), chromedp.WaitReady("footer", chromedp.ByQuery),
			browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(t.TempDir()))
		var message, title string
		var focused bool
		run(t, ctx, "send a blank reason",
			chromedp.SendKeys(`#f-reason`, "  ", chromedp.ByQuery),
			chromedp.Click(`main form button[type=submit]`, chromedp.ByQuery),
			chromedp.WaitVisible(`#f-reason-error`, chromedp.ByQuery),
			chromedp.Text(`#f-reason-error`, &message, chromedp.ByQuery),
			chromedp.Title(&title))
		if !strings.Contains(message, "내려받는 사유를 입력해 주십시오") || !strings.HasPrefix(title, "오류:") {
			t.Errorf("JavaScript %v: a blank reason reads %q under the title %q", js, message, title)
		}
		if js {
			run(t, ctx, "where the focus is", chromedp.Evaluate(`document.activeElement.classList.contains('form-alert')`, &focused))
			if !focused {
				t.Error("the error summary does not hold the focus")
			}
			checkAxe(t, ctx, axe, "the download refused without a reason")
		}
		reason := "교류자 현황 보고 (JavaScript " + strconv.FormatBool(js) + ")"
		run(t, ctx, "send a reason",
			chromedp.Navigate(base+page), chromedp.WaitReady("footer", chromedp.ByQuery),
			chromedp.SendKeys(`#f-reason`, reason, chromedp.ByQuery),
			chromedp.Click(`main form button[type=submit]`, chromedp.ByQuery))
		deadline := time.Now().Add(10 * time.Second)
		var n int64
		for time.Now().Before(deadline) {
			if err := s.DB().Model(&models.AccessRecord{}).Where("kind = ? AND reason = ?", models.AccessExport, reason).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if n != 1 {
			t.Errorf("JavaScript %v: %d access records of the download with its reason, want 1", js, n)
		}
	}
}
