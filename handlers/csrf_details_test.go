package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestTheCSRFTokenComesOnlyFromTheBodyOrTheHeader: a token in the query string
// of a POST (a link someone could leave in a log or a Referer) is not accepted.
func TestTheCSRFTokenComesOnlyFromTheBodyOrTheHeader(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		c := handlerstest.NewClient(t, handlerstest.NewRouter(t, s, handlers.Config{}))
		c.Login("admin", models.DemoPassword)
		form := url.Values{"number": {"50"}, "title": {"50차 전략적 인사교류"}, "planned_director_general": {"0"}, "planned_division_director": {"2"}}
		rec := c.Do(http.MethodPost, "/admin/rounds?csrf_token="+url.QueryEscape(c.CSRF), form, nil)
		if rec.Code != http.StatusForbidden {
			t.Errorf("token in the query string: %d, want 403", rec.Code)
		}
		if _, err := s.RoundByNumber(t.Context(), 50); err == nil {
			t.Fatal("a round was created with the token in the URL")
		}
		rec = c.Do(http.MethodPost, "/admin/rounds", form, http.Header{"X-Csrf-Token": {c.CSRF}})
		if rec.Code != http.StatusSeeOther {
			t.Errorf("token in the header: %d, want 303", rec.Code)
		}
		form.Set("number", "51")
		if rec := c.Post("/admin/rounds", form); rec.Code != http.StatusSeeOther {
			t.Errorf("token in the body: %d, want 303", rec.Code)
		}
	})
}

// TestSecureCookiesCarryTheHostPrefix: over HTTPS the session and pre-login
// cookies are named __Host-…, so no subdomain or plain-HTTP page can plant them.
func TestSecureCookiesCarryTheHostPrefix(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		c := handlerstest.NewClient(t, handlerstest.NewRouter(t, s, handlers.Config{CookieSecure: true}))
		rec := c.Get("/login")
		if ck := cookieNamed(rec.Result().Cookies(), "__Host-gyoryu_csrf"); ck == nil || !ck.Secure || ck.Path != "/" || ck.Domain != "" {
			t.Errorf("pre-login cookie: %v", rec.Result().Cookies())
		}
		c.Login("admin", models.DemoPassword)
		ck := c.Cookies["__Host-gyoryu_session"]
		if ck == nil || !ck.Secure || ck.Path != "/" {
			t.Fatalf("session cookie: %v", c.Cookies)
		}
		if rec := c.Get("/workspace"); rec.Code != http.StatusOK {
			t.Errorf("signed in with the __Host- cookie: %d", rec.Code)
		}
		// Without HTTPS the plain names stay (browsers refuse __Host- without Secure).
		plain := handlerstest.NewClient(t, handlerstest.NewRouter(t, s, handlers.Config{}))
		plain.Login("admin", models.DemoPassword)
		for name := range plain.Cookies {
			if strings.HasPrefix(name, "__Host-") {
				t.Errorf("cookie %s over plain HTTP", name)
			}
		}
	})
}

func cookieNamed(list []*http.Cookie, name string) *http.Cookie {
	for _, ck := range list {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}
