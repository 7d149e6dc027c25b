package handlers

import (
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
	Reason string `form:"reason" label:"사유"`
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
	u := urlsOf(c)
	return postForm(h, c, formPost[reasonForm]{
		Save: func(f *reasonForm) (saved, error) {
			pair, err := h.store.ChangePairStatus(c.Request().Context(), actor(c), id, to, f.Reason)
			return saved{next: u.to("pair", id), say: pairMoveDone(pair)}, err
		},
		Form: func(status int, f *reasonForm, errs views.Errors) error {
			pair, _, err := h.store.PairByID(c.Request().Context(), id)
			if err != nil {
				return err
			}
			title := pairTitle(pair)
			page := views.PairReasonPage{Chrome: h.chrome(c, title), Title: title, ListURL: u.to("pairs"), PairURL: u.to("pair", id),
				Move: moveForm(u, id, models.PairMove{To: to, ReasonRequired: true}, *f, errs)}
			return render(c, status, views.PairReason(page), nil)
		},
	})
}

// pairMoveDone says what a move did and what comes next.
func pairMoveDone(p models.ExchangePair) string {
	switch p.Status {
	case models.PairAgreed:
		return "제안에 동의했습니다. 관리자가 선정하면 교류직위가 됩니다."
	case models.PairSelected:
		return "교류직위로 선정했습니다. 이제 교류자를 추천할 수 있습니다."
	default:
		return "상태를 " + models.Particle("‘"+p.Status.Label()+"’", "으로", "로") + " 바꿨습니다."
	}
}

// pairWorkflow is the proposal part of a pair's page: details, the moves this
// user may make now, and the status history.
func (h *Handlers) pairWorkflow(c echo.Context, pair models.ExchangePair) (views.PairWorkflow, error) {
	w := views.PairWorkflow{Proposed: pair.ProposedInApp(), Rationale: pair.Rationale, AgendaTask: pair.AgendaTask}
	if w.Proposed {
		w.Proposer = pair.MinistryA.Name
	}
	for _, m := range models.PairMoves(currentUser(c), pair) {
		w.Moves = append(w.Moves, moveForm(urlsOf(c), pair.ID, m, reasonForm{}, nil))
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

// moveForm is the form of a pair's move, holding f with errs; its ids are
// scoped by the move (a page shows several).
func moveForm(u urls, pairID int64, m models.PairMove, f reasonForm, errs views.Errors) views.PairMoveForm {
	mv := pairMoves[m.To]
	return views.PairMoveForm{URL: u.to(mv.route, pairID), Label: mv.label, Value: mv.value,
		Reason: m.ReasonRequired, Primary: mv.primary, Form: views.NewForm(f, errs).Scoped(mv.value).Relabel("reason", mv.label+" 사유")}
}
