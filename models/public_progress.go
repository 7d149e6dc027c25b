package models

import (
	"context"
	"fmt"
)

// PairStage is how far a public pair's exchange has come, as the public sees
// it: from the nominations of its two positions, never naming anyone.
type PairStage string

// The stages of a pair's exchange on the public site.
const (
	PairStageUnknown    PairStage = ""           // no record in the app, and the round's stage says nothing
	PairStageSelected   PairStage = "selected"   // 선정: chosen, nobody nominated yet
	PairStageNominating PairStage = "nominating" // 교류자 선발 중: a nomination submitted, not started
	PairStageExchange   PairStage = "exchange"   // 교류 중: an exchangee in the position
	PairStageReturned   PairStage = "returned"   // 복귀: the exchange ended
)

// Label is the stage's Korean name.
func (s PairStage) Label() string {
	switch s {
	case PairStageSelected:
		return "선정"
	case PairStageNominating:
		return "교류자 선발 중"
	case PairStageExchange:
		return "교류 중"
	case PairStageReturned:
		return "복귀"
	}
	return ""
}

// PairProgress is a pair's stage and how many companions (동반 교류자) moved
// with its exchangees; Companions counts only exchanges that started.
type PairProgress struct {
	Stage      PairStage
	Companions int
	Started    bool // an exchange recorded here started: Companions is a count
}

// CompanionsKnown reports whether the app can count the pair's companions: an
// exchange it records started. Before any exchange the count does not apply;
// an exchange the app holds no record of (a past round's) has one nobody published.
func (p PairProgress) CompanionsKnown() bool { return p.Started }

// CompanionsApply reports whether a companion count means anything yet: an exchange started.
func (p PairProgress) CompanionsApply() bool {
	return p.Started || p.Stage == PairStageExchange || p.Stage == PairStageReturned
}

// pairProgress reads the stage of every pair in pairs (of rounds) from the
// nominations: drafts and revoked ones are not public and count for nothing.
// One query, whatever the number of pairs.
func (s *Store) pairProgress(ctx context.Context, pairs []ExchangePair, rounds []Round) (map[int64]PairProgress, error) {
	ids := make([]int64, len(pairs))
	for i, p := range pairs {
		ids[i] = p.ID
	}
	var rows []struct {
		PairID     int64
		Status     NominationStatus
		Companions int
	}
	err := s.db.WithContext(ctx).Table("nominations").
		Select("nominations.pair_id, nominations.status, (SELECT COUNT(*) FROM nomination_companions c WHERE c.nomination_id = nominations.id AND c.removed_at IS NULL) AS companions").
		Where("nominations.pair_id IN ? AND nominations.status NOT IN ?", ids, []NominationStatus{NominationDraft, NominationRevoked}).
		Order("nominations.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("public pair progress: %w", err)
	}
	type seen struct{ nominating, exchange, returned bool }
	by := map[int64]*seen{}
	out := make(map[int64]PairProgress, len(pairs))
	for _, r := range rows {
		st := by[r.PairID]
		if st == nil {
			st = &seen{}
			by[r.PairID] = st
		}
		pp := out[r.PairID]
		switch r.Status {
		case NominationActive, NominationExtended:
			st.exchange = true
		case NominationCompleted, NominationAcknowledged:
			st.returned = true
		default: // submitted, returned (반려) or approved: still being selected
			st.nominating = true
		}
		if r.Status == NominationActive || r.Status == NominationExtended || r.Status == NominationCompleted || r.Status == NominationAcknowledged {
			pp.Companions += r.Companions
			pp.Started = true
		}
		out[r.PairID] = pp
	}
	roundStatus := map[int64]RoundStatus{}
	for _, r := range rounds {
		roundStatus[r.ID] = r.Status
	}
	for _, p := range pairs {
		pp := out[p.ID]
		switch st := by[p.ID]; {
		case st == nil: // no selection recorded here: the round's own stage, as announced
			pp.Stage = map[RoundStatus]PairStage{RoundSelected: PairStageSelected, RoundActive: PairStageExchange,
				RoundClosed: PairStageReturned}[roundStatus[p.RoundID]]
		case st.exchange:
			pp.Stage = PairStageExchange
		case st.nominating:
			pp.Stage = PairStageNominating
		default:
			pp.Stage = PairStageReturned
		}
		out[p.ID] = pp
	}
	return out, nil
}

// ProgressOf is the public progress of a pair.
func (v PublicView) ProgressOf(pairID int64) PairProgress { return v.Progress[pairID] }
