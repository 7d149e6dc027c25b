package e2e_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// assertFits fails when the page is wider than the screen: wide tables must
// scroll inside their .krds-table-wrap, never the page.
func assertFits(t *testing.T, ctx context.Context, page string, width int64) {
	t.Helper()
	var overflow int
	var culprits []string
	run(t, ctx, "measure "+page,
		chromedp.Evaluate(`document.documentElement.scrollWidth - window.innerWidth`, &overflow),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('body *')).filter(e => {
			if (e.closest('.krds-table-wrap, .sr-only')) return false;
			const r = e.getBoundingClientRect();
			return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
		}).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''))`, &culprits),
	)
	if overflow > 0 || len(culprits) > 0 {
		t.Errorf("%s is %dpx wider than a %dpx screen; sticking out: %q", page, overflow, width, culprits)
	}
}

// TestBrowserWorkPagesFitPhonesAndDesktops opens issue 4's pages at a phone's
// and a desktop's width, checks none overflows and saves their screenshots.
func TestBrowserWorkPagesFitPhonesAndDesktops(t *testing.T) {
	t.Parallel()
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 360, 740}, {"desktop", 1280, 900}} {
		t.Run(size.name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
			round := modelstest.OpenRound(t, s, 3)
			pair := modelstest.Propose(t, s, "moel", "mss", round.ID)
			if _, err := s.ChangePairStatus(t.Context(), modelstest.As(t, s, "mss"), pair.ID, models.PairAgreed, ""); err != nil {
				t.Fatal(err)
			}
			empty, err := s.CreateRound(t.Context(), modelstest.As(t, s, "admin"), models.RoundInput{Number: "4", Title: "4차 전략적 인사교류"})
			if err != nil {
				t.Fatal(err)
			}
			pairPath, roundPath, emptyPath := "/pairs/"+strconv.FormatInt(pair.ID, 10), "/admin/rounds/"+strconv.FormatInt(round.ID, 10), "/admin/rounds/"+strconv.FormatInt(empty.ID, 10)

			moel := newBrowser(t, browserOptions{width: size.width, height: size.height})
			browserLogin(t, moel, base, "moel", models.DemoPassword)
			run(t, moel, "open the proposal form", chromedp.Navigate(base+"/pairs/new"), chromedp.WaitVisible(`#f-theme`, chromedp.ByQuery))
			assertFits(t, moel, "/pairs/new", size.width)
			screenshot(t, moel, "proposal-form")

			admin := newBrowser(t, browserOptions{width: size.width, height: size.height})
			browserLogin(t, admin, base, "admin", models.DemoPassword)
			for _, p := range []struct{ name, path, waitFor string }{
				{"pairs", "/pairs", `table.pair-list`},
				{"pair-workflow", pairPath, `form[action="` + pairPath + `/select"]`},
				{"rounds", "/admin/rounds", `main table tbody tr`},
				{"round", roundPath, `table.round-counts`},
				{"ministries", "/admin/ministries", `main table tbody tr`},
			} {
				run(t, admin, "open "+p.path, chromedp.Navigate(base+p.path), chromedp.WaitVisible(p.waitFor, chromedp.ByQuery))
				assertFits(t, admin, p.path, size.width)
				screenshot(t, admin, p.name)
			}

			uploadInBrowser(t, admin, base, emptyPath, writeXLSX(t, "2차_대상직위.xlsx", modelstest.Round2))
			assertFits(t, admin, "the import preview", size.width)
			screenshot(t, admin, "import-preview")
			uploadInBrowser(t, admin, base, emptyPath, writeXLSX(t, "broken.xlsx", [][]string{
				{"1", "주무관급", "", "없는부 (아주 긴 직위명을 가진 어느 과장)", "고용부 (과장)"},
				{"1", "", "같은 부처 두 번", "국방부 (과장)", "국방부 (다른 과장)"},
			}))
			if count(t, admin, `table.import-preview .row-errors li`) == 0 {
				t.Error("the broken file's preview shows no errors")
			}
			assertFits(t, admin, "the broken import preview", size.width)
			screenshot(t, admin, "import-preview-broken")
		})
	}
}
