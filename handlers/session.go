package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
)

const (
	sessionCookie = "gyoryu_session"
	csrfCookie    = "gyoryu_csrf"   // for forms shown before sign-in
	deviceCookie  = "gyoryu_device" // a browser that signed in before (models.LoginDevice)
	ctxUser       = "user"
	ctxSession    = "session"
	ctxToken      = "session_token"
	ctxAction     = "action" // the route's access rule, put there by the guard
)

// loadSession puts the signed-in user, if any, on the request.
func (h *Handlers) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(h.cookieName(c, sessionCookie))
		if err != nil || ck.Value == "" {
			return next(c)
		}
		u, sess, err := h.store.SessionUser(c.Request().Context(), ck.Value, h.cfg.Sessions)
		switch {
		case errors.Is(err, models.ErrNoSession):
			h.clearCookie(c, sessionCookie)
		case err != nil:
			return err
		default:
			c.Set(ctxUser, &u)
			c.Set(ctxSession, &sess)
			c.Set(ctxToken, ck.Value)
		}
		return next(c)
	}
}

// currentUser is the signed-in user, or nil.
func currentUser(c echo.Context) *models.User {
	u, _ := c.Get(ctxUser).(*models.User)
	return u
}

// actor is who the request acts as, for the audit log.
func actor(c echo.Context) models.Actor {
	return models.ActorOf(currentUser(c), c.RealIP())
}

func (h *Handlers) setSessionCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{
		Name: h.cookieName(c, sessionCookie), Value: token, Path: "/", HttpOnly: true,
		Secure: h.secure(c), SameSite: http.SameSiteLaxMode,
		MaxAge: int(h.cfg.Sessions.Absolute.Seconds()),
	})
}

// setDeviceCookie keeps the browser's device token for its next sign-in;
// signing out leaves it, so that the browser stays known.
func (h *Handlers) setDeviceCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{
		Name: h.cookieName(c, deviceCookie), Value: token, Path: "/", HttpOnly: true,
		Secure: h.secure(c), SameSite: http.SameSiteStrictMode,
		MaxAge: int(models.DeviceLifetime.Seconds()),
	})
}

func (h *Handlers) clearCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: h.cookieName(c, name), Value: "", Path: "/", HttpOnly: true, Secure: h.secure(c),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// cookieName is a cookie's name on this request: over HTTPS it carries the
// __Host- prefix, which browsers accept only from this exact host, Secure and
// for the whole site, so a neighbouring subdomain or plain-HTTP page cannot plant it.
func (h *Handlers) cookieName(c echo.Context, base string) string {
	if h.secure(c) {
		return "__Host-" + base
	}
	return base
}

// secure reports whether the request came over HTTPS (or cookies must be Secure anyway).
func (h *Handlers) secure(c echo.Context) bool {
	return h.cfg.CookieSecure || c.Request().TLS != nil || (h.cfg.TrustProxy && c.Request().Header.Get("X-Forwarded-Proto") == "https")
}

// guard enforces a route's access rule before its handler runs: public routes
// pass; others need a signed-in user whose role may take the route's action.
// The action stays on the request, so that record loaders (taskParam and the
// like) check the record against the same rule.
func (h *Handlers) guard(action models.Action, next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(ctxAction, action)
		if action == Public {
			return next(c)
		}
		u := currentUser(c)
		if u == nil {
			return h.needSignIn(c)
		}
		if !models.MayAtAll(u, action) {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		return next(c)
	}
}

// routeAction is the access rule of the route being served.
func routeAction(c echo.Context) models.Action {
	a, _ := c.Get(ctxAction).(models.Action)
	return a
}

// needSignIn answers an anonymous request for a protected route: htmx gets 401,
// a page request goes to the login page and comes back afterwards.
func (h *Handlers) needSignIn(c echo.Context) error {
	req := c.Request()
	login := func(next string) string { return urlsOf(c).query("login", url.Values{"next": {next}}) }
	if isHTMX(c) {
		// htmx swaps nothing on a 401; HX-Redirect takes the browser to sign in
		// and back to the page it was on (a session that timed out, say).
		if from := htmxCurrentPath(c); from != "" {
			setHTMXRedirect(c, login(from))
		}
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	return c.Redirect(http.StatusSeeOther, login(req.URL.RequestURI()))
}

// authorize checks the user may take the route's action on a record of the
// given ministries: the same policy call the domain makes again.
func authorize(c echo.Context, ministries ...int64) error {
	if !models.May(currentUser(c), routeAction(c), ministries...) {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	return nil
}
