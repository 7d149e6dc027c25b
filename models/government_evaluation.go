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

// GovernmentEvaluation is a task's result in one year's government work
// evaluation (정부업무평가), and whether the task is upgraded (고도화) with it.
// A task has one a year; the result is a grade of the year's scale, or text
// typed before there were scales (migration 0075), kept as it was.
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

// GovernmentEvaluationInput is the 정부업무평가 form of a task for one year.
type GovernmentEvaluationInput struct {
	Year        string `form:"year" label:"평가 연도"`
	Result      string `form:"result" label:"평가 결과"`
	Upgrade     string `form:"upgrade" label:"고도화 대상"` // "1" when the task is upgraded
	UpgradePlan string `form:"upgrade_plan" label:"고도화 계획 (고도화 대상이면 무엇을 할지)"`
	Version     int    `form:"version"` // 0 for the year's first entry
}

// InputOf is the form values of a saved entry.
func (g GovernmentEvaluation) InputOf() GovernmentEvaluationInput {
	in := GovernmentEvaluationInput{Year: strconv.Itoa(g.Year), Result: g.Result, UpgradePlan: g.UpgradePlan, Version: g.Version}
	if g.Upgrade {
		in.Upgrade = "1"
	}
	return in
}

// parse reads the form into g, whose year is already set: the result must be a
// grade of the year's scale (nil: the administrator has set none), or the
// result the entry already holds, unchanged.
func (in GovernmentEvaluationInput) parse(g *GovernmentEvaluation, scale *GovernmentScale, kept string) FieldErrors {
	errs := FieldErrors{}
	g.Result, g.UpgradePlan, g.Upgrade = strings.TrimSpace(in.Result), strings.TrimSpace(in.UpgradePlan), in.Upgrade == "1"
	year := strconv.Itoa(g.Year) + "년"
	switch {
	case g.Result != "" && g.Result == kept:
	case scale == nil:
		errs["result"] = year + " 정부업무평가의 결과 등급을 관리자가 아직 정하지 않았습니다. 등급이 정해진 뒤 입력해 주십시오."
	case g.Result == "":
		errs["result"] = "평가 결과를 " + year + " 등급에서 골라 주십시오."
	case !scale.Has(g.Result):
		errs["result"] = "평가 결과는 " + year + " 등급(" + strings.Join(scale.GradeList(), ", ") + ") 중 하나여야 합니다."
	}
	switch n := utf8.RuneCountInString(g.UpgradePlan); {
	case g.Upgrade && n == 0:
		errs["upgrade_plan"] = "고도화 대상이면 무엇을 고도화할지 입력해 주십시오."
	case n > 2000 || !UsableText(g.UpgradePlan, true):
		errs["upgrade_plan"] = "고도화 계획은 2,000자 이하로 입력해 주십시오."
	}
	return errs
}

// GovernmentEvaluationsOf are a task's 정부업무평가 entries, newest year first
// (at most one a year from 2000 to 2100).
func (s *Store) GovernmentEvaluationsOf(ctx context.Context, taskID int64) ([]GovernmentEvaluation, error) {
	var list []GovernmentEvaluation
	if err := s.db.WithContext(ctx).Where("task_id = ?", taskID).Order("year DESC").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("government evaluations of task %d: %w", taskID, err)
	}
	return list, nil
}

// GovernmentEvaluationOf is a task's 정부업무평가 entry of a year, or nil.
func (s *Store) GovernmentEvaluationOf(ctx context.Context, taskID int64, year int) (*GovernmentEvaluation, error) {
	var list []GovernmentEvaluation
	if err := s.db.WithContext(ctx).Where("task_id = ? AND year = ?", taskID, year).Limit(1).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("government evaluation of task %d in %d: %w", taskID, year, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return &list[0], nil
}

// SaveGovernmentEvaluation records (or changes) a task's 정부업무평가 entry of
// the form's year, as someone who may edit the task, on the version the person saw.
func (s *Store) SaveGovernmentEvaluation(ctx context.Context, a Actor, taskID int64, in GovernmentEvaluationInput) (GovernmentEvaluation, error) {
	var after GovernmentEvaluation
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		t, err := lockTask(tx, a, taskID)
		if err != nil {
			return err
		}
		errs := FieldErrors{}
		year := parseYear(in.Year, errs)
		if year == 0 {
			return errs.Err()
		}
		var found []GovernmentEvaluation
		if err := tx.Where("task_id = ? AND year = ?", taskID, year).Limit(1).Find(&found).Error; err != nil {
			return err
		}
		before := GovernmentEvaluation{TaskID: taskID, Year: year}
		if len(found) == 1 {
			before = found[0]
		}
		if before.Version != in.Version {
			return &StaleError[GovernmentEvaluation]{Current: before}
		}
		scale, err := scaleOf(tx, year, false)
		if err != nil {
			return err
		}
		after = before
		if err := in.parse(&after, scale, before.Result).Err(); err != nil {
			return err
		}
		after.Version, after.UpdatedAt = before.Version+1, tx.NowFunc()
		target := t.Title + " — " + strconv.Itoa(year) + "년 정부업무평가"
		if before.ID == 0 {
			if err := tx.Omit(clause.Associations).Create(&after).Error; err != nil {
				return fmt.Errorf("government evaluation of task %d in %d: %w", taskID, year, err)
			}
			return audit(tx, a, AuditCreate, "government_evaluation", after.ID, nil, governmentAudit{after, target})
		}
		if err := tx.Model(&GovernmentEvaluation{}).Where("id = ?", after.ID).Updates(map[string]any{
			"result": after.Result, "upgrade": after.Upgrade, "upgrade_plan": after.UpgradePlan,
			"version": after.Version, "updated_at": after.UpdatedAt,
		}).Error; err != nil {
			return fmt.Errorf("update government evaluation %d: %w", after.ID, err)
		}
		return audit(tx, a, AuditUpdate, "government_evaluation", after.ID, governmentAudit{before, target}, governmentAudit{after, target})
	})
	return after, err
}

// governmentAudit is an entry as the audit log keeps it, named by its task and year.
type governmentAudit struct {
	GovernmentEvaluation
	Target string `json:"target"`
}

// UpgradeTasks lists a page of the entries that mark a task for upgrade
// (고도화) with what is planned, of one year (0: every year), newest year
// first, with their pairs and ministries; with ministries, only the tasks of
// pairs one of them is in.
func (s *Store) UpgradeTasks(ctx context.Context, p Page, year int, ministries ...int64) ([]GovernmentEvaluation, int64, error) {
	q := s.upgrades(ctx, ministries).Where("government_evaluations.upgrade = ?", true)
	if year != 0 {
		q = q.Where("government_evaluations.year = ?", year)
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

// UpgradeYears are the years in which some task (of the ministries' pairs,
// with ministries) is marked for upgrade, newest first: the upgrade list's filter.
func (s *Store) UpgradeYears(ctx context.Context, ministries ...int64) ([]int, error) {
	var years []int
	if err := s.upgrades(ctx, ministries).Where("government_evaluations.upgrade = ?", true).
		Distinct("government_evaluations.year").Order("government_evaluations.year DESC").
		Pluck("government_evaluations.year", &years).Error; err != nil {
		return nil, fmt.Errorf("upgrade years: %w", err)
	}
	return years, nil
}

func (s *Store) upgrades(ctx context.Context, ministries []int64) *gorm.DB {
	q := s.db.WithContext(ctx).Model(&GovernmentEvaluation{}).
		Joins("JOIN collaboration_tasks ON collaboration_tasks.id = government_evaluations.task_id").
		Joins("JOIN exchange_pairs ON exchange_pairs.id = collaboration_tasks.pair_id")
	if len(ministries) > 0 {
		q = q.Where("(exchange_pairs.ministry_a_id IN ? OR exchange_pairs.ministry_b_id IN ?)", ministries, ministries)
	}
	return q
}
