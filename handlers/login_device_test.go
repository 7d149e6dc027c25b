package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// floodFrom sends n wrong passwords for login at once, each from a fresh
// browser at the address remote.
func floodFrom(t *testing.T, e http.Handler, login, remote string, n int) {
	t.Helper()
	clients := make([]*handlerstest.Client, n)
	for i := range clients {
		clients[i] = handlerstest.NewClient(t, e)
		clients[i].Remote = remote
		clients[i].Get("/login")
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, c := range clients {
		wg.Go(func() {
			<-start
			c.Post("/login", url.Values{"login": {login}, "password": {"wrong-password"}})
		})
	}
	close(start)
	wg.Wait()
}

// TestTheOwnerOfAnAccountUnderAttackStillSignsIn: after 40 simultaneous wrong
// passwords for kdca from one address, its owner signs in at once from the
// browser they signed in with before (the device cookie), and a browser that
// never signed in, with the right password, is told to wait at most the
// stated 2 seconds (Retry-After) and gets in once they have passed.
func TestTheOwnerOfAnAccountUnderAttackStillSignsIn(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		s.SetPasswordCheckLimit(2)
		clock := newClock(s, time.Now()) // time stands still until the test moves it
		e := handlerstest.NewRouter(t, s, handlers.Config{})

		owner := handlerstest.NewClient(t, e)
		owner.Remote = "192.0.2.10:5000"
		owner.Login("kdca", models.DemoPassword)
		if owner.Cookies["gyoryu_device"] == nil {
			t.Fatal("no device cookie after signing in")
		}
		delete(owner.Cookies, "gyoryu_session") // signed out (the session ended), the browser stays

		const attacker = "203.0.113.66:4444"
		floodFrom(t, e, "kdca", attacker, 40)

		owner.Get("/login")
		if rec := owner.Post("/login", url.Values{"login": {"kdca"}, "password": {models.DemoPassword}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("the owner's own browser during the flood: %d, want 303\n%s", rec.Code, truncate(rec.Body.String(), 300))
		}

		// A browser that never signed in, at the attacker's address (the same
		// office, say): both the account and the address wait.
		fresh := handlerstest.NewClient(t, e)
		fresh.Remote = attacker
		fresh.Get("/login")
		rec := fresh.Post("/login", url.Values{"login": {"kdca"}, "password": {models.DemoPassword}})
		wait, _ := strconv.Atoi(rec.Header().Get("Retry-After"))
		if rec.Code != http.StatusTooManyRequests || wait < 1 || wait > 2 || !strings.Contains(rec.Body.String(), strconv.Itoa(wait)+"초 뒤에") {
			t.Fatalf("a fresh browser right after the flood: %d, Retry-After %q, want 429 and at most 2 s said on the page", rec.Code, rec.Header().Get("Retry-After"))
		}
		clock.set(s.Now().Add(time.Duration(wait) * time.Second))
		if rec := fresh.Post("/login", url.Values{"login": {"kdca"}, "password": {models.DemoPassword}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("a fresh browser after the stated %d s: %d, want 303", wait, rec.Code)
		}
	})
}

// TestAKnownBrowserHasAnAllowanceOfItsOwn: wrong passwords from the owner's
// own browser slow down that browser, not the account for others; a device
// cookie of another account counts for nothing.
func TestAKnownBrowserHasAnAllowanceOfItsOwn(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		newClock(s, time.Now())
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		owner := handlerstest.NewClient(t, e)
		owner.Login("mss", models.DemoPassword)
		delete(owner.Cookies, "gyoryu_session")
		owner.Get("/login")
		for range 5 {
			owner.Post("/login", url.Values{"login": {"mss"}, "password": {"wrong-password"}})
		}
		if rec := owner.Post("/login", url.Values{"login": {"mss"}, "password": {models.DemoPassword}}); rec.Code != http.StatusTooManyRequests {
			t.Errorf("the browser after its own 5 failures: %d, want 429", rec.Code)
		}
		other := handlerstest.NewClient(t, e)
		other.Remote = "198.51.100.20:1"
		other.Login("mss", models.DemoPassword) // the account itself is not slowed down

		// mss's device cookie used for moel is an unknown browser for moel.
		borrowed := handlerstest.NewClient(t, e)
		borrowed.Cookies["gyoryu_device"] = other.Cookies["gyoryu_device"]
		borrowed.Remote = "198.51.100.21:1"
		borrowed.Get("/login")
		for range 6 {
			borrowed.Post("/login", url.Values{"login": {"moel"}, "password": {"wrong-password"}})
		}
		fresh := handlerstest.NewClient(t, e)
		fresh.Remote = "198.51.100.22:1"
		fresh.Get("/login")
		if rec := fresh.Post("/login", url.Values{"login": {"moel"}, "password": {models.DemoPassword}}); rec.Code != http.StatusTooManyRequests {
			t.Errorf("moel after failures from a browser known only to mss: %d, want 429", rec.Code)
		}
	})
}

// TestAnAdministratorSeesAndClearsSignInLimits: the throttled account shows on
// 로그인 제한 with its failures; 해제 clears it, audited, and the owner signs in
// from a new browser at once; clearing it again says it is already cleared.
func TestAnAdministratorSeesAndClearsSignInLimits(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		newClock(s, time.Now())
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		floodFrom(t, e, "kdca", "203.0.113.66:4444", 8)

		admin := handlerstest.NewClient(t, e)
		admin.Remote = "192.0.2.1:1"
		admin.Login("admin", models.DemoPassword)
		rec := admin.Get("/admin/sign-in-limits")
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		if err != nil || rec.Code != http.StatusOK {
			t.Fatalf("로그인 제한: %d %v", rec.Code, err)
		}
		row := doc.Find("tbody tr").FilterFunction(func(_ int, r *goquery.Selection) bool {
			return strings.Contains(r.Find("th").Text(), "계정 kdca")
		})
		if row.Length() != 1 || !strings.Contains(row.Text(), "5번") {
			t.Fatalf("the list does not show 계정 kdca with 5 failures:\n%s", truncate(doc.Find("table").Text(), 600))
		}
		key, _ := row.Find("input[name=key]").Attr("value")
		if rec := admin.Post("/admin/sign-in-limits/clear", url.Values{"key": {key}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("해제: %d", rec.Code)
		}
		fresh := handlerstest.NewClient(t, e)
		fresh.Remote = "192.0.2.77:1"
		fresh.Login("kdca", models.DemoPassword)

		events, _, err := s.AuditEvents(context.Background(), models.AuditFilter{Action: models.AuditThrottleClear, Page: models.Page{Number: 1, Size: 10}})
		if err != nil || len(events) != 1 || events[0].Record() != "로그인 제한 「계정 kdca」" || events[0].UserID == nil {
			t.Errorf("audit of the clearing: %v %+v", err, events)
		}
		if rec := admin.Post("/admin/sign-in-limits/clear", url.Values{"key": {key}}); rec.Code != http.StatusConflict && rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("clearing it again: %d, want 409 or 422 with a message", rec.Code)
		}
	})
}
