package handlers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf16"

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
	hxTrigger    = "HX-Trigger"     // response: events htmx fires on the element that asked
	doneEvent    = "gyoryu:done"    // the event static/src/app.js says in the page's status line
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

// announce has htmx tell the page's status line (static/src/app.js) what the
// request did, once the answer is swapped in. The header is JSON kept to ASCII
// (Korean as \u escapes): browsers read header bytes as Latin-1.
func announce(c echo.Context, msg string) {
	if msg == "" {
		return
	}
	var b strings.Builder
	b.WriteString(`{"` + doneEvent + `":"`)
	for _, r := range msg {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r > 0x7e:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`"}`)
	c.Response().Header().Set(hxTrigger, b.String())
}
