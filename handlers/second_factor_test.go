package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// mfaConfig is the production default: administrators and reviewers need a second factor.
var mfaConfig = handlers.Config{SecondFactorRoles: []models.Role{models.RoleAdmin, models.RoleReviewer}}

// passwordStep signs in with the password and returns where the browser is sent.
func passwordStep(t *testing.T, c *handlerstest.Client, login string) string {
	t.Helper()
	c.Get("/login")
	rec := c.Post("/login", url.Values{"login": {login}, "password": {models.DemoPassword}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("password of %s: %d, want 303", login, rec.Code)
	}
	return rec.Header().Get("Location")
}

// enrolAtSignIn enrols login's second factor at its first sign-in, from the
// secret the page shows, and returns the secret and the recovery codes.
func enrolAtSignIn(t *testing.T, s *models.Store, c *handlerstest.Client, login string) (string, []string) {
	t.Helper()
	if to := passwordStep(t, c, login); to != "/login/enrol" {
		t.Fatalf("%s without a second factor is sent to %q, want /login/enrol", login, to)
	}
	page := c.Get("/login/enrol")
	doc := parse(t, page.Body.String())
	if page.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("the enrolment page, which shows the secret, is not no-store")
	}
	secret := strings.ReplaceAll(doc.Find(".otp-secret").Text(), " ", "")
	if secret == "" || doc.Find(".qr-code svg path").AttrOr("d", "") == "" {
		t.Fatalf("the enrolment page shows no secret or QR code")
	}
	for _, code := range []string{"", "12345", wrongCode(t, secret, s.Now())} {
		if rec := c.Post("/login/enrol", url.Values{"code": {code}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("enrolment with code %q: %d, want 422", code, rec.Code)
		}
	}
	code, _ := models.TOTPCode(secret, s.Now())
	rec := c.Post("/login/enrol", url.Values{"code": {code}})
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("enrolment with the right code: %d, Cache-Control %q; want 200 with the recovery codes, no-store", rec.Code, rec.Header().Get("Cache-Control"))
	}
	var codes []string
	parse(t, rec.Body.String()).Find(".recovery-codes code").Each(func(_ int, s *goquery.Selection) { codes = append(codes, s.Text()) })
	if len(codes) != models.RecoveryCodeCount {
		t.Fatalf("%d recovery codes shown, want %d", len(codes), models.RecoveryCodeCount)
	}
	if rec := c.Get("/workspace"); rec.Code != http.StatusOK {
		t.Fatalf("workspace after enrolling: %d", rec.Code)
	}
	return secret, codes
}

// wrongCode is a 6-digit code that is not the right one at t, nor next to it.
func wrongCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	for _, c := range []string{"000000", "111111", "222222", "333333"} {
		ok := true
		for _, d := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
			if right, _ := models.TOTPCode(secret, at.Add(d)); right == c {
				ok = false
			}
		}
		if ok {
			return c
		}
	}
	t.Fatal("no wrong code found")
	return ""
}

func signedIn(c *handlerstest.Client) bool {
	return c.Do(http.MethodGet, "/workspace", nil, nil).Code == http.StatusOK
}

// TestAdministratorsAndReviewersSignInWithASecondFactor: with the production
// default, admin and reviewer enrol at their first sign-in (QR code and
// secret, a first code), then sign in with a code of their app; missing,
// wrong and reused codes are refused; each recovery code works once; a
// coordinator signs in with the password alone.
func TestAdministratorsAndReviewersSignInWithASecondFactor(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		clock := newClock(s, time.Date(2025, 3, 4, 9, 0, 10, 0, time.UTC))
		e := handlerstest.NewRouter(t, s, mfaConfig)
		for _, login := range []string{"admin", "reviewer"} {
			first := handlerstest.NewClient(t, e)
			secret, recovery := enrolAtSignIn(t, s, first, login)
			used, _ := models.TOTPCode(secret, s.Now())

			c := handlerstest.NewClient(t, e)
			if to := passwordStep(t, c, login); to != "/login/code" {
				t.Fatalf("%s enrolled is sent to %q, want /login/code", login, to)
			}
			c.Get("/login/code")
			for what, code := range map[string]string{"missing": "", "wrong": wrongCode(t, secret, s.Now()), "reused": used} {
				if rec := c.Post("/login/code", url.Values{"code": {code}}); rec.Code != http.StatusUnprocessableEntity ||
					!strings.Contains(rec.Body.String(), "인증 코드") {
					t.Errorf("%s: %s code: %d, want 422 with the message", login, what, rec.Code)
				}
			}
			if signedIn(c) {
				t.Fatalf("%s signed in without a right code", login)
			}
			clock.set(s.Now().Add(30 * time.Second))
			code, _ := models.TOTPCode(secret, s.Now())
			if rec := c.Post("/login/code", url.Values{"code": {code}}); rec.Code != http.StatusSeeOther || !signedIn(c) {
				t.Fatalf("%s: the next code: %d, want 303 and signed in", login, rec.Code)
			}

			for i, want := range []int{http.StatusSeeOther, http.StatusUnprocessableEntity} {
				r := handlerstest.NewClient(t, e)
				passwordStep(t, r, login)
				r.Get("/login/code")
				if rec := r.Post("/login/code", url.Values{"code": {strings.ToLower(recovery[0])}}); rec.Code != want {
					t.Errorf("%s: recovery code, use %d: %d, want %d", login, i+1, rec.Code, want)
				}
			}
			clock.set(s.Now().Add(time.Minute))
		}
		moel := handlerstest.NewClient(t, e)
		if to := passwordStep(t, moel, "moel"); to != "/workspace" {
			t.Errorf("a coordinator is sent to %q, want /workspace", to)
		}
		events, _, err := s.AuditEvents(context.Background(), models.AuditFilter{Action: models.AuditSecondFactorEnrol, Page: models.Page{Number: 1, Size: 10}})
		if err != nil || len(events) != 2 {
			t.Errorf("enrolments audited: %d (%v), want 2", len(events), err)
		}
	})
}

// TestTheSecondStepIsThrottledLikeTheFirst: after 5 wrong codes the right one
// is refused with 429 and the wait, and accepted once the wait has passed.
func TestTheSecondStepIsThrottledLikeTheFirst(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		clock := newClock(s, time.Date(2025, 3, 4, 9, 0, 10, 0, time.UTC))
		e := handlerstest.NewRouter(t, s, mfaConfig)
		secret, _ := enrolAtSignIn(t, s, handlerstest.NewClient(t, e), "admin")
		clock.set(s.Now().Add(time.Minute))
		c := handlerstest.NewClient(t, e)
		passwordStep(t, c, "admin")
		c.Get("/login/code")
		for range 5 {
			c.Post("/login/code", url.Values{"code": {wrongCode(t, secret, s.Now())}})
		}
		code, _ := models.TOTPCode(secret, s.Now())
		rec := c.Post("/login/code", url.Values{"code": {code}})
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "2" || !strings.Contains(rec.Body.String(), "2초 뒤에") {
			t.Fatalf("the right code after 5 wrong ones: %d, Retry-After %q; want 429, 2", rec.Code, rec.Header().Get("Retry-After"))
		}
		clock.set(s.Now().Add(2 * time.Second))
		if rec := c.Post("/login/code", url.Values{"code": {code}}); rec.Code != http.StatusSeeOther {
			t.Errorf("the right code after the wait: %d, want 303", rec.Code)
		}
	})
}

// TestAnAdministratorResetsASecondFactor: the reset is audited, ends the
// reviewer's sessions, and the reviewer enrols again at the next sign-in.
func TestAnAdministratorResetsASecondFactor(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		clock := newClock(s, time.Date(2025, 3, 4, 9, 0, 10, 0, time.UTC))
		e := handlerstest.NewRouter(t, s, handlers.Config{SecondFactorRoles: []models.Role{models.RoleReviewer}})
		reviewer := handlerstest.NewClient(t, e)
		enrolAtSignIn(t, s, reviewer, "reviewer")
		clock.set(s.Now().Add(time.Minute))

		admin := handlerstest.NewClient(t, e)
		admin.Login("admin", models.DemoPassword)
		id := mustUserID(t, s, "reviewer")
		page := parse(t, admin.Get("/admin/users/"+itoa64(id)).Body.String())
		if !strings.Contains(page.Find(".account-actions").Text(), "등록함") {
			t.Errorf("the account page does not say the second factor is enrolled")
		}
		if rec := admin.Post("/admin/users/"+itoa64(id)+"/second-factor/reset", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("reset: %d", rec.Code)
		}
		if signedIn(reviewer) {
			t.Error("the reviewer's session outlived the reset")
		}
		if to := passwordStep(t, handlerstest.NewClient(t, e), "reviewer"); to != "/login/enrol" {
			t.Errorf("after the reset the reviewer is sent to %q, want /login/enrol", to)
		}
		events, _, err := s.AuditEvents(context.Background(), models.AuditFilter{Action: models.AuditSecondFactorReset, Page: models.Page{Number: 1, Size: 10}})
		if err != nil || len(events) != 1 || events[0].RecordID == nil || *events[0].RecordID != id {
			t.Errorf("reset audited: %+v %v", events, err)
		}
		if rec := admin.Post("/admin/users/"+itoa64(id)+"/second-factor/reset", url.Values{}); rec.Code != http.StatusConflict {
			t.Errorf("reset again: %d, want 409", rec.Code)
		}
	})
}
