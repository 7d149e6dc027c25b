package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Exchanges already running: round 1 started in February 2024, before the
// app, and its exchangees were selected, approved and appointed outside it.
// An administrator registers (등록) such an exchange straight into 교류 중,
// with what is known of it, and the reason it is registered rather than
// selected ("앱 도입 전 발령"). From then on it lives as any started exchange:
// extension requests, 복귀, completion report, evaluation cycles. The
// selection's steps (conditions, consent, approvals) are not pretended: the
// registered nomination has none, and its page says where they happened.

// MoveRegister names the first history entry of a registered exchange; like
// MoveCreate it is no move of the transition table.
const MoveRegister NominationMove = "register"

// RegistrationReasonDefault is what the registration form proposes as the reason.
const RegistrationReasonDefault = "앱 도입 전 발령"

// RegistrationInput is a registered exchange as its form sends it. Only the
// exchangee's 성명, the 발령일, the planned end and the reason are required:
// what is not known stays empty and shows as 미입력.
type RegistrationInput struct {
	ExchangeeName   string `form:"exchangee_name" label:"성명"`
	CurrentPosition string `form:"current_position" label:"현재 직위 (보내는 부처, 알면)"`
	Rank            string `form:"rank" label:"직급 (알면, 예: 서기관)"`
	ActualStart     string `form:"actual_start" label:"발령일 (교류 시작일)"` // 2024-02-05
	PlannedEnd      string `form:"planned_end" label:"종료 예정일"`
	DocumentNo      string `form:"document_no" label:"발령 문서번호 (있으면)"`
	// One companion per row of the lists; an empty row is ignored.
	CompanionNames     []string `form:"companion_name" label:"성명"`
	CompanionRanks     []string `form:"companion_rank" label:"직급"`
	CompanionPositions []string `form:"companion_current_position" label:"현재 직위"`
	CompanionGoesTo    []string `form:"companion_goes_to" label:"가는 직위"`
	CompanionStarts    []string `form:"companion_start" label:"시작 예정일 (비우면 교류자와 같음)"`
	CompanionEnds      []string `form:"companion_end" label:"종료 예정일 (비우면 교류자와 같음)"`
	CompanionRoles     []string `form:"companion_role" label:"역할"`
	Reason             string   `form:"reason" label:"등록 사유 (선발·발령의 근거)"`
}

// Companions are the companion rows of the form, row by row.
func (in RegistrationInput) Companions() []CompanionInput {
	return in.nominationInput().Companions()
}

// nominationInput is the part of the registration a nomination's form also holds.
func (in RegistrationInput) nominationInput() NominationInput {
	return NominationInput{ExchangeeName: in.ExchangeeName, CurrentPosition: in.CurrentPosition, Rank: in.Rank,
		CompanionNames: in.CompanionNames, CompanionRanks: in.CompanionRanks, CompanionPositions: in.CompanionPositions,
		CompanionGoesTo: in.CompanionGoesTo, CompanionStarts: in.CompanionStarts, CompanionEnds: in.CompanionEnds,
		CompanionRoles: in.CompanionRoles}
}

// SetCompanions replaces the companion rows, as the form would send them.
func (in *RegistrationInput) SetCompanions(rows []CompanionInput) {
	var n NominationInput
	n.SetCompanions(rows)
	in.CompanionNames, in.CompanionRanks, in.CompanionPositions, in.CompanionGoesTo = n.CompanionNames, n.CompanionRanks, n.CompanionPositions, n.CompanionGoesTo
	in.CompanionStarts, in.CompanionEnds, in.CompanionRoles = n.CompanionStarts, n.CompanionEnds, n.CompanionRoles
}

// apply checks the input and writes it into n, whose Pair (with its Round)
// is loaded; today is the day of the registration, 2006-01-02.
func (in RegistrationInput) apply(n *Nomination, today string) FieldErrors {
	// The exchangee's details are checked as a nomination's are; the
	// companions too, once the exchange's dates are read (theirs default to them).
	errs := NominationInput{ExchangeeName: in.ExchangeeName, CurrentPosition: in.CurrentPosition, Rank: in.Rank}.apply(n, nil)
	if n.ExchangeeName == "" && errs["exchangee_name"] == "" {
		errs["exchangee_name"] = "교류자 성명을 입력해 주십시오."
	}
	round := n.Pair.Round
	n.ActualStart = parseDate(in.ActualStart, "actual_start", errs)
	switch {
	case n.ActualStart == nil && errs["actual_start"] == "":
		errs["actual_start"] = "발령일을 입력해 주십시오."
	case n.ActualStart != nil && dateString(n.ActualStart) > today:
		errs["actual_start"] = "이미 시작한 교류만 등록할 수 있습니다. 발령일을 오늘(" + today + ") 또는 그 앞으로 입력해 주십시오."
	}
	round.checkStart(n.ActualStart, "actual_start", "발령일", errs)
	n.PlannedStart = n.ActualStart // the exchange was planned from its 발령일, and began on it
	n.PlannedEnd = parseDate(in.PlannedEnd, "planned_end", errs)
	switch {
	case n.PlannedEnd == nil && errs["planned_end"] == "":
		errs["planned_end"] = "종료 예정일을 입력해 주십시오."
	case n.PlannedEnd != nil && n.ActualStart != nil && n.PlannedEnd.Before(*n.ActualStart):
		errs["planned_end"] = "종료 예정일은 발령일(" + dateString(n.ActualStart) + ")과 같거나 뒤여야 합니다."
	}
	round.checkDate(n.PlannedEnd, "planned_end", "종료 예정일", errs)
	round.checkLength(n.ActualStart, n.PlannedEnd, "planned_end", errs)
	for i, c := range in.Companions() {
		if cp, ok := c.apply(i, n, errs); ok {
			cp.Position = len(n.Companions) + 1
			n.Companions = append(n.Companions, cp)
		}
	}
	if len(n.Companions) > maxCompanions {
		errs["companion_name"] = fmt.Sprintf("동반 교류자는 %d명까지 입력할 수 있습니다.", maxCompanions)
	}
	n.AppointmentNo = strings.TrimSpace(in.DocumentNo)
	if utf8.RuneCountInString(n.AppointmentNo) > 100 {
		errs["document_no"] = "발령 문서번호는 100자 이하로 입력해 주십시오."
	}
	n.Registration = strings.TrimSpace(in.Reason)
	switch c := utf8.RuneCountInString(n.Registration); {
	case c == 0:
		errs["reason"] = "등록 사유를 입력해 주십시오. (예: " + RegistrationReasonDefault + ")"
	case c > 1000:
		errs["reason"] = "등록 사유는 1,000자 이하로 입력해 주십시오."
	}
	return errs
}

// RegisterExchange records an exchange that began outside the app into a
// position of a selected pair: the exchangee, sent by the pair's other
// ministry, is 교류 중 from the 발령일. Only an administrator registers; a
// position with a nomination in progress or an exchange is refused. The
// registration is kept in the history and the audit log as 등록, with its
// reason, and both ministries' coordinators are told.
func (s *Store) RegisterExchange(ctx context.Context, a Actor, pairID, positionID int64, in RegistrationInput) (Nomination, error) {
	if !a.may(ActRegisterExchange) {
		return Nomination{}, fmt.Errorf("register an exchange: %w", ErrForbidden)
	}
	target, err := s.NominationTargetOf(ctx, pairID, positionID)
	if err != nil {
		return Nomination{}, err
	}
	var n Nomination
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var pair ExchangePair
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Preload("Round").Take(&pair, pairID).Error; err != nil {
			return fmt.Errorf("pair %d: %w", pairID, notFound(err))
		}
		if pair.Status != PairSelected {
			return fmt.Errorf("register an exchange into pair %d at %s: %w", pairID, pair.Status, ErrWrongState)
		}
		n = Nomination{PairID: pairID, PositionID: positionID, MinistryID: target.SendingMinistry.ID, Status: NominationActive,
			Version: 1, Pair: pair}
		errs := in.apply(&n, today(tx.NowFunc()).Format("2006-01-02"))
		var open int64
		if err := tx.Model(&Nomination{}).Where("position_id = ? AND status <> ?", positionID, NominationRevoked).Count(&open).Error; err != nil {
			return err
		}
		if open > 0 {
			errs[""] = "이 교류직위에는 이미 교류자 추천이나 교류가 있어 등록할 수 없습니다. 교류직위 화면에서 확인해 주십시오."
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Omit(clause.Associations).Create(&n).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) { // the one-exchangee-per-position index, under a race
				return FieldErrors{"": "이 교류직위에는 이미 교류자가 있어 등록할 수 없습니다."}.Err()
			}
			return fmt.Errorf("register an exchange into position %d: %w", positionID, err)
		}
		if err := writeNominationParts(tx, a, n); err != nil {
			return err
		}
		if err := recordNominationEvent(tx, a, n.ID, MoveRegister, nil, NominationActive, n.Registration, ""); err != nil {
			return err
		}
		if err := settleIncentivesOfNomination(tx, n.ID); err != nil {
			return err
		}
		entry, err := n.auditEntry(tx, MoveRegister, "") // its reason is the record's 등록 사유
		if err != nil {
			return err
		}
		if err := audit(tx, a, AuditCreate, "nomination", n.ID, nil, entry); err != nil {
			return err
		}
		return notifyMove(tx, n, MoveRegister) // both ministries' coordinators: the exchange is theirs to manage now
	})
	return n, err
}
