package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// The programme office's rounds (/admin/rounds); the public page of a round
// is PublicRound in public.go.

// RoundList lists the rounds for administrators.
func (h *Handlers) RoundList(c echo.Context) error {
	rounds, err := h.store.Rounds(c.Request().Context())
	if err != nil {
		return err
	}
	u := urlsOf(c)
	page := views.AdminRoundsPage{Chrome: h.chrome(c, "차수 관리"), NewURL: u.to("round.new")}
	for _, r := range rounds {
		page.Rows = append(page.Rows, views.AdminRoundRow{URL: u.to("round.edit", r.ID), Number: strconv.Itoa(r.Number), Title: r.Title,
			Status: roundStatusBadge(r.Status), Schedule: r.ScheduleNote,
			Planned: "국장급 " + strconv.Itoa(r.PlannedDirectorGeneral) + " · 과장급 " + strconv.Itoa(r.PlannedDivisionDirector)})
	}
	return render(c, http.StatusOK, views.AdminRounds(page), nil)
}

// RoundNew shows the empty round form.
func (h *Handlers) RoundNew(c echo.Context) error {
	return render(c, http.StatusOK, views.AdminRoundForm(h.newRoundPage(c, models.RoundInput{PlannedDirectorGeneral: "0", PlannedDivisionDirector: "0"}, nil)), nil)
}

// RoundCreate creates a round in its first stage; with any field wrong it
// saves nothing and shows the form again as typed.
func (h *Handlers) RoundCreate(c echo.Context) error {
	var in models.RoundInput
	if err := bindForm(c, &in); err != nil {
		return err
	}
	r, err := h.store.CreateRound(c.Request().Context(), actor(c), in)
	if errs := fieldErrors(err); errs != nil {
		return render(c, http.StatusUnprocessableEntity, views.AdminRoundForm(h.newRoundPage(c, in, errs)), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, urlsOf(c).to("round.edit", r.ID))
}

func (h *Handlers) newRoundPage(c echo.Context, in models.RoundInput, errs views.Errors) views.AdminRoundFormPage {
	u := urlsOf(c)
	return views.AdminRoundFormPage{Chrome: h.chrome(c, "차수 만들기"), New: true, Heading: "차수 만들기",
		ListURL: u.to("rounds"), Action: u.to("round.create"), Values: views.RoundValues(in), Errors: errs}
}

// RoundEdit shows a round's form, stage, counts per grade, import and export.
func (h *Handlers) RoundEdit(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	page, err := h.roundFormPage(c, r, r.InputOf(), nil)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.AdminRoundForm(page), nil)
}

// RoundUpdate saves a round's number, title, plan and dates, all or nothing.
func (h *Handlers) RoundUpdate(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	var in models.RoundInput
	if err := bindForm(c, &in); err != nil {
		return err
	}
	_, err = h.store.UpdateRound(c.Request().Context(), actor(c), r.ID, in)
	if errs := fieldErrors(err); errs != nil {
		page, perr := h.roundFormPage(c, r, in, errs)
		if perr != nil {
			return perr
		}
		return render(c, http.StatusUnprocessableEntity, views.AdminRoundForm(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, urlsOf(c).to("round.edit", r.ID))
}

// roundAdvanceForm is the button that moves a round on: the stage it moves to.
type roundAdvanceForm struct {
	To string `form:"to"`
}

// RoundAdvance moves a round on to its next stage.
func (h *Handlers) RoundAdvance(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var f roundAdvanceForm
	if err := bindForm(c, &f); err != nil {
		return err
	}
	if _, err := h.store.AdvanceRound(c.Request().Context(), actor(c), id, models.RoundStatus(f.To)); err != nil {
		return err
	}
	return redirect(c, urlsOf(c).to("round.edit", id))
}

func (h *Handlers) roundParam(c echo.Context) (models.Round, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Round{}, err
	}
	return h.store.RoundByID(c.Request().Context(), id)
}

// roundFormPage is an existing round's page holding the form values in.
func (h *Handlers) roundFormPage(c echo.Context, r models.Round, in models.RoundInput, errs views.Errors) (views.AdminRoundFormPage, error) {
	counts, err := h.store.RoundCounts(c.Request().Context(), r)
	if err != nil {
		return views.AdminRoundFormPage{}, err
	}
	u := urlsOf(c)
	// Titled apart from the public page of the same round.
	page := views.AdminRoundFormPage{Chrome: h.chrome(c, "차수 관리: "+r.Title), Heading: r.Title, Values: views.RoundValues(in), Errors: errs,
		ListURL: u.to("rounds"), Action: u.to("round.update", r.ID), AdvanceURL: u.to("round.advance", r.ID),
		ImportURL: u.to("round.import", r.ID), SelectionURL: u.to("round.selection", r.ID), PairsURL: u.query("pairs", url.Values{"round": {strconv.FormatInt(r.ID, 10)}}),
		Exports: exportLinks(u, r.ID)}
	for _, st := range models.RoundStatuses {
		page.Stages = append(page.Stages, views.RoundStage{Value: string(st), Label: st.Label(), Current: st == r.Status})
	}
	if next, ok := r.Status.Next(); ok {
		page.Next = &views.RoundStage{Value: string(next), Label: next.Label()}
	}
	for _, gc := range counts {
		label := models.GradeLabel(gc.Grade)
		if label == "" {
			label = "구분 미입력"
		}
		page.Counts = append(page.Counts, views.GradeCountRow{Grade: label, Planned: gc.Planned, Proposed: gc.Proposed, Selected: gc.Selected})
	}
	return page, nil
}

// roundStatusBadge is a round's stage as a badge.
func roundStatusBadge(s models.RoundStatus) views.Badge {
	return views.Badge{Label: s.Label(), Tone: views.TonePrimary}
}
