package e2e_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestBrowserEnrolsASecondFactorAndSignsInWithIt: a reviewer, who must have a
// second factor, signs in for the first time, reads the key the enrolment page
// shows beside its QR code (the test computes the codes in Go, as an app
// would), enrols, keeps the recovery codes, and signs in again with the next
// code; JavaScript on and off, and axe finds nothing on the pages (JS on).
func TestBrowserEnrolsASecondFactorAndSignsInWithIt(t *testing.T) {
	t.Parallel()
	for _, js := range []bool{true, false} {
		name := "js"
		if !js {
			name = "nojs"
		}
		t.Run(name, func(t *testing.T) {
			s := modelstest.New(t, models.DialectSQLite)
			handlerstest.SeedAccounts(t, s)
			var now atomic.Int64
			now.Store(time.Now().Unix())
			s.SetClock(func() time.Time { return time.Unix(now.Load(), 0).UTC() })
			base := handlerstest.Serve(t, s, handlers.Config{Demo: true, SecondFactorRoles: []models.Role{models.RoleReviewer}})
			var axe string
			if js {
				axe = axeSource(t)
			}
			axeHere := func(ctx context.Context, label string) {
				if js {
					checkAxe(t, ctx, axe, label)
				}
			}
			ctx := newBrowser(t, browserOptions{noJS: !js})
			passwordStep(t, ctx, base, "reviewer")
			var secret string
			run(t, ctx, "read the key", chromedp.WaitVisible(`.qr-code svg path`, chromedp.ByQuery),
				chromedp.Text(`.otp-secret`, &secret, chromedp.ByQuery))
			secret = strings.ReplaceAll(secret, " ", "")
			if path(t, ctx) != "/login/enrol" || secret == "" {
				t.Fatalf("after the password the browser is at %s with key %q, want the enrolment page", path(t, ctx), secret)
			}
			axeHere(ctx, "2단계 인증 등록")
			code, _ := models.TOTPCode(secret, s.Now())
			var codes int
			run(t, ctx, "enrol", chromedp.SendKeys("#f-code", code, chromedp.ByQuery),
				chromedp.Click(`form[action="/login/enrol"] button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.recovery-codes`, chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelectorAll('.recovery-codes code').length`, &codes))
			if codes != models.RecoveryCodeCount {
				t.Errorf("%d recovery codes shown, want %d", codes, models.RecoveryCodeCount)
			}
			axeHere(ctx, "복구 코드")
			run(t, ctx, "go on to the workspace", chromedp.Click(`.form-actions a`, chromedp.ByQuery),
				chromedp.WaitVisible(`#my-pairs`, chromedp.ByQuery))
			if js {
				run(t, ctx, "open 2단계 인증", chromedp.Navigate(base+"/account/second-factor"), chromedp.WaitVisible(`form[action="/account/second-factor/recovery-codes"]`, chromedp.ByQuery))
				axeHere(ctx, "2단계 인증 (등록함)")
			}

			now.Add(30) // the next code: the one used to enrol is never accepted again
			again := newBrowser(t, browserOptions{noJS: !js})
			passwordStep(t, again, base, "reviewer")
			if path(t, again) != "/login/code" {
				t.Fatalf("an enrolled reviewer is at %s after the password, want /login/code", path(t, again))
			}
			axeHere(again, "2단계 인증")
			code, _ = models.TOTPCode(secret, s.Now())
			run(t, again, "sign in with the code", chromedp.SendKeys("#f-code", code, chromedp.ByQuery),
				chromedp.Click(`form[action="/login/code"] button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`#my-pairs`, chromedp.ByQuery))
			screenshot(t, again, "second-factor-signed-in-"+name)
		})
	}
}

// passwordStep types the password on the login page and waits for the next page.
func passwordStep(t *testing.T, ctx context.Context, base, login string) {
	t.Helper()
	run(t, ctx, "password of "+login,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys("#f-login", login, chromedp.ByQuery),
		chromedp.SendKeys("#f-password", models.DemoPassword, chromedp.ByQuery),
		chromedp.Click(`form[action="/login"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-code`, chromedp.ByQuery))
}

func path(t *testing.T, ctx context.Context) string {
	t.Helper()
	var p string
	run(t, ctx, "read the address", chromedp.Evaluate(`location.pathname`, &p))
	return p
}
