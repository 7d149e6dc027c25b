package handlers

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/views"
)

// Every address the app shows is built here from a route's name in the route
// table (routes.go), as echo's Reverse would; no other file writes a path. Handlers
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
	args := make([]string, len(params))
	for i, p := range params {
		args[i] = url.PathEscape(fmt.Sprint(p))
	}
	path := ""
	if views.InEnglish(u.ctx) {
		path = u.reverse(englishRoute(name), args)
	}
	if path == "" {
		path = u.reverse(name, args)
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

// reverse is the path of the named route with args in its parameters, as
// echo's Reverse writes it ("" for a name no route has). Reverse looks for the
// name among every route, 1.5 µs a link: 0.3 ms of a report's 200 rows of
// people, a cost per row the decade benchmark counts (issue 25). The router's
// paths by name are kept instead (keepRoutePaths).
func (u urls) reverse(name string, args []string) string {
	if paths, ok := routePaths.Load(weak.Make(u.e)); ok {
		if p, ok := paths.(map[string]routePath)[name]; ok {
			return p.fill(args)
		}
	}
	params := make([]any, len(args))
	for i, a := range args {
		params[i] = a
	}
	return u.e.Reverse(name, params...)
}

// routePaths are each router's route paths by name, for as long as the router lives.
var routePaths sync.Map // weak.Pointer[echo.Echo] → map[string]routePath

// keepRoutePaths keeps e's route paths by name, once its routes are added.
// A path with a wildcard or an escaped colon (the static files') is not kept:
// its name is left to echo's Reverse.
func keepRoutePaths(e *echo.Echo) {
	paths := map[string]routePath{}
	for _, r := range e.Routes() {
		if _, ok := paths[r.Name]; !ok && !strings.ContainsAny(r.Path, "*\\") {
			paths[r.Name] = parseRoutePath(r.Path)
		}
	}
	key := weak.Make(e)
	routePaths.Store(key, paths)
	runtime.AddCleanup(e, func(k weak.Pointer[echo.Echo]) { routePaths.Delete(k) }, key)
}

// routePath is a route's path: its static pieces, with a parameter (named in
// params) between each two.
type routePath struct {
	static []string
	params []string
}

func parseRoutePath(path string) routePath {
	var p routePath
	for {
		i := strings.IndexByte(path, ':')
		if i < 0 {
			p.static = append(p.static, path)
			return p
		}
		p.static = append(p.static, path[:i])
		end := strings.IndexByte(path[i:], '/')
		if end < 0 {
			end = len(path) - i
		}
		p.params = append(p.params, path[i+1:i+end])
		path = path[i+end:]
	}
}

// fill writes args into the parameters in order; a parameter without one
// stays ":name", as echo leaves it.
func (p routePath) fill(args []string) string {
	var b strings.Builder
	for i, s := range p.static {
		b.WriteString(s)
		if i < len(p.params) {
			if i < len(args) {
				b.WriteString(args[i])
			} else {
				b.WriteString(":" + p.params[i])
			}
		}
	}
	return b.String()
}
