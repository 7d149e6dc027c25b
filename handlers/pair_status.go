package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// pairMoves names each move's route and button; the rules live in models.
var pairMoves = map[models.PairStatus]struct {
	route, value, label string
	primary             bool
}{
	models.PairAgreed:    {"pair.agree", "agree", "동의", true},
	models.PairDeclined:  {"pair.decline", "decline", "거절", false},
	models.PairSelected:  {"pair.select", "select", "선정", true},
	models.PairRejected:  {"pair.reject", "reject", "미선정", false},
	models.PairWithdrawn: {"pair.withdraw", "withdraw", "제안 철회", false},
}

// reasonForm is a move's form: the reason, which some moves require.
type reasonForm struct {
	Reason string `form:"reason"`
}

// PairAgree is the counterpart ministry agreeing to a proposal.
func (h *Handlers) PairAgree(c echo.Context) error { return h.movePair(c, models.PairAgreed) }

// PairDecline is the counterpart ministry declining a proposal, with a reason.
func (h *Handlers) PairDecline(c echo.Context) error { return h.movePair(c, models.PairDeclined) }

// PairWithdraw is the proposing ministry withdrawing its proposal.
func (h *Handlers) PairWithdraw(c echo.Context) error { return h.movePair(c, models.PairWithdrawn) }

// PairSelect is the administrator selecting an agreed proposal.
func (h *Handlers) PairSelect(c echo.Context) error { return h.movePair(c, models.PairSelected) }

// PairReject is the administrator rejecting a proposal, with a reason.
func (h *Handlers) PairReject(c echo.Context) error { return h.movePair(c, models.PairRejected) }

// movePair asks the domain to move a pair; it decides whether this user may,
// from this state. A missing reason shows the reason form again.
func (h *Handlers) movePair(c echo.Context, to models.PairStatus) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var f reasonForm
	if err := bindForm(c, &f); err != nil {
		return err
	}
	u := urlsOf(c)
	_, err = h.store.ChangePairStatus(c.Request().Context(), actor(c), id, to, f.Reason)
	if errs := fieldErrors(err); errs != nil {
		pair, _, perr := h.store.PairByID(c.Request().Context(), id)
		if perr != nil {
			return perr
		}
		title := pairTitle(pair)
		page := views.PairReasonPage{Chrome: h.chrome(c, title), Title: title, ListURL: u.to("pairs"), PairURL: u.to("pair", id),
			Move: moveForm(u, id, models.PairMove{To: to, ReasonRequired: true}), Error: errs["reason"]}
		return render(c, http.StatusUnprocessableEntity, views.PairReason(page), nil)
	}
	if err != nil {
		return err
	}
	return redirect(c, u.to("pair", id))
}

// pairWorkflow is the proposal part of a pair's page: details, the moves this
// user may make now, and the status history.
func (h *Handlers) pairWorkflow(c echo.Context, pair models.ExchangePair) (views.PairWorkflow, error) {
	w := views.PairWorkflow{Proposed: pair.ProposedInApp(), Rationale: pair.Rationale, AgendaTask: pair.AgendaTask}
	if w.Proposed {
		w.Proposer = pair.MinistryA.Name
	}
	for _, m := range models.PairMoves(currentUser(c), pair) {
		w.Moves = append(w.Moves, moveForm(urlsOf(c), pair.ID, m))
	}
	history, err := h.store.PairHistory(c.Request().Context(), pair.ID)
	if err != nil {
		return views.PairWorkflow{}, err
	}
	for _, ev := range history {
		row := views.PairHistoryRow{At: ev.At.In(models.Seoul).Format(minuteLayout), To: ev.ToStatus.Label(), Reason: ev.Reason, Actor: "시스템"}
		if ev.FromStatus != nil {
			row.From = ev.FromStatus.Label()
		}
		if ev.User != nil {
			row.Actor = ev.User.DisplayName + " (" + ev.User.Role.Label()
			if ev.User.Ministry != nil {
				row.Actor += " · " + ev.User.Ministry.ShortName
			}
			row.Actor += ")"
		}
		w.History = append(w.History, row)
	}
	return w, nil
}

func moveForm(u urls, pairID int64, m models.PairMove) views.PairMoveForm {
	mv := pairMoves[m.To]
	return views.PairMoveForm{URL: u.to(mv.route, pairID), Label: mv.label, Value: mv.value,
		Reason: m.ReasonRequired, Primary: mv.primary}
}
