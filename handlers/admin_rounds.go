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

// RoundEdit shows a round's form, stage, counts per grade, import and export.
func (h *Handlers) RoundEdit(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	return h.renderRoundForm(c, http.StatusOK, r, r.InputOf(), nil)
}

// RoundCreate creates a round in its first stage; with any field wrong it
// saves nothing and shows the form again as typed.
func (h *Handlers) RoundCreate(c echo.Context) error {
	return postForm(h, c, formPost[models.RoundInput]{
		Save: func(in *models.RoundInput) (saved, error) {
			r, err := h.store.CreateRound(c.Request().Context(), actor(c), *in)
			return saved{next: urlsOf(c).to("round.edit", r.ID), say: "차수를 만들었습니다. 직위 제안을 받을 때가 되면 진행 단계를 다음으로 옮기십시오."}, err
		},
		Form: func(status int, in *models.RoundInput, errs views.Errors) error {
			return render(c, status, views.AdminRoundForm(h.newRoundPage(c, *in, errs)), nil)
		},
	})
}

func (h *Handlers) newRoundPage(c echo.Context, in models.RoundInput, errs views.Errors) views.AdminRoundFormPage {
	u := urlsOf(c)
	return views.AdminRoundFormPage{Chrome: h.chrome(c, "차수 만들기"), New: true, Heading: "차수 만들기",
		ListURL: u.to("rounds"), Action: u.to("round.create"), Form: views.NewForm(in, errs)}
}

// RoundUpdate saves a round's number, title, plan and dates, all or nothing.
func (h *Handlers) RoundUpdate(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.RoundInput]{
		Save: func(in *models.RoundInput) (saved, error) {
			_, err := h.store.UpdateRound(c.Request().Context(), actor(c), r.ID, *in)
			return saved{next: urlsOf(c).to("round.edit", r.ID), say: "차수 정보를 저장했습니다."}, err
		},
		Form: func(status int, in *models.RoundInput, errs views.Errors) error {
			return h.renderRoundForm(c, status, r, *in, errs)
		},
	})
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
	return postForm(h, c, formPost[roundAdvanceForm]{Save: func(f *roundAdvanceForm) (saved, error) {
		r, err := h.store.AdvanceRound(c.Request().Context(), actor(c), id, models.RoundStatus(f.To))
		return saved{next: urlsOf(c).to("round.edit", id), say: "진행 단계를 " + models.Particle(r.Status.Label(), "으로", "로") + " 옮겼습니다."}, err
	}})
}

// renderRoundForm answers with an existing round's page, its form holding in:
// its stage, its counts per grade, its list's import and export.
func (h *Handlers) renderRoundForm(c echo.Context, status int, r models.Round, in models.RoundInput, errs views.Errors) error {
	counts, err := h.store.RoundCounts(c.Request().Context(), r)
	if err != nil {
		return err
	}
	u := urlsOf(c)
	// Titled apart from the public page of the same round.
	page := views.AdminRoundFormPage{Chrome: h.chrome(c, "차수 관리: "+r.Title), Heading: r.Title, Form: views.NewForm(in, errs),
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
	return render(c, status, views.AdminRoundForm(page), nil)
}

// roundStatusBadge is a round's stage as a badge.
func roundStatusBadge(s models.RoundStatus) views.Badge {
	return views.Badge{Label: s.Label(), Tone: views.TonePrimary}
}

// roundParam loads the round of the :id parameter.
func (h *Handlers) roundParam(c echo.Context) (models.Round, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Round{}, err
	}
	return h.store.RoundByID(c.Request().Context(), id)
}
