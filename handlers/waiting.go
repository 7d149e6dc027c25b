package handlers

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// waitingLimit is how many waiting pairs the home page lists; the rest are a link away.
const waitingLimit = 10

// waitingWork is what waits for the user: proposals awaiting a coordinator's
// answer, or agreed proposals awaiting the administrator's selection.
func (h *Handlers) waitingWork(c echo.Context, user *models.User) (views.WaitingWork, error) {
	var w views.WaitingWork
	u := urlsOf(c)
	switch {
	case models.MayAtAll(user, models.ActRespondPair):
		w.Heading, w.MoreURL = "우리 부처의 동의를 기다리는 제안", u.query("pairs", url.Values{"status": {string(models.PairProposed)}})
	case models.MayAtAll(user, models.ActSelectPair):
		w.Heading, w.MoreURL = "선정을 기다리는 제안 (상대 부처 동의 완료)", u.query("pairs", url.Values{"status": {string(models.PairAgreed)}})
	}
	if models.MayAtAll(user, models.ActProposePair) {
		open, err := h.store.OpenRounds(c.Request().Context())
		if err != nil {
			return w, err
		}
		if len(open) > 0 {
			w.ProposeURL = u.to("proposal.new")
		}
	}
	if w.Heading == "" {
		return w, nil
	}
	pairs, total, err := h.store.PairsAwaiting(c.Request().Context(), user, waitingLimit)
	if err != nil {
		return w, err
	}
	w.Total = total
	for _, p := range pairs {
		w.Rows = append(w.Rows, pairRow(u, p))
	}
	return w, nil
}
