package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SelectionInput is how a round selects exchangees, as its form sends it: the
// approval rule and the eligibility conditions, one per line.
type SelectionInput struct {
	ApprovalRule string `form:"approval_rule" label:"승인 방식"`
	Conditions   string `form:"conditions" label:"자격 요건 (한 줄에 하나, 예: 최근 1년 징계 없음)"`
	// NoteRequired are the texts of the conditions a nomination confirms only
	// with a note on what was checked (확인 근거 필수).
	NoteRequired []string `form:"note_required" label:"확인 근거를 받을 요건"`
	MinMonths    string   `form:"min_months" label:"최소 교류 기간 (개월, 비우면 제한 없음)"`
	MaxMonths    string   `form:"max_months" label:"최대 교류 기간 (개월, 연장 포함, 비우면 제한 없음)"`
	LatestStart  string   `form:"latest_start" label:"가장 늦은 교류 시작일 (비우면 제한 없음)"`
}

// SelectionInputOf is the form values of a round's selection settings.
func SelectionInputOf(r Round, conditions []RoundCondition) SelectionInput {
	lines := make([]string, len(conditions))
	var noteRequired []string
	for i, rc := range conditions {
		lines[i] = rc.Text
		if rc.NoteRequired {
			noteRequired = append(noteRequired, rc.Text)
		}
	}
	months := func(m *int) string {
		if m == nil {
			return ""
		}
		return strconv.Itoa(*m)
	}
	return SelectionInput{ApprovalRule: string(r.ApprovalRule), Conditions: strings.Join(lines, "\n"), NoteRequired: noteRequired,
		MinMonths: months(r.MinMonths), MaxMonths: months(r.MaxMonths), LatestStart: dateString(r.LatestStart)}
}

// parseMonths reads an optional number of months (1 to 120) into errs under field.
func parseMonths(s, field string, errs FieldErrors) *int {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 120 {
		errs[field] = "교류 기간은 1부터 120까지의 개월 수로 입력하거나 비워 두십시오."
		return nil
	}
	return &n
}

// maxConditions bounds a round's eligibility conditions.
const maxConditions = 20

// ConditionLines are the conditions the form's text holds, one a line, in
// order, without blank lines or repeats.
func (in SelectionInput) ConditionLines() []string {
	var lines []string
	for _, l := range strings.Split(in.Conditions, "\n") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	return lines
}

// SetRoundSelection sets a round's approval rule and eligibility conditions,
// and which of them need a note. Conditions kept word for word keep what
// nominations confirmed of them.
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
	minMonths, maxMonths := parseMonths(in.MinMonths, "min_months", errs), parseMonths(in.MaxMonths, "max_months", errs)
	if minMonths != nil && maxMonths != nil && *maxMonths < *minMonths {
		errs["max_months"] = "최대 교류 기간은 최소 교류 기간과 같거나 길어야 합니다."
	}
	latest := parseDate(in.LatestStart, "latest_start", errs)
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
			noteRequired := slices.Contains(in.NoteRequired, l)
			j := slices.IndexFunc(old, func(c RoundCondition) bool { return c.Text == l })
			if j >= 0 {
				if err := tx.Model(&old[j]).Select("position", "note_required").Updates(map[string]any{"position": i + 1, "note_required": noteRequired}).Error; err != nil {
					return err
				}
				continue
			}
			if err := tx.Create(&RoundCondition{RoundID: roundID, Text: l, Position: i + 1, NoteRequired: noteRequired}).Error; err != nil {
				return fmt.Errorf("add condition to round %d: %w", roundID, err)
			}
		}
		if latest != nil {
			if from, to := before.DateBounds(); latest.Before(from) || !latest.Before(to) {
				return FieldErrors{"latest_start": "가장 늦은 교류 시작일은 " + dateString(&from) + "부터 " + dateString(ptr(to.AddDate(0, 0, -1))) + " 사이로 입력해 주십시오."}.Err()
			}
		}
		after = before
		after.ApprovalRule, after.MinMonths, after.MaxMonths, after.LatestStart = rule, minMonths, maxMonths, latest
		if err := tx.Model(&after).Select("approval_rule", "min_months", "max_months", "latest_start", "updated_at").Updates(&after).Error; err != nil {
			return fmt.Errorf("set approval rule of round %d: %w", roundID, err)
		}
		type selection struct {
			ApprovalRule ApprovalRule
			Conditions   []string
			NoteRequired []string   `json:"note_required"`
			MinMonths    *int       `json:"min_months"`
			MaxMonths    *int       `json:"max_months"`
			LatestStart  *time.Time `json:"latest_start"`
		}
		texts := make([]string, len(old))
		var oldNoteRequired, newNoteRequired []string
		for i, c := range old {
			texts[i] = c.Text
			if c.NoteRequired {
				oldNoteRequired = append(oldNoteRequired, c.Text)
			}
		}
		for _, l := range lines {
			if slices.Contains(in.NoteRequired, l) {
				newNoteRequired = append(newNoteRequired, l)
			}
		}
		return audit(tx, a, AuditUpdate, "round", roundID,
			selection{before.ApprovalRule, texts, oldNoteRequired, before.MinMonths, before.MaxMonths, before.LatestStart},
			selection{after.ApprovalRule, lines, newNoteRequired, after.MinMonths, after.MaxMonths, after.LatestStart})
	})
	return after, err
}
