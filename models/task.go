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

// CollaborationTask is a concrete task pursued under a pair's theme (협업과제).
type CollaborationTask struct {
	ID          int64
	PairID      int64
	Pair        ExchangePair
	Title       string
	Description string
	Category    *TaskCategory
	Status      *TaskStatus
	Published   bool
	Position    int
	Version     int
	Outcomes    []Outcome `gorm:"foreignKey:TaskID"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// OutcomeKind says how an outcome is expressed.
type OutcomeKind string

// Outcome kinds: narrative text, a before/after metric, or an amount saved.
const (
	OutcomeNarrative OutcomeKind = "narrative"
	OutcomeMetric    OutcomeKind = "metric"
	OutcomeAmount    OutcomeKind = "amount"
)

// Better says which direction of a metric is an improvement.
type Better string

// Directions.
const (
	BetterHigher Better = "higher"
	BetterLower  Better = "lower"
)

// Outcome is a result of a task (주요 성과): text, a metric, or an amount saved.
type Outcome struct {
	ID           int64
	TaskID       int64
	Kind         OutcomeKind
	Position     int
	Summary      string // the result in words, as published
	Label        string // what a metric or amount measures
	ValueBefore  *float64
	ValueAfter   *float64
	Amount       *float64
	Unit         string
	PeriodBefore string
	PeriodAfter  string
	Better       *Better
	EvidenceURL  string
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Improved reports whether a metric moved in its better direction.
func (o Outcome) Improved() bool {
	if o.Kind != OutcomeMetric || o.ValueBefore == nil || o.ValueAfter == nil || o.Better == nil {
		return false
	}
	if *o.Better == BetterHigher {
		return *o.ValueAfter > *o.ValueBefore
	}
	return *o.ValueAfter < *o.ValueBefore
}

// PublishedTasks lists the published tasks of every round, with pair, round,
// ministries and outcomes, in round and category order.
func (s *Store) PublishedTasks(ctx context.Context, roundID int64) ([]CollaborationTask, error) {
	var list []CollaborationTask
	q := s.db.WithContext(ctx).
		Preload("Pair").Preload("Pair.Round").Preload("Pair.MinistryA").Preload("Pair.MinistryB").
		Preload("Outcomes", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Joins("JOIN exchange_pairs ON exchange_pairs.id = collaboration_tasks.pair_id").
		Where("collaboration_tasks.published = ?", true)
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
