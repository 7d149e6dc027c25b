package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// IncentiveKind is what an exchangee is granted after a finalized cycle.
type IncentiveKind string

// Decisions: 평가수당 우대, 기타 인사상 특전, 해당 없음.
const (
	IncentiveAllowance    IncentiveKind = "allowance"
	IncentiveOtherBenefit IncentiveKind = "other_benefit"
	IncentiveNone         IncentiveKind = "none"
)

// IncentiveKinds lists the decisions in display order.
var IncentiveKinds = []IncentiveKind{IncentiveAllowance, IncentiveOtherBenefit, IncentiveNone}

// Label is the decision's Korean name.
func (k IncentiveKind) Label() string {
	switch k {
	case IncentiveAllowance:
		return "평가수당 우대"
	case IncentiveOtherBenefit:
		return "기타 인사상 특전"
	case IncentiveNone:
		return "해당 없음"
	}
	return string(k)
}

// IncentiveDecision is the administrator's decision for one exchangee in one cycle.
type IncentiveDecision struct {
	ID           int64           `json:"id"`
	CycleID      int64           `json:"cycle_id"`
	Cycle        EvaluationCycle `gorm:"foreignKey:CycleID" json:"-"`
	NominationID int64           `json:"nomination_id"`
	Decision     IncentiveKind   `json:"decision"`
	Note         string          `json:"note"`
	DecidedBy    *int64          `json:"-"`
	Version      int             `json:"version"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
}

// IncentiveCandidate is an exchangee whose pair has a task at or above the
// cycle's incentive score, with those tasks and the decision so far.
type IncentiveCandidate struct {
	Nomination Nomination // with Pair, its ministries and Position
	Tasks      []TaskEvaluation
	Decision   *IncentiveDecision
}

// exchangeStatuses are the statuses of an exchangee in (or back from) the exchange.
var exchangeStatuses = []NominationStatus{NominationActive, NominationExtended, NominationCompleted, NominationAcknowledged}

// IncentiveCandidates lists, for a finalized cycle, the exchangees in the
// exchange whose pair has at least one task scoring at or above the cycle's
// incentive score, with the decisions taken; none before finalization.
func (s *Store) IncentiveCandidates(ctx context.Context, c EvaluationCycle) ([]IncentiveCandidate, error) {
	if c.Stage != StageFinalized {
		return nil, nil
	}
	results, err := s.CycleResults(ctx, c)
	if err != nil {
		return nil, err
	}
	reaching := map[int64][]TaskEvaluation{}
	var pairs []int64
	for _, r := range results {
		if r.Result.Scored() && r.Result.Score >= c.IncentiveTenths {
			if _, ok := reaching[r.Task.PairID]; !ok {
				pairs = append(pairs, r.Task.PairID)
			}
			reaching[r.Task.PairID] = append(reaching[r.Task.PairID], r)
		}
	}
	db := s.db.WithContext(ctx)
	var noms []Nomination
	if err := db.Preload("Pair").Preload("Pair.MinistryA").Preload("Pair.MinistryB").Preload("Ministry").Preload("Position").
		Where("pair_id IN ? AND status IN ?", append(pairs, 0), exchangeStatuses).Order("pair_id, id").Find(&noms).Error; err != nil {
		return nil, fmt.Errorf("incentive candidates of cycle %d: %w", c.ID, err)
	}
	var decisions []IncentiveDecision
	if err := db.Where("cycle_id = ?", c.ID).Find(&decisions).Error; err != nil {
		return nil, fmt.Errorf("incentive decisions of cycle %d: %w", c.ID, err)
	}
	out := make([]IncentiveCandidate, len(noms))
	for i, n := range noms {
		out[i] = IncentiveCandidate{Nomination: n, Tasks: reaching[n.PairID]}
		if j := slices.IndexFunc(decisions, func(d IncentiveDecision) bool { return d.NominationID == n.ID }); j >= 0 {
			out[i].Decision = &decisions[j]
		}
	}
	return out, nil
}

// IncentiveInput is the decision form for one exchangee.
type IncentiveInput struct {
	Decision string `form:"decision" label:"인사상 특전 결정"`
	Note     string `form:"note" label:"비고"`
	Version  int    `form:"version"` // 0 for the first decision
}

// DecideIncentive records (or changes) the decision for a candidate of a
// finalized cycle, on the version the person saw.
func (s *Store) DecideIncentive(ctx context.Context, a Actor, cycleID, nominationID int64, in IncentiveInput) (IncentiveDecision, error) {
	if !a.may(ActDecideIncentives) {
		return IncentiveDecision{}, ErrForbidden
	}
	errs := FieldErrors{}
	kind, note := IncentiveKind(in.Decision), strings.TrimSpace(in.Note)
	if !slices.Contains(IncentiveKinds, kind) {
		errs["decision"] = "결정을 선택해 주십시오."
	}
	if utf8.RuneCountInString(note) > 1000 || !UsableText(note, true) {
		errs["note"] = "비고는 1,000자 이하로 입력해 주십시오."
	}
	var after IncentiveDecision
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c EvaluationCycle
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).Take(&c, cycleID).Error; err != nil {
			return fmt.Errorf("evaluation cycle %d: %w", cycleID, notFound(err))
		}
		if c.Stage != StageFinalized {
			return FieldErrors{"": "평가가 확정된 뒤에 결정할 수 있습니다."}.Err()
		}
		full, err := cycleWithAll(tx, cycleID)
		if err != nil {
			return err
		}
		candidates, err := (&Store{db: tx, dialect: s.dialect}).IncentiveCandidates(ctx, full)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(candidates, func(ic IncentiveCandidate) bool { return ic.Nomination.ID == nominationID }) {
			return fmt.Errorf("nomination %d is no candidate of cycle %d: %w", nominationID, cycleID, ErrNotFound)
		}
		if err := errs.Err(); err != nil {
			return err
		}
		var found []IncentiveDecision
		if err := tx.Where("cycle_id = ? AND nomination_id = ?", cycleID, nominationID).Limit(1).Find(&found).Error; err != nil {
			return err
		}
		before := IncentiveDecision{CycleID: cycleID, NominationID: nominationID}
		if len(found) == 1 {
			before = found[0]
		}
		if before.Version != in.Version {
			return &StaleError[IncentiveDecision]{Current: before}
		}
		after = before
		after.Decision, after.Note, after.DecidedBy = kind, note, a.UserID
		after.Version, after.UpdatedAt = before.Version+1, tx.NowFunc()
		if before.ID == 0 {
			if err := tx.Omit(clause.Associations).Create(&after).Error; err != nil {
				return fmt.Errorf("decide incentive of nomination %d: %w", nominationID, err)
			}
			return audit(tx, a, AuditCreate, "incentive", after.ID, nil, after)
		}
		if err := tx.Model(&IncentiveDecision{}).Where("id = ?", after.ID).Updates(map[string]any{
			"decision": after.Decision, "note": after.Note, "decided_by": after.DecidedBy, "version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("update incentive %d: %w", after.ID, err)
		}
		return audit(tx, a, AuditUpdate, "incentive", after.ID, before, after)
	})
	return after, err
}

// IncentivesOfNomination lists the decisions about an exchangee, with their cycles, newest first.
func (s *Store) IncentivesOfNomination(ctx context.Context, nominationID int64) ([]IncentiveDecision, error) {
	var list []IncentiveDecision
	if err := s.db.WithContext(ctx).Preload("Cycle").Where("nomination_id = ?", nominationID).Order("id DESC").
		Find(&list).Error; err != nil {
		return nil, fmt.Errorf("incentives of nomination %d: %w", nominationID, err)
	}
	return list, nil
}
