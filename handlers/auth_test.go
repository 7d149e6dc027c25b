package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestLoginRotatesTheSessionAndLogoutEndsIt(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := handlerstest.NewClient(t, e)
		c.Login("moel", models.DemoPassword)
		first := c.Cookies["gyoryu_session"]
		if first == nil || !first.HttpOnly || first.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie = %+v, want HttpOnly and SameSite=Lax", first)
		}
		c.Login("moel", models.DemoPassword)
		second := c.Cookies["gyoryu_session"]
		if second.Value == first.Value {
			t.Error("signing in again kept the same session id")
		}
		old := handlerstest.NewClient(t, e)
		old.Cookies["gyoryu_session"] = first
		if rec := old.Do(http.MethodGet, "/workspace", nil, nil); rec.Code != http.StatusSeeOther {
			t.Errorf("the replaced session still works: %d", rec.Code)
		}

		if rec := c.Post("/logout", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("logout = %d", rec.Code)
		}
		stolen := handlerstest.NewClient(t, e)
		stolen.Cookies["gyoryu_session"] = second
		if rec := stolen.Do(http.MethodGet, "/workspace", nil, nil); rec.Code != http.StatusSeeOther {
			t.Errorf("the session still works after logout: %d", rec.Code)
		}
	})
}

func TestCookiesAreSecureWhenConfigured(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		c := handlerstest.NewClient(t, handlerstest.NewRouter(t, s, handlers.Config{CookieSecure: true}))
		c.Login("admin", models.DemoPassword)
		if !c.Cookies["__Host-gyoryu_session"].Secure {
			t.Error("COOKIE_SECURE=1 but the session cookie is not Secure")
		}
		rec := c.Get("/workspace")
		if hsts := rec.Header().Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=") {
			t.Errorf("HSTS = %q, want it over HTTPS", hsts)
		}
	})
}

func TestSameMessageForUnknownLoginAndWrongPassword(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		messages := map[string]string{}
		for _, login := range []string{"moel", "no-such-user"} {
			c := handlerstest.NewClient(t, e)
			c.Get("/login")
			rec := c.Post("/login", url.Values{"login": {login}, "password": {"not-the-password"}})
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("%s: status %d, want 401", login, rec.Code)
			}
			doc := parse(t, rec.Body.String())
			messages[login] = text(doc.Find("[role=alert]"))
		}
		if messages["moel"] == "" || messages["moel"] != messages["no-such-user"] {
			t.Errorf("messages differ or are empty: %q vs %q", messages["moel"], messages["no-such-user"])
		}
	})
}

func TestTwentyWrongPasswordsAreThrottled(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := handlerstest.NewClient(t, e)
		c.Get("/login")
		statuses := map[int]int{}
		for range 20 {
			rec := c.Post("/login", url.Values{"login": {"admin"}, "password": {"wrong-password"}})
			statuses[rec.Code]++
		}
		if statuses[http.StatusUnauthorized] != 5 || statuses[http.StatusTooManyRequests] != 15 {
			t.Errorf("statuses = %v, want 5×401 then 15×429", statuses)
		}
		// The right password does not help while the account is locked...
		rec := c.Post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}})
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
			t.Errorf("right password while locked: %d, Retry-After %q; want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
		}
		// ...and another address trying the same account is locked out too (per account).
		other := handlerstest.NewClient(t, e)
		other.Remote = "203.0.113.9:1234"
		other.Get("/login")
		if rec := other.Post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}}); rec.Code != http.StatusTooManyRequests {
			t.Errorf("same account from another address: %d, want 429", rec.Code)
		}
		// Failed sign-ins are in the audit log.
		events, total, err := s.AuditEvents(context.Background(), models.AuditFilter{Action: models.AuditLoginFailed})
		if err != nil || total < 20 || len(events) == 0 {
			t.Errorf("audit has %d failed sign-ins (err %v), want ≥ 20", total, err)
		}
	})
}

func TestFormsWithoutTheirCSRFTokenAreRefused(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := handlerstest.NewClient(t, e)
		c.Login("admin", models.DemoPassword)
		form := url.Values{"login": {"replayed"}, "display_name": {"재전송"}, "role": {"reviewer"}}
		for name, tok := range map[string]string{"missing": "", "wrong": strings.Repeat("x", 43)} {
			f := handlerstest.CloneForm(form)
			if tok != "" {
				f.Set("csrf_token", tok)
			}
			rec := c.Do(http.MethodPost, "/admin/users", f, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
			if rec.Code != http.StatusForbidden {
				t.Errorf("%s token: status %d, want 403", name, rec.Code)
			}
			if h1 := text(parse(t, rec.Body.String()).Find("h1")); h1 != "권한이 없습니다" {
				t.Errorf("%s token: h1 %q, want the Korean 403 page", name, h1)
			}
		}
		crossSite := c.Do(http.MethodPost, "/admin/users", withToken(form, c.CSRF),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {"https://evil.example"}})
		if crossSite.Code != http.StatusForbidden {
			t.Errorf("cross-origin post with a valid token: %d, want 403", crossSite.Code)
		}
		if n, _ := s.CountUsersWithLogin(context.Background(), "replayed"); n != 0 {
			t.Error("a refused form still created the account")
		}
		// The same form with its token goes through.
		if rec := c.Post("/admin/users", form); rec.Code != http.StatusSeeOther {
			t.Errorf("with its token: %d, want 303", rec.Code)
		}
		// htmx sends the token as a header.
		c.HTMX = true
		rec := c.Do(http.MethodPost, "/logout", url.Values{}, http.Header{"X-Csrf-Token": {c.CSRF}, "Content-Type": {"application/x-www-form-urlencoded"}})
		if rec.Code != http.StatusOK || rec.Header().Get("HX-Redirect") != "/" {
			t.Errorf("htmx logout with header token: %d %q", rec.Code, rec.Header().Get("HX-Redirect"))
		}
	})
}

func TestSessionsExpireWhenIdleOrTooOld(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		clock := modelstest.FakeClock(s)
		e := handlerstest.NewRouter(t, s, handlers.Config{Sessions: models.SessionLimits{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}})
		signedIn := func(c *handlerstest.Client) bool {
			t.Helper()
			switch rec := c.Do(http.MethodGet, "/workspace", nil, nil); rec.Code {
			case http.StatusOK:
				return true
			case http.StatusSeeOther:
				return false
			default:
				t.Fatalf("GET /workspace = %d", rec.Code)
				return false
			}
		}

		idle := handlerstest.NewClient(t, e)
		idle.Login("moel", models.DemoPassword)
		if !signedIn(idle) {
			t.Fatal("the session does not work right after signing in")
		}
		clock.Advance(29 * time.Minute)
		if !signedIn(idle) {
			t.Error("the session ended after 29 idle minutes, before its 30")
		}
		clock.Advance(31 * time.Minute)
		if signedIn(idle) {
			t.Error("the session still works after 31 idle minutes")
		}

		busy := handlerstest.NewClient(t, e)
		busy.Login("mss", models.DemoPassword)
		for elapsed := time.Duration(0); elapsed < 11*time.Hour+40*time.Minute; elapsed += 20 * time.Minute {
			clock.Advance(20 * time.Minute)
			if !signedIn(busy) {
				t.Fatalf("a session in use ended after %s, before its 12 hours", elapsed+20*time.Minute)
			}
		}
		clock.Advance(25 * time.Minute) // 12 h 5 min after signing in, 25 min after the last request
		if signedIn(busy) {
			t.Error("a session in use still works 12 hours after signing in")
		}
	})
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		laptop, phone := handlerstest.NewClient(t, e), handlerstest.NewClient(t, e)
		laptop.Login("mss", models.DemoPassword)
		phone.Login("mss", models.DemoPassword)

		laptop.Get("/account/password")
		rec := laptop.Post("/account/password", url.Values{"current_password": {models.DemoPassword}, "new_password": {"short"}})
		if rec.Code != http.StatusUnprocessableEntity || text(parse(t, rec.Body.String()).Find("#f-new_password-error")) == "" {
			t.Errorf("short password: %d, want 422 with a message next to the field", rec.Code)
		}
		long := strings.Repeat("교류는 부처의 벽을 넘는다 ", 6) // a 90-character passphrase
		rec = laptop.Post("/account/password", url.Values{"current_password": {models.DemoPassword}, "new_password": {long}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("change password: %d", rec.Code)
		}
		if rec := laptop.Do(http.MethodGet, "/workspace", nil, nil); rec.Code != http.StatusOK {
			t.Errorf("the changing browser was signed out: %d", rec.Code)
		}
		if rec := phone.Do(http.MethodGet, "/workspace", nil, nil); rec.Code != http.StatusSeeOther {
			t.Errorf("the other session survived the password change: %d", rec.Code)
		}
		fresh := handlerstest.NewClient(t, e)
		fresh.Login("mss", long)
	})
}

func TestDeactivationEndsSessionsAndBlocksSignIn(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		coord, adm := handlerstest.NewClient(t, e), handlerstest.NewClient(t, e)
		coord.Login("moel", models.DemoPassword)
		adm.Login("admin", models.DemoPassword)
		id := userID(t, s, "moel")
		if rec := adm.Post("/admin/users/"+id+"/active", url.Values{"active": {"0"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("deactivate: %d", rec.Code)
		}
		if rec := coord.Do(http.MethodGet, "/workspace", nil, nil); rec.Code != http.StatusSeeOther {
			t.Errorf("a deactivated user's session still works: %d", rec.Code)
		}
		c := handlerstest.NewClient(t, e)
		c.Get("/login")
		if rec := c.Post("/login", url.Values{"login": {"moel"}, "password": {models.DemoPassword}}); rec.Code != http.StatusUnauthorized {
			t.Errorf("a deactivated user signed in: %d", rec.Code)
		}
	})
}

func TestResetLinkWorksOnceAndExpires(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		adm := handlerstest.NewClient(t, e)
		adm.Login("admin", models.DemoPassword)
		adm.Get("/admin/users/new")
		rec := adm.Post("/admin/users", url.Values{"login": {"newcoord"}, "display_name": {"새 담당자"}, "role": {"coordinator"}, "ministry_id": {ministryID(t, s, "mss")}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", rec.Code, truncate(rec.Body.String(), 500))
		}
		userPath := rec.Header().Get("Location")
		adm.Get(userPath)
		rec = adm.Post(userPath+"/reset", nil)
		link := text(parse(t, rec.Body.String()).Find(".reset-link code"))
		if !strings.Contains(link, "/reset/") {
			t.Fatalf("no reset link shown: %q", link)
		}
		path := link[strings.Index(link, "/reset/"):]

		u := handlerstest.NewClient(t, e)
		if rec := u.Get(path); rec.Code != http.StatusOK {
			t.Fatalf("open reset link: %d", rec.Code)
		}
		if rec := u.Post(path, url.Values{"new_password": {"새 비밀번호는 충분히 길다"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("use reset link: %d", rec.Code)
		}
		if rec := u.Get(path); rec.Code != http.StatusNotFound {
			t.Errorf("the link works twice: %d", rec.Code)
		}
		u.Login("newcoord", "새 비밀번호는 충분히 길다")

		// An expired link does not work.
		token, _, err := s.CreatePasswordReset(context.Background(), models.System, mustUserID(t, s, "newcoord"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DB().Exec("UPDATE password_resets SET expires_at = ? WHERE used_at IS NULL", time.Now().Add(-time.Minute)).Error; err != nil {
			t.Fatal(err)
		}
		if rec := u.Get("/reset/" + token); rec.Code != http.StatusNotFound {
			t.Errorf("an expired link works: %d", rec.Code)
		}
	})
}

func TestPersonalDataIsMaskedInListsAndItsViewingAudited(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		_, err := s.CreateUser(context.Background(), models.System, models.UserInput{Login: "kim", DisplayName: "김담당",
			Role: models.RoleReviewer, Email: "kim.damdang@korea.kr", Phone: "044-201-8354"})
		if err != nil {
			t.Fatal(err)
		}
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		adm := handlerstest.NewClient(t, e)
		adm.Login("admin", models.DemoPassword)
		list := adm.Get("/admin/users?q=kim").Body.String()
		if strings.Contains(list, "044-201-8354") || strings.Contains(list, "kim.damdang@") {
			t.Error("the account list shows unmasked contact details")
		}
		if !strings.Contains(list, "044-***-8354") {
			t.Error("the account list does not show the masked phone number")
		}
		detail := adm.Get("/admin/users/" + userID(t, s, "kim")).Body.String()
		if !strings.Contains(detail, "044-201-8354") {
			t.Error("the account page does not show the phone number to an admin")
		}
		_, n, _ := s.AuditEvents(context.Background(), models.AuditFilter{Action: models.AuditViewPersonal})
		if n != 1 {
			t.Errorf("personal-data views audited: %d, want 1", n)
		}
		for _, page := range []string{"/", "/rounds/1", "/rounds/2"} {
			if strings.Contains(adm.Get(page).Body.String(), "kim.damdang") {
				t.Errorf("%s shows a user's e-mail address", page)
			}
		}
	})
}

func TestSecurityHeadersOnPublicAndSignedInPages(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := handlerstest.NewClient(t, e)
		check := func(name string, h http.Header) {
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("%s: CSP %q lacks %q", name, csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("%s: CSP allows unsafe-inline or unsafe-eval: %q", name, csp)
			}
			for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"} {
				if h.Get(k) != want {
					t.Errorf("%s: %s = %q, want %q", name, k, h.Get(k), want)
				}
			}
			if h.Get("Permissions-Policy") == "" {
				t.Errorf("%s: no Permissions-Policy", name)
			}
		}
		check("/", c.Get("/").Header())
		c.Login("admin", models.DemoPassword)
		check("/admin/users", c.Get("/admin/users").Header())

		big := url.Values{"login": {strings.Repeat("a", 2<<20)}}
		if rec := c.Post("/admin/users", big); rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("a 2 MB form: %d, want 413", rec.Code)
		}
	})
}

func TestEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		ctx := context.Background()
		_, before, _ := s.AuditEvents(ctx, models.AuditFilter{})
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		adm := handlerstest.NewClient(t, e)
		adm.Login("admin", models.DemoPassword) // login
		adm.Get("/admin/users/new")
		rec := adm.Post("/admin/users", url.Values{"login": {"audited"}, "display_name": {"감사 대상"}, "role": {"reviewer"}}) // create
		path := rec.Header().Get("Location")
		adm.Get(path)
		adm.Post(path, url.Values{"display_name": {"감사 대상 2"}, "role": {"admin"}}) // update
		adm.Post(path+"/active", url.Values{"active": {"0"}})                      // update
		adm.Post(path+"/reset", nil)                                               // reset link
		adm.Post("/logout", nil)                                                   // logout
		events, after, _ := s.AuditEvents(ctx, models.AuditFilter{Page: models.Page{Size: 50}})
		if after-before != 6 {
			t.Errorf("audit events added: %d, want 6 (login, create, 2 updates, reset link, logout)", after-before)
		}
		var update *models.AuditEvent
		for i := range events {
			if events[i].Action == models.AuditUpdate && events[i].Before != nil && strings.Contains(*events[i].After, "감사 대상 2") {
				update = &events[i]
			}
		}
		if update == nil || !strings.Contains(*update.Before, `"display_name":"감사 대상"`) || update.IP == "" || update.UserID == nil {
			t.Fatalf("the update's audit event lacks who, where, before or after: %+v", update)
		}
		if strings.Contains(*update.After, "argon2") {
			t.Error("the audit log holds a password hash")
		}
		if err := s.DB().Exec("DELETE FROM audit_events").Error; err == nil {
			t.Error("the audit log can be deleted")
		}
		if err := s.DB().Exec("UPDATE audit_events SET actor = 'x'").Error; err == nil {
			t.Error("the audit log can be edited")
		}
		// The admin page filters it.
		adm.Login("admin", models.DemoPassword)
		doc := parse(t, adm.Get("/admin/audit?record_type=user&action=create").Body.String())
		if n := doc.Find(".audit-table tbody tr").Length(); n < 1 {
			t.Error("the audit page shows no create events")
		}
	})
}

func withToken(f url.Values, tok string) url.Values {
	out := handlerstest.CloneForm(f)
	out.Set("csrf_token", tok)
	return out
}
