package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/views"
)

// Every address the app shows is built here from a route's name in the route
// table (routes.go), with echo's Reverse; no other file writes a path. Handlers
// put the addresses into the view structs and views build none, so renaming a
// path is a one-line change in the table.
//
//	u := urlsOf(c)
//	page.EditURL = u.to("task.edit", t.ID)                      // /tasks/7/edit
//	page.MoreURL = u.query("pairs", url.Values{"status": {"x"}}) // /pairs?status=x
//	page.Back = u.to("pair", p.ID) + "#task-7"                  // fragments are appended

// urls builds addresses from route names. On an English public page a route
// with an English twin ("en." + its name) gives the twin's address, so the
// English pages link to each other; ctx is the page's (public_lang.go).
type urls struct {
	e   *echo.Echo
	ctx context.Context
}

// urlsOf is the address builder of the request's router.
func urlsOf(c echo.Context) urls { return urls{e: c.Echo(), ctx: c.Request().Context()} }

// to is the address of the named route with its path parameters in order. It
// panics on a name the table lacks or a parameter missing, so that the first
// test rendering the link fails.
func (u urls) to(name string, params ...any) string {
	args := make([]any, len(params))
	for i, p := range params {
		args[i] = url.PathEscape(fmt.Sprint(p))
	}
	path := ""
	if views.InEnglish(u.ctx) {
		path = u.e.Reverse(englishRoute(name), args...)
	}
	if path == "" {
		path = u.e.Reverse(name, args...)
	}
	if path == "" || strings.ContainsAny(path, ":*") {
		panic(fmt.Sprintf("urls: no route %q for parameters %v", name, params))
	}
	return path
}

// query is the named route's address with a query string.
func (u urls) query(name string, q url.Values, params ...any) string {
	path := u.to(name, params...)
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
