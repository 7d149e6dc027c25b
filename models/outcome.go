package models

import "time"

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
	ID           int64       `json:"id"`
	TaskID       int64       `json:"task_id"`
	Kind         OutcomeKind `json:"kind"`
	Position     int         `json:"position"`
	Summary      string      `json:"summary"` // the result in words, as published
	Label        string      `json:"label"`   // what a metric or amount measures
	ValueBefore  *float64    `json:"value_before"`
	ValueAfter   *float64    `json:"value_after"`
	Amount       *float64    `json:"amount"`
	Unit         string      `json:"unit"`
	PeriodBefore string      `json:"period_before"`
	PeriodAfter  string      `json:"period_after"`
	Better       *Better     `json:"better"`
	EvidenceURL  string      `json:"evidence_url"`
	Version      int         `json:"version"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
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
