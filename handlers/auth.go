package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

const badCredentials = "아이디 또는 비밀번호가 맞지 않습니다."

// loginForm is the sign-in form: the credentials and where to go afterwards.
type loginForm struct {
	models.Credentials
	Next string `form:"next"`
}

// LoginForm shows the sign-in form.
func (h *Handlers) LoginForm(c echo.Context) error {
	if currentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, urlsOf(c).to("workspace"))
	}
	var f loginForm
	if err := bindForm(c, &f); err != nil {
		return err
	}
	return h.renderLogin(c, http.StatusOK, "", safeNext(f.Next), "")
}

func (h *Handlers) renderLogin(c echo.Context, status int, login, next, msg string) error {
	form := views.NewForm(loginForm{Credentials: models.Credentials{Login: login}, Next: next}, nil)
	page := views.LoginPage{Chrome: h.chrome(c, "로그인"), Action: urlsOf(c).to("login.submit"), Form: form, Message: msg}
	page.CSRFToken = h.csrfToken(c)
	return render(c, status, views.Login(page), nil)
}

// LoginSubmit checks the credentials, starts a new session and goes on.
func (h *Handlers) LoginSubmit(c echo.Context) error {
	var f loginForm
	if err := bindForm(c, &f); err != nil {
		return err
	}
	next := safeNext(f.Next)
	ctx := c.Request().Context()
	var device string
	if ck, err := c.Cookie(h.cookieName(c, deviceCookie)); err == nil {
		device = ck.Value
	}
	in, err := h.store.SignIn(ctx, f.Credentials, c.RealIP(), device)
	u := in.User
	var throttled *models.ThrottledError
	switch {
	case errors.As(err, &throttled):
		h.countLogin(loginThrottled)
		// Whole seconds, rounded up: the browser that waits what it is told gets in.
		wait := max((throttled.Until.Sub(h.store.Now()) + time.Second - 1).Truncate(time.Second), time.Second)
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
		return h.renderLogin(c, http.StatusTooManyRequests, f.Login, next,
			"로그인 실패가 거듭되어 잠시 로그인을 막았습니다. "+koreanDuration(wait)+" 뒤에 다시 시도해 주십시오.")
	case errors.Is(err, models.ErrBusy):
		c.Response().Header().Set("Retry-After", "2")
		return h.renderLogin(c, http.StatusServiceUnavailable, f.Login, next,
			"로그인 요청이 몰려 잠시 처리하지 못했습니다. 잠시 후 다시 시도해 주십시오.")
	case errors.Is(err, models.ErrBadCredentials):
		h.countLogin(loginFailed)
		return h.renderLogin(c, http.StatusUnauthorized, f.Login, next, badCredentials)
	case err != nil:
		return err
	}
	if token, ok := c.Get(ctxToken).(string); ok {
		_ = h.store.EndSession(ctx, models.ActorOf(&u, c.RealIP()), token) // never carry a session over a login
	}
	h.setDeviceCookie(c, in.Device)
	if next == "" {
		next = urlsOf(c).to("workspace")
	}
	second, err := h.store.SecondFactorOf(ctx, u.ID)
	if err != nil {
		return err
	}
	if second.Enrolled || h.secondFactorRequired(&u) {
		// The password was right; the session starts after the second step.
		token, err := h.store.StartChallenge(ctx, u.ID, next)
		if err != nil {
			return err
		}
		h.setChallengeCookie(c, token)
		if second.Enrolled {
			return redirect(c, urlsOf(c).to("login.code"))
		}
		return redirect(c, urlsOf(c).to("login.enrol"))
	}
	h.countLogin(loginSucceeded)
	return h.startSession(c, u, next)
}

// startSession signs the user in on this browser and goes on to next.
func (h *Handlers) startSession(c echo.Context, u models.User, next string) error {
	token, _, err := h.store.StartSession(c.Request().Context(), u.ID, c.RealIP(), c.Request().UserAgent())
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token)
	h.clearCookie(c, csrfCookie)
	return redirect(c, next)
}

// Logout ends the session.
func (h *Handlers) Logout(c echo.Context) error {
	if token, ok := c.Get(ctxToken).(string); ok {
		if err := h.store.EndSession(c.Request().Context(), actor(c), token); err != nil {
			return err
		}
	}
	h.clearCookie(c, sessionCookie)
	return redirect(c, urlsOf(c).to("home"))
}

// safeNext keeps only a path on this site, so a login link cannot send people
// elsewhere: printable ASCII (a request URI as browsers send it), no scheme,
// host or backslash, and a path that is already clean once decoded (no "//",
// no dot segments, no control characters or white space hidden by escaping).
func safeNext(next string) string {
	if len(next) > 2048 || !strings.HasPrefix(next, "/") {
		return ""
	}
	for i := 0; i < len(next); i++ {
		if b := next[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	p := u.Path
	if p == "" || path.Clean(p) != p || strings.ContainsAny(p, "\\") {
		return ""
	}
	for _, r := range p {
		if r <= ' ' || r == 0x7f || !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return ""
		}
	}
	return next
}

func koreanDuration(d time.Duration) string {
	if d >= time.Minute {
		return strconv.Itoa(int(d.Minutes()+0.5)) + "분"
	}
	return strconv.Itoa(int(d.Seconds())) + "초"
}
