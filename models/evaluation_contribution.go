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

// 기여도 평가: during 자체 점검 and 심사, the coordinators of the ministry that
// sent a person (보내는 부처) and of the ministry they work in (받는 부처) each
// may assess how much every exchangee and companion of the cycle contributed,
// with a level from a fixed list and a comment. It is shown beside the
// person's result and never changes its score or grade.

// ContributionSide is which ministry assesses: the one that sent the person, or the one that received them.
type ContributionSide string

// The two sides.
const (
	SideSending   ContributionSide = "sending"
	SideReceiving ContributionSide = "receiving"
)

// ContributionSides are both sides, in the order pages show them.
var ContributionSides = []ContributionSide{SideSending, SideReceiving}

// Label is the side as people read it.
func (s ContributionSide) Label() string {
	if s == SideReceiving {
		return "받는 부처"
	}
	return "보내는 부처"
}

// ContributionLevels are the levels a ministry chooses from, highest first;
// they carry no points.
var ContributionLevels = []string{"매우 높음", "높음", "보통", "낮음"}

// ContributionRule is who may read which entry, as the pages state it.
const ContributionRule = "기여도 평가는 보내는 부처와 받는 부처가 자체 점검·심사 단계에서 각각 입력하며, 확정 후에는 바꿀 수 없습니다. " +
	"심사자와 관리자는 두 부처의 평가를 모두 봅니다. 부처 담당자는 확정 전에는 자기 부처의 평가만 보고, " +
	"확정 후에는 상대 부처의 기여도 등급도 보지만 상대 부처의 의견은 보지 않습니다."

// ContributionNote is what the rule of results says about 기여도 평가.
const ContributionNote = "보내는 부처와 받는 부처의 기여도 평가는 결과 옆에 함께 보여 줄 뿐 점수와 등급 계산에 넣지 않습니다."

// Contribution is one side's 기여도 평가 of one person in one cycle.
type Contribution struct {
	ID           int64            `json:"id"`
	CycleID      int64            `json:"cycle_id"`
	NominationID int64            `json:"nomination_id"`
	CompanionID  *int64           `json:"companion_id"` // nil: the exchangee themselves
	Side         ContributionSide `json:"side"`
	Level        string           `json:"level"`
	Comment      string           `json:"comment"`
	RecordedBy   *int64           `json:"-"`
	Version      int              `json:"version"`
	CreatedAt    time.Time        `json:"created_at"`
	UpdatedAt    time.Time        `json:"updated_at"`
}

// TableName is the table of 기여도 평가 (migration 0078).
func (Contribution) TableName() string { return "evaluation_contributions" }

// ContributionKey names a person of a cycle: the exchange, and the companion (0: the exchangee).
type ContributionKey struct {
	NominationID int64
	CompanionID  int64
}

// KeyOf is the person a result is about.
func KeyOf(p PersonResult) ContributionKey {
	k := ContributionKey{NominationID: p.Nomination.ID}
	if p.Companion != nil {
		k.CompanionID = p.Companion.ID
	}
	return k
}

func (e Contribution) key() ContributionKey {
	k := ContributionKey{NominationID: e.NominationID}
	if e.CompanionID != nil {
		k.CompanionID = *e.CompanionID
	}
	return k
}

// Contributions are a cycle's entries by person and side.
type Contributions map[ContributionKey]map[ContributionSide]Contribution

// Of is a person's entry of one side, or nil.
func (cs Contributions) Of(p PersonResult, side ContributionSide) *Contribution {
	if e, ok := cs[KeyOf(p)][side]; ok {
		return &e
	}
	return nil
}

// ContributionsOf lists every entry of a cycle.
func (s *Store) ContributionsOf(ctx context.Context, cycleID int64) (Contributions, error) {
	var list []Contribution
	if err := s.db.WithContext(ctx).Where("cycle_id = ?", cycleID).Order("id").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("contributions of cycle %d: %w", cycleID, err)
	}
	out := Contributions{}
	for _, e := range list {
		if out[e.key()] == nil {
			out[e.key()] = map[ContributionSide]Contribution{}
		}
		out[e.key()][e.Side] = e
	}
	return out, nil
}

// ContributionsOfExchangee lists the entries about an exchangee themselves
// (not their companions), of every cycle.
func (s *Store) ContributionsOfExchangee(ctx context.Context, nominationID int64) ([]Contribution, error) {
	var list []Contribution
	if err := s.db.WithContext(ctx).Where("nomination_id = ? AND companion_id IS NULL", nominationID).Order("id").Limit(200).
		Find(&list).Error; err != nil {
		return nil, fmt.Errorf("contributions about nomination %d: %w", nominationID, err)
	}
	return list, nil
}

// SideOf is the side the user's ministry takes for an exchange (Pair loaded):
// the sending ministry, the receiving one, or none ("").
func SideOf(u *User, n Nomination) ContributionSide {
	if u == nil || u.MinistryID == nil {
		return ""
	}
	switch m := *u.MinistryID; {
	case m == n.MinistryID:
		return SideSending
	case slices.Contains(n.Pair.Ministries(), m):
		return SideReceiving
	}
	return ""
}

// ContributionShown says how much of a side's entry about a person of the
// exchange n the user may read (ContributionRule): its level, its comment.
func (c EvaluationCycle) ContributionShown(u *User, n Nomination, side ContributionSide) (level, comment bool) {
	if May(u, ActViewReviews) {
		return true, true
	}
	own := SideOf(u, n)
	switch {
	case own == "" || !May(u, ActViewEvaluations, n.Pair.Ministries()...):
		return false, false
	case own == side:
		return true, true
	}
	return c.Locked(), false
}

// ContributionInput is one side's 기여도 평가 form for one person.
type ContributionInput struct {
	Companion int64  `form:"companion"` // 0: the exchangee
	Level     string `form:"level" label:"기여도"`
	Comment   string `form:"comment" label:"의견 (1,000자 이하)"`
	Version   int    `form:"version"` // 0 for the first entry
}

// SaveContribution records (or changes) the 기여도 평가 of the actor's
// ministry's side about an exchangee (or their companion) of the cycle, during
// 자체 점검 and 심사, on the version the person saw.
func (s *Store) SaveContribution(ctx context.Context, a Actor, cycleID, nominationID int64, in ContributionInput) (Contribution, error) {
	errs := FieldErrors{}
	level, comment := strings.TrimSpace(in.Level), strings.TrimSpace(in.Comment)
	if !slices.Contains(ContributionLevels, level) {
		errs["level"] = "기여도를 " + strings.Join(ContributionLevels, ", ") + " 가운데에서 선택해 주십시오."
	}
	if utf8.RuneCountInString(comment) > 1000 || !UsableText(comment, true) {
		errs["comment"] = "의견은 1,000자 이하로 입력해 주십시오."
	}
	var after Contribution
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c EvaluationCycle
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).Take(&c, cycleID).Error; err != nil {
			return fmt.Errorf("evaluation cycle %d: %w", cycleID, notFound(err))
		}
		var n Nomination
		if err := tx.Preload("Pair").Preload("Companions").Take(&n, nominationID).Error; err != nil {
			return fmt.Errorf("nomination %d: %w", nominationID, notFound(err))
		}
		side := SideOf(a.user, n)
		if side == "" || !a.may(ActAssessContribution, n.Pair.Ministries()...) {
			return ErrForbidden
		}
		switch c.Stage {
		case StageFinalized:
			return fmt.Errorf("contribution in finalized cycle %d: %w", cycleID, ErrWrongState)
		case StageSelfAssessment, StageReview:
		default:
			return FieldErrors{"": "기여도 평가는 자체 점검과 심사 단계에서 입력할 수 있습니다. (지금: " + c.Stage.Label() + ")"}.Err()
		}
		full, err := cycleWithAll(tx, cycleID)
		if err != nil {
			return err
		}
		people, err := (&Store{db: tx, dialect: s.dialect}).CycleExchangees(ctx, full)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(people, func(p Nomination) bool { return p.ID == nominationID }) {
			return fmt.Errorf("nomination %d is no exchangee of cycle %d: %w", nominationID, cycleID, ErrNotFound)
		}
		name := n.ExchangeeName
		var companion *int64
		if in.Companion != 0 {
			i := slices.IndexFunc(n.Companions, func(cp NominationCompanion) bool { return cp.ID == in.Companion })
			if i < 0 {
				return fmt.Errorf("companion %d of nomination %d: %w", in.Companion, nominationID, ErrNotFound)
			}
			companion, name = &n.Companions[i].ID, n.Companions[i].Name
		}
		if err := errs.Err(); err != nil {
			return err
		}
		q := tx.Where("cycle_id = ? AND nomination_id = ? AND side = ?", cycleID, nominationID, side)
		if companion == nil {
			q = q.Where("companion_id IS NULL")
		} else {
			q = q.Where("companion_id = ?", *companion)
		}
		var found []Contribution
		if err := q.Limit(1).Find(&found).Error; err != nil {
			return fmt.Errorf("contribution of nomination %d: %w", nominationID, err)
		}
		before := Contribution{CycleID: cycleID, NominationID: nominationID, CompanionID: companion, Side: side}
		if len(found) == 1 {
			before = found[0]
		}
		if before.Version != in.Version {
			return &StaleError[Contribution]{Current: before}
		}
		after = before
		after.Level, after.Comment, after.RecordedBy = level, comment, a.UserID
		after.Version, after.UpdatedAt = before.Version+1, tx.NowFunc()
		target := strings.TrimSpace(name) + " — " + c.Name + " 기여도 평가(" + side.Label() + ")"
		said := func(e Contribution) map[string]string {
			return map[string]string{"target": target, "level": e.Level, "comment": e.Comment}
		}
		if before.ID == 0 {
			if err := tx.Omit(clause.Associations).Create(&after).Error; err != nil {
				return fmt.Errorf("create contribution of nomination %d: %w", nominationID, err)
			}
			return audit(tx, a, AuditCreate, "contribution", after.ID, nil, said(after))
		}
		if err := tx.Model(&Contribution{}).Where("id = ?", after.ID).Updates(map[string]any{
			"level": after.Level, "comment": after.Comment, "recorded_by": after.RecordedBy, "version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("update contribution %d: %w", after.ID, err)
		}
		return audit(tx, a, AuditUpdate, "contribution", after.ID, said(before), said(after))
	})
	return after, err
}
