package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
)

// visitor is a browser stand-in over real HTTP: it keeps cookies, sends each
// form's CSRF token back, and remembers every secret it saw (cookies, tokens)
// so that a test can look for them where they must not be.
type visitor struct {
	t       *testing.T
	base    string
	http    *http.Client
	csrf    string
	secrets map[string]string // what → value
}

func newVisitor(t *testing.T, base string) *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{t: t, base: base, secrets: map[string]string{},
		http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// get fetches a page, keeps its form's CSRF token and returns its status and body.
func (v *visitor) get(path string) (int, string) {
	v.t.Helper()
	return v.send(http.MethodGet, path, nil)
}

// post sends a form with the last CSRF token and returns the status and Location or body.
func (v *visitor) post(path string, form url.Values) (int, string) {
	v.t.Helper()
	form.Set("csrf_token", v.csrf)
	return v.send(http.MethodPost, path, form)
}

func (v *visitor) send(method, path string, form url.Values) (int, string) {
	v.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, v.base+path, body)
	if err != nil {
		v.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := v.http.Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, ck := range res.Cookies() {
		if ck.Value != "" {
			v.secrets["cookie "+ck.Name] = ck.Value
		}
	}
	if doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(b))); err == nil {
		if tok, ok := doc.Find(`input[name="csrf_token"]`).First().Attr("value"); ok {
			v.csrf = tok
			v.secrets["CSRF token"] = tok
		}
	}
	if loc := res.Header.Get("Location"); loc != "" {
		return res.StatusCode, loc
	}
	return res.StatusCode, string(b)
}

var resetLink = regexp.MustCompile(`/reset/([A-Za-z0-9_-]{20,})`)

// TestTheLogOfAWholeJourneyHoldsNoSecret runs web serve in demo mode, in each
// log format, through a journey that handles every kind of secret the app
// has: an administrator signs in with the demo password, makes an account and
// its reset link; the new person opens the link, sets a password, signs in,
// changes the password and signs out. The log (start-up included) holds none
// of the passwords, the reset token, the session ids or the CSRF tokens.
func TestTheLogOfAWholeJourneyHoldsNoSecret(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			vars := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": filepath.Join(t.TempDir(), "journey.db"),
				"DEMO": "1", "LOG_FORMAT": format}
			out, m := startServe(t, vars, regexp.MustCompile(`"?url"?[=:]"?(http://[0-9.:]+)`))
			base := m[0][1]
			secrets := map[string]string{"demo password": models.DemoPassword}

			admin := newVisitor(t, base)
			admin.get("/login")
			if code, to := admin.post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}}); code != http.StatusSeeOther {
				t.Fatalf("admin sign-in = %d %s", code, to)
			}
			admin.get("/admin/users/new")
			code, to := admin.post("/admin/users", url.Values{"login": {"newbie"}, "display_name": {"새 관리자"}, "role": {"admin"}})
			if code != http.StatusSeeOther {
				t.Fatalf("create account = %d %.300s", code, to)
			}
			admin.get(to)
			code, page := admin.post(to+"/reset", url.Values{})
			link := resetLink.FindStringSubmatch(page)
			if code != http.StatusOK || link == nil {
				t.Fatalf("reset link = %d, no link on the page", code)
			}
			secrets["reset token"] = link[1]

			newbie := newVisitor(t, base)
			if code, _ := newbie.get(link[0]); code != http.StatusOK {
				t.Fatalf("GET the reset link = %d", code)
			}
			first, second := "first passphrase of newbie", "second passphrase of newbie"
			secrets["new password"], secrets["changed password"] = first, second
			if code, to := newbie.post(link[0], url.Values{"new_password": {first}}); code != http.StatusSeeOther {
				t.Fatalf("set the password = %d %.300s", code, to)
			}
			newbie.get("/login")
			if code, to := newbie.post("/login", url.Values{"login": {"newbie"}, "password": {first}}); code != http.StatusSeeOther {
				t.Fatalf("newbie sign-in = %d %.300s", code, to)
			}
			newbie.get("/account/password")
			if code, to := newbie.post("/account/password", url.Values{"current_password": {first}, "new_password": {second}}); code != http.StatusSeeOther {
				t.Fatalf("change the password = %d %.300s", code, to)
			}
			newbie.get("/workspace")
			if code, _ := newbie.post("/logout", url.Values{}); code != http.StatusSeeOther {
				t.Fatalf("sign-out = %d", code)
			}

			for _, v := range []*visitor{admin, newbie} {
				for what, value := range v.secrets {
					secrets[what+" ("+value[:4]+"…)"] = value
				}
			}
			log := out.String()
			if !strings.Contains(log, "reset") || strings.Count(log, "\n") < 15 {
				t.Fatalf("the log does not show the journey:\n%s", log)
			}
			for what, value := range secrets {
				if strings.Contains(log, value) || strings.Contains(log, url.QueryEscape(value)) {
					t.Errorf("the %s log holds the %s", format, what)
				}
			}
			if t.Failed() {
				t.Logf("log:\n%s", log)
			}
		})
	}
}
