package handlers

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// contentSecurityPolicy allows our own scripts, styles, fonts and images only:
// no inline script, no eval, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// securityHeaders sets the headers every response carries.
func (h *Handlers) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		hd := c.Response().Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if h.secure(c) {
			hd.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		return next(c)
	}
}

// noStore keeps what a signed-in person sees, and password reset pages (their
// token is in the URL), out of every cache: browser history, shared
// computers' disks and proxies. It runs after loadSession.
func (h *Handlers) noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// The second step of a sign-in shows a new second factor's secret and
		// recovery codes before any session exists.
		if currentUser(c) != nil || strings.HasPrefix(c.Path(), "/reset/") || strings.HasPrefix(c.Path(), "/login/") {
			c.Response().Header().Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}
