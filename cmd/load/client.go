package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// vclient is one simulated person: a cookie jar, the CSRF token of the last
// page, and the recorder its requests go to.
type vclient struct {
	base    string
	http    *http.Client
	rec     *recorder
	csrf    string
	people  *people // shared by every client of a run: see login
	account string  // the login this client signs in as
	// kindPrefix marks the requests of a group apart in the figures (burstKind).
	kindPrefix string
}

func newClient(base string, transport http.RoundTripper, rec *recorder, timeout time.Duration) *vclient {
	jar, _ := cookiejar.New(nil)
	return &vclient{base: base, rec: rec, http: &http.Client{
		Transport: transport, Jar: jar, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// answer is what came back; status 0 means none (refused, reset or timed out).
type answer struct {
	status   int
	body     []byte
	location string
}

// do sends one request of a kind and records how long it took.
func (c *vclient) do(ctx context.Context, kind, method, path string, form url.Values, htmx bool) answer {
	var body io.Reader
	if form != nil {
		if c.csrf != "" && form.Get("csrf_token") == "" {
			form.Set("csrf_token", c.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		panic(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	start := time.Now()
	res, err := c.http.Do(req)
	var a answer
	busy := false
	if err == nil {
		a.body, err = io.ReadAll(res.Body)
		res.Body.Close()
		if err == nil {
			a.status, a.location = res.StatusCode, res.Header.Get("Location")
			busy = kind == "login" && a.status == http.StatusServiceUnavailable && res.Header.Get("Retry-After") != ""
		}
	}
	if ctx.Err() != nil && a.status == 0 {
		return a // the run ended while this request was in flight: not a sample
	}
	c.rec.add(sample{kind: c.kindPrefix + kind, status: a.status, busy: busy, took: time.Since(start), at: start})
	if a.status == http.StatusOK {
		if tok := csrfIn(a.body); tok != "" {
			c.csrf = tok
		}
	}
	return a
}

func csrfIn(body []byte) string {
	// The views render <input type="hidden" name="csrf_token" value="…"/>; finding
	// it by bytes keeps the load generator's own CPU use small.
	_, rest, ok := bytes.Cut(body, []byte(`name="csrf_token" value="`))
	if !ok {
		return ""
	}
	tok, _, _ := bytes.Cut(rest, []byte(`"`))
	return string(tok)
}

// formOf reads the first form of a page or fragment as it would be submitted.
func formOf(body []byte) url.Values { return formIn(body, "form") }

// formIn reads the first form matching a selector (e.g. "form#move-approve") as
// it would be submitted; nil when the page has none.
func formIn(body []byte, selector string) url.Values {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil
	}
	found := doc.Find(selector).First()
	if found.Length() == 0 {
		return nil
	}
	form := url.Values{}
	found.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if name == "" {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			form.Set(name, s.Text())
		case "select":
			v, ok := s.Find("option[selected]").Attr("value")
			if !ok {
				v, _ = s.Find("option").First().Attr("value")
			}
			form.Set(name, v)
		default:
			v, _ := s.Attr("value")
			form.Set(name, v)
		}
	})
	return form
}

// login signs in through the login form, as this client's own copy of the
// demo account base (see people) once it has one.
func (c *vclient) login(ctx context.Context, base, password string) bool {
	if c.account == "" {
		c.account = c.people.account(base)
	}
	login := c.account
	c.do(ctx, "login.form", http.MethodGet, "/login", nil, false)
	a := c.do(ctx, "login", http.MethodPost, "/login", url.Values{"login": {login}, "password": {password}}, false)
	if a.status != http.StatusSeeOther {
		return false
	}
	c.do(ctx, "workspace", http.MethodGet, "/workspace", nil, false) // the session's CSRF token
	return true
}
