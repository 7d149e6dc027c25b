package models

import (
	"fmt"

	"gorm.io/gorm"
)

// A finalized cycle whose people due an incentive decision are all decided is
// marked (evaluation_cycles.incentives_settled_at, migration 0080), so that
// the administrators' worklist, on every signed-in page, counts only the
// cycles still open instead of every cycle of the history again. The mark is
// set and cleared in the transaction of each change the count depends on: a
// decision (DecideIncentive), 확정 (AdvanceEvaluationCycle), and a nomination
// of the cycle's rounds saved once its exchange has started (saveNomination:
// the start itself, companions changed) or registered. Scores, criteria and rounds of a
// finalized cycle no longer change (EvaluationCycle.Locked).

// settleIncentives sets the mark of each finalized cycle of ids whose people
// are all decided (undecidedSQL counts none) and clears it on the others.
func settleIncentives(tx *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var counts []struct {
		ID        int64
		Undecided int64
	}
	if err := tx.Raw("SELECT c.id, "+undecidedSQL+" AS undecided FROM evaluation_cycles c WHERE c.id IN ? AND c.stage = ?",
		ids, StageFinalized).Scan(&counts).Error; err != nil {
		return fmt.Errorf("undecided incentives of cycles %v: %w", ids, err)
	}
	var settled, open []int64
	for _, c := range counts {
		if c.Undecided == 0 {
			settled = append(settled, c.ID)
		} else {
			open = append(open, c.ID)
		}
	}
	// Neither version nor updated_at moves: the mark is derived, not an edit.
	if len(settled) > 0 {
		if err := tx.Model(&EvaluationCycle{}).Where("id IN ? AND incentives_settled_at IS NULL", settled).
			UpdateColumn("incentives_settled_at", tx.NowFunc()).Error; err != nil {
			return fmt.Errorf("mark cycles %v settled: %w", settled, err)
		}
	}
	if len(open) > 0 {
		if err := tx.Model(&EvaluationCycle{}).Where("id IN ? AND incentives_settled_at IS NOT NULL", open).
			UpdateColumn("incentives_settled_at", nil).Error; err != nil {
			return fmt.Errorf("mark cycles %v open: %w", open, err)
		}
	}
	return nil
}

// settleIncentivesOfNomination settles again the finalized cycles that count
// the nomination's round (usually none: exchanges start before their cycles end).
func settleIncentivesOfNomination(tx *gorm.DB, nominationID int64) error {
	var ids []int64
	if err := tx.Raw("SELECT DISTINCT c.id FROM nominations n JOIN exchange_pairs p ON p.id = n.pair_id"+
		" JOIN evaluation_cycle_rounds cr ON cr.round_id = p.round_id JOIN evaluation_cycles c ON c.id = cr.cycle_id"+
		" WHERE n.id = ? AND c.stage = ?", nominationID, StageFinalized).Scan(&ids).Error; err != nil {
		return fmt.Errorf("finalized cycles of nomination %d: %w", nominationID, err)
	}
	return settleIncentives(tx, ids)
}
