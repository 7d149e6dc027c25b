package e2e_test

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// An administrator publishes a finalized cycle's grade distribution from its
// preview and withdraws it again, with plain forms: with JavaScript and
// without. The preview and the withdrawal page pass axe.
func TestBrowserAnAdministratorPublishesAndWithdrawsAGradeDistribution(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		opts browserOptions
	}{{"javascript", browserOptions{}}, {"no-javascript", browserOptions{noJS: true}}} {
		t.Run(mode.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{})
			cycle := "/evaluations/" + strconv.FormatInt(modelstest.FinalizedCycle(t, s).ID, 10)
			ctx := newBrowser(t, mode.opts)
			browserLogin(t, ctx, base, "admin", models.DemoPassword)
			shown := func(step string, want int) {
				t.Helper()
				run(t, ctx, "open / "+step, chromedp.Navigate(base+"/"), chromedp.WaitReady("footer", chromedp.ByQuery))
				if n := count(t, ctx, ".grade-distribution"); n != want {
					t.Errorf("%s: / shows %d grade distributions, want %d", step, n, want)
				}
			}
			shown("before 공개", 0)

			run(t, ctx, "open the preview", chromedp.Navigate(base+cycle), chromedp.Click(`a.grades-publish`, chromedp.ByQuery),
				chromedp.WaitVisible(`form[action$="/grades/publish"]`, chromedp.ByQuery))
			if n := count(t, ctx, ".publish-preview .grade-table tbody tr"); n != 4 {
				t.Errorf("the preview shows %d grades, want 4", n)
			}
			if mode.name == "javascript" {
				checkAxe(t, ctx, axeSource(t), "the grade distribution's preview")
			}
			run(t, ctx, "공개", chromedp.Click(`form[action$="/grades/publish"] button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`a.grades-publish`, chromedp.ByQuery))
			statusAfter(t, ctx, "공개", "등급 분포를 공개했습니다. 공개 누리집과 공개 자료에 나타납니다.")
			shown("after 공개", 1)

			run(t, ctx, "open the withdrawal", chromedp.Navigate(base+cycle+"/grades/publish"),
				chromedp.WaitVisible(`form[action$="/grades/withdraw"]`, chromedp.ByQuery))
			if mode.name == "javascript" {
				checkAxe(t, ctx, axeSource(t), "the grade distribution's withdrawal")
			}
			run(t, ctx, "공개 취소", chromedp.Click(`form[action$="/grades/withdraw"] button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`a.grades-publish`, chromedp.ByQuery))
			statusAfter(t, ctx, "공개 취소", "등급 분포 공개를 취소했습니다. 공개 누리집과 공개 자료에서 내려갔습니다.")
			shown("after 공개 취소", 0)
		})
	}
}
