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
		w.Heading, w.MoreURL = "선정을 기다리는 제안 (상대 부처가 동의함)", u.query("pairs", url.Values{"status": {string(models.PairAgreed)}})
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
	var err error
	if w.Nominations, err = h.waitingNominations(c, user); err != nil {
		return w, err
	}
	if models.MayAtAll(user, models.ActViewNominations) {
		w.QueueURL = u.to("nominations")
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

// nominationWaiting names each kind of waiting nomination work, in the order the
// workspace shows them, with the queue that lists them all.
var nominationWaiting = []struct {
	kind    models.WaitingKind
	heading string
	status  models.NominationStatus
}{
	{models.WaitingReview, "심사할 교류자 추천", models.NominationSubmitted},
	{models.WaitingReturned, "반려되어 다시 추천할 교류자", models.NominationReturned},
	{models.WaitingDraft, "제출하지 않은 교류자 추천 (초안)", models.NominationDraft},
	{models.WaitingAcknowledge, "확인할 교류 완료 보고", models.NominationCompleted},
	{models.WaitingEndingSoon, "곧 끝나는 교류 (30일 이내)", ""},
}

// waitingNominations is the exchangee selection work waiting for the user.
func (h *Handlers) waitingNominations(c echo.Context, user *models.User) ([]views.NominationGroup, error) {
	w, err := h.store.NominationsWaiting(c.Request().Context(), user, waitingLimit)
	if err != nil {
		return nil, err
	}
	var groups []views.NominationGroup
	var all int64
	for _, n := range w.Totals {
		all += n
	}
	c.Set(waitingCountKey, all) // the menu's count: the kinds do not overlap
	for _, k := range nominationWaiting {
		total, ok := w.Totals[k.kind]
		if !ok {
			continue
		}
		g := views.NominationGroup{Heading: k.heading, Total: total, MoreURL: urlsOf(c).to("nominations")}
		if k.status != "" {
			g.MoreURL = urlsOf(c).query("nominations", url.Values{"status": {string(k.status)}})
		}
		for _, n := range w.Lists[k.kind] {
			g.Rows = append(g.Rows, h.nominationRow(c, n, 0))
		}
		groups = append(groups, g)
	}
	return groups, nil
}
