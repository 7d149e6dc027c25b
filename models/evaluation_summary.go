package models

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// EvaluationSummary is a task's summary comment in a cycle (종합 의견), written
// by the administrator from the reviews: the pair's coordinators read it after
// 확정 with the final score and grade, never the reviewers' own comments.
type EvaluationSummary struct {
	ID        int64     `json:"id"`
	CycleID   int64     `json:"cycle_id"`
	TaskID    int64     `json:"task_id"`
	Comment   string    `json:"comment"`
	UpdatedBy *int64    `json:"-"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SummaryInput is the summary comment's form.
type SummaryInput struct {
	Comment string `form:"summary" label:"종합 의견 (확정 뒤 부처 담당자에게 점수·등급과 함께 공개)"`
	Version int    `form:"version"` // 0 for the first
}

// SaveEvaluationSummary writes (or rewrites) a task's summary comment in 심사,
// as an administrator, on the version the person saw.
func (s *Store) SaveEvaluationSummary(ctx context.Context, a Actor, cycleID, taskID int64, in SummaryInput) (EvaluationSummary, error) {
	if !a.may(ActManageEvaluations) {
		return EvaluationSummary{}, ErrForbidden
	}
	var after EvaluationSummary
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := lockCycle(tx, cycleID)
		if err != nil {
			return err
		}
		if _, err := taskInCycle(tx, c, taskID); err != nil {
			return err
		}
		if c.Stage != StageReview {
			return FieldErrors{"summary": "종합 의견은 심사 단계에서 입력합니다. (지금: " + c.Stage.Label() + ")"}.Err()
		}
		var found []EvaluationSummary
		if err := tx.Where("cycle_id = ? AND task_id = ?", cycleID, taskID).Limit(1).Find(&found).Error; err != nil {
			return err
		}
		before := EvaluationSummary{CycleID: cycleID, TaskID: taskID}
		if len(found) == 1 {
			before = found[0]
		}
		if before.Version != in.Version {
			return &StaleError[EvaluationSummary]{Current: before}
		}
		after = before
		after.Comment = strings.TrimSpace(in.Comment)
		if n := utf8.RuneCountInString(after.Comment); n > 2000 || !UsableText(after.Comment, true) {
			return FieldErrors{"summary": "종합 의견은 2,000자 이하로 입력해 주십시오."}.Err()
		}
		after.UpdatedBy, after.Version, after.UpdatedAt = a.UserID, before.Version+1, tx.NowFunc()
		if before.ID == 0 {
			if err := tx.Omit(clause.Associations).Create(&after).Error; err != nil {
				return fmt.Errorf("summary of task %d: %w", taskID, err)
			}
			return audit(tx, a, AuditCreate, "evaluation_summary", after.ID, nil, after)
		}
		if err := tx.Model(&EvaluationSummary{}).Where("id = ?", after.ID).Updates(map[string]any{
			"comment": after.Comment, "updated_by": after.UpdatedBy, "version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("update summary %d: %w", after.ID, err)
		}
		return audit(tx, a, AuditUpdate, "evaluation_summary", after.ID, before, after)
	})
	return after, err
}

// summariesOf maps the tasks of a cycle to their summary comments.
func summariesOf(db *gorm.DB, cycleID int64, taskIDs ...int64) (map[int64]*EvaluationSummary, error) {
	var list []EvaluationSummary
	q := db.Where("cycle_id = ?", cycleID)
	if len(taskIDs) > 0 {
		q = q.Where("task_id IN ?", taskIDs)
	}
	if err := q.Find(&list).Error; err != nil {
		return nil, fmt.Errorf("summaries of evaluation cycle %d: %w", cycleID, err)
	}
	out := make(map[int64]*EvaluationSummary, len(list))
	for i := range list {
		out[list[i].TaskID] = &list[i]
	}
	return out, nil
}
