package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// waitingLimit is how many waiting pairs the home page lists; the rest are a link away.
const waitingLimit = 10

// waitingWork is what waits for the user: proposals awaiting a coordinator's
// answer, or agreed proposals awaiting the administrator's selection.
func (h *Handlers) waitingWork(c echo.Context, u *models.User) (views.WaitingWork, error) {
	var w views.WaitingWork
	switch {
	case u.Role == models.RoleCoordinator:
		w.Heading, w.MoreURL = "우리 부처의 동의를 기다리는 제안", "/pairs?status="+string(models.PairProposed)
	case models.MayAtAll(u, models.ActSelectPair):
		w.Heading, w.MoreURL = "선정을 기다리는 제안 (상대 부처 동의 완료)", "/pairs?status="+string(models.PairAgreed)
	}
	if models.MayAtAll(u, models.ActProposePair) {
		open, err := h.store.OpenRounds(c.Request().Context())
		if err != nil {
			return w, err
		}
		if len(open) > 0 {
			w.ProposeURL = "/pairs/new"
		}
	}
	if w.Heading == "" {
		return w, nil
	}
	pairs, total, err := h.store.PairsAwaiting(c.Request().Context(), u, waitingLimit)
	if err != nil {
		return w, err
	}
	w.Total = total
	for _, p := range pairs {
		w.Rows = append(w.Rows, pairRow(p))
	}
	return w, nil
}
