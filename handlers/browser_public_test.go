package handlers_test

import (
	"fmt"
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
var publicPages = []string{"/", "/rounds/1", "/rounds/2", "/p/2/1", "/p/1/molit-me", "/ministries/moel", "/data", "/privacy", "/copyright"}

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
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestBrowserPublicPagesPassAxe runs axe-core (WCAG 2.1 A/AA and best
// practices) on every kind of public page at a phone's and a desktop's width,
// with JavaScript off for the page itself, and checks none overflows the screen.
func TestBrowserPublicPagesPassAxe(t *testing.T) {
	axe := axeSource(t)
	s := modelstest.New(t, models.DialectSQLite)
	seedAccounts(t, s)
	base := serve(t, s, handlers.Config{})
	for _, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx := newBrowser(t, browserOptions{width: width, height: 900})
			for _, page := range publicPages {
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
