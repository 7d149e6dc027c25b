package e2e_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestBrowserPublicPageFitsPhonesAndDesktops(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
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
			if htmxLoaded {
				t.Error("the public home page loaded htmx, which it does not use")
			}
			if font == "" || font[:len(`"Pretendard GOV"`)] != `"Pretendard GOV"` {
				t.Errorf("body font = %q, want Pretendard GOV first", font)
			}
			screenshot(t, ctx, "home")
			run(t, ctx, "open the login page", chromedp.Navigate(base+"/login"), chromedp.WaitReady("footer", chromedp.ByQuery),
				chromedp.Evaluate(`typeof window.htmx === 'object'`, &htmxLoaded))
			if !htmxLoaded {
				t.Error("htmx did not load on the login page under the Content-Security-Policy")
			}
		})
	}
}

func TestBrowserSignInWithJavaScriptOff(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
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

func TestBrowserAdminCreatesAnAccountThatSignsInThroughItsResetLink(t *testing.T) {
	t.Parallel()
	s := modelstest.New(t, models.DialectSQLite)
	handlerstest.SeedAccounts(t, s)
	base := handlerstest.Serve(t, s, handlers.Config{Demo: true})
	ctx := newBrowser(t, browserOptions{})
	browserLogin(t, ctx, base, "admin", models.DemoPassword)

	var fieldError, link string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/admin/users/new"),
		chromedp.SendKeys("#f-login", "Bad Login!", chromedp.ByQuery),
		chromedp.SendKeys("#f-display_name", "새 심사자", chromedp.ByQuery),
		chromedp.Click(`form.stack-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-login-error`, chromedp.ByQuery),
		chromedp.Text(`#f-login-error`, &fieldError, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if fieldError == "" {
		t.Fatal("no message next to the login field")
	}
	screenshot(t, ctx, "user-form-errors")
	err = chromedp.Run(ctx,
		chromedp.SetValue("#f-login", "newreviewer", chromedp.ByQuery),
		chromedp.SetValue("#f-role", "reviewer", chromedp.ByQuery),
		chromedp.SendKeys("#f-phone", "044-201-1234", chromedp.ByQuery),
		chromedp.Click(`form.stack-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.account-actions`, chromedp.ByQuery),
		chromedp.Click(`.account-actions form[action$="/reset"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`.reset-link code`, chromedp.ByQuery),
		chromedp.Text(`.reset-link code`, &link, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "reset-link")

	other := newBrowser(t, browserOptions{width: 360, height: 740})
	err = chromedp.Run(other,
		chromedp.Navigate(link),
		chromedp.SendKeys("#f-new_password", "새 심사자의 긴 비밀번호", chromedp.ByQuery),
		chromedp.Click(`form.stack-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-login`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	browserLogin(t, other, base, "newreviewer", "새 심사자의 긴 비밀번호")
	screenshot(t, other, "workspace-phone")

	var audited int
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"/admin/audit?record_type=user"),
		chromedp.WaitVisible(`.audit-table`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('.audit-table tbody tr').length`, &audited),
	)
	if err != nil {
		t.Fatal(err)
	}
	if audited < 4 { // create, reset link, password set, login
		t.Errorf("the audit page lists %d user events, want at least 4", audited)
	}
	screenshot(t, ctx, "audit")
}
