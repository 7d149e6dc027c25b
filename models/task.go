package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// TaskCategory is an outcome category (구분).
type TaskCategory string

// Categories: 행정 효율성, 국민 편익 제고, 기타.
const (
	CategoryAdministrativeEfficiency TaskCategory = "administrative_efficiency"
	CategoryPublicBenefit            TaskCategory = "public_benefit"
	CategoryOther                    TaskCategory = "other"
)

// Label is the category's Korean name.
func (c TaskCategory) Label() string {
	switch c {
	case CategoryAdministrativeEfficiency:
		return "행정 효율성"
	case CategoryPublicBenefit:
		return "국민 편익 제고"
	case CategoryOther:
		return "기타"
	}
	return string(c)
}

// TaskCategories lists the categories in display order.
var TaskCategories = []TaskCategory{CategoryAdministrativeEfficiency, CategoryPublicBenefit, CategoryOther}

// Valid reports whether c is a known category.
func (c TaskCategory) Valid() bool {
	return c == CategoryAdministrativeEfficiency || c == CategoryPublicBenefit || c == CategoryOther
}

// TaskStatus is how far a collaboration task has come.
type TaskStatus string

// Task statuses: 발굴 → 추진 중 → 완료, or 중단.
const (
	TaskDiscovered TaskStatus = "discovered"
	TaskInProgress TaskStatus = "in_progress"
	TaskCompleted  TaskStatus = "completed"
	TaskStopped    TaskStatus = "stopped"
)

// Label is the status's Korean name.
func (s TaskStatus) Label() string {
	switch s {
	case TaskDiscovered:
		return "발굴"
	case TaskInProgress:
		return "추진 중"
	case TaskCompleted:
		return "완료"
	case TaskStopped:
		return "중단"
	}
	return string(s)
}

// TaskStatuses lists the statuses in the order a task moves through them.
var TaskStatuses = []TaskStatus{TaskDiscovered, TaskInProgress, TaskCompleted, TaskStopped}

// Valid reports whether s is a known status.
func (s TaskStatus) Valid() bool {
	return s == TaskDiscovered || s == TaskInProgress || s == TaskCompleted || s == TaskStopped
}

// CanBecome reports whether a task may move from s to next: forward along
// 발굴 → 추진 중 → 완료 (a step may be skipped), or to 중단 from any open status.
// 완료 and 중단 are final. Staying put is always allowed.
func (s TaskStatus) CanBecome(next TaskStatus) bool {
	if s == next {
		return true
	}
	switch s {
	case TaskDiscovered:
		return next == TaskInProgress || next == TaskCompleted || next == TaskStopped
	case TaskInProgress:
		return next == TaskCompleted || next == TaskStopped
	}
	return false
}

// NextStatuses are the statuses a task with status from (nil: unknown) may take.
func NextStatuses(from *TaskStatus) []TaskStatus {
	if from == nil {
		return TaskStatuses
	}
	var list []TaskStatus
	for _, s := range TaskStatuses {
		if from.CanBecome(s) {
			list = append(list, s)
		}
	}
	return list
}

// CollaborationTask is a concrete task pursued under a pair's theme (협업과제).
type CollaborationTask struct {
	ID             int64         `json:"id"`
	PairID         int64         `json:"pair_id"`
	Pair           ExchangePair  `json:"-"`
	Title          string        `json:"title"`
	Description    string        `json:"description"`
	Category       *TaskCategory `json:"category"`
	Status         *TaskStatus   `json:"status"`
	NationalAgenda string        `json:"national_agenda"` // related national agenda task (국정과제), free text
	StartsOn       *time.Time    `json:"starts_on"`       // date only
	DueOn          *time.Time    `json:"due_on"`          // date only
	Progress       *int          `json:"progress"`        // percent, 0–100; nil: nobody entered it (미입력, not 0%)
	Published      bool          `json:"published"`       // shown on the public site; only an administrator sets it
	PublishedAt    *time.Time    `json:"published_at"`
	Position       int           `json:"position"`
	Version        int           `json:"version"` // optimistic lock: every saved change adds one
	Outcomes       []Outcome     `gorm:"foreignKey:TaskID" json:"outcomes"`
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
}

// Ministries are the two ministries the task's pair belongs to; Pair must be loaded.
func (t CollaborationTask) Ministries() []int64 { return t.Pair.Ministries() }

// PublishedTasks lists the published tasks of every announced round (or of one,
// roundID), with pair, round,
// ministries and outcomes, in round and category order.
func (s *Store) PublishedTasks(ctx context.Context, roundID int64) ([]CollaborationTask, error) {
	var list []CollaborationTask
	q := s.db.WithContext(ctx).
		Preload("Pair").Preload("Pair.Round").Preload("Pair.MinistryA").Preload("Pair.MinistryB").
		Preload("Outcomes", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Joins("JOIN exchange_pairs ON exchange_pairs.id = collaboration_tasks.pair_id").
		Where("collaboration_tasks.published = ? AND exchange_pairs.round_id IN (?)", true, s.announcedRoundIDs(ctx))
	if roundID != 0 {
		q = q.Where("exchange_pairs.round_id = ?", roundID)
	}
	err := q.Order("exchange_pairs.round_id, collaboration_tasks.category, collaboration_tasks.position, collaboration_tasks.id").
		Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("list published tasks: %w", err)
	}
	return list, nil
}
