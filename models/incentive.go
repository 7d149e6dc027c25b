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

// NoIncentive is the decision that grants nothing.
const NoIncentive = "해당 없음"

// DefaultIncentiveKinds is the list a new cycle starts with: the benefits the
// programme names (평가수당 우대) and those a ministry's 인사 부서 usually grants.
// The administrator edits it per cycle; the app invents no amounts.
var DefaultIncentiveKinds = []string{"평가수당 우대", "성과상여금 등급 우대", "근무성적평정 가점", "승진 심사 우대", "희망 보직 우선 반영", "기타"}

// IncentiveList is the cycle's list of incentives, one a line.
func (c EvaluationCycle) IncentiveList() []string {
	var out []string
	for l := range strings.SplitSeq(c.IncentiveKinds, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// incentiveName is a decision as people read it, also one the audit log kept
// from before the list (migration 0032 renamed the stored ones alike).
func incentiveName(d string) string {
	switch d {
	case "allowance":
		return "평가수당 우대"
	case "other_benefit":
		return "기타"
	case "none":
		return NoIncentive
	}
	return d
}

// IncentiveKindsInput is the form of a cycle's list of incentives.
type IncentiveKindsInput struct {
	Kinds   string `form:"incentive_kinds" label:"인사상 특전 목록 (한 줄에 하나, 금액은 적지 않습니다)"`
	Version int    `form:"version"`
}

// SaveIncentiveKinds replaces a cycle's list of incentives, at any stage (the
// decisions come after 확정), on the version the person saw. Decisions already
// taken keep the name they were taken with.
func (s *Store) SaveIncentiveKinds(ctx context.Context, a Actor, id int64, in IncentiveKindsInput) (EvaluationCycle, error) {
	if !a.may(ActManageEvaluations) {
		return EvaluationCycle{}, ErrForbidden
	}
	var list []string
	for l := range strings.SplitSeq(in.Kinds, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			continue
		case utf8.RuneCountInString(l) > 50 || !UsableText(l, false):
			return EvaluationCycle{}, FieldErrors{"incentive_kinds": "인사상 특전은 한 줄에 50자 이하로 입력해 주십시오."}.Err()
		case l == NoIncentive || slices.Contains(list, l):
			return EvaluationCycle{}, FieldErrors{"incentive_kinds": Particle("‘"+l+"’", "은", "는") + " 목록에 넣을 수 없습니다. (두 번 있거나 ‘해당 없음’)"}.Err()
		}
		list = append(list, l)
	}
	if len(list) == 0 || len(list) > 20 {
		return EvaluationCycle{}, FieldErrors{"incentive_kinds": "인사상 특전을 1개에서 20개까지 입력해 주십시오."}.Err()
	}
	var after EvaluationCycle
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c EvaluationCycle
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).Take(&c, id).Error; err != nil {
			return fmt.Errorf("evaluation cycle %d: %w", id, notFound(err))
		}
		if c.Version != in.Version {
			return staleCycle(tx, id)
		}
		after = c
		after.IncentiveKinds, after.Version, after.UpdatedAt = strings.Join(list, "\n"), c.Version+1, tx.NowFunc()
		if err := tx.Model(&EvaluationCycle{}).Where("id = ?", id).Updates(map[string]any{
			"incentive_kinds": after.IncentiveKinds, "version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("incentives of evaluation cycle %d: %w", id, err)
		}
		return audit(tx, a, AuditUpdate, "evaluation_cycle", id, map[string]string{"name": c.Name, "incentive_kinds": c.IncentiveKinds},
			map[string]string{"name": c.Name, "incentive_kinds": after.IncentiveKinds})
	})
	return after, err
}

// IncentiveDecision is the administrator's decision for one person (an
// exchangee, or one of their companions) in one cycle.
type IncentiveDecision struct {
	ID           int64                `json:"id"`
	CycleID      int64                `json:"cycle_id"`
	Cycle        EvaluationCycle      `gorm:"foreignKey:CycleID" json:"-"`
	NominationID int64                `json:"nomination_id"`
	CompanionID  *int64               `json:"companion_id,omitempty"` // nil: the exchangee themselves (migration 0079)
	Companion    *NominationCompanion `gorm:"foreignKey:CompanionID" json:"-"`
	Target       string               `gorm:"-" json:"target,omitempty"` // whom the audit log names ("박동반(동반 교류자) — 2025 평가 인사상 특전")
	Decision     string               `json:"decision"`                  // one of the cycle's incentives, or 해당 없음
	Note         string               `json:"note"`
	DecidedBy    *int64               `json:"-"`
	Version      int                  `json:"version"`
	CreatedAt    time.Time            `json:"created_at"`
	UpdatedAt    time.Time            `json:"updated_at"`
}

// Key is the person the decision is about.
func (d IncentiveDecision) Key() ContributionKey {
	k := ContributionKey{NominationID: d.NominationID}
	if d.CompanionID != nil {
		k.CompanionID = *d.CompanionID
	}
	return k
}

// IncentiveCandidate is an exchangee or companion of the cycle's period with
// their result, whether it reaches the cycle's incentive score, and the
// decision so far.
type IncentiveCandidate struct {
	Person   PersonResult // an exchangee, or a companion (each has a decision of their own)
	Reaches  bool         // the result is at or above the cycle's incentive score
	Decision *IncentiveDecision
}

// IncentiveCandidates lists, for a finalized cycle, every exchangee and
// companion of its period (CycleExchangees) with their result and the decision taken; the
// administrator decides for each, those reaching the incentive score first
// in mind. None before finalization.
func (s *Store) IncentiveCandidates(ctx context.Context, c EvaluationCycle) ([]IncentiveCandidate, error) {
	if c.Stage != StageFinalized {
		return nil, nil
	}
	results, err := s.CycleResults(ctx, c)
	if err != nil {
		return nil, err
	}
	people, err := s.CycleExchangees(ctx, c)
	if err != nil {
		return nil, err
	}
	var decisions []IncentiveDecision
	if err := s.db.WithContext(ctx).Where("cycle_id = ?", c.ID).Find(&decisions).Error; err != nil {
		return nil, fmt.Errorf("incentive decisions of cycle %d: %w", c.ID, err)
	}
	var out []IncentiveCandidate
	for _, p := range c.PersonResults(results, people) {
		ic := IncentiveCandidate{Person: p, Reaches: p.Scored > 0 && p.Score >= c.IncentiveTenths}
		if j := slices.IndexFunc(decisions, func(d IncentiveDecision) bool { return d.Key() == KeyOf(p) }); j >= 0 {
			ic.Decision = &decisions[j]
		}
		out = append(out, ic)
	}
	return out, nil
}

// IncentiveInput is the decision form for one exchangee or companion.
type IncentiveInput struct {
	Companion int64  `form:"companion"` // 0: the exchangee
	Decision  string `form:"decision" label:"인사상 특전 결정"`
	Note      string `form:"note" label:"비고"`
	Version   int    `form:"version"` // 0 for the first decision
}

// DecideIncentive records (or changes) the decision for a candidate of a
// finalized cycle, on the version the person saw. companionID 0 is the
// exchangee themselves; otherwise one of their companions.
func (s *Store) DecideIncentive(ctx context.Context, a Actor, cycleID, nominationID, companionID int64, in IncentiveInput) (IncentiveDecision, error) {
	if !a.may(ActDecideIncentives) {
		return IncentiveDecision{}, ErrForbidden
	}
	errs := FieldErrors{}
	kind, note := strings.TrimSpace(in.Decision), strings.TrimSpace(in.Note)
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
		key := ContributionKey{NominationID: nominationID, CompanionID: companionID}
		i := slices.IndexFunc(candidates, func(ic IncentiveCandidate) bool { return KeyOf(ic.Person) == key })
		if i < 0 {
			return fmt.Errorf("nomination %d (companion %d) is no exchangee of cycle %d: %w", nominationID, companionID, cycleID, ErrNotFound)
		}
		person := candidates[i].Person
		if kind == "" {
			errs["decision"] = "인사상 특전을 선택해 주십시오. 주지 않으면 ‘해당 없음’을 선택합니다."
		} else if kind != NoIncentive && !slices.Contains(full.IncentiveList(), kind) {
			errs["decision"] = "이 평가의 인사상 특전 목록에 있는 것만 선택할 수 있습니다."
		}
		if err := errs.Err(); err != nil {
			return err
		}
		q := tx.Where("cycle_id = ? AND nomination_id = ?", cycleID, nominationID)
		before := IncentiveDecision{CycleID: cycleID, NominationID: nominationID}
		if companionID != 0 {
			q = tx.Where("cycle_id = ? AND companion_id = ?", cycleID, companionID)
			before.CompanionID = &companionID
		} else {
			q = q.Where("companion_id IS NULL")
		}
		var found []IncentiveDecision
		if err := q.Limit(1).Find(&found).Error; err != nil {
			return err
		}
		if len(found) == 1 {
			before = found[0]
		}
		if before.Version != in.Version {
			return &StaleError[IncentiveDecision]{Current: before}
		}
		before.Target = person.Name() + "(" + person.Role() + ") — " + c.Name + " 인사상 특전"
		after = before
		after.Decision, after.Note, after.DecidedBy = kind, note, a.UserID
		after.Version, after.UpdatedAt = before.Version+1, tx.NowFunc()
		if before.ID == 0 {
			if err := tx.Omit(clause.Associations).Create(&after).Error; err != nil {
				return fmt.Errorf("decide incentive of nomination %d: %w", nominationID, err)
			}
			if err := audit(tx, a, AuditCreate, "incentive", after.ID, nil, after); err != nil {
				return err
			}
			return settleIncentives(tx, []int64{cycleID})
		}
		if err := tx.Model(&IncentiveDecision{}).Where("id = ?", after.ID).Updates(map[string]any{
			"decision": after.Decision, "note": after.Note, "decided_by": after.DecidedBy, "version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("update incentive %d: %w", after.ID, err)
		}
		if err := audit(tx, a, AuditUpdate, "incentive", after.ID, before, after); err != nil {
			return err
		}
		return settleIncentives(tx, []int64{cycleID})
	})
	return after, err
}

// IncentivesOfNomination lists the decisions about an exchangee and their
// companions (Companion loaded), with their cycles, newest first.
func (s *Store) IncentivesOfNomination(ctx context.Context, nominationID int64) ([]IncentiveDecision, error) {
	var list []IncentiveDecision
	if err := s.db.WithContext(ctx).Preload("Cycle").Preload("Companion").Where("nomination_id = ?", nominationID).Order("id DESC").
		Find(&list).Error; err != nil {
		return nil, fmt.Errorf("incentives of nomination %d: %w", nominationID, err)
	}
	return list, nil
}
