package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// client is a browser stand-in: it keeps cookies and the CSRF token across
// requests through the real router.
type client struct {
	t       *testing.T
	h       http.Handler
	cookies map[string]*http.Cookie
	csrf    string
	htmx    bool
	remote  string // the client's address, as the server sees it
}

func newClient(t *testing.T, h http.Handler) *client {
	return &client{t: t, h: h, cookies: map[string]*http.Cookie{}}
}

// do sends a request with the client's cookies and keeps the cookies it gets back.
func (c *client) do(method, target string, form url.Values, header http.Header) *httptest.ResponseRecorder {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.remote != "" {
		req.RemoteAddr = c.remote
	}
	if c.htmx {
		req.Header.Set("HX-Request", "true")
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return rec
}

// get fetches a page, remembering the CSRF token it carries.
func (c *client) get(target string) *httptest.ResponseRecorder {
	c.t.Helper()
	rec := c.do(http.MethodGet, target, nil, nil)
	if doc, err := goquery.NewDocumentFromReader(strings.NewReader(rec.Body.String())); err == nil {
		if tok, ok := doc.Find(`input[name=csrf_token]`).First().Attr("value"); ok && tok != "" {
			c.csrf = tok
		}
	}
	return rec
}

// post submits a form with the client's CSRF token.
func (c *client) post(target string, form url.Values) *httptest.ResponseRecorder {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.csrf != "" && form.Get("csrf_token") == "" {
		form.Set("csrf_token", c.csrf)
	}
	return c.do(http.MethodPost, target, form, nil)
}

// login signs in through the login form and fails the test if that does not work.
func (c *client) login(login, password string) {
	c.t.Helper()
	c.get("/login")
	rec := c.post("/login", url.Values{"login": {login}, "password": {password}})
	if rec.Code != http.StatusSeeOther {
		c.t.Fatalf("login %s = %d, want 303\n%s", login, rec.Code, truncate(rec.Body.String(), 400))
	}
	c.get("/workspace") // pick up the session's CSRF token
}

// seedAccounts seeds the programme and the demo accounts (on a fresh store, a
// copy of a template seeded once: see modelstest.SeedDemo), and has the store
// check each password once and remember the answer, so that signing in as the
// demo accounts again and again costs one argon2id hash per process.
func seedAccounts(t testing.TB, s *models.Store) {
	t.Helper()
	modelstest.SeedDemo(t, s)
	modelstest.RememberPasswordChecks(s)
}
