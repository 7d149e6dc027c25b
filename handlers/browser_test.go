package handlers_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestBrowserPublicPageFitsPhonesAndDesktops(t *testing.T) {
	s := modelstest.New(t, models.DialectSQLite)
	seedAccounts(t, s)
	base := serve(t, s, handlers.Config{Demo: true})
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 360, 740}, {"desktop", 1280, 900}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := newBrowser(t, browserOptions{width: size.width, height: size.height})
			var overflow, h1s, pairRows int
			var htmxLoaded bool
			var font string
			err := chromedp.Run(ctx,
				chromedp.Navigate(base+"/"),
				chromedp.WaitVisible(`table.pair-table`, chromedp.ByQuery),
				chromedp.Evaluate(`document.documentElement.scrollWidth - window.innerWidth`, &overflow),
				chromedp.Evaluate(`document.querySelectorAll('h1').length`, &h1s),
				chromedp.Evaluate(`document.querySelectorAll('table.pair-table tbody tr').length`, &pairRows),
				chromedp.Evaluate(`typeof window.htmx === 'object'`, &htmxLoaded),
				chromedp.Evaluate(`getComputedStyle(document.body).fontFamily`, &font),
			)
			if err != nil {
				t.Fatal(err)
			}
			if overflow > 0 {
				t.Errorf("the page is %dpx wider than a %dpx screen", overflow, size.width)
			}
			if h1s != 1 || pairRows != 9 {
				t.Errorf("h1 = %d, round-2 rows = %d; want 1 and 9", h1s, pairRows)
			}
			if !htmxLoaded {
				t.Error("htmx did not load under the Content-Security-Policy")
			}
			if font == "" || font[:len(`"Pretendard GOV"`)] != `"Pretendard GOV"` {
				t.Errorf("body font = %q, want Pretendard GOV first", font)
			}
			screenshot(t, ctx, "home")
		})
	}
}

func TestBrowserSignInWithJavaScriptOff(t *testing.T) {
	s := modelstest.New(t, models.DialectSQLite)
	seedAccounts(t, s)
	base := serve(t, s, handlers.Config{Demo: true})
	ctx := newBrowser(t, browserOptions{noJS: true})
	browserLogin(t, ctx, base, "moel", models.DemoPassword)
	var rows int
	var banner string
	err := chromedp.Run(ctx, chromedp.Text(`.demo-banner`, &banner, chromedp.ByQuery))
	if err != nil {
		t.Fatal(err)
	}
	if banner == "" {
		t.Error("the 데모 banner is missing in demo mode")
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('main table tbody tr').length`, &rows)); err != nil {
		t.Fatal(err)
	}
	// Page scripts are off; Evaluate still runs through the DevTools protocol.
	if rows != 2 { // moel is in round-2 pair 1 and the round-1 고용부–교육부 pair
		t.Errorf("moel's workspace lists %d pairs, want 2", rows)
	}
	screenshot(t, ctx, "workspace-nojs")
}
