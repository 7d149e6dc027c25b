package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SelectionInput is how a round selects exchangees, as its form sends it: the
// approval rule and the eligibility conditions, one per line.
type SelectionInput struct {
	ApprovalRule string `form:"approval_rule" label:"승인 방식"`
	Conditions   string `form:"conditions" label:"자격 요건 (한 줄에 하나, 예: 최근 1년 징계 없음)"`
}

// maxConditions bounds a round's eligibility conditions.
const maxConditions = 20

// SetRoundSelection sets a round's approval rule and eligibility conditions.
// Conditions kept word for word keep what nominations confirmed of them.
func (s *Store) SetRoundSelection(ctx context.Context, a Actor, roundID int64, in SelectionInput) (Round, error) {
	if !a.may(ActManageRounds) {
		return Round{}, ErrForbidden
	}
	errs := FieldErrors{}
	rule := ApprovalRule(in.ApprovalRule)
	if rule != ApproveOnce && rule != ApproveEachOffice {
		errs["approval_rule"] = "승인 방식을 선택해 주십시오."
	}
	var lines []string
	for _, l := range strings.Split(in.Conditions, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || slices.Contains(lines, l):
		case utf8.RuneCountInString(l) > 200:
			errs["conditions"] = "자격 요건은 한 줄에 200자 이하로 입력해 주십시오."
		default:
			lines = append(lines, l)
		}
	}
	if len(lines) > maxConditions {
		errs["conditions"] = fmt.Sprintf("자격 요건은 %d개까지 둘 수 있습니다.", maxConditions)
	}
	var after Round
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before Round
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&before, roundID).Error; err != nil {
			return fmt.Errorf("round %d: %w", roundID, notFound(err))
		}
		if err := errs.Err(); err != nil {
			return err
		}
		old, err := roundConditions(tx, roundID)
		if err != nil {
			return err
		}
		for _, c := range old {
			if !slices.Contains(lines, c.Text) {
				if err := tx.Delete(&RoundCondition{}, c.ID).Error; err != nil {
					return fmt.Errorf("delete condition %d: %w", c.ID, err)
				}
			}
		}
		for i, l := range lines {
			j := slices.IndexFunc(old, func(c RoundCondition) bool { return c.Text == l })
			if j >= 0 {
				if err := tx.Model(&old[j]).Update("position", i+1).Error; err != nil {
					return err
				}
				continue
			}
			if err := tx.Create(&RoundCondition{RoundID: roundID, Text: l, Position: i + 1}).Error; err != nil {
				return fmt.Errorf("add condition to round %d: %w", roundID, err)
			}
		}
		after = before
		after.ApprovalRule = rule
		if err := tx.Model(&after).Select("approval_rule", "updated_at").Updates(&after).Error; err != nil {
			return fmt.Errorf("set approval rule of round %d: %w", roundID, err)
		}
		type selection struct {
			ApprovalRule ApprovalRule
			Conditions   []string
		}
		texts := make([]string, len(old))
		for i, c := range old {
			texts[i] = c.Text
		}
		return audit(tx, a, AuditUpdate, "round", roundID,
			selection{before.ApprovalRule, texts}, selection{after.ApprovalRule, lines})
	})
	return after, err
}
