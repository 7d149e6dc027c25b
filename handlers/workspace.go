package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Workspace is the signed-in home: a coordinator sees the pairs their ministry
// is in; reviewers and administrators see every pair.
func (h *Handlers) Workspace(c echo.Context) error {
	u := currentUser(c)
	f := models.PairFilter{Page: pageParam(c)}
	scope, intro, err := pairScope(u)
	if err != nil {
		return err
	}
	f.ScopeID = scope
	pairs, total, err := h.store.Pairs(c.Request().Context(), f)
	if err != nil {
		return err
	}
	page := views.WorkspacePage{Intro: intro}
	if page.Waiting, err = h.waitingWork(c, u); err != nil {
		return err
	}
	page.Chrome = h.chrome(c, "업무 공간") // after the waiting work, which counts the menu's nominations
	links := urlsOf(c)
	for _, p := range pairs {
		page.Pairs = append(page.Pairs, pairRow(links, p))
	}
	page.Pager = pager(f.Page, total, func(n int) string {
		return links.query("workspace", url.Values{"page": {strconv.Itoa(n)}})
	})
	return render(c, http.StatusOK, views.Workspace(page), nil)
}

// pairScope limits a person's pair lists to their ministry's pairs when their
// role may not see every pair, and says so in a line above the list.
func pairScope(u *models.User) (ministryID int64, intro string, err error) {
	if models.MayOnEvery(u, models.ActViewPair) {
		return 0, "모든 부처의 교류직위입니다.", nil
	}
	if u.MinistryID == nil || u.Ministry == nil {
		return 0, "", echo.NewHTTPError(http.StatusForbidden)
	}
	return *u.MinistryID, models.Particle(u.Ministry.Name, "이", "가") + " 참여하는 교류직위입니다.", nil
}

// PairShow is a pair's working page, for the two ministries' coordinators,
// reviewers and administrators.
func (h *Handlers) PairShow(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	page, err := h.pairPage(c, id, nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Pair(page), nil)
}

// pairPage builds a pair's working page; adjust, when given, changes the task
// section (a task in edit mode, the add form open) before it is shown.
func (h *Handlers) pairPage(c echo.Context, id int64, adjust func(*views.TaskSection)) (views.PairPage, error) {
	pair, tasks, err := h.store.PairByID(c.Request().Context(), id)
	if err != nil {
		return views.PairPage{}, err
	}
	// The page shows the pair, whichever route (a task's, an outcome's) asks for it.
	if !models.May(currentUser(c), models.ActViewPair, pair.Ministries()...) {
		return views.PairPage{}, echo.NewHTTPError(http.StatusForbidden)
	}
	title := pairTitle(pair)
	page := views.PairPage{
		Chrome:       h.chrome(c, title),
		WorkspaceURL: urlsOf(c).to("workspace"),
		Title:        title,
		Round:        pair.Round.Title,
		Grade:        models.GradeLabel(pair.Grade),
		Theme:        deref(pair.Theme),
		Status:       pairStatusBadge(pair.Status),
		A:            positionCell(pair.PositionA, pair.MinistryA),
		B:            positionCell(pair.PositionB, pair.MinistryB),
		Tasks:        h.taskEditing(c, pair).section(pair, tasks),
	}
	if pair.Number != nil {
		page.Number = strconv.Itoa(*pair.Number)
	}
	if adjust != nil {
		adjust(&page.Tasks)
	}
	if page.Workflow, err = h.pairWorkflow(c, pair); err != nil {
		return views.PairPage{}, err
	}
	if page.Exchangees, err = h.exchangeeSlots(c, pair); err != nil {
		return views.PairPage{}, err
	}
	return page, nil
}

// pairTitle names a pair by its theme, or by its two ministries when the theme is unknown.
func pairTitle(p models.ExchangePair) string {
	if p.Theme != nil {
		return *p.Theme
	}
	return p.MinistryA.ShortName + " ↔ " + p.MinistryB.ShortName + " 교류직위"
}
