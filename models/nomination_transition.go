package models

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gyoryu/gyoryu/models/form"
)

// NominationMove is one step of a nomination's life.
type NominationMove string

// Moves. MoveCreate only names the first history entry; the others are in the table.
const (
	MoveCreate      NominationMove = "create"
	MoveSubmit      NominationMove = "submit"
	MoveConsent     NominationMove = "consent" // the receiving ministry agrees to the nominee (받는 부처 동의)
	MoveDecline     NominationMove = "decline" // the receiving ministry declines the nominee, with a reason
	MoveApprove     NominationMove = "approve"
	MoveReturn      NominationMove = "return"
	MoveRevoke      NominationMove = "revoke"
	MoveStart       NominationMove = "start"
	MoveExtend      NominationMove = "extend"
	MoveEnd         NominationMove = "end"
	MoveReport      NominationMove = "report"
	MoveAcknowledge NominationMove = "acknowledge"

	MoveExtendAgree   NominationMove = "extend_agree"   // the receiving ministry agrees to an extension request
	MoveExtendDecline NominationMove = "extend_decline" // the receiving ministry declines it, with a reason
	MoveExtendApprove NominationMove = "extend_approve" // a reviewer approves it
	MoveExtendReturn  NominationMove = "extend_return"  // a reviewer returns it, with a reason
)

// Label is the move's Korean name, the word on its button.
func (m NominationMove) Label() string {
	switch m {
	case MoveCreate:
		return "작성"
	case MoveRegister:
		return "등록"
	case MoveRemoveCompanion:
		return "동반 교류자 제외"
	case MoveSubmit:
		return "제출"
	case MoveConsent:
		return "동의"
	case MoveDecline:
		return "거절"
	case MoveApprove:
		return "승인"
	case MoveReturn:
		return "반려"
	case MoveRevoke:
		return "승인 취소"
	case MoveStart:
		return "교류 시작"
	case MoveExtend:
		return "연장 요청"
	case MoveExtendAgree:
		return "연장 동의"
	case MoveExtendDecline:
		return "연장 거절"
	case MoveExtendApprove:
		return "연장 승인"
	case MoveExtendReturn:
		return "연장 반려"
	case MoveEnd:
		return "복귀"
	case MoveReport:
		return "완료 보고"
	case MoveAcknowledge:
		return "완료 보고 확인"
	}
	return string(m)
}

// nominationTransition is one allowed move and who may make it.
type nominationTransition struct {
	move      NominationMove
	from      []NominationStatus
	to        NominationStatus
	action    Action
	sending   bool          // only the sending ministry's side (and those granted every record)
	receiving bool          // only the receiving ministry's side (and those granted every record)
	reason    bool          // a reason must be given
	date      string        // the date the move needs: "actual_start", "planned_end" or "returned_on"
	extension extensionStep // the extension request the move needs
	consent   consentStep   // where the receiving ministry's consent must stand
}

// consentStep says where the receiving ministry's consent to the current
// submission must stand for a move: awaited (동의, 거절) or given (the
// reviewers' 승인 and 반려).
type consentStep int

const (
	noConsentStep consentStep = iota
	consentAwaited
	consentGiven
)

// allows reports whether the nomination's consent fits the step.
func (s consentStep) allows(n Nomination) bool {
	switch s {
	case consentAwaited:
		return n.AwaitingConsent()
	case consentGiven:
		return !n.AwaitingConsent()
	}
	return true
}

// live are the statuses of an exchange under way.
var live = []NominationStatus{NominationActive, NominationExtended}

// nominationTransitions is the whole life of an exchangee selection and its exchange.
// An approval leaves the nomination 심사 중 until the round's approval rule is met.
var nominationTransitions = []nominationTransition{
	{move: MoveSubmit, from: []NominationStatus{NominationDraft, NominationReturned}, to: NominationSubmitted, action: ActNominate, sending: true},
	// The receiving ministry agrees to the nominee, or declines with a reason (back to the sending ministry, like 반려).
	{move: MoveConsent, from: []NominationStatus{NominationSubmitted}, to: NominationSubmitted, action: ActConsentNomination, receiving: true, consent: consentAwaited},
	{move: MoveDecline, from: []NominationStatus{NominationSubmitted}, to: NominationReturned, action: ActConsentNomination, receiving: true, reason: true, consent: consentAwaited},
	{move: MoveApprove, from: []NominationStatus{NominationSubmitted}, to: NominationApproved, action: ActReviewNominations, consent: consentGiven},
	{move: MoveReturn, from: []NominationStatus{NominationSubmitted}, to: NominationReturned, action: ActReviewNominations, reason: true, consent: consentGiven},
	{move: MoveRevoke, from: []NominationStatus{NominationApproved}, to: NominationRevoked, action: ActRevokeNomination, reason: true},
	{move: MoveStart, from: []NominationStatus{NominationApproved}, to: NominationActive, action: ActManageExchange, sending: true, date: "actual_start"},
	// An extension is a request; the exchange stays as it is until it is approved (nomination_extension.go).
	{move: MoveExtend, from: live, action: ActManageExchange, sending: true, reason: true, date: "planned_end", extension: extensionNoneOpen},
	{move: MoveExtendAgree, from: live, action: ActConsentNomination, receiving: true, extension: extensionAsked},
	{move: MoveExtendDecline, from: live, action: ActConsentNomination, receiving: true, reason: true, extension: extensionAsked},
	{move: MoveExtendApprove, from: live, action: ActReviewNominations, extension: extensionAgreed},
	{move: MoveExtendReturn, from: live, action: ActReviewNominations, reason: true, extension: extensionAgreed},
	{move: MoveEnd, from: []NominationStatus{NominationActive, NominationExtended}, to: NominationCompleted, action: ActManageExchange, sending: true, date: "returned_on"},
	{move: MoveReport, from: []NominationStatus{NominationCompleted}, to: NominationCompleted, action: ActNominate, sending: true},
	{move: MoveAcknowledge, from: []NominationStatus{NominationCompleted}, to: NominationAcknowledged, action: ActReviewNominations},
}

func nominationTransitionOf(m NominationMove) (nominationTransition, bool) {
	i := slices.IndexFunc(nominationTransitions, func(t nominationTransition) bool { return t.move == m })
	if i < 0 {
		return nominationTransition{}, false
	}
	return nominationTransitions[i], true
}

// permits reports whether the user may make the move on the nomination (rights only); n.Pair must be loaded.
func (t nominationTransition) permits(u *User, n Nomination) bool {
	if t.sending {
		return May(u, t.action, n.MinistryID)
	}
	if t.receiving {
		return May(u, t.action, n.ReceivingMinistryID())
	}
	return May(u, t.action, n.Ministries()...)
}

// MoveInput is what a move's form sends; the domain parses and checks it.
type MoveInput struct {
	Date       string   `form:"date" label:"날짜"` // 2025-01-31, for the moves that need one
	Report     string   `form:"report" label:"완료 보고 (교류 기간에 이룬 일)"`
	OutcomeIDs []string `form:"outcome_id" label:"관련 성과"`          // the pair's outcomes a completion report names
	DocumentNo string   `form:"document_no" label:"발령 문서번호 (있으면)"` // 교류 시작
	ReturnPost string   `form:"return_post" label:"복귀 보직"`         // 복귀: the post the exchangee returns to
	Reason     string   `form:"reason" label:"사유"`
	Version    int      `form:"version"` // the version the person decided on
}

// NominationMoveOption is a move the user may make now, with what its form asks.
type NominationMoveOption struct {
	Move   NominationMove
	Reason bool
	Date   string
}

// NominationMoves lists the moves the user may make on the nomination now; n.Pair
// and n.Approvals must be loaded.
func NominationMoves(u *User, n Nomination) []NominationMoveOption {
	var list []NominationMoveOption
	for _, t := range nominationTransitions {
		if !slices.Contains(t.from, n.Status) || !t.permits(u, n) || !t.extension.allows(n) || !t.consent.allows(n) {
			continue
		}
		switch t.move {
		case MoveExtendApprove:
			if _, ok := approvalOffice(u); !ok || n.ExtensionDecidedBy(u) {
				continue
			}
		case MoveExtendReturn:
			if n.ExtensionDecidedBy(u) {
				continue
			}
		case MoveApprove:
			if _, ok := approvalOffice(u); !ok || n.DecidedBy(u) {
				continue
			}
		case MoveReturn:
			if n.DecidedBy(u) { // their office approved: they see the decision, not the buttons
				continue
			}
		case MoveAcknowledge:
			if n.Report == "" {
				continue
			}
		}
		list = append(list, NominationMoveOption{Move: t.move, Reason: t.reason, Date: t.date})
	}
	return list
}

// approvalOffice is whose approval the user gives: their office, or the
// programme office for an administrator; false for a reviewer without one.
func approvalOffice(u *User) (string, bool) {
	if u == nil {
		return "", false
	}
	if u.Role == RoleAdmin {
		return approvalByAdmin, true
	}
	if u.Office == nil || !u.Office.Valid() {
		return "", false
	}
	return string(*u.Office), true
}

// MoveNomination makes one move of the transition table, if the user may, from
// the nomination's current status, on the version the person saw. It records the
// move in the history, the audit log and the outbox, in one transaction.
func (s *Store) MoveNomination(ctx context.Context, a Actor, id int64, move NominationMove, in MoveInput) (Nomination, error) {
	t, ok := nominationTransitionOf(move)
	if !ok {
		return Nomination{}, fmt.Errorf("nomination %d: move %q: %w", id, move, ErrWrongState)
	}
	var after Nomination
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockNomination(tx, id)
		if err != nil {
			return err
		}
		if !t.permits(a.user, before) && !a.system {
			return fmt.Errorf("nomination %d: %s: %w", id, move, ErrForbidden)
		}
		if before.Version != in.Version {
			return &StaleError[Nomination]{Current: before}
		}
		after = before
		if err := applyMove(tx, a, &after, t, in); err != nil {
			return err
		}
		return saveNomination(tx, a, before, &after, move, strings.TrimSpace(in.Reason))
	})
	return after, foldForeignFields(err)
}

// foldForeignFields moves the messages about fields a move's form does not
// have (a 제출 lacking the exchangee's details or a condition) into the
// form's own message, so that the summary names them without a broken link.
func foldForeignFields(err error) error {
	var v *ValidationError
	if !errors.As(err, &v) {
		return err
	}
	keys := form.Order(NominationInput{}, slices.Collect(maps.Keys(v.Fields)))
	var foreign []string
	for _, k := range keys {
		if !form.Key(MoveInput{}, k) {
			foreign = append(foreign, v.Fields[k])
			delete(v.Fields, k)
		}
	}
	if len(foreign) > 0 {
		v.Fields[""] = strings.TrimSpace(v.Fields[""] + " " + strings.Join(foreign, " "))
	}
	return err
}

// lockNomination loads a nomination with its pair and current approvals,
// holding its row until the transaction ends so that deciders queue.
func lockNomination(tx *gorm.DB, id int64) (Nomination, error) {
	var n Nomination
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).Take(&n, id).Error; err != nil {
		return Nomination{}, fmt.Errorf("nomination %d: %w", id, notFound(err))
	}
	if err := tx.Joins("Round").Take(&n.Pair, n.PairID).Error; err != nil {
		return Nomination{}, fmt.Errorf("pair of nomination %d: %w", id, err)
	}
	if err := tx.Where("nomination_id = ?", id).Find(&n.Approvals).Error; err != nil {
		return Nomination{}, fmt.Errorf("approvals of nomination %d: %w", id, err)
	}
	if err := tx.Where("nomination_id = ?", id).Find(&n.Conditions).Error; err != nil {
		return Nomination{}, fmt.Errorf("conditions of nomination %d: %w", id, err)
	}
	if err := loadExtensions(tx, &n); err != nil {
		return Nomination{}, err
	}
	return n, nil
}

// applyMove checks the move's input against the nomination n (already locked)
// and changes n as the move says; it writes the approval, report links, history
// and notifications the move makes. saveNomination writes n itself.
func applyMove(tx *gorm.DB, a Actor, n *Nomination, t nominationTransition, in MoveInput) error {
	if !slices.Contains(t.from, n.Status) || !t.extension.allows(*n) {
		return fmt.Errorf("nomination %d: %s from %s: %w", n.ID, t.move, n.Status, ErrWrongState)
	}
	if !t.consent.allows(*n) {
		if t.consent == consentGiven { // a reviewer ahead of the receiving ministry: say what the decision waits for
			return FieldErrors{"": "받는 부처가 아직 이 교류자 추천에 동의하지 않았습니다. 받는 부처가 동의한 뒤에 " +
				t.move.Label() + "할 수 있습니다."}.Err()
		}
		return fmt.Errorf("nomination %d: %s with consent given: %w", n.ID, t.move, ErrWrongState)
	}
	round := n.Pair.Round
	var extendTo *time.Time // the end an extension request asks for
	errs := FieldErrors{}
	reason := strings.TrimSpace(in.Reason)
	switch n := utf8.RuneCountInString(reason); {
	case t.reason && n == 0:
		errs["reason"] = t.move.Label() + " 사유를 입력해 주십시오."
	case n > 1000:
		errs["reason"] = "사유는 1,000자 이하로 입력해 주십시오."
	}
	if t.date != "" {
		d := parseDate(in.Date, "date", errs)
		switch {
		case d == nil && errs["date"] == "":
			errs["date"] = "날짜를 입력해 주십시오."
		case d == nil:
		case t.date == "actual_start":
			round.checkStart(d, "date", "발령일", errs)
			n.ActualStart = d
		case t.date == "planned_end":
			if n.PlannedEnd != nil && !d.After(*n.PlannedEnd) {
				errs["date"] = "연장한 종료일은 지금의 종료 예정일(" + dateString(n.PlannedEnd) + ")보다 뒤여야 합니다."
			}
			round.checkDate(d, "date", "연장 후 종료일", errs)
			round.checkLength(cmpOr(n.ActualStart, n.PlannedStart), d, "date", errs)
			extendTo = d
		case t.date == "returned_on":
			if n.ActualStart != nil && d.Before(*n.ActualStart) {
				errs["date"] = "복귀일은 교류 시작일(" + dateString(n.ActualStart) + ")과 같거나 뒤여야 합니다."
			}
			round.checkDate(d, "date", "복귀일", errs)
			n.ReturnedOn = d
		}
	}
	// The moves that decide on the eligibility conditions check them and keep
	// them, as they stand, in the history.
	var snapshot string
	if t.move == MoveSubmit || t.move == MoveConsent || t.move == MoveDecline || t.move == MoveApprove || t.move == MoveReturn {
		round, err := roundConditions(tx, n.Pair.RoundID)
		if err != nil {
			return err
		}
		snapshot, n.round = n.conditionsSnapshot(round), round
		if missing := n.Unconfirmed(round); t.move == MoveApprove && len(missing) > 0 {
			errs[""] = "확인하지 않은 자격 요건이 있어 승인할 수 없습니다: " + quotedList(missing) + ". 반려해 주십시오."
		}
		if missing, _ := n.WithoutNote(round); t.move == MoveApprove && len(missing) > 0 && errs[""] == "" {
			errs[""] = "확인 근거 없이 확인한 자격 요건이 있어 승인할 수 없습니다: " + quotedList(missing) + ". 반려해 주십시오."
		}
		if t.move == MoveSubmit {
			for k, v := range n.missingForSubmission(round) {
				errs[k] = v
			}
		}
	}
	switch t.move {
	case MoveStart:
		n.AppointmentNo = strings.TrimSpace(in.DocumentNo)
		if utf8.RuneCountInString(n.AppointmentNo) > 100 {
			errs["document_no"] = "발령 문서번호는 100자 이하로 입력해 주십시오."
		}
	case MoveEnd:
		n.ReturnPost = strings.TrimSpace(in.ReturnPost)
		switch c := utf8.RuneCountInString(n.ReturnPost); {
		case c == 0:
			errs["return_post"] = "복귀 보직을 입력해 주십시오. (예: 인력정책과장)"
		case c > 100:
			errs["return_post"] = "복귀 보직은 100자 이하로 입력해 주십시오."
		}
	case MoveReport:
		report := strings.TrimSpace(in.Report)
		switch c := utf8.RuneCountInString(report); {
		case c == 0:
			errs["report"] = "완료 보고 내용을 입력해 주십시오."
		case c > 4000:
			errs["report"] = "완료 보고는 4,000자 이하로 입력해 주십시오."
		}
		n.Report = report
	case MoveAcknowledge:
		if n.Report == "" {
			errs[""] = "완료 보고가 아직 없어 확인할 수 없습니다."
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	from := n.State() // the history names the states people see (받는 부처 동의 대기 too)
	if t.to != "" {
		n.Status = t.to
	}
	switch t.move {
	case MoveExtend, MoveExtendAgree, MoveExtendDecline, MoveExtendApprove, MoveExtendReturn:
		if err := applyExtension(tx, a, n, t.move, extendTo, reason); err != nil {
			return err
		}
	case MoveSubmit:
		n.Submission++
	case MoveConsent:
		n.ConsentedSubmission = n.Submission
	case MoveApprove:
		complete, err := approve(tx, a, n)
		if err != nil {
			return err
		}
		if !complete {
			n.Status = NominationSubmitted
		}
	case MoveReport:
		if err := linkReportOutcomes(tx, *n, in.OutcomeIDs); err != nil {
			return err
		}
	}
	if err := recordNominationEvent(tx, a, n.ID, t.move, &from, n.State(), reason, snapshot); err != nil {
		return err
	}
	return notifyMove(tx, *n, t.move)
}

// approve records the user's approval of the current submission and reports
// whether the round's rule is now met; a second approved exchangee for the
// same position is refused.
func approve(tx *gorm.DB, a Actor, n *Nomination) (bool, error) {
	office, ok := approvalOffice(a.user)
	if !ok {
		return false, FieldErrors{"": "소속 심사 기관(인사혁신처·국무조정실)이 지정되지 않아 승인할 수 없습니다. 관리자에게 문의해 주십시오."}.Err()
	}
	if n.ApprovedOffices()[office] {
		return false, fmt.Errorf("nomination %d already approved by %s: %w", n.ID, office, ErrWrongState)
	}
	ap := NominationApproval{NominationID: n.ID, Submission: n.Submission, Office: office, UserID: a.UserID, At: tx.NowFunc()}
	if err := tx.Omit(clause.Associations).Create(&ap).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return false, fmt.Errorf("nomination %d approved twice by %s: %w", n.ID, office, ErrConflict)
		}
		return false, fmt.Errorf("approve nomination %d: %w", n.ID, err)
	}
	n.Approvals = append(n.Approvals, ap)
	if !n.Pair.Round.ApprovalRule.approvalComplete(n.ApprovedOffices()) {
		return false, nil
	}
	var others int64
	if err := tx.Model(&Nomination{}).Where("position_id = ? AND id <> ? AND status IN ?", n.PositionID, n.ID, approvedStatuses).
		Count(&others).Error; err != nil {
		return false, err
	}
	if others > 0 {
		return false, FieldErrors{"": "이 교류직위에는 이미 승인된 교류자가 있습니다."}.Err()
	}
	return true, nil
}

// linkReportOutcomes replaces the outcomes a completion report names; each must
// be an outcome of the nomination's pair.
func linkReportOutcomes(tx *gorm.DB, n Nomination, raw []string) error {
	if err := tx.Where("nomination_id = ?", n.ID).Delete(&NominationReportOutcome{}).Error; err != nil {
		return fmt.Errorf("unlink report outcomes of nomination %d: %w", n.ID, err)
	}
	if len(raw) == 0 {
		return nil
	}
	ids := make([]int64, len(raw))
	for i, r := range raw {
		id, err := strconv.ParseInt(strings.TrimSpace(r), 10, 64)
		if err != nil || id < 1 {
			return FieldErrors{"outcome_id": "이 교류직위의 성과만 선택할 수 있습니다."}.Err()
		}
		ids[i] = id
	}
	var valid []int64
	err := tx.Model(&Outcome{}).Where("id IN ? AND task_id IN (SELECT id FROM collaboration_tasks WHERE pair_id = ?)", ids, n.PairID).
		Pluck("id", &valid).Error
	if err != nil {
		return err
	}
	if len(valid) != len(slices.Compact(slices.Sorted(slices.Values(ids)))) {
		return FieldErrors{"outcome_id": "이 교류직위의 성과만 선택할 수 있습니다."}.Err()
	}
	links := make([]NominationReportOutcome, len(valid))
	for i, id := range valid {
		links[i] = NominationReportOutcome{NominationID: n.ID, OutcomeID: id}
	}
	return tx.Create(&links).Error
}

// saveNomination writes n's columns if the row is still at before's version,
// with one more version, and audits the change with the move that made it
// (empty: a save of the details) and its reason.
func saveNomination(tx *gorm.DB, a Actor, before Nomination, n *Nomination, move NominationMove, reason string) error {
	cols := map[string]any{
		"status": n.Status, "exchangee_name": n.ExchangeeName, "current_position": n.CurrentPosition, "rank": n.Rank,
		"work_phone": n.WorkPhone, "email": n.Email, "planned_start": n.PlannedStart, "planned_end": n.PlannedEnd,
		"statement": n.Statement, "actual_start": n.ActualStart, "returned_on": n.ReturnedOn, "report": n.Report,
		"appointment_no": n.AppointmentNo, "return_post": n.ReturnPost,
		"submission": n.Submission, "consented_submission": n.ConsentedSubmission, "version": gorm.Expr("version + 1"), "updated_at": tx.NowFunc(),
	}
	res := tx.Model(&Nomination{}).Where("id = ? AND version = ?", n.ID, before.Version).Updates(cols)
	if res.Error != nil {
		if errors.Is(res.Error, gorm.ErrDuplicatedKey) { // the one-approved-per-position index
			return FieldErrors{"": "이 교류직위에는 이미 승인된 교류자가 있습니다."}.Err()
		}
		return fmt.Errorf("save nomination %d: %w", n.ID, res.Error)
	}
	if res.RowsAffected != 1 { // the row lock makes this unreachable; a guard all the same
		return &StaleError[Nomination]{Current: before}
	}
	n.Version, n.UpdatedAt = before.Version+1, cols["updated_at"].(time.Time)
	if before.round == nil {
		before.round = n.round
	}
	was, err := before.auditEntry(tx, "", "")
	if err != nil {
		return err
	}
	now, err := n.auditEntry(tx, move, reason)
	if err != nil {
		return err
	}
	if err := audit(tx, a, AuditUpdate, "nomination", n.ID, was, now); err != nil {
		return err
	}
	// An exchange that starts (or one under way whose companions change): a
	// finalized cycle may have one more person to decide, or one fewer. Before
	// it starts, a nomination counts in no cycle.
	if slices.Contains(exchangeStarted, before.Status) || slices.Contains(exchangeStarted, n.Status) {
		return settleIncentivesOfNomination(tx, n.ID)
	}
	return nil
}

func recordNominationEvent(tx *gorm.DB, a Actor, id int64, move NominationMove, from *NominationStatus, to NominationStatus, reason, conditions string) error {
	ev := NominationEvent{NominationID: id, Move: move, FromStatus: from, ToStatus: to, UserID: a.UserID, Reason: reason,
		Conditions: conditions, At: tx.NowFunc()}
	if err := tx.Omit(clause.Associations).Create(&ev).Error; err != nil {
		return fmt.Errorf("record %s of nomination %d: %w", move, id, err)
	}
	return nil
}

// cmpOr is the first date that is set.
func cmpOr(ds ...*time.Time) *time.Time {
	for _, d := range ds {
		if d != nil {
			return d
		}
	}
	return nil
}

// MoveOption is what a move's form asks for (a reason, a date), from the table.
func MoveOption(m NominationMove) NominationMoveOption {
	t, _ := nominationTransitionOf(m)
	return NominationMoveOption{Move: m, Reason: t.reason, Date: t.date}
}
