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
