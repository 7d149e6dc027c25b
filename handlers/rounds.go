package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// uploadBodyLimit lets a 5 MB spreadsheet and its multipart wrapping through.
const uploadBodyLimit = "6M"

// RoundList lists the rounds for administrators.
func (h *Handlers) RoundList(c echo.Context) error {
	rounds, err := h.store.Rounds(c.Request().Context())
	if err != nil {
		return err
	}
	page := views.RoundsPage{Chrome: h.chrome(c, "차수 관리")}
	for _, r := range rounds {
		page.Rows = append(page.Rows, views.RoundRow{URL: roundAdminURL(r.ID), Number: strconv.Itoa(r.Number), Title: r.Title,
			Status: r.Status.Label(), Schedule: r.ScheduleNote,
			Planned: "국장급 " + strconv.Itoa(r.PlannedDirectorGeneral) + " · 과장급 " + strconv.Itoa(r.PlannedDivisionDirector)})
	}
	return render(c, http.StatusOK, views.Rounds(page), nil)
}

// RoundNew shows the empty round form.
func (h *Handlers) RoundNew(c echo.Context) error {
	page := views.RoundFormPage{Chrome: h.chrome(c, "차수 만들기"), New: true, Heading: "차수 만들기",
		Values: views.RoundValues{PlannedDirectorGeneral: "0", PlannedDivisionDirector: "0"}}
	return render(c, http.StatusOK, views.RoundForm(page), nil)
}

// RoundCreate creates a round in its first stage.
func (h *Handlers) RoundCreate(c echo.Context) error {
	in, badNumbers := roundInput(c)
	r, err := h.store.CreateRound(c.Request().Context(), actor(c), in)
	if errs := mergeErrors(fieldErrors(err), badNumbers); errs != nil {
		page := views.RoundFormPage{Chrome: h.chrome(c, "차수 만들기"), New: true, Heading: "차수 만들기",
			Values: roundValues(c), Errors: errs}
		return render(c, http.StatusUnprocessableEntity, views.RoundForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, roundAdminURL(r.ID))
}

// RoundEdit shows a round's form, stage, counts per grade, import and export.
func (h *Handlers) RoundEdit(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	page, err := h.roundFormPage(c, r)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.RoundForm(page), nil)
}

// RoundUpdate saves a round's number, title, plan and dates.
func (h *Handlers) RoundUpdate(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	in, badNumbers := roundInput(c)
	_, err = h.store.UpdateRound(c.Request().Context(), actor(c), r.ID, in)
	if errs := mergeErrors(fieldErrors(err), badNumbers); errs != nil {
		page, perr := h.roundFormPage(c, r)
		if perr != nil {
			return perr
		}
		page.Values, page.Errors = roundValues(c), errs
		return render(c, http.StatusUnprocessableEntity, views.RoundForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, roundAdminURL(r.ID))
}

// RoundAdvance moves a round on to its next stage.
func (h *Handlers) RoundAdvance(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if _, err := h.store.AdvanceRound(c.Request().Context(), actor(c), id, models.RoundStatus(c.FormValue("to"))); err != nil {
		return err
	}
	return redirect(c, roundAdminURL(id))
}

func (h *Handlers) roundParam(c echo.Context) (models.Round, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Round{}, err
	}
	return h.store.RoundByID(c.Request().Context(), id)
}

func (h *Handlers) roundFormPage(c echo.Context, r models.Round) (views.RoundFormPage, error) {
	counts, err := h.store.RoundCounts(c.Request().Context(), r)
	if err != nil {
		return views.RoundFormPage{}, err
	}
	page := views.RoundFormPage{Chrome: h.chrome(c, r.Title), ID: r.ID, Heading: r.Title, Values: valuesOfRound(r.InputOf()),
		PairsURL: "/pairs?round=" + strconv.FormatInt(r.ID, 10), Exports: exportLinks(r.ID)}
	for _, st := range models.RoundStatuses {
		page.Stages = append(page.Stages, views.RoundStage{Value: string(st), Label: st.Label(), Current: st == r.Status})
	}
	if next, ok := r.Status.Next(); ok {
		page.Next = &views.RoundStage{Value: string(next), Label: next.Label()}
	}
	for _, gc := range counts {
		label := models.GradeLabel(gc.Grade)
		if label == "" {
			label = "구분 미상"
		}
		page.Counts = append(page.Counts, views.GradeCountRow{Grade: label, Planned: gc.Planned, Proposed: gc.Proposed, Selected: gc.Selected})
	}
	return page, nil
}

func roundAdminURL(id int64) string { return "/admin/rounds/" + strconv.FormatInt(id, 10) }

// roundInput reads the round form; numbers that are not numbers become field errors.
func roundInput(c echo.Context) (models.RoundInput, views.Errors) {
	errs := views.Errors{}
	number := func(field string) int {
		v := strings.TrimSpace(c.FormValue(field))
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			errs[field] = "숫자로 입력해 주십시오."
		}
		return n
	}
	in := models.RoundInput{Number: number("number"), Title: c.FormValue("title"),
		PlannedDirectorGeneral: number("planned_director_general"), PlannedDivisionDirector: number("planned_division_director"),
		ScheduleNote: c.FormValue("schedule_note"), ProposalsDueOn: c.FormValue("proposals_due_on"), SelectedOn: c.FormValue("selected_on"),
		ExchangeStartsOn: c.FormValue("exchange_starts_on"), EvaluationOn: c.FormValue("evaluation_on"),
		AnnounceAt: c.FormValue("announce_at")}
	if len(errs) == 0 {
		errs = nil
	}
	return in, errs
}

// roundValues is the round form as the user sent it, to show it again.
func roundValues(c echo.Context) views.RoundValues {
	return views.RoundValues{Number: c.FormValue("number"), Title: c.FormValue("title"),
		PlannedDirectorGeneral: c.FormValue("planned_director_general"), PlannedDivisionDirector: c.FormValue("planned_division_director"),
		ScheduleNote: c.FormValue("schedule_note"), ProposalsDueOn: c.FormValue("proposals_due_on"), SelectedOn: c.FormValue("selected_on"),
		ExchangeStartsOn: c.FormValue("exchange_starts_on"), EvaluationOn: c.FormValue("evaluation_on"),
		AnnounceAt: c.FormValue("announce_at")}
}

func valuesOfRound(in models.RoundInput) views.RoundValues {
	return views.RoundValues{Number: strconv.Itoa(in.Number), Title: in.Title,
		PlannedDirectorGeneral: strconv.Itoa(in.PlannedDirectorGeneral), PlannedDivisionDirector: strconv.Itoa(in.PlannedDivisionDirector),
		ScheduleNote: in.ScheduleNote, ProposalsDueOn: in.ProposalsDueOn, SelectedOn: in.SelectedOn,
		ExchangeStartsOn: in.ExchangeStartsOn, EvaluationOn: in.EvaluationOn, AnnounceAt: in.AnnounceAt}
}

// mergeErrors joins the form's own errors with the domain's; the form's win.
func mergeErrors(a, b views.Errors) views.Errors {
	if len(a) == 0 {
		return b
	}
	for k, v := range b {
		a[k] = v
	}
	return a
}
