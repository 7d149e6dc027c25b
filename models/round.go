package models

import (
	"context"
	"fmt"
	"time"
)

// RoundStatus is where a round stands in its year.
type RoundStatus string

// Round stages: 준비 → 직위 공모 → 선정 완료 → 교류 시행 → 종료.
const (
	RoundPreparing RoundStatus = "preparing"
	RoundProposals RoundStatus = "proposals"
	RoundSelected  RoundStatus = "selected"
	RoundActive    RoundStatus = "active"
	RoundClosed    RoundStatus = "closed"
)

// Label is the stage's Korean name.
func (s RoundStatus) Label() string {
	switch s {
	case RoundPreparing:
		return "준비"
	case RoundProposals:
		return "직위 공모"
	case RoundSelected:
		return "선정 완료"
	case RoundActive:
		return "교류 시행"
	case RoundClosed:
		return "종료"
	}
	return string(s)
}

// Round is one selection wave (차수) with its planned positions per grade.
type Round struct {
	ID                      int64
	Number                  int
	Title                   string
	Status                  RoundStatus
	PlannedDirectorGeneral  int // 국장급 positions planned
	PlannedDivisionDirector int // 과장급 positions planned
	ScheduleNote            string
	ProposalsDueOn          *time.Time
	SelectedOn              *time.Time
	ExchangeStartsOn        *time.Time
	EvaluationOn            *time.Time
	CreatedAt               time.Time
	UpdatedAt               time.Time
}

// PlannedPositions is the number of positions the round plans in all.
func (r Round) PlannedPositions() int { return r.PlannedDirectorGeneral + r.PlannedDivisionDirector }

// PlannedPairs is the number of pairs those positions make.
func (r Round) PlannedPairs() int { return r.PlannedPositions() / 2 }

// Rounds lists every round by number.
func (s *Store) Rounds(ctx context.Context) ([]Round, error) {
	var list []Round
	if err := s.db.WithContext(ctx).Order("number").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	return list, nil
}

// RoundByNumber finds a round by its number (1차, 2차, ...).
func (s *Store) RoundByNumber(ctx context.Context, number int) (Round, error) {
	var r Round
	err := s.db.WithContext(ctx).Where("number = ?", number).Take(&r).Error
	if err != nil {
		return Round{}, fmt.Errorf("round %d: %w", number, notFound(err))
	}
	return r, nil
}
