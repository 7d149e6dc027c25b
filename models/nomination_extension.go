package models

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// An extension is a request, not a state of the exchange: the sending ministry
// asks for a new end date with a reason (연장 요청), the receiving ministry
// agrees (연장 동의) or declines (연장 거절), the round's reviewers approve
// under its approval rule (연장 승인) or return it (연장 반려). Only an
// approved extension moves the planned end; the exchange stays 교류 중 all along
// and shows "교류 중 · 연장" once extended.

// ExtensionStatus is where an extension request stands.
type ExtensionStatus string

// Extension statuses.
const (
	ExtensionRequested ExtensionStatus = "requested" // waiting for the receiving ministry
	ExtensionAgreed    ExtensionStatus = "agreed"    // waiting for the reviewers
	ExtensionApproved  ExtensionStatus = "approved"
	ExtensionDeclined  ExtensionStatus = "declined" // by the receiving ministry
	ExtensionReturned  ExtensionStatus = "returned" // by a reviewer
)

// Label is the status's Korean name.
func (s ExtensionStatus) Label() string {
	switch s {
	case ExtensionRequested:
		return "받는 부처 동의 대기"
	case ExtensionAgreed:
		return "심사 중"
	case ExtensionApproved:
		return "승인"
	case ExtensionDeclined:
		return "거절됨"
	case ExtensionReturned:
		return "반려"
	}
	return string(s)
}

// NominationExtension is one request to extend an exchange.
type NominationExtension struct {
	ID            int64                         `json:"id"`
	NominationID  int64                         `json:"nomination_id"`
	PreviousEnd   *time.Time                    `json:"previous_end"`
	RequestedEnd  time.Time                     `json:"requested_end"`
	Reason        string                        `json:"reason"`
	Status        ExtensionStatus               `json:"status"`
	RequestedBy   *int64                        `json:"requested_by"`
	RequestedAt   time.Time                     `json:"requested_at"`
	AgreedBy      *int64                        `json:"agreed_by"`
	AgreedAt      *time.Time                    `json:"agreed_at"`
	DecidedAt     *time.Time                    `json:"decided_at"`
	DeclineReason string                        `json:"decline_reason"`
	Approvals     []NominationExtensionApproval `gorm:"foreignKey:ExtensionID" json:"-"`
}

// NominationExtensionApproval is one office's approval of an extension.
type NominationExtensionApproval struct {
	ID          int64
	ExtensionID int64
	Office      string // mpm, opc, or admin
	UserID      *int64
	User        *User `json:"-"`
	At          time.Time
}

// open reports whether the request still waits for someone.
func (e NominationExtension) open() bool {
	return e.Status == ExtensionRequested || e.Status == ExtensionAgreed
}

// ApprovedOffices are the offices that approved the extension.
func (e NominationExtension) ApprovedOffices() map[string]bool {
	given := map[string]bool{}
	for _, a := range e.Approvals {
		given[a.Office] = true
	}
	return given
}

// OpenExtension is the extension request that waits for someone, or nil.
func (n Nomination) OpenExtension() *NominationExtension {
	for i := len(n.Extensions) - 1; i >= 0; i-- {
		if n.Extensions[i].open() {
			return &n.Extensions[i]
		}
	}
	return nil
}

// Extended reports whether an extension of the exchange was approved.
func (n Nomination) Extended() bool {
	return n.Status == NominationExtended ||
		slices.ContainsFunc(n.Extensions, func(e NominationExtension) bool { return e.Status == ExtensionApproved })
}

// ReceivingMinistryID is the ministry whose position the exchangee fills; n.Pair must be loaded.
func (n Nomination) ReceivingMinistryID() int64 {
	if n.Pair.MinistryAID == n.MinistryID {
		return n.Pair.MinistryBID
	}
	return n.Pair.MinistryAID
}

// extensionStep says which open request a move of the transition table needs.
type extensionStep int

const (
	noExtensionStep   extensionStep = iota
	extensionNoneOpen               // no request may be open (a new request)
	extensionAsked                  // a request waiting for the receiving ministry
	extensionAgreed                 // a request waiting for the reviewers
)

// allows reports whether the nomination's open request fits the step.
func (s extensionStep) allows(n Nomination) bool {
	open := n.OpenExtension()
	switch s {
	case extensionNoneOpen:
		return open == nil
	case extensionAsked:
		return open != nil && open.Status == ExtensionRequested
	case extensionAgreed:
		return open != nil && open.Status == ExtensionAgreed
	}
	return true
}

// loadExtensions reads a nomination's extension requests with their approvals, oldest first.
func loadExtensions(tx *gorm.DB, n *Nomination) error {
	err := tx.Where("nomination_id = ?", n.ID).Preload("Approvals", func(db *gorm.DB) *gorm.DB { return db.Order("at, id") }).
		Order("id").Find(&n.Extensions).Error
	if err != nil {
		return fmt.Errorf("extensions of nomination %d: %w", n.ID, err)
	}
	return nil
}

// applyExtension makes an extension move on n (its row locked, the request's
// date already parsed and checked into end): it writes the request, the
// receiving ministry's answer or a reviewer's decision. An approval that meets
// the round's rule moves n's planned end.
func applyExtension(tx *gorm.DB, a Actor, n *Nomination, move NominationMove, end *time.Time, reason string) error {
	now := tx.NowFunc()
	if move == MoveExtend {
		ext := NominationExtension{NominationID: n.ID, PreviousEnd: n.PlannedEnd, RequestedEnd: *end, Reason: reason,
			Status: ExtensionRequested, RequestedBy: a.UserID, RequestedAt: now}
		if err := tx.Omit(clause.Associations).Create(&ext).Error; err != nil {
			return fmt.Errorf("request an extension of nomination %d: %w", n.ID, err)
		}
		n.Extensions = append(n.Extensions, ext)
		return nil
	}
	ext := n.OpenExtension()
	cols := map[string]any{}
	switch move {
	case MoveExtendAgree:
		ext.Status, ext.AgreedBy, ext.AgreedAt = ExtensionAgreed, a.UserID, &now
		cols = map[string]any{"status": ext.Status, "agreed_by": ext.AgreedBy, "agreed_at": ext.AgreedAt}
	case MoveExtendDecline, MoveExtendReturn:
		ext.Status, ext.DecidedAt, ext.DeclineReason = ExtensionDeclined, &now, reason
		if move == MoveExtendReturn {
			ext.Status = ExtensionReturned
		}
		cols = map[string]any{"status": ext.Status, "decided_at": ext.DecidedAt, "decline_reason": reason}
	case MoveExtendApprove:
		office, ok := approvalOffice(a.user)
		if !ok {
			return FieldErrors{"": "소속 심사 기관(인사혁신처·국무조정실)이 지정되지 않아 승인할 수 없습니다. 관리자에게 문의해 주십시오."}.Err()
		}
		if ext.ApprovedOffices()[office] {
			return fmt.Errorf("extension %d already approved by %s: %w", ext.ID, office, ErrWrongState)
		}
		ap := NominationExtensionApproval{ExtensionID: ext.ID, Office: office, UserID: a.UserID, At: now}
		if err := tx.Omit(clause.Associations).Create(&ap).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return fmt.Errorf("extension %d approved twice by %s: %w", ext.ID, office, ErrConflict)
			}
			return fmt.Errorf("approve extension %d: %w", ext.ID, err)
		}
		ext.Approvals = append(ext.Approvals, ap)
		if !n.Pair.Round.ApprovalRule.approvalComplete(ext.ApprovedOffices()) {
			return nil
		}
		ext.Status, ext.DecidedAt = ExtensionApproved, &now
		cols = map[string]any{"status": ext.Status, "decided_at": ext.DecidedAt}
		end := ext.RequestedEnd
		n.PlannedEnd, n.Status = &end, NominationExtended
	}
	if err := tx.Model(&NominationExtension{}).Where("id = ?", ext.ID).Updates(cols).Error; err != nil {
		return fmt.Errorf("%s extension %d: %w", move, ext.ID, err)
	}
	return nil
}

// ExtensionDecidedBy reports whether the user's office already approved the open extension.
func (n Nomination) ExtensionDecidedBy(u *User) bool {
	ext := n.OpenExtension()
	office, ok := approvalOffice(u)
	return ext != nil && ok && ext.ApprovedOffices()[office]
}
