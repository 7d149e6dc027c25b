package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestLoginNeverRedirectsOffSite signs in with hostile next values: the
// browser is only ever sent to a path on this site, by 303 and by HX-Redirect.
func TestLoginNeverRedirectsOffSite(t *testing.T) {
	t.Parallel()
	hostile := []string{
		"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ /evil.example", "/\x00/evil.example",
		"//evil.example", "/\\evil.example", "/\\/evil.example", "\\\\evil.example", "https://evil.example",
		"http:evil.example", "javascript:alert(1)", "evil.example", "/%2F/evil.example", "/%5Cevil.example",
		"/%09/evil.example", " /workspace", "/workspace\x7f", "/\u00a0/evil.example", "/\u2028/evil.example",
		"///evil.example", "/.//evil.example/..", "",
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		for _, htmx := range []bool{false, true} {
			for _, next := range hostile {
				c := handlerstest.NewClient(t, e)
				c.HTMX = htmx
				// The login page refuses a next with control characters (400); the form
				// posted anyway must not send anyone off-site either.
				if rec := c.Get("/login?next=" + url.QueryEscape(next)); rec.Code != http.StatusOK {
					c.Get("/login")
				}
				rec := c.Post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}, "next": {next}})
				target := rec.Header().Get("Location")
				if htmx {
					target = rec.Header().Get("HX-Redirect")
				}
				if rec.Code == http.StatusBadRequest {
					continue // refused outright as broken bytes: sent nowhere
				}
				if rec.Code != http.StatusSeeOther && rec.Code != http.StatusOK {
					t.Fatalf("next %q (htmx %v): %d", next, htmx, rec.Code)
				}
				if target != "/workspace" {
					t.Errorf("next %q (htmx %v): sent to %q, want /workspace", next, htmx, target)
				}
			}
		}
		// A real page of the site still comes back after signing in.
		c := handlerstest.NewClient(t, e)
		c.Get("/login?next=" + url.QueryEscape("/pairs?round=2&q=a b"))
		rec := c.Post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}, "next": {"/pairs?round=2&q=a+b"}})
		if got := rec.Header().Get("Location"); got != "/pairs?round=2&q=a+b" {
			t.Errorf("a page of the site: sent to %q", got)
		}
	})
}
