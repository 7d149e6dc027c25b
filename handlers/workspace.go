package handlers

import (
	"net/http"
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
	intro := "모든 부처의 교류직위입니다."
	if !models.May(u, models.ActViewPair) { // not every pair: only their ministry's
		if u.MinistryID == nil {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		f.MinistryID = *u.MinistryID
		intro = u.Ministry.Name + "이(가) 참여하는 교류직위입니다."
	}
	pairs, total, err := h.store.Pairs(c.Request().Context(), f)
	if err != nil {
		return err
	}
	page := views.WorkspacePage{Chrome: h.chrome(c, "업무 공간"), Intro: intro}
	if page.Waiting, err = h.waitingWork(c, u); err != nil {
		return err
	}
	for _, p := range pairs {
		row := views.WorkspacePair{
			URL:    "/pairs/" + strconv.FormatInt(p.ID, 10),
			Round:  p.Round.Title,
			Grade:  models.GradeLabel(p.Grade),
			Theme:  deref(p.Theme),
			A:      positionCell(p.PositionA, p.MinistryA),
			B:      positionCell(p.PositionB, p.MinistryB),
			Status: p.Status.Label(),
		}
		if p.Number != nil {
			row.Number = strconv.Itoa(*p.Number)
		}
		page.Pairs = append(page.Pairs, row)
	}
	page.Pager = pager(f.Page, total, func(n int) string { return "/workspace?page=" + strconv.Itoa(n) })
	return render(c, http.StatusOK, views.Workspace(page), nil)
}

// PairShow is a pair's working page, for the two ministries' coordinators,
// reviewers and administrators.
func (h *Handlers) PairShow(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	pair, tasks, err := h.store.PairByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if err := authorize(c, models.ActViewPair, pair.Ministries()...); err != nil {
		return err
	}
	title := pair.MinistryA.ShortName + " ↔ " + pair.MinistryB.ShortName
	if pair.Theme != nil {
		title = *pair.Theme
	}
	page := views.PairPage{
		Chrome: h.chrome(c, title),
		Title:  title,
		Round:  pair.Round.Title,
		Grade:  models.GradeLabel(pair.Grade),
		Theme:  deref(pair.Theme),
		Status: pair.Status.Label(),
		A:      positionCell(pair.PositionA, pair.MinistryA),
		B:      positionCell(pair.PositionB, pair.MinistryB),
	}
	if pair.Number != nil {
		page.Number = strconv.Itoa(*pair.Number)
	}
	for _, t := range tasks {
		ts := views.TaskSummary{Title: t.Title, Published: t.Published}
		if t.Category != nil {
			ts.Category = t.Category.Label()
		}
		if t.Status != nil {
			ts.Status = t.Status.Label()
		}
		for _, o := range t.Outcomes {
			ts.Outcomes = append(ts.Outcomes, outcomeItem(o))
		}
		page.Tasks = append(page.Tasks, ts)
	}
	if page.Workflow, err = h.pairWorkflow(c, pair); err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Pair(page), nil)
}
