package models

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// NominationStatus is where an exchangee selection and its exchange stand.
type NominationStatus string

// Statuses: 초안 → 제출 (받는 부처 동의 대기, then 심사 중) → 승인 or 반려 (→
// 제출 again); 승인 → 교류 중 → 연장 → 복귀 → 확인; an administrator may
// revoke an approval (승인 취소). A submission waiting for the receiving
// ministry's consent is stored as submitted: NominationAwaitingConsent is the
// state it shows (Nomination.State), never a stored status.
const (
	NominationDraft        NominationStatus = "draft"
	NominationSubmitted    NominationStatus = "submitted"
	NominationReturned     NominationStatus = "returned"
	NominationApproved     NominationStatus = "approved"
	NominationRevoked      NominationStatus = "revoked"
	NominationActive       NominationStatus = "active"
	NominationExtended     NominationStatus = "extended"
	NominationCompleted    NominationStatus = "completed"
	NominationAcknowledged NominationStatus = "acknowledged"

	NominationAwaitingConsent NominationStatus = "awaiting_consent" // shown, not stored: submitted, the receiving ministry not yet agreed
)

// NominationStatuses lists the statuses in the order of a nomination's life.
// The list's filter offers them all; NominationAwaitingConsent is a state, not stored.
var NominationStatuses = []NominationStatus{NominationDraft, NominationAwaitingConsent, NominationSubmitted, NominationReturned,
	NominationApproved, NominationRevoked, NominationActive, NominationExtended, NominationCompleted, NominationAcknowledged}

// Label is the status's Korean name.
func (s NominationStatus) Label() string {
	switch s {
	case NominationDraft:
		return "작성 중"
	case NominationAwaitingConsent:
		return "받는 부처 동의 대기"
	case NominationSubmitted:
		return "심사 중"
	case NominationReturned:
		return "반려"
	case NominationApproved:
		return "승인"
	case NominationRevoked:
		return "승인 취소"
	case NominationActive:
		return "교류 중"
	case NominationExtended:
		return "교류 중 · 연장"
	case NominationCompleted:
		return "복귀"
	case NominationAcknowledged:
		return "완료 보고 확인됨"
	}
	return string(s)
}

// AwaitingConsent reports whether the current submission waits for the
// receiving ministry's consent (받는 부처 동의) before the reviewers decide.
func (n Nomination) AwaitingConsent() bool {
	return n.Status == NominationSubmitted && n.ConsentedSubmission != n.Submission
}

// DeclinedByReceiving reports whether the nomination came back because the
// receiving ministry declined it (거절), not because a reviewer returned it.
func (n Nomination) DeclinedByReceiving() bool {
	return n.Status == NominationReturned && n.Submission > 0 && n.ConsentedSubmission != n.Submission
}

// State is the status the nomination shows: its stored status, or
// NominationAwaitingConsent for a submission the receiving ministry has not
// agreed to yet.
func (n Nomination) State() NominationStatus {
	if n.AwaitingConsent() {
		return NominationAwaitingConsent
	}
	return n.Status
}

// StateLabel is the Korean name of the nomination's state; a nomination the
// receiving ministry declined reads 거절됨, one a reviewer returned 반려.
func (n Nomination) StateLabel() string {
	if n.DeclinedByReceiving() {
		return "거절됨"
	}
	return n.State().Label()
}

// ReceivingMinistry is the ministry whose position the exchangee fills; n.Pair
// with its ministries must be loaded.
func (n Nomination) ReceivingMinistry() Ministry {
	if n.Pair.MinistryAID == n.MinistryID {
		return n.Pair.MinistryB
	}
	return n.Pair.MinistryA
}

// approvedStatuses are the statuses of an approved exchangee: one per position at most.
var approvedStatuses = []NominationStatus{NominationApproved, NominationActive, NominationExtended,
	NominationCompleted, NominationAcknowledged}

// Approved reports whether the status is one of an approved exchangee (승인 and after).
func (s NominationStatus) Approved() bool { return slices.Contains(approvedStatuses, s) }

// editable reports whether the sending ministry may still change the nomination's details.
func (s NominationStatus) editable() bool { return s == NominationDraft || s == NominationReturned }

// Nomination is a ministry's exchangee for one position of a selected pair:
// the ministry sends the official into the counterpart ministry's position.
type Nomination struct {
	ID              int64            `json:"id"`
	PairID          int64            `json:"pair_id"`
	Pair            ExchangePair     `json:"-"`
	PositionID      int64            `json:"position_id"`
	Position        Position         `json:"-"`
	MinistryID      int64            `json:"ministry_id"` // the sending ministry
	Ministry        Ministry         `json:"-"`
	Status          NominationStatus `json:"status"`
	ExchangeeName   string           `json:"exchangee_name"`
	CurrentPosition string           `json:"current_position"` // the exchangee's post now, in the sending ministry
	Rank            string           `json:"rank"`             // 직급
	WorkPhone       string           `json:"work_phone"`
	Email           string           `json:"email"`
	PlannedStart    *time.Time       `json:"planned_start"`
	PlannedEnd      *time.Time       `json:"planned_end"`
	Statement       string           `json:"statement"`      // what the exchangee will do in the position
	ActualStart     *time.Time       `json:"actual_start"`   // the 발령일: the exchange started
	AppointmentNo   string           `json:"appointment_no"` // the 발령 문서번호, where there is one
	ReturnedOn      *time.Time       `json:"returned_on"`
	ReturnPost      string           `json:"return_post"` // the post the exchangee returned to (복귀 보직)
	Report          string           `json:"report"`      // the completion report after return
	Submission      int              `json:"submission"`  // how many times it was submitted; approvals count per submission
	// ConsentedSubmission is the submission the receiving ministry agreed to
	// (받는 부처 동의); while it is not the current one, the submission waits for it.
	ConsentedSubmission int        `json:"consented_submission"`
	Version             int        `json:"version"`
	ContactErasedAt     *time.Time `json:"contact_erased_at"` // when the retention period erased phone and e-mail
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`

	Companions []NominationCompanion `json:"-"`
	Conditions []NominationCondition `json:"-"`
	Approvals  []NominationApproval  `json:"-"`
	Extensions []NominationExtension `json:"-"` // extension requests, oldest first

	// Registration is why an exchange begun outside the app was registered
	// (등록) rather than selected in it ("앱 도입 전 발령"); "" for one selected in the app.
	Registration string `json:"registration"`

	// round are the round's conditions, where a change loaded them, so that
	// its audit entry keeps the conditions without another query.
	round []RoundCondition
}

// NominationCompanion is an official who moves with the exchangee (동반 교류).
type NominationCompanion struct {
	ID              int64
	NominationID    int64
	Name            string
	Rank            string
	Role            string
	CurrentPosition string     // 현재 직위, in the sending ministry
	PlannedStart    *time.Time // nil: the exchangee's planned start
	PlannedEnd      *time.Time // nil: the exchangee's planned end
	GoesTo          string     // 가는 직위: the post the companion takes in the receiving ministry
	Position        int
	// A reviewer removed the companion (동반 교류자 제외) before approving:
	// when, who and why; a removed companion stays on the record, shown as 제외.
	RemovedAt     *time.Time
	RemovedBy     *int64
	RemovalReason string
}

// Removed reports whether a reviewer removed the companion from the nomination.
func (c NominationCompanion) Removed() bool { return c.RemovedAt != nil }

// RoundCondition is an eligibility condition a round sets for exchangees.
type RoundCondition struct {
	ID       int64
	RoundID  int64
	Text     string
	Position int
	// NoteRequired: a nomination confirms the condition only with a note on
	// what was checked (확인 근거 필수).
	NoteRequired bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// NominationCondition records that the ministry confirmed a condition for its
// exchangee: who confirmed it and when (empty for confirmations made before
// the app kept them), and its note on what was checked (확인 근거).
type NominationCondition struct {
	NominationID int64 `gorm:"primaryKey"`
	ConditionID  int64 `gorm:"primaryKey"`
	ConfirmedBy  *int64
	ConfirmedAt  *time.Time
	Note         string // 확인 근거: "인사기록 확인, 2024년 근무성적 A"; required where the round's condition says so
	Confirmer    *User  `gorm:"foreignKey:ConfirmedBy" json:"-"`
}

// NominationApproval is one office's approval of one submission.
type NominationApproval struct {
	ID           int64
	NominationID int64
	Submission   int
	Office       string // mpm, opc, or admin
	UserID       *int64
	User         *User `json:"-"`
	At           time.Time
}

// NominationReportOutcome links a completion report to an outcome of the pair.
type NominationReportOutcome struct {
	NominationID int64 `gorm:"primaryKey"`
	OutcomeID    int64 `gorm:"primaryKey"`
}

// NominationEvent is one move in a nomination's history.
type NominationEvent struct {
	ID           int64
	NominationID int64
	Move         NominationMove
	FromStatus   *NominationStatus
	ToStatus     NominationStatus
	UserID       *int64
	User         *User `json:"-"`
	Reason       string
	Conditions   string // the round's conditions as they stood at the move, where it decides on them
	At           time.Time
}

// auditView is the nomination as the audit log keeps it: contact details are
// left out, so that erasing them after the retention period erases them all;
// the status is the state people see (받는 부처 동의 대기 included), so that
// the log reads 작성 중 → 받는 부처 동의 대기 → 심사 중.
func (n Nomination) auditView() Nomination {
	n.WorkPhone, n.Email = maskedMark(n.WorkPhone), maskedMark(n.Email)
	n.Status = n.State()
	return n
}

// nominationAudit is a nomination's audit entry: the record (contacts left
// out), named as people know it ("김교류 — 인력정책과장(중기부) 교류자 추천"),
// with the move that changed it and its reason.
type nominationAudit struct {
	Nomination
	Target string `json:"target"`
	Move   string `json:"move"`
	Reason string `json:"reason"`
	// Conditions are the round's conditions as the nomination confirmed
	// them, with the notes (확인 근거), where the change loaded them (edits and
	// the moves that decide on them); "" for an exchange registered.
	Conditions string `json:"conditions"`
}

// auditEntry is n's audit entry for the move (empty: a save of its details).
func (n Nomination) auditEntry(tx *gorm.DB, move NominationMove, reason string) (nominationAudit, error) {
	var label string
	if err := tx.Raw(nominationLabelSQL, n.ID).Scan(&label).Error; err != nil {
		return nominationAudit{}, fmt.Errorf("name nomination %d: %w", n.ID, err)
	}
	if n.ExchangeeName != "" {
		label = n.ExchangeeName + " — " + label
	}
	entry := nominationAudit{Nomination: n.auditView(), Target: label, Reason: reason}
	if n.Registration == "" && n.round != nil {
		entry.Conditions = n.conditionsSnapshot(n.round)
	}
	if move != "" {
		entry.Move = move.Label()
	}
	return entry, nil
}

func maskedMark(s string) string {
	if s == "" {
		return ""
	}
	return "(기록하지 않음)"
}

// ApprovedOffices are the offices that approved the current submission.
func (n Nomination) ApprovedOffices() map[string]bool {
	given := map[string]bool{}
	for _, a := range n.Approvals {
		if a.Submission == n.Submission {
			given[a.Office] = true
		}
	}
	return given
}

// Ministries are the pair's two ministries (the nomination belongs to both), for authorization; Pair must be loaded.
func (n Nomination) Ministries() []int64 { return n.Pair.Ministries() }

// preloadNomination loads what a nomination's page shows.
func preloadNomination(db *gorm.DB) *gorm.DB {
	return db.Joins("Pair").Joins("Pair.Round").Joins("Pair.MinistryA").Joins("Pair.MinistryB").
		Joins("Pair.PositionA").Joins("Pair.PositionB").Joins("Position").Joins("Position.Ministry").Joins("Ministry").
		Preload("Companions", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Preload("Conditions").Preload("Conditions.Confirmer").
		Preload("Approvals", func(db *gorm.DB) *gorm.DB { return db.Order("at, id") }).Preload("Approvals.User").
		Preload("Extensions", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Preload("Extensions.Approvals", func(db *gorm.DB) *gorm.DB { return db.Order("at, id") })
}

// NominationByID loads a nomination with its pair, position, companions, conditions and approvals.
func (s *Store) NominationByID(ctx context.Context, id int64) (Nomination, error) {
	var n Nomination
	if err := preloadNomination(s.db.WithContext(ctx)).Take(&n, id).Error; err != nil {
		return Nomination{}, fmt.Errorf("nomination %d: %w", id, notFound(err))
	}
	return n, nil
}

// NominationHistory lists a nomination's moves, oldest first, with who made them.
func (s *Store) NominationHistory(ctx context.Context, id int64) ([]NominationEvent, error) {
	var list []NominationEvent
	err := s.db.WithContext(ctx).Joins("User").Joins("User.Ministry").
		Where("nomination_events.nomination_id = ?", id).Order("nomination_events.at, nomination_events.id").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("history of nomination %d: %w", id, err)
	}
	return list, nil
}

// NominationsOfPair lists a pair's nominations, newest first, for its page.
func (s *Store) NominationsOfPair(ctx context.Context, pairID int64) ([]Nomination, error) {
	var list []Nomination
	err := s.db.WithContext(ctx).Joins("Ministry").Where("nominations.pair_id = ?", pairID).
		Order("nominations.id DESC").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("nominations of pair %d: %w", pairID, err)
	}
	return list, nil
}

// RoundConditions lists a round's eligibility conditions in order.
func (s *Store) RoundConditions(ctx context.Context, roundID int64) ([]RoundCondition, error) {
	var list []RoundCondition
	err := s.db.WithContext(ctx).Where("round_id = ?", roundID).Order("position, id").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("conditions of round %d: %w", roundID, err)
	}
	return list, nil
}

// RoundConditionCounts is how many eligibility conditions each round sets, by round id.
func (s *Store) RoundConditionCounts(ctx context.Context) (map[int64]int, error) {
	var rows []struct {
		RoundID int64
		N       int
	}
	if err := s.db.WithContext(ctx).Model(&RoundCondition{}).Select("round_id, COUNT(*) AS n").Group("round_id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("count round conditions: %w", err)
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.RoundID] = r.N
	}
	return out, nil
}

// ReportOutcomes lists the outcomes a nomination's completion report names.
func (s *Store) ReportOutcomes(ctx context.Context, nominationID int64) ([]Outcome, error) {
	var list []Outcome
	err := s.db.WithContext(ctx).Where("id IN (SELECT outcome_id FROM nomination_report_outcomes WHERE nomination_id = ?)", nominationID).
		Order("task_id, position, id").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("outcomes of the report of nomination %d: %w", nominationID, err)
	}
	return list, nil
}
