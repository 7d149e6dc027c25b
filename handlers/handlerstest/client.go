package handlerstest

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Client is a browser stand-in: it keeps cookies and the CSRF token across
// requests through the real router.
type Client struct {
	t       testing.TB
	Handler http.Handler            // the router the requests go to
	Cookies map[string]*http.Cookie // by name, as the server last set them
	CSRF    string                  // the token of the last page that carried one
	HTMX    bool                    // send HX-Request: true, as htmx does
	Remote  string                  // the client's address, as the server sees it
}

// NewClient is a client of h with no cookies.
func NewClient(t testing.TB, h http.Handler) *Client {
	return &Client{t: t, Handler: h, Cookies: map[string]*http.Cookie{}}
}

// Do sends a request with the client's cookies and keeps the cookies it gets back.
func (c *Client) Do(method, target string, form url.Values, header http.Header) *httptest.ResponseRecorder {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.Remote != "" {
		req.RemoteAddr = c.Remote
	}
	if c.HTMX {
		req.Header.Set("HX-Request", "true")
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	for _, ck := range c.Cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.Handler.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.Cookies, ck.Name)
		} else {
			c.Cookies[ck.Name] = ck
		}
	}
	return rec
}

// Get fetches a page, remembering the CSRF token it carries.
func (c *Client) Get(target string) *httptest.ResponseRecorder {
	c.t.Helper()
	rec := c.Do(http.MethodGet, target, nil, nil)
	if doc, err := goquery.NewDocumentFromReader(strings.NewReader(rec.Body.String())); err == nil {
		if tok, ok := doc.Find(`input[name=csrf_token]`).First().Attr("value"); ok && tok != "" {
			c.CSRF = tok
		}
	}
	return rec
}

// Post submits a form with the client's CSRF token.
func (c *Client) Post(target string, form url.Values) *httptest.ResponseRecorder {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.CSRF != "" && form.Get("csrf_token") == "" {
		form.Set("csrf_token", c.CSRF)
	}
	return c.Do(http.MethodPost, target, form, nil)
}

// Login signs in through the login form and fails the test if that does not work.
func (c *Client) Login(login, password string) {
	c.t.Helper()
	c.Get("/login")
	rec := c.Post("/login", url.Values{"login": {login}, "password": {password}})
	if rec.Code != http.StatusSeeOther {
		body := rec.Body.String()
		if len(body) > 400 {
			body = body[:400] + "…"
		}
		c.t.Fatalf("login %s = %d, want 303\n%s", login, rec.Code, body)
	}
	c.Get("/workspace") // pick up the session's CSRF token
}

// Upload posts a multipart form with the client's cookies and CSRF token, as
// a browser's file input does: the fields, and the file when fileName is set.
func (c *Client) Upload(target string, fields url.Values, fileName string, data []byte) *httptest.ResponseRecorder {
	c.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("csrf_token", c.CSRF)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	if fileName != "" {
		fw, _ := w.CreateFormFile("file", fileName)
		_, _ = fw.Write(data)
	}
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, target, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for _, ck := range c.Cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.Handler.ServeHTTP(rec, req)
	return rec
}

// CloneForm is a copy of a form that the copy's changes leave alone.
func CloneForm(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	return out
}
