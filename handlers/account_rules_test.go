package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestPersonalDataHandlersAreSignedOutAfterTheirIdleLimit: an account that
// may reveal exchangees' contact details is signed out after
// Sessions.IdlePersonal without a request, though Sessions.Idle is longer.
func TestPersonalDataHandlersAreSignedOutAfterTheirIdleLimit(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		clock := newClock(s, time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC))
		limits := models.SessionLimits{Idle: 30 * time.Minute, Absolute: 12 * time.Hour, IdlePersonal: 15 * time.Minute}
		e := handlerstest.NewRouter(t, s, handlers.Config{Sessions: limits})
		c := handlerstest.NewClient(t, e)
		c.Login("reviewer", models.DemoPassword)
		clock.set(s.Now().Add(14 * time.Minute))
		if !signedIn(c) {
			t.Fatal("signed out after 14 idle minutes, within the 15")
		}
		clock.set(s.Now().Add(15*time.Minute + time.Second))
		if signedIn(c) {
			t.Error("still signed in after 15 idle minutes")
		}
		// Without the personal-data limit, the general one applies.
		e = handlerstest.NewRouter(t, s, handlers.Config{Sessions: models.SessionLimits{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}})
		c = handlerstest.NewClient(t, e)
		c.Login("reviewer", models.DemoPassword)
		clock.set(s.Now().Add(16 * time.Minute))
		if !signedIn(c) {
			t.Error("signed out after 16 idle minutes with no personal-data limit and 30 in general")
		}
	})
}

// changePassword posts the password change form and returns its status.
func changePassword(c *handlerstest.Client, current, next string) (int, string) {
	c.Get("/account/password")
	rec := c.Post("/account/password", url.Values{"current_password": {current}, "new_password": {next}})
	return rec.Code, rec.Body.String()
}

// TestANewPasswordIsNoneOfTheLastFive: a password shorter than 10 characters
// is refused; so are the current password and the 4 before it, with the
// message by the field; the sixth-last is allowed again.
func TestANewPasswordIsNoneOfTheLastFive(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := handlerstest.NewClient(t, e)
		c.Login("moel", models.DemoPassword)
		if code, body := changePassword(c, models.DemoPassword, "short"); code != http.StatusUnprocessableEntity || !strings.Contains(body, "10자 이상") {
			t.Errorf("a short password: %d, want 422 with the length rule", code)
		}
		if code, body := changePassword(c, models.DemoPassword, models.DemoPassword); code != http.StatusUnprocessableEntity || !strings.Contains(body, "최근에 쓴 비밀번호 5개") {
			t.Errorf("the current password again: %d, want 422 with the reuse rule", code)
		}
		current := models.DemoPassword
		for _, next := range []string{"password-one-1", "password-two-2", "password-three-3", "password-four-4", "password-five-5"} {
			if code, _ := changePassword(c, current, next); code != http.StatusSeeOther {
				t.Fatalf("%s → %s: %d, want 303", current, next, code)
			}
			current = next
		}
		if code, body := changePassword(c, current, "password-one-1"); code != http.StatusUnprocessableEntity || !strings.Contains(body, "최근에 쓴 비밀번호") {
			t.Errorf("the fifth-last password: %d, want 422", code)
		}
		if code, _ := changePassword(c, current, models.DemoPassword); code != http.StatusSeeOther {
			t.Errorf("the sixth-last password: %d, want 303", code)
		}
	})
}

// TestOnesOwnPasswordAndSecondFactorChangesAreAudited: a coordinator changes
// their password, enrols a second factor, renews its recovery codes and turns
// it off, each audited as their own change of their account; an administrator,
// whose role must have one, cannot turn it off.
func TestOnesOwnPasswordAndSecondFactorChangesAreAudited(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		clock := newClock(s, time.Date(2025, 3, 4, 9, 0, 10, 0, time.UTC))
		e := handlerstest.NewRouter(t, s, mfaConfig)
		c := handlerstest.NewClient(t, e)
		c.Login("mss", models.DemoPassword)
		if code, _ := changePassword(c, models.DemoPassword, "a-new-password-1"); code != http.StatusSeeOther {
			t.Fatalf("password change: %d", code)
		}
		secret := strings.ReplaceAll(parse(t, c.Get("/account/second-factor").Body.String()).Find(".otp-secret").Text(), " ", "")
		next := func() string {
			clock.set(s.Now().Add(30 * time.Second))
			code, _ := models.TOTPCode(secret, s.Now())
			return code
		}
		if rec := c.Post("/account/second-factor", url.Values{"code": {next()}}); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "recovery-codes") {
			t.Fatalf("enrol: %d", rec.Code)
		}
		c.Get("/account/second-factor")
		if rec := c.Post("/account/second-factor/recovery-codes", url.Values{"code": {next()}}); rec.Code != http.StatusOK {
			t.Fatalf("new recovery codes: %d", rec.Code)
		}
		c.Get("/account/second-factor")
		if rec := c.Post("/account/second-factor/remove", url.Values{"code": {next()}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("turn off: %d", rec.Code)
		}
		id := mustUserID(t, s, "mss")
		events, _, err := s.AuditEvents(context.Background(), models.AuditFilter{UserID: id, RecordType: "user", RecordID: id, Page: models.Page{Number: 1, Size: 20}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, ev := range events {
			got[ev.Action]++
			if ev.Actor != "mss" || !strings.Contains(ev.Record(), "(mss)") && ev.Action != models.AuditLogin {
				t.Errorf("%s audited as %q about %q, want mss's own change of their account", ev.Action, ev.Actor, ev.Record())
			}
		}
		for _, a := range []string{models.AuditPasswordChange, models.AuditSecondFactorEnrol, models.AuditRecoveryCodes, models.AuditSecondFactorRemove} {
			if got[a] != 1 {
				t.Errorf("%s audited %d times, want once (all: %v)", a, got[a], got)
			}
		}

		admin := handlerstest.NewClient(t, e)
		adminSecret, _ := enrolAtSignIn(t, s, admin, "admin")
		admin.Get("/account/second-factor")
		code, _ := models.TOTPCode(adminSecret, s.Now().Add(30*time.Second))
		if rec := admin.Post("/account/second-factor/remove", url.Values{"code": {code}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("an administrator turning it off: %d, want 422", rec.Code)
		}
	})
}
