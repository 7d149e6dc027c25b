package handlers

import (
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// isHTMX reports whether the request comes from htmx and wants a fragment.
func isHTMX(c echo.Context) bool {
	return c.Request().Header.Get("HX-Request") == "true" && c.Request().Header.Get("HX-Boosted") != "true"
}

// render answers with a full page, or with fragment when htmx asked for one.
// This is the one place that chooses between the two.
func render(c echo.Context, status int, page, fragment templ.Component) error {
	comp := page
	if fragment != nil && isHTMX(c) {
		comp = fragment
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().Header().Add("Vary", "HX-Request")
	c.Response().WriteHeader(status)
	return comp.Render(c.Request().Context(), c.Response())
}

// chrome is the frame every page shares: assets, demo banner, the signed-in
// user with the links their role may follow, and the CSRF token.
func (h *Handlers) chrome(c echo.Context, title string) views.Chrome {
	ch := views.Chrome{
		Title: title,
		Asset: h.assets.URL,
		Demo:  h.cfg.Demo,
		Path:  c.Request().URL.Path,
	}
	// The public menu names each announced round. An error page still renders
	// when the database is down, only without them.
	if rounds, err := h.store.PublishedRounds(c.Request().Context()); err == nil {
		for _, r := range rounds {
			ch.Rounds = append(ch.Rounds, views.NavLink{Label: strconv.Itoa(r.Number) + "차", URL: "/rounds/" + strconv.Itoa(r.Number)})
		}
	}
	if u := currentUser(c); u != nil {
		ch.User = signedInUser(u)
		ch.CSRFToken = h.csrfToken(c)
		// The count of nominations waiting for the user, beside the menu link.
		if n, err := h.store.CountNominationsWaiting(c.Request().Context(), u); err == nil {
			for i, l := range ch.User.Links {
				if l.URL == "/nominations" {
					ch.User.Links[i].Count = n
				}
			}
		}
	}
	return ch
}

// menu is the signed-in menu: each link shows only to roles that may use it.
var menu = []struct {
	action models.Action
	link   views.NavLink
}{
	{models.ActWorkspace, views.NavLink{Label: "업무 공간", URL: "/workspace"}},
	{models.ActViewPair, views.NavLink{Label: "교류직위", URL: "/pairs"}},
	{models.ActViewNominations, views.NavLink{Label: "교류자 선발", URL: "/nominations"}},
	{models.ActManageRounds, views.NavLink{Label: "차수 관리", URL: "/admin/rounds"}},
	{models.ActManageMinistries, views.NavLink{Label: "부처 관리", URL: "/admin/ministries"}},
	{models.ActViewProgress, views.NavLink{Label: "추진 현황", URL: "/progress"}},
	{models.ActManageAccounts, views.NavLink{Label: "계정 관리", URL: "/admin/users"}},
	{models.ActViewAudit, views.NavLink{Label: "감사 기록", URL: "/admin/audit"}},
	{models.ActOwnAccount, views.NavLink{Label: "비밀번호 변경", URL: "/account/password"}},
}

func signedInUser(u *models.User) *views.SignedInUser {
	su := &views.SignedInUser{DisplayName: u.DisplayName, RoleLabel: u.Role.Label()}
	if u.Ministry != nil {
		su.Ministry = u.Ministry.ShortName
	}
	for _, m := range menu {
		if models.MayAtAll(u, m.action) {
			su.Links = append(su.Links, m.link)
		}
	}
	return su
}

// saved answers a form that succeeded: htmx gets the fragment to swap in
// place, a plain form a 303 redirect to url (where the page shows the result).
func saved(c echo.Context, fragment templ.Component, url string) error {
	if isHTMX(c) {
		return render(c, http.StatusOK, nil, fragment)
	}
	return c.Redirect(http.StatusSeeOther, url)
}

// redirect sends the browser on after a successful form: htmx follows
// HX-Redirect, a plain form follows 303 See Other.
func redirect(c echo.Context, url string) error {
	if isHTMX(c) {
		c.Response().Header().Set("HX-Redirect", url)
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, url)
}
