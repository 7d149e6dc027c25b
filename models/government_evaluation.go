package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// GovernmentEvaluation is a task's result in the annual government work
// evaluation (정부업무평가), and whether the task is upgraded (고도화) with it.
type GovernmentEvaluation struct {
	ID          int64             `json:"id"`
	TaskID      int64             `json:"task_id"`
	Task        CollaborationTask `json:"-"`
	Year        int               `json:"year"`
	Result      string            `json:"result"`
	Upgrade     bool              `json:"upgrade"`
	UpgradePlan string            `json:"upgrade_plan"`
	Version     int               `json:"version"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
}

// GovernmentEvaluationInput is the 정부업무평가 form of a task.
type GovernmentEvaluationInput struct {
	Year        string `form:"year" label:"평가 연도"`
	Result      string `form:"result" label:"평가 결과"`
	Upgrade     string `form:"upgrade" label:"고도화 대상"` // "1" when the task is upgraded
	UpgradePlan string `form:"upgrade_plan" label:"고도화 계획 (고도화 대상이면 무엇을 할지)"`
	Version     int    `form:"version"` // 0 for the first entry
}

// InputOf is the form values of a saved entry.
func (g GovernmentEvaluation) InputOf() GovernmentEvaluationInput {
	in := GovernmentEvaluationInput{Year: strconv.Itoa(g.Year), Result: g.Result, UpgradePlan: g.UpgradePlan, Version: g.Version}
	if g.Upgrade {
		in.Upgrade = "1"
	}
	return in
}

func (in GovernmentEvaluationInput) parse(g *GovernmentEvaluation) FieldErrors {
	errs := FieldErrors{}
	if y, err := strconv.Atoi(strings.TrimSpace(in.Year)); err != nil || y < 2000 || y > 2100 {
		errs["year"] = "평가 연도를 2024처럼 네 자리로 입력해 주십시오."
	} else {
		g.Year = y
	}
	g.Result, g.UpgradePlan, g.Upgrade = strings.TrimSpace(in.Result), strings.TrimSpace(in.UpgradePlan), in.Upgrade == "1"
	switch n := utf8.RuneCountInString(g.Result); {
	case n == 0:
		errs["result"] = "평가 결과를 입력해 주십시오."
	case n > 500 || !UsableText(g.Result, true):
		errs["result"] = "평가 결과는 500자 이하로 입력해 주십시오."
	}
	switch n := utf8.RuneCountInString(g.UpgradePlan); {
	case g.Upgrade && n == 0:
		errs["upgrade_plan"] = "고도화 대상이면 무엇을 고도화할지 입력해 주십시오."
	case n > 2000 || !UsableText(g.UpgradePlan, true):
		errs["upgrade_plan"] = "고도화 계획은 2,000자 이하로 입력해 주십시오."
	}
	return errs
}

// GovernmentEvaluationOf is a task's 정부업무평가 entry, or nil.
func (s *Store) GovernmentEvaluationOf(ctx context.Context, taskID int64) (*GovernmentEvaluation, error) {
	var list []GovernmentEvaluation
	if err := s.db.WithContext(ctx).Where("task_id = ?", taskID).Limit(1).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("government evaluation of task %d: %w", taskID, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// SaveGovernmentEvaluation records (or changes) a task's 정부업무평가 entry, as
// someone who may edit the task, on the version the person saw.
func (s *Store) SaveGovernmentEvaluation(ctx context.Context, a Actor, taskID int64, in GovernmentEvaluationInput) (GovernmentEvaluation, error) {
	var after GovernmentEvaluation
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := lockTask(tx, a, taskID); err != nil {
			return err
		}
		var found []GovernmentEvaluation
		if err := tx.Where("task_id = ?", taskID).Limit(1).Find(&found).Error; err != nil {
			return err
		}
		before := GovernmentEvaluation{TaskID: taskID}
		if len(found) == 1 {
			before = found[0]
		}
		if before.Version != in.Version {
			return &StaleError[GovernmentEvaluation]{Current: before}
		}
		after = before
		if err := in.parse(&after).Err(); err != nil {
			return err
		}
		after.Version, after.UpdatedAt = before.Version+1, tx.NowFunc()
		if before.ID == 0 {
			if err := tx.Omit(clause.Associations).Create(&after).Error; err != nil {
				return fmt.Errorf("government evaluation of task %d: %w", taskID, err)
			}
			return audit(tx, a, AuditCreate, "government_evaluation", after.ID, nil, after)
		}
		if err := tx.Model(&GovernmentEvaluation{}).Where("id = ?", after.ID).Updates(map[string]any{
			"year": after.Year, "result": after.Result, "upgrade": after.Upgrade, "upgrade_plan": after.UpgradePlan,
			"version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("update government evaluation %d: %w", after.ID, err)
		}
		return audit(tx, a, AuditUpdate, "government_evaluation", after.ID, before, after)
	})
	return after, err
}

// UpgradeTasks lists a page of the tasks marked for upgrade (고도화) with what
// is planned, newest evaluation year first, with their pairs and ministries;
// with ministries, only the tasks of pairs one of them is in.
func (s *Store) UpgradeTasks(ctx context.Context, p Page, ministries ...int64) ([]GovernmentEvaluation, int64, error) {
	q := s.db.WithContext(ctx).Model(&GovernmentEvaluation{}).
		Joins("JOIN collaboration_tasks ON collaboration_tasks.id = government_evaluations.task_id").
		Joins("JOIN exchange_pairs ON exchange_pairs.id = collaboration_tasks.pair_id").
		Where("government_evaluations.upgrade = ?", true)
	if len(ministries) > 0 {
		q = q.Where("(exchange_pairs.ministry_a_id IN ? OR exchange_pairs.ministry_b_id IN ?)", ministries, ministries)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count upgrade tasks: %w", err)
	}
	var list []GovernmentEvaluation
	if err := q.Preload("Task").Preload("Task.Pair").Preload("Task.Pair.Round").Preload("Task.Pair.MinistryA").Preload("Task.Pair.MinistryB").
		Order("government_evaluations.year DESC, government_evaluations.id").Limit(p.Limit()).Offset(p.Offset()).
		Find(&list).Error; err != nil {
		return nil, 0, fmt.Errorf("list upgrade tasks: %w", err)
	}
	return list, total, nil
}
