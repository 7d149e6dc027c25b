package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestEveryRouteHasAnAccessRuleAndAMatrixCase(t *testing.T) {
	t.Parallel()
	h := handlers.New(nil, handlerstest.Assets(t), nil, handlers.Config{})
	known := map[models.Action]bool{handlers.Public: true}
	for _, a := range models.Actions() {
		known[a] = true
	}
	seen := map[string]bool{}
	for _, r := range h.Routes() {
		if !known[r.Access] {
			t.Errorf("route %s %s (%s) has access %q, which is neither Public nor a policy action", r.Method, r.Path, r.Name, r.Access)
		}
		if _, ok := handlerstest.RouteCases[r.Name]; !ok {
			t.Errorf("route %s %s (%s) has no case in the access matrix", r.Method, r.Path, r.Name)
		}
		if seen[r.Name] {
			t.Errorf("route name %s is used twice", r.Name)
		}
		seen[r.Name] = true
	}
	for name := range handlerstest.RouteCases {
		if !seen[name] {
			t.Errorf("matrix case %s names no route", name)
		}
	}
}

func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		h := handlers.New(s, handlerstest.Assets(t), nil, handlers.Config{})
		fx := handlerstest.MatrixFixtures(t, s, e)
		n := 0
		for _, r := range h.Routes() {
			rc := handlerstest.RouteCases[r.Name]
			for _, p := range handlerstest.Personas {
				n++
				t.Run(r.Name+"/"+string(p), func(t *testing.T) {
					c := handlerstest.NewClient(t, e)
					// each case from its own documentation address (TEST-NET), so that
					// the failed sign-ins the matrix makes do not throttle the next case
					c.Remote = "198.51.100." + strconv.Itoa(n%250+1) + ":40000"
					if p != handlerstest.Anonymous {
						c.Login(p.Login(), models.DemoPassword)
					} else {
						c.Get("/login") // an handlerstest.Anonymous visitor's CSRF cookie, so the guard decides
					}
					path := fx.Expand(rc.Path)
					var rec = c.Do(r.Method, path, nil, nil)
					if r.Method != http.MethodGet {
						rec = c.Post(path, handlerstest.CloneForm(rc.Form))
					}
					want := rc.Allows(p)
					if rec.Code >= 500 {
						t.Errorf("%s %s as %s: status %d, a server error", r.Method, path, p, rec.Code)
					}
					if got := !denied(rec); got != want {
						t.Errorf("%s %s as %s: status %d (location %q); want allowed=%v",
							r.Method, path, p, rec.Code, rec.Header().Get("Location"), want)
					}
					if !want && p != handlerstest.Anonymous && rec.Code != http.StatusForbidden {
						t.Errorf("%s %s as %s: status %d, want 403 for a signed-in user", r.Method, path, p, rec.Code)
					}
				})
			}
		}
	})
}

func TestAnonymousHTMXGets401AndPagesRedirectToLogin(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := handlerstest.NewClient(t, e)
		rec := c.Do(http.MethodGet, "/workspace", nil, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fworkspace" {
			t.Errorf("handlerstest.Anonymous page request: %d %q, want 303 to /login?next=%%2Fworkspace", rec.Code, rec.Header().Get("Location"))
		}
		c.HTMX = true
		rec = c.Do(http.MethodGet, "/workspace", nil, http.Header{"Hx-Current-Url": {"http://example.test/pairs/3?tab=x"}})
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("handlerstest.Anonymous htmx request: %d, want 401", rec.Code)
		}
		if got := rec.Header().Get("HX-Redirect"); got != "/login?next=%2Fpairs%2F3%3Ftab%3Dx" {
			t.Errorf("HX-Redirect = %q, want the login page coming back to /pairs/3?tab=x", got)
		}
		// A boosted link wants a whole page, so it is sent to sign in like one.
		rec = c.Do(http.MethodGet, "/workspace", nil, http.Header{"Hx-Boosted": {"true"}, "Hx-Current-Url": {"http://example.test/"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fworkspace" {
			t.Errorf("handlerstest.Anonymous boosted request: %d %q, want 303 to /login?next=%%2Fworkspace", rec.Code, rec.Header().Get("Location"))
		}
	})
}

// denied reports whether a response refused the caller: 403, the guard's 401,
// or a redirect to the login page.
func denied(rec interface {
	Result() *http.Response
}) bool {
	res := rec.Result()
	switch {
	case res.StatusCode == http.StatusForbidden:
		return true
	case res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login?next="):
		return true
	case res.StatusCode == http.StatusUnauthorized:
		doc, err := goquery.NewDocumentFromReader(res.Body)
		return err == nil && strings.TrimSpace(doc.Find("h1").Text()) == "로그인이 필요합니다"
	}
	return false
}
