package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestPrivatePagesAreNeverStored walks every page of the route table as a
// signed-in administrator: each answer says no-store, so neither the browser
// nor a proxy keeps a copy of what a signed-in person saw. Reset pages too.
func TestPrivatePagesAreNeverStored(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		admin := handlerstest.NewClient(t, e)
		admin.Login("admin", models.DemoPassword)
		walked := 0
		for _, r := range handlerstest.Routes(t, s) {
			if r.Method != http.MethodGet || r.Bare {
				continue
			}
			target := concrete(r.Path, map[string]string{"number": "2", "id": "1"})
			rec := admin.Do(http.MethodGet, target, nil, nil)
			if got := rec.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("GET %s as admin (%d): Cache-Control %q, want no-store", target, rec.Code, got)
			}
			walked++
		}
		if walked < 30 {
			t.Fatalf("walked only %d pages", walked)
		}
		// A password reset page carries its token in the URL: never stored either.
		anon := handlerstest.NewClient(t, e)
		if rec := anon.Do(http.MethodGet, "/reset/some-token", nil, nil); rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("GET /reset/…: Cache-Control %q", rec.Header().Get("Cache-Control"))
		}
		// The public pages stay cacheable for visitors.
		if rec := anon.Do(http.MethodGet, "/", nil, nil); rec.Header().Get("Cache-Control") == "no-store" {
			t.Errorf("the public home page is no-store for visitors")
		}
	})
}
