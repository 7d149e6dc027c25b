package handlers

import (
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
)

// htmx is a detail handled here once: the request headers it sends, the
// response headers it obeys, and one redirect that answers htmx and plain
// requests alike. No other file names an htmx header.
const (
	hxRequest    = "HX-Request"     // set on every request htmx makes
	hxBoosted    = "HX-Boosted"     // a boosted link or form: it wants a whole page
	hxCurrentURL = "HX-Current-URL" // the page the request was made from
	hxRedirect   = "HX-Redirect"    // response: load this address as a whole page
)

// isHTMX reports whether htmx asked for a fragment (not a boosted whole page).
func isHTMX(c echo.Context) bool {
	h := c.Request().Header
	return h.Get(hxRequest) == "true" && h.Get(hxBoosted) != "true"
}

// htmxCurrentPath is the same-site address of the page an htmx request came
// from, or "" when there is none.
func htmxCurrentPath(c echo.Context) string {
	u, err := url.Parse(c.Request().Header.Get(hxCurrentURL))
	if err != nil {
		return ""
	}
	return safeNext(u.RequestURI())
}

// varyOnHTMX tells caches that a response differs for htmx requests.
func varyOnHTMX(c echo.Context) { c.Response().Header().Add("Vary", hxRequest) }

// setHTMXRedirect makes htmx load url as a whole page, whatever the status.
func setHTMXRedirect(c echo.Context, url string) { c.Response().Header().Set(hxRedirect, url) }

// redirect sends the browser on after a successful form: htmx follows
// HX-Redirect, a plain form follows 303 See Other.
func redirect(c echo.Context, url string) error {
	if isHTMX(c) {
		setHTMXRedirect(c, url)
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, url)
}

// htmxHeaders is the hx-headers value (set once on <body>) that makes htmx
// send the CSRF token with every request.
func htmxHeaders(csrfToken string) string {
	if csrfToken == "" {
		return ""
	}
	b, _ := json.Marshal(map[string]string{csrfHeader: csrfToken})
	return string(b)
}
