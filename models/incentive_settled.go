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

// settleIncentives keeps the number of each finalized cycle of ids's people
// undecided (undecidedSQL; evaluation_cycles.incentives_undecided, migration
// 0084: the worklist words the open cycles with it, where counting a cycle's
// 200 exchanges again cost 0.8 ms of every administrator's page at ten
// synthetic years), and sets the mark of those whose people are all decided
// and clears it on the others.
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
		if err := tx.Model(&EvaluationCycle{}).Where("id = ? AND incentives_undecided <> ?", c.ID, c.Undecided).
			UpdateColumn("incentives_undecided", c.Undecided).Error; err != nil {
			return fmt.Errorf("keep cycle %d's people undecided: %w", c.ID, err)
		}
		if c.Undecided == 0 {
			settled = append(settled, c.ID)
		} else {
			open = append(open, c.ID)
		}
	}
	// Neither version nor updated_at moves: the number and the mark are derived, not an edit.
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

// keepPairResultsSQL writes the pair results (evaluation_pair_results,
// migration 0082) of the finalized cycles whose ids are its argument: each
// pair's result is the mean of its scored tasks' scores, half up, as
// EvaluationCycle.PersonResults computes an exchangee's, in integers as
// ComputeTask and personResult round them. A finalized cycle's scores,
// criteria and rounds no longer change, nor its tasks with scores, so the
// results are written once, at 확정 (and by the seed of synthetic years).
// Every review the store keeps is complete and of a task its cycle covers
// (see cycleTaskCount).
const keepPairResultsSQL = "INSERT INTO evaluation_pair_results (cycle_id, pair_id, scored, score_tenths)" +
	" SELECT cycle_id, pair_id, COUNT(*), (2 * SUM(tenths) + COUNT(*)) / (2 * COUNT(*)) FROM (" +
	"SELECT c.id AS cycle_id, t.pair_id AS pair_id," +
	" CAST((20 * SUM(s.score * cr.weight) + c.scale * COUNT(DISTINCT rv.id)) / (2 * c.scale * COUNT(DISTINCT rv.id)) AS INTEGER) AS tenths" +
	" FROM evaluation_cycles c JOIN evaluation_reviews rv ON rv.cycle_id = c.id JOIN collaboration_tasks t ON t.id = rv.task_id" +
	" JOIN evaluation_scores s ON s.review_id = rv.id JOIN evaluation_criteria cr ON cr.id = s.criterion_id" +
	" WHERE c.id IN ? AND c.stage = 'finalized' AND c.scale > 0" +
	" GROUP BY c.id, c.scale, t.pair_id, t.id) task_results GROUP BY cycle_id, pair_id"

// keepPairResults writes the pair results of the finalized cycles of ids.
func keepPairResults(tx *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if err := tx.Exec(keepPairResultsSQL, ids).Error; err != nil {
		return fmt.Errorf("pair results of cycles %v: %w", ids, err)
	}
	return nil
}
