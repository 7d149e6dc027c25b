package handlers

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
)

const (
	csrfField  = "csrf_token"
	csrfHeader = "X-CSRF-Token"
	ctxCSRF    = "csrf"
)

// csrf protects every state-changing request. A signed-in user's token lives in
// the session; before sign-in it is a random cookie that the form echoes back,
// made only when a form needs it so public pages set no cookie.
// Forms send the token as a hidden field, htmx as a header (set once on <body>).
func (h *Handlers) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		expected := ""
		if sess, ok := c.Get(ctxSession).(*models.Session); ok {
			expected = sess.CSRFToken
		} else if ck, err := c.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 {
			expected = ck.Value
		}
		c.Set(ctxCSRF, expected)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if !sameOrigin(c) {
			return echo.NewHTTPError(http.StatusForbidden, "cross-origin request")
		}
		sent := c.Request().Header.Get(csrfHeader)
		if sent == "" {
			sent = formValue(c, csrfField)
		}
		if expected == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(expected)) != 1 {
			return echo.NewHTTPError(http.StatusForbidden, "missing or wrong CSRF token")
		}
		return next(c)
	}
}

// sameOrigin rejects requests whose Origin header names another site.
func sameOrigin(c echo.Context) bool {
	origin := c.Request().Header.Get("Origin")
	if origin == "" || origin == "null" {
		return origin == ""
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == c.Request().Host
}

// csrfToken is the token forms on this request must carry; before sign-in it
// is created, with its cookie, the first time a form asks for it.
func (h *Handlers) csrfToken(c echo.Context) string {
	if t, _ := c.Get(ctxCSRF).(string); t != "" {
		return t
	}
	t := randomToken()
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: t, Path: "/", HttpOnly: true,
		Secure: h.secure(c), SameSite: http.SameSiteLaxMode})
	c.Set(ctxCSRF, t)
	return t
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
