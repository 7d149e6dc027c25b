package e2e_test

import (
	"fmt"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// publicPages are the public site's pages, one of each kind.
var publicPages = []string{"/", "/rounds/1", "/rounds/2", "/p/2/1", "/p/1/molit-me", "/ministries/moel", "/results?ministry=moel", "/data", "/privacy", "/copyright", "/about"}

// englishPages are the English twins of publicPages, and a ministry whose
// English name is not on record (its Korean name marked lang="ko").
var englishPages = append(englishTwins(publicPages), "/en/ministries/moef")

func englishTwins(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = "/en" + p
	}
	return out
}

// axeSource is axe-core from node_modules (npm ci); without it the test skips,
// except in CI, where it fails.
func axeSource(t *testing.T) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	src, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core not found (run npm ci): %v", err)
		}
		t.Skipf("axe-core not found (run npm ci): %v", err)
	}
	return string(src)
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// TestBrowserPublicPagesPassAxe runs axe-core (WCAG 2.1 A/AA and best
// practices) on every kind of public page at a phone's and a desktop's width,
// with JavaScript off for the page itself, and checks none overflows the screen.
func TestBrowserPublicPagesPassAxe(t *testing.T) {
	t.Parallel()
	axe := axeSource(t)
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	modelstest.PublishedGrades(t, s) // the home and round-2 pages show a grade distribution
	base := handlerstest.Serve(t, s, handlers.Config{})
	for _, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx := newBrowser(t, browserOptions{width: width, height: 900})
			for _, page := range publicPages {
				run(t, ctx, "open "+page, chromedp.Navigate(base+page), chromedp.WaitReady("footer", chromedp.ByQuery))
				if page == "/" || page == "/rounds/2" {
					if n := count(t, ctx, ".grade-distribution .bar-chart svg rect.bar"); n != 4 {
						t.Errorf("%s draws %d bars of the grade distribution, want 4 (S, A, B, C)", page, n)
					}
				}
				var violations []axeViolation
				run(t, ctx, "axe "+page,
					chromedp.Evaluate(axe, nil),
					chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}).then(r => r.violations)`,
						&violations, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }),
				)
				for _, v := range violations {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, fmt.Sprint(n.Target...))
					}
					t.Errorf("%s at %dpx: %s (%s) %s: %s", page, width, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
				}
				assertFits(t, ctx, page, width)
			}
		})
	}
}

// TestBrowserEnglishPagesPassAxe is TestBrowserPublicPagesPassAxe for the
// English pages, where Korean titles sit inside English text marked lang="ko".
func TestBrowserEnglishPagesPassAxe(t *testing.T) {
	t.Parallel()
	axe := axeSource(t)
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	modelstest.PublishedGrades(t, s) // the home and round-2 pages show a grade distribution
	base := handlerstest.Serve(t, s, handlers.Config{})
	for _, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx := newBrowser(t, browserOptions{width: width, height: 900})
			for _, page := range englishPages {
				run(t, ctx, "open "+page, chromedp.Navigate(base+page), chromedp.WaitReady("footer", chromedp.ByQuery))
				var violations []axeViolation
				run(t, ctx, "axe "+page,
					chromedp.Evaluate(axe, nil),
					chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}).then(r => r.violations)`,
						&violations, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }),
				)
				for _, v := range violations {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, fmt.Sprint(n.Target...))
					}
					t.Errorf("%s at %dpx: %s (%s) %s: %s", page, width, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
				}
				assertFits(t, ctx, page, width)
			}
		})
	}
}

// With JavaScript off, the charts, the network and the pair and ministry pages
// render, and the results filter works as a plain form.
func TestBrowserPublicSiteWithJavaScriptOff(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{})
	ctx := newBrowser(t, browserOptions{width: 1280, height: 900, noJS: true})
	run(t, ctx, "open /", chromedp.Navigate(base+"/"), chromedp.WaitVisible(".network svg", chromedp.ByQuery))
	if n := count(t, ctx, ".bar-chart svg rect.bar"); n != 4 {
		t.Errorf("the grade chart draws %d bars, want 4 (two rounds, two grades)", n)
	}
	if n := count(t, ctx, ".network svg a.network-link line"); n != 14 {
		t.Errorf("the network draws %d links, want 14", n)
	}
	run(t, ctx, "follow a network link", chromedp.Click(`.network a.network-link[href="/p/2/1"]`, chromedp.ByQuery), chromedp.WaitVisible(`dl.facts`, chromedp.ByQuery))
	var h1 string
	run(t, ctx, "read h1", chromedp.Text("h1", &h1, chromedp.ByQuery))
	if h1 != "고용부 ↔ 중기부 교류직위" {
		t.Errorf("the network link led to %q", h1)
	}
	run(t, ctx, "filter",
		chromedp.Navigate(base+"/results"),
		chromedp.SetValue(`select[name=ministry]`, "moel", chromedp.ByQuery),
		chromedp.SetValue(`select[name=category]`, "public_benefit", chromedp.ByQuery),
		chromedp.Click(`form.results-filter button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitReady(`select[name=ministry] option[value="moel"][selected]`, chromedp.ByQuery), // the answer, not the page before it
	)
	var summary, loc string
	run(t, ctx, "read the result", chromedp.Text(".results-summary", &summary, chromedp.ByQuery), chromedp.Evaluate(`location.search`, &loc))
	if summary != "고용노동부, 국민 편익 제고: 교류직위 1쌍, 공개된 협업과제 1건" || !strings.Contains(loc, "ministry=moel") {
		t.Errorf("after filtering: %q at %q", summary, loc)
	}
}
