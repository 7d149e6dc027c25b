package handlers

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// NominationShow is a nomination's page: the exchangee (contact masked), what
// the decision rests on, the moves the user may make, and the history.
func (h *Handlers) NominationShow(c echo.Context) error {
	n, err := h.nominationParam(c)
	if err != nil {
		return err
	}
	page, err := h.nominationPage(c, n, false)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Nomination(page), nil)
}

// NominationContact is the nomination's page with the exchangee's phone and
// e-mail unmasked, for those the policy allows; each view is audited.
func (h *Handlers) NominationContact(c echo.Context) error {
	n, err := h.nominationParam(c) // the sending ministry's, for the route's action
	if err != nil {
		return err
	}
	target := strings.TrimSuffix(nominationTitle(n), " 교류자") + " 교류자 추천"
	whose := "교류자"
	if n.ExchangeeName != "" {
		target, whose = n.ExchangeeName+" — "+target, n.ExchangeeName
	}
	if err := h.store.Audit(c.Request().Context(), actor(c), models.AuditViewPersonal, "nomination", n.ID,
		map[string]string{"target": target, "열람": models.Particle(whose, "의", "의") + " 사무실 전화번호, 전자우편"}); err != nil {
		return err
	}
	page, err := h.nominationPage(c, n, true)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusOK, views.Nomination(page), nil)
}

// NominationRecord is the exchangee's record: who, from which ministry into
// which position, the companions, the pair's tasks with their outcomes, and the
// history of decisions — for signed-in users who may see the pair.
func (h *Handlers) NominationRecord(c echo.Context) error {
	n, err := h.nominationParam(c)
	if err != nil {
		return err
	}
	page, err := h.nominationPage(c, n, false)
	if err != nil {
		return err
	}
	_, tasks, err := h.store.PairByID(c.Request().Context(), n.PairID)
	if err != nil {
		return err
	}
	rp := views.NominationRecordPage{Chrome: page.Chrome, Title: page.Title, Detail: page.Detail}
	rp.Detail.Moves, rp.Detail.EditURL = nil, ""
	for _, t := range tasks {
		rt := views.RecordTask{Title: t.Title, Status: "진행 상태 미입력", Category: "구분 미입력", Progress: progressText(t.Progress)}
		if t.Status != nil {
			rt.Status = t.Status.Label()
		}
		if t.Category != nil {
			rt.Category = t.Category.Label()
		}
		for _, o := range t.Outcomes {
			rt.Outcomes = append(rt.Outcomes, o.Summary)
		}
		rp.Tasks = append(rp.Tasks, rt)
	}
	if rp.Incentives, err = h.recordIncentives(c, n.ID); err != nil {
		return err
	}
	return render(c, http.StatusOK, views.NominationRecord(rp), nil)
}

// sendingSide are the actions a nomination grants only to its sending ministry
// (among coordinators); the others belong to both ministries of its pair.
var sendingSide = []models.Action{models.ActNominate, models.ActManageExchange, models.ActViewExchangeeContact}

// nominationParam loads the nomination of the path and checks the route's
// action against its ministries: the sending one, or both of the pair.
func (h *Handlers) nominationParam(c echo.Context) (models.Nomination, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.Nomination{}, err
	}
	n, err := h.store.NominationByID(c.Request().Context(), id)
	if err != nil {
		return models.Nomination{}, err
	}
	if n.Status == models.NominationDraft && !models.MaySeeDraft(currentUser(c), n) {
		return models.Nomination{}, fmt.Errorf("nomination %d is a draft of its sending ministry: %w", id, models.ErrNotFound)
	}
	ministries := n.Ministries()
	switch {
	case slices.Contains(sendingSide, routeAction(c)):
		ministries = []int64{n.MinistryID}
	case routeAction(c) == models.ActConsentNomination:
		ministries = []int64{n.ReceivingMinistryID()}
	}
	if err := authorize(c, ministries...); err != nil {
		return models.Nomination{}, err
	}
	return n, nil
}

// nominationTitle names a nomination by the position it fills.
func nominationTitle(n models.Nomination) string {
	title := deref(n.Position.Title)
	if title == "" {
		title = "교류직위"
	}
	return title + " (" + n.Position.Ministry.ShortName + ") 교류자"
}

// nominationPage builds a nomination's page; unmask shows its contact details.
func (h *Handlers) nominationPage(c echo.Context, n models.Nomination, unmask bool) (views.NominationPage, error) {
	ctx := c.Request().Context()
	u := currentUser(c)
	title := nominationTitle(n)
	exchangeesShown(c, n.ID)
	d := views.NominationDetail{ListURL: urlsOf(c).to("nominations"), URL: urlsOf(c).to("nomination", n.ID), RecordURL: urlsOf(c).to("nomination.record", n.ID),
		PairURL: urlsOf(c).to("pair", n.PairID), PairTitle: pairTitle(n.Pair), Round: n.Pair.Round.Title,
		Position: positionCell(n.Position, n.Position.Ministry), Sending: n.Ministry.Name,
		Name: n.ExchangeeName, CurrentPosition: n.CurrentPosition, Rank: n.Rank,
		Phone: maskPhone(n.WorkPhone), Email: maskEmail(n.Email), ContactErased: n.ContactErasedAt != nil,
		PlannedPeriod: period(n), ActualStart: dateText(n.ActualStart), ReturnedOn: dateText(n.ReturnedOn),
		AppointmentNo: n.AppointmentNo, ReturnPost: n.ReturnPost,
		Statement: n.Statement, Rule: n.Pair.Round.ApprovalRule.Label(),
		Report: n.Report, Status: nominationBadge(n)}
	if unmask {
		d.Phone, d.Email, d.Unmasked = n.WorkPhone, n.Email, true
	}
	if models.May(u, models.ActViewExchangeeContact, n.MinistryID) {
		d.ContactURL = urlsOf(c).to("nomination.contact", n.ID)
	}
	if models.May(u, models.ActNominate, n.MinistryID) && (n.Status == models.NominationDraft || n.Status == models.NominationReturned) {
		d.EditURL = urlsOf(c).to("nomination.edit", n.ID)
	}
	for _, cp := range n.Companions {
		d.Companions = append(d.Companions, companionView(n, cp))
		if !cp.Removed() && models.MayRemoveCompanions(u, n) {
			d.CompanionRemovals = append(d.CompanionRemovals, h.companionRemovalForm(c, n, cp, models.CompanionRemovalInput{Version: n.Version}, nil))
		}
	}
	d.PeriodRule = n.Pair.Round.PeriodRule()
	d.Registration = n.Registration // selected and approved outside the app: 승인 현황 says so
	for _, x := range n.Extensions {
		end := x.RequestedEnd
		v := views.ExtensionView{Period: "종료 예정일 " + dateOrUndecided(x.PreviousEnd) + " → " + dateText(&end), Reason: x.Reason, Status: x.Status.Label()}
		switch x.Status {
		case models.ExtensionAgreed:
			v.Detail = strings.Join(extensionApprovals(n, x), ", ")
		case models.ExtensionDeclined, models.ExtensionReturned:
			v.Detail = x.Status.Label() + " 사유: " + x.DeclineReason
		}
		d.Extensions = append(d.Extensions, v)
	}
	conditions, err := h.store.RoundConditions(ctx, n.Pair.RoundID)
	if err != nil {
		return views.NominationPage{}, err
	}
	d.Conditions = conditionViews(conditions, n.Conditions)
	linked, err := h.store.ReportOutcomes(ctx, n.ID)
	if err != nil {
		return views.NominationPage{}, err
	}
	for _, o := range linked {
		d.ReportOutcomes = append(d.ReportOutcomes, o.Summary)
	}
	moves := models.NominationMoves(u, n)
	var outcomes []views.Option
	if slices.ContainsFunc(moves, func(m models.NominationMoveOption) bool { return m.Move == models.MoveReport }) {
		_, tasks, err := h.store.PairByID(ctx, n.PairID)
		if err != nil {
			return views.NominationPage{}, err
		}
		for _, t := range tasks {
			for _, o := range t.Outcomes {
				outcomes = append(outcomes, views.Option{Value: strconv.FormatInt(o.ID, 10), Label: t.Title + ": " + o.Summary})
			}
		}
	}
	for _, m := range moves {
		in := models.MoveInput{Version: n.Version}
		if m.Move == models.MoveReport {
			in.Report = n.Report
			for _, l := range linked {
				in.OutcomeIDs = append(in.OutcomeIDs, strconv.FormatInt(l.ID, 10))
			}
		}
		f := h.moveForm(c, n, m, in, nil)
		if m.Move == models.MoveReport {
			f.Outcomes = outcomes
		}
		d.Moves = append(d.Moves, f)
	}
	history, err := h.store.NominationHistory(ctx, n.ID)
	if err != nil {
		return views.NominationPage{}, err
	}
	for _, ev := range history {
		row := views.NominationHistoryRow{At: ev.At.In(models.Seoul).Format("2006-01-02 15:04"), Move: ev.Move.Label(),
			To: ev.ToStatus.Label(), Reason: ev.Reason, Conditions: ev.Conditions, Actor: "시스템"}
		if ev.Move == models.MoveDecline { // back to the sending ministry, as the receiving one declined: 거절됨, not 반려
			row.To = "거절됨"
		}
		if ev.User != nil {
			row.Actor = ev.User.DisplayName + " (" + ev.User.Role.Label()
			if ev.User.Ministry != nil {
				row.Actor += " · " + ev.User.Ministry.ShortName
			}
			if ev.User.Office != nil {
				row.Actor += " · " + ev.User.Office.Label()
			}
			row.Actor += ")"
		}
		d.History = append(d.History, row)
	}
	d.Approvals = approvalProgress(n, history)
	return views.NominationPage{Chrome: h.chrome(c, title), Title: title, Detail: d}, nil
}

// conditionViews are the round's conditions with whether the nomination confirmed each.
func conditionViews(round []models.RoundCondition, confirmed []models.NominationCondition) []views.ConditionView {
	out := make([]views.ConditionView, len(round))
	for i, rc := range round {
		out[i] = views.ConditionView{ID: strconv.FormatInt(rc.ID, 10), Text: rc.Text, NoteRequired: rc.NoteRequired}
		j := slices.IndexFunc(confirmed, func(nc models.NominationCondition) bool { return nc.ConditionID == rc.ID })
		if j < 0 {
			continue
		}
		out[i].Confirmed, out[i].Note = true, confirmed[j].Note
		if nc := confirmed[j]; nc.ConfirmedAt != nil {
			who := "확인한 사람 기록 없음"
			if nc.Confirmer != nil {
				who = nc.Confirmer.DisplayName
			}
			out[i].By = who + ", " + nc.ConfirmedAt.In(models.Seoul).Format("2006-01-02 15:04")
		}
	}
	return out
}

// moveDates names the date each move asks for.
var moveDates = map[string]string{"actual_start": "발령일", "planned_end": "연장 후 종료일", "returned_on": "복귀일"}

// moveForm is the form of a move the user may make on the nomination,
// holding in with errs; its ids are scoped by the move (a page shows several).
func (h *Handlers) moveForm(c echo.Context, n models.Nomination, m models.NominationMoveOption, in models.MoveInput, errs views.Errors) views.NominationMoveForm {
	primary := m.Move == models.MoveApprove || m.Move == models.MoveSubmit || m.Move == models.MoveConsent || m.Move == models.MoveStart || m.Move == models.MoveAcknowledge ||
		m.Move == models.MoveExtendAgree || m.Move == models.MoveExtendApprove
	form := views.NewForm(in, errs).Scoped(string(m.Move)).Relabel("reason", m.Move.Label()+" 사유").Acting(m.Move.Label())
	if m.Date != "" {
		form = form.Relabel("date", moveDates[m.Date])
	}
	return views.NominationMoveForm{URL: urlsOf(c).to("nomination."+string(m.Move), n.ID), Label: m.Move.Label(),
		Value: string(m.Move), Reason: m.Reason, DateLabel: moveDates[m.Date], Report: m.Move == models.MoveReport,
		Primary: primary, Note: moveNote(n, m.Move), Form: form}
}

// moveNote says, above the receiving ministry's buttons, what its answer leads to.
func moveNote(n models.Nomination, move models.NominationMove) string {
	switch move {
	case models.MoveConsent:
		return "받는 부처(" + n.ReceivingMinistry().ShortName + ")로서 이 교류자를 받을지 정합니다. 동의하면 심사가 시작됩니다."
	case models.MoveDecline:
		return "거절하면 사유와 함께 " + models.Particle(n.Ministry.ShortName, "으로", "로") + " 돌아가고, " +
			models.Particle(n.Ministry.ShortName, "이", "가") + " 다시 추천할 수 있습니다."
	}
	return ""
}

// exchangeeSlots are a selected pair's two directions: into position A goes
// side B's exchangee, into position B side A's, with the nomination in progress.
func (h *Handlers) exchangeeSlots(c echo.Context, pair models.ExchangePair) ([]views.ExchangeeSlot, error) {
	if pair.Status != models.PairSelected {
		return nil, nil
	}
	list, err := h.store.NominationsOfPair(c.Request().Context(), pair.ID)
	if err != nil {
		return nil, err
	}
	u := currentUser(c)
	sides := []struct {
		position models.Position
		into     models.Ministry
		sending  models.Ministry
	}{{pair.PositionA, pair.MinistryA, pair.MinistryB}, {pair.PositionB, pair.MinistryB, pair.MinistryA}}
	var slots []views.ExchangeeSlot
	for _, side := range sides {
		slot := views.ExchangeeSlot{Position: positionCell(side.position, side.into), Sending: side.sending.ShortName,
			Status: views.Badge{Label: models.NoExchangeeLabel(pair.Round), Tone: views.ToneGray}}
		i := slices.IndexFunc(list, func(n models.Nomination) bool {
			return n.PositionID == side.position.ID && n.Status != models.NominationRevoked
		})
		switch {
		case i >= 0 && list[i].Status == models.NominationDraft && !models.MaySeeDraft(u, list[i]):
			// a draft is the sending ministry's: to the others nothing is nominated yet
		case i >= 0:
			n := list[i]
			exchangeesShown(c, n.ID)
			slot.URL, slot.Name, slot.Status = urlsOf(c).to("nomination", n.ID), n.ExchangeeName, nominationBadge(n)
		case models.May(u, models.ActNominate, side.sending.ID):
			slot.NominateURL = urlsOf(c).to("nomination.new", pair.ID, side.position.ID)
		}
		if i < 0 && models.May(u, models.ActRegisterExchange) { // an exchange begun outside the app (round 1)
			slot.RegisterURL = urlsOf(c).to("registration.new", pair.ID, side.position.ID)
		}
		slots = append(slots, slot)
	}
	return slots, nil
}

// extensionApprovals spells out an agreed extension's approvals under the
// round's rule: who approved, and whose approval it still waits for.
func extensionApprovals(n models.Nomination, x models.NominationExtension) []string {
	given := x.ApprovedOffices()
	var out []string
	for _, a := range x.Approvals {
		out = append(out, officeName(a.Office)+" 승인 "+a.At.In(models.Seoul).Format("2006-01-02 15:04"))
	}
	if n.Pair.Round.ApprovalRule == models.ApproveEachOffice {
		for _, o := range []string{"mpm", "opc"} {
			if !given[o] && !given["admin"] {
				out = append(out, officeName(o)+" 승인 대기")
			}
		}
	} else if len(given) == 0 {
		out = append(out, "심사자 승인 대기")
	}
	return out
}

// officeName is the Korean name of an approving office.
func officeName(o string) string {
	switch o {
	case "admin":
		return "관리자"
	default:
		return models.Office(o).Label()
	}
}
