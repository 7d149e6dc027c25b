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

// TaskInput is a task as its form sends it; the domain parses and checks it.
type TaskInput struct {
	Title          string `form:"title" label:"과제명"`
	Description    string `form:"description" label:"과제 내용"`
	Category       string `form:"category" label:"구분"`
	Status         string `form:"status" label:"진행 상태"`
	NationalAgenda string `form:"national_agenda" label:"관련 국정과제"`
	StartsOn       string `form:"starts_on" label:"시작일"` // 2025-01-31
	DueOn          string `form:"due_on" label:"완료 예정일"`
	Progress       string `form:"progress" label:"진척률(%, 모르면 비워 두십시오)"` // 0–100, or empty: not entered
	Version        int    `form:"version"`                              // the version the edit is based on; ignored when creating
}

// InputOf is the form values of a saved task.
func (t CollaborationTask) InputOf() TaskInput {
	return TaskInput{Title: t.Title, Description: t.Description, Category: string(deref(t.Category)),
		Status: string(deref(t.Status)), NationalAgenda: t.NationalAgenda, StartsOn: dateString(t.StartsOn),
		DueOn: dateString(t.DueOn), Progress: progressString(t.Progress), Version: t.Version}
}

// taskFields are the parsed, checked values of a TaskInput.
type taskFields struct {
	title, description, agenda string
	category                   TaskCategory
	status                     TaskStatus
	startsOn, dueOn            *time.Time
	progress                   *int // nil: not entered
}

// progressString is a progress as the form shows it: empty when not entered.
func progressString(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// parse checks the input; from is the task's current status (nil when new or unknown).
func (in TaskInput) parse(from *TaskStatus) (taskFields, FieldErrors) {
	errs := FieldErrors{}
	f := taskFields{
		title:       strings.TrimSpace(in.Title),
		description: strings.TrimSpace(in.Description),
		agenda:      strings.TrimSpace(in.NationalAgenda),
		category:    TaskCategory(in.Category),
		status:      TaskStatus(in.Status),
	}
	switch n := utf8.RuneCountInString(f.title); {
	case n == 0:
		errs["title"] = "과제명을 입력해 주십시오."
	case n > 200:
		errs["title"] = "과제명은 200자 이하로 입력해 주십시오."
	}
	if utf8.RuneCountInString(f.description) > 4000 {
		errs["description"] = "과제 내용은 4,000자 이하로 입력해 주십시오."
	}
	if utf8.RuneCountInString(f.agenda) > 200 {
		errs["national_agenda"] = "관련 국정과제는 200자 이하로 입력해 주십시오."
	}
	if !f.category.Valid() {
		errs["category"] = "구분을 선택해 주십시오."
	}
	switch {
	case !f.status.Valid():
		errs["status"] = "진행 상태를 선택해 주십시오."
	case from != nil && !from.CanBecome(f.status):
		errs["status"] = fmt.Sprintf("‘%s’인 과제는 %s 바꿀 수 없습니다. (발굴 → 추진 중 → 완료, 또는 중단)", from.Label(), Particle("‘"+f.status.Label()+"’", "으로", "로"))
	}
	f.startsOn = parseDate(in.StartsOn, "starts_on", errs)
	f.dueOn = parseDate(in.DueOn, "due_on", errs)
	if f.startsOn != nil && f.dueOn != nil && f.dueOn.Before(*f.startsOn) {
		errs["due_on"] = "완료 예정일은 시작일과 같거나 뒤여야 합니다."
	}
	// Progress nobody entered stays empty: it is unknown, not 0%.
	if p := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(in.Progress), "%")); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 100 {
			errs["progress"] = "진척률은 0에서 100 사이의 정수로 입력하거나 비워 두십시오."
		} else {
			f.progress = &n
		}
	}
	return f, errs
}

func (f taskFields) apply(t *CollaborationTask) {
	t.Title, t.Description, t.NationalAgenda = f.title, f.description, f.agenda
	t.Category, t.Status = &f.category, &f.status
	t.StartsOn, t.DueOn, t.Progress = f.startsOn, f.dueOn, f.progress
}

// TaskByID loads a task with its pair (round, ministries) and outcomes.
func (s *Store) TaskByID(ctx context.Context, id int64) (CollaborationTask, error) {
	return taskWithAll(s.db.WithContext(ctx), id)
}

// taskWithAll loads a task with its pair (round, ministries) and outcomes.
func taskWithAll(db *gorm.DB, id int64) (CollaborationTask, error) {
	var t CollaborationTask
	err := db.Joins("Pair").Joins("Pair.Round").Joins("Pair.MinistryA").Joins("Pair.MinistryB").
		Preload("Outcomes", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Take(&t, id).Error
	if err != nil {
		return CollaborationTask{}, fmt.Errorf("task %d: %w", id, notFound(err))
	}
	return t, nil
}

// staleTask is the *StaleError of a change based on an old version of task
// id: it carries the task as now saved, loaded like TaskByID.
func staleTask(tx *gorm.DB, id int64) error {
	now, err := taskWithAll(tx, id)
	if err != nil {
		return err
	}
	return &StaleError[CollaborationTask]{Current: now}
}

// CreateTask adds a task at the end of a pair's list.
func (s *Store) CreateTask(ctx context.Context, a Actor, pairID int64, in TaskInput) (CollaborationTask, error) {
	f, errs := in.parse(nil)
	var t CollaborationTask
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var pair ExchangePair
		if err := tx.Take(&pair, pairID).Error; err != nil {
			return fmt.Errorf("pair %d: %w", pairID, notFound(err))
		}
		if !a.may(ActEditTasks, pair.Ministries()...) {
			return ErrForbidden
		}
		if err := errs.Err(); err != nil {
			return err
		}
		var last int
		if err := tx.Model(&CollaborationTask{}).Where("pair_id = ?", pairID).
			Select("COALESCE(MAX(position), 0)").Scan(&last).Error; err != nil {
			return err
		}
		t = CollaborationTask{PairID: pairID, Position: last + 1, Version: 1}
		f.apply(&t)
		if err := tx.Omit(clause.Associations).Create(&t).Error; err != nil {
			return fmt.Errorf("create task in pair %d: %w", pairID, err)
		}
		if err := keepCycleTasks(tx, cyclesOfSelectedPair, pairID); err != nil {
			return err
		}
		return audit(tx, a, AuditCreate, "task", t.ID, nil, t)
	})
	if err != nil {
		return CollaborationTask{}, err
	}
	t.Pair = ExchangePair{}
	return t, nil
}

// UpdateTask saves a task's fields if the task is still at in.Version; otherwise
// it writes nothing and returns a *StaleError with the task as now saved.
// Changing what the public site shows takes a published task off it until an
// administrator publishes it again.
func (s *Store) UpdateTask(ctx context.Context, a Actor, id int64, in TaskInput) (CollaborationTask, error) {
	var after CollaborationTask
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockTask(tx, a, id)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleTask(tx, id)
		}
		f, errs := in.parse(before.Status)
		if err := errs.Err(); err != nil {
			return err
		}
		after = before
		f.apply(&after)
		if after.Published && after.publicView() != before.publicView() {
			after.Published, after.PublishedAt = false, nil
		}
		after.Version = before.Version + 1
		after.UpdatedAt = tx.NowFunc()
		res := tx.Model(&CollaborationTask{}).Where("id = ? AND version = ?", id, in.Version).Updates(map[string]any{
			"title": after.Title, "description": after.Description, "category": after.Category, "status": after.Status,
			"national_agenda": after.NationalAgenda, "starts_on": after.StartsOn, "due_on": after.DueOn,
			"progress": after.Progress, "published": after.Published, "published_at": after.PublishedAt,
			"version": gorm.Expr("version + 1"), "updated_at": after.UpdatedAt,
		})
		if res.Error != nil {
			return fmt.Errorf("update task %d: %w", id, res.Error)
		}
		if res.RowsAffected != 1 { // the row lock makes this unreachable; a guard all the same
			return staleTask(tx, id)
		}
		return audit(tx, a, AuditUpdate, "task", id, before, after)
	})
	return after, err
}

// DeleteTask deletes a task with its outcomes if it is still at version. A
// published task must be withdrawn from the public site first.
func (s *Store) DeleteTask(ctx context.Context, a Actor, id int64, version int) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockTask(tx, a, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return staleTask(tx, id)
		}
		if before.Published {
			return FieldErrors{"": "공개 중인 과제는 삭제할 수 없습니다. 관리자에게 공개 해제를 먼저 요청해 주십시오."}.Err()
		}
		if err := tx.Where("task_id = ?", id).Order("position, id").Find(&before.Outcomes).Error; err != nil {
			return err
		}
		if err := tx.Where("task_id = ?", id).Delete(&Outcome{}).Error; err != nil {
			return fmt.Errorf("delete outcomes of task %d: %w", id, err)
		}
		if err := tx.Delete(&CollaborationTask{}, id).Error; err != nil {
			return fmt.Errorf("delete task %d: %w", id, err)
		}
		if err := keepCycleTasks(tx, cyclesOfSelectedPair, before.PairID); err != nil {
			return err
		}
		return audit(tx, a, AuditDelete, "task", id, before, nil)
	})
}

// lockTask loads a task for a change, holding its row until the transaction
// ends so that concurrent writers queue, and checks the actor may edit it.
func lockTask(tx *gorm.DB, a Actor, id int64) (CollaborationTask, error) {
	var t CollaborationTask
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&t, id).Error; err != nil {
		return CollaborationTask{}, fmt.Errorf("task %d: %w", id, notFound(err))
	}
	var pair ExchangePair
	if err := tx.Take(&pair, t.PairID).Error; err != nil {
		return CollaborationTask{}, fmt.Errorf("pair of task %d: %w", id, err)
	}
	if !a.may(ActEditTasks, pair.Ministries()...) {
		return CollaborationTask{}, ErrForbidden
	}
	return t, nil
}

// publicView is what the public site shows of a task itself (its outcomes aside).
func (t CollaborationTask) publicView() [2]string {
	return [2]string{t.Title, string(deref(t.Category))}
}

// parseDate reads an optional 2025-01-31 date; a bad one sets a field error.
func parseDate(s, field string, errs FieldErrors) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		errs[field] = "날짜는 2025-01-31처럼 입력해 주십시오."
		return nil
	}
	return &d
}
