package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// RoundSelectionForm shows how a round selects exchangees: its approval rule
// and its eligibility conditions.
func (h *Handlers) RoundSelectionForm(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	r, err := h.store.RoundByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	conditions, err := h.store.RoundConditions(c.Request().Context(), id)
	if err != nil {
		return err
	}
	page := h.roundSelectionPage(c, r, models.SelectionInputOf(r, conditions), nil)
	return render(c, http.StatusOK, views.RoundSelection(page), nil)
}

// RoundSelectionUpdate saves a round's approval rule and eligibility conditions.
func (h *Handlers) RoundSelectionUpdate(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.SelectionInput]{
		Save: func(in *models.SelectionInput) (saved, error) {
			_, err := h.store.SetRoundSelection(c.Request().Context(), actor(c), id, *in)
			return saved{next: urlsOf(c).to("round.selection", id), say: "교류자 선발 기준을 저장했습니다. 이제부터 추천과 교류 기간에 적용됩니다."}, err
		},
		Form: func(status int, in *models.SelectionInput, errs views.Errors) error {
			r, err := h.store.RoundByID(c.Request().Context(), id)
			if err != nil {
				return err
			}
			return render(c, status, views.RoundSelection(h.roundSelectionPage(c, r, *in, errs)), nil)
		},
	})
}

func (h *Handlers) roundSelectionPage(c echo.Context, r models.Round, in models.SelectionInput, errs views.Errors) views.RoundSelectionPage {
	return views.RoundSelectionPage{Chrome: h.chrome(c, "교류자 선발 기준"), RoundsURL: urlsOf(c).to("rounds"), RoundTitle: r.Title,
		Action: urlsOf(c).to("round.selection.update", r.ID), BackURL: urlsOf(c).to("round.edit", r.ID),
		Rules: []views.Option{{Value: string(models.ApproveOnce), Label: models.ApproveOnce.Label()},
			{Value: string(models.ApproveEachOffice), Label: models.ApproveEachOffice.Label()}},
		Form: views.NewForm(in, errs), ConditionTexts: in.ConditionLines()}
}
