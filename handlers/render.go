package handlers

import (
	"bytes"
	"strconv"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// render answers with a full page, or with fragment when htmx asked for one.
// This is the one place that chooses between the two. The page is rendered
// into a buffer and written at once: a failed rendering answers with the error
// page rather than half a page, and the response goes out in one write (templ
// flushes a response it writes to, which costs a compressed response a sync
// flush and the network an extra packet).
func render(c echo.Context, status int, page, fragment templ.Component) error {
	comp := page
	if fragment != nil && isHTMX(c) {
		comp = fragment
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := comp.Render(c.Request().Context(), buf); err != nil {
		return err
	}
	if err := writeAccessRecord(c); err != nil { // 접속기록, before the names go out
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	varyOnHTMX(c)
	c.Response().WriteHeader(status)
	_, err := c.Response().Write(buf.Bytes())
	return err
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns a buffer to the pool, unless an unusually large page
// grew it: the pool would keep that memory for good.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	pageBuffers.Put(buf)
}

// renderBuilt is render for a page that costs queries to build: htmx gets the
// fragment, and the page is built only for a request that shows it.
func renderBuilt(c echo.Context, status int, build func() (templ.Component, error), fragment templ.Component) error {
	if fragment != nil && isHTMX(c) {
		return render(c, status, nil, fragment)
	}
	page, err := build()
	if err != nil {
		return err
	}
	return render(c, status, page, nil)
}

// chrome is the frame every page shares: assets, demo banner, the signed-in
// user with the links their role may follow, and the CSRF token.
func (h *Handlers) chrome(c echo.Context, title string) views.Chrome {
	u := urlsOf(c)
	ch := h.frame(c, title)
	// The public menu names each announced round, from the public view the
	// public pages are built from (read once per public version, not per page).
	// An error page still renders when the database is down, only without them.
	if g, err := h.site.current(c.Request().Context()); err == nil {
		for _, r := range g.view.Rounds {
			ch.Rounds = append(ch.Rounds, views.NavLink{Label: strconv.Itoa(r.Number) + "차", URL: u.to("round", r.Number)})
		}
	}
	return ch
}

// frame is the part of the chrome that needs no query: assets, addresses of
// the header and footer, the signed-in user.
func (h *Handlers) frame(c echo.Context, title string) views.Chrome {
	u := urlsOf(c)
	ch := views.Chrome{
		Title:        pageTitle(c, title),
		Asset:        h.assets.URL,
		Demo:         h.cfg.Demo,
		Path:         c.Request().URL.Path,
		HomeURL:      u.to("home"),
		LoginURL:     u.to("login"),
		PrivacyURL:   u.to("privacy"),
		CopyrightURL: u.to("copyright"),
		DataURL:      u.to("data"),
		FaviconURL:   u.to("favicon"),
	}
	if !isHTMX(c) {
		ch.Flash = h.takeFlash(c)
	}
	if user := currentUser(c); user != nil {
		ch.User = h.signedInUser(u, user)
		ch.CSRFToken = h.csrfToken(c)
		ch.HTMXHeaders = htmxHeaders(ch.CSRFToken)
		ch.LogoutURL = u.to("logout")
		// The count of jobs waiting for the user, beside the workspace link where
		// they are listed, and the unread notifications beside 알림: one query.
		if total, unread, err := h.workCount(c); err == nil {
			ch.User.Unread = unread
			workspace := u.to("workspace")
			for i, l := range ch.User.Links {
				if l.URL == workspace {
					ch.User.Links[i].Count = total
				}
			}
		}
	}
	return ch
}

// menu is the signed-in menu, by route name: each link shows only to roles
// that may take its route's action.
var menu = []struct{ label, route string }{
	{"업무 공간", "workspace"},
	{"교류직위", "pairs"},
	{"교류자 선발", "nominations"},
	{"차수 관리", "rounds"},
	{"부처 관리", "ministries"},
	{"추진 현황", "progress"},
	{"실적 평가", "evaluations"},
	{"계정 관리", "users"},
	{"감사 기록", "audit"},
	{"접속기록", "access"},
	{"비밀번호 변경", "password"},
	{"2단계 인증", "second_factor"},
}

func (h *Handlers) signedInUser(u urls, user *models.User) *views.SignedInUser {
	su := &views.SignedInUser{DisplayName: user.DisplayName, RoleLabel: user.Role.Label(), NotificationsURL: u.to("notifications")}
	if user.Ministry != nil {
		su.Ministry = user.Ministry.ShortName
	}
	for _, m := range menu {
		if models.MayAtAll(user, h.access[m.route]) {
			su.Links = append(su.Links, views.NavLink{Label: m.label, URL: u.to(m.route)})
		}
	}
	return su
}
