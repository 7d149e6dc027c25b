package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// redirect answers an htmx request with HX-Redirect and anything else,
// boosted requests included, with 303 See Other.
func TestRedirectAnswersHTMXAndPlainRequestsAlike(t *testing.T) {
	t.Parallel()
	e := echo.New()
	for _, tc := range []struct {
		name                 string
		header               http.Header
		status               int
		location, hxRedirect string
	}{
		{"plain form", nil, http.StatusSeeOther, "/pairs/3", ""},
		{"htmx", http.Header{"Hx-Request": {"true"}}, http.StatusOK, "", "/pairs/3"},
		{"boosted", http.Header{"Hx-Request": {"true"}, "Hx-Boosted": {"true"}}, http.StatusSeeOther, "/pairs/3", ""},
	} {
		req := httptest.NewRequest(http.MethodPost, "/pairs", nil)
		for k, v := range tc.header {
			req.Header[k] = v
		}
		rec := httptest.NewRecorder()
		if err := redirect(e.NewContext(req, rec), "/pairs/3"); err != nil {
			t.Fatal(err)
		}
		if rec.Code != tc.status || rec.Header().Get("Location") != tc.location || rec.Header().Get("HX-Redirect") != tc.hxRedirect {
			t.Errorf("%s: %d, Location %q, HX-Redirect %q; want %d, %q, %q", tc.name, rec.Code,
				rec.Header().Get("Location"), rec.Header().Get("HX-Redirect"), tc.status, tc.location, tc.hxRedirect)
		}
	}
}
