package models

import (
	"fmt"

	"gorm.io/gorm"
)

// A cycle keeps its number of tasks (evaluation_cycles.task_count, migration
// 0088): the tasks of the selected pairs of its rounds (cycleRoundTasks).
// 확정's remaining work, on every administrator's page, and a reviewer's
// number of tasks to score, on every page of a reviewer, read it where they
// counted each cycle in 심사's tasks again: 2,000 in a cycle of a full
// synthetic year, about 1 ms of every such page on PostgreSQL (issue 25).
//
// It is counted again from the records, never added to, in the transaction
// of every change it depends on: a task added or deleted (CreateTask,
// DeleteTask), a pair selected (ChangePairStatus; a selected pair changes no
// more, and one imported as selected has no task yet), a cycle's rounds
// chosen (writeCycleParts), and the seeders' bulk writes (SeedDemo,
// SeedDecade). A tool or test that writes SQL calls Store.ChangedBySQL.

// allCycles picks every cycle: after a bulk write, or one by SQL.
const allCycles = "1 = 1"

// cyclesOfSelectedPair picks the cycles c that count the pair (its argument):
// those of its round, once it is selected.
const cyclesOfSelectedPair = "c.id IN (SELECT sr.cycle_id FROM evaluation_cycle_rounds sr JOIN exchange_pairs sp ON sp.round_id = sr.round_id" +
	" WHERE sp.id = ? AND sp.status = 'selected')"

// keepCycleTasks counts again the tasks of the cycles c that where (with its
// args) picks, and with them those reviewed and self-assessed (progressCounts),
// so that every writer that calls it, the bulk ones included, leaves all three
// right. Neither version nor updated_at moves: the numbers are derived, not an
// edit.
func keepCycleTasks(tx *gorm.DB, where string, args ...any) error {
	if err := tx.Exec("UPDATE evaluation_cycles AS c SET task_count = (SELECT COUNT(*) FROM "+cycleRoundTasks+"), "+progressCounts+" WHERE "+where, args...).Error; err != nil {
		return fmt.Errorf("count the tasks of evaluation cycles: %w", err)
	}
	return nil
}

// A cycle keeps, beside its tasks, how many have a review and how many a
// submitted self-assessment (reviewed_tasks and submitted_tasks, migration
// 0089): 확정's remaining work counted them over the cycle's 2,000 reviews and
// self-assessments (a full synthetic year's) on every administrator's page,
// 0.6 ms on PostgreSQL. They are counted again in the transaction of every
// review and self-assessment saved (SaveReview, SaveSelfAssessment), which
// holds the cycle's row locked already, and with the tasks (keepCycleTasks).
// A submitted self-assessment is one per task and cycle (their unique key),
// and is of a task the cycle covers (see submittedCount in worklist.go).
const progressCounts = "reviewed_tasks = (SELECT COUNT(DISTINCT rv.task_id) FROM evaluation_reviews rv WHERE rv.cycle_id = c.id)," +
	" submitted_tasks = (SELECT COUNT(*) FROM self_assessments a WHERE a.cycle_id = c.id AND a.submitted_at IS NOT NULL)"

// keepCycleProgress counts again the tasks of cycle id reviewed and self-assessed.
func keepCycleProgress(tx *gorm.DB, id int64) error {
	if err := tx.Exec("UPDATE evaluation_cycles AS c SET "+progressCounts+" WHERE c.id = ?", id).Error; err != nil {
		return fmt.Errorf("count the tasks reviewed and self-assessed of evaluation cycle %d: %w", id, err)
	}
	return nil
}
