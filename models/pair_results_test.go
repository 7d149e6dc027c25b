package models_test

import (
	"context"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// keptPairResults is what 확정 kept of cycle id: each pair's scored tasks
// and result (evaluation_pair_results).
func keptPairResults(t *testing.T, s *models.Store, id int64) map[int64][2]int64 {
	t.Helper()
	var rows []struct{ PairID, Scored, ScoreTenths int64 }
	if err := s.DB().Raw("SELECT pair_id, scored, score_tenths FROM evaluation_pair_results WHERE cycle_id = ?", id).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	kept := map[int64][2]int64{}
	for _, r := range rows {
		kept[r.PairID] = [2]int64{r.Scored, r.ScoreTenths}
	}
	return kept
}

// checkKeptAsComputed compares what cycle c kept with each person's result
// as the incentive page computes it (PersonResults): the same tasks scored,
// the same score, and a row for every pair with a scored task only.
func checkKeptAsComputed(t *testing.T, s *models.Store, c models.EvaluationCycle) (people, reaching int) {
	t.Helper()
	kept := keptPairResults(t, s, c.ID)
	candidates, err := s.IncentiveCandidates(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	for _, ic := range candidates {
		p := ic.Person
		got, ok := kept[p.Nomination.PairID]
		want := [2]int64{int64(p.Scored), int64(p.Score)}
		if p.Scored == 0 && ok || p.Scored > 0 && got != want {
			t.Errorf("cycle %d, pair %d: kept %v (%v), computed %v", c.ID, p.Nomination.PairID, got, ok, want)
		}
		people++
		if ic.Reaches {
			reaching++
		}
	}
	return people, reaching
}

// 확정 keeps each pair's result as its people have it, and the incentive job
// counts those whose result reaches the incentive score, as the incentive
// page marks them: not those with one task at the score and a result below.
func TestAFinalizedCycleKeepsEachPairsResultAsItsPeopleHaveIt(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		w.move(t, models.StageSelfAssessment)
		w.move(t, models.StageReview)
		// task1 reaches 85.0; task2 does not, nor the pair's mean.
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(w.criteria(t), "95", "90", "85")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task2.ID, scoreInput(w.criteria(t), "60", "50", "55")); err != nil {
			t.Fatal(err)
		}
		w.move(t, models.StageFinalized)
		c, err := s.EvaluationCycleByID(ctx, w.cycle.ID)
		if err != nil {
			t.Fatal(err)
		}
		if people, reaching := checkKeptAsComputed(t, s, c); people != 1 || reaching != 0 {
			t.Errorf("%d people, %d reaching; want the one exchangee, not reaching", people, reaching)
		}
		// 72.3: the two tasks' scores, 144.5 in all, halved and rounded half up.
		if kept := keptPairResults(t, s, c.ID); kept[w.pair.ID] != [2]int64{2, 723} {
			t.Errorf("kept %v, want the pair's two scored tasks and 72.3", kept)
		}
		list, err := countedWorklist(t, s, ctx, w.admin.User(), 5, models.WorkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if n := list.Totals[models.WorkIncentive]; n != 0 || c.IncentivesSettledAt == nil {
			t.Errorf("incentive jobs %d (%v), settled at %v; want none: no one's result reaches 85.0", n, list.Items[models.WorkIncentive], c.IncentivesSettledAt)
		}
		checkMigratedAlike(t, s)
	})
}

// The synthetic years keep the pair results of their finalized cycles as 확정
// does, half of the pairs reaching the incentive score.
func TestSyntheticYearsKeepTheirCyclesPairResults(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.SeedDecade(ctx, models.DecadeOptions{Years: 2, Scale: 0.02}); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		if err := s.DB().Raw("SELECT id FROM evaluation_cycles WHERE stage = ? AND name LIKE ? ORDER BY id",
			models.StageFinalized, "%"+models.DecadeSuffix).Scan(&ids).Error; err != nil {
			t.Fatal(err)
		}
		total, reaching := 0, 0
		for _, id := range ids {
			c, err := s.EvaluationCycleByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			p, r := checkKeptAsComputed(t, s, c)
			total, reaching = total+p, reaching+r
		}
		if len(ids) != 7 || reaching == 0 || reaching == total {
			t.Errorf("%d finalized cycles, %d of %d people reaching; want 7, some but not all", len(ids), reaching, total)
		}
	})
}

// pairResultsState sums what is kept and which cycles are settled, to compare
// the store's writing with migration 0082's.
type pairResultsState struct {
	Kept      int64
	Results   string
	Settled   string
	Undecided string // each cycle's people undecided (migration 0084)
}

func readPairResultsState(t *testing.T, s *models.Store) pairResultsState {
	t.Helper()
	var st pairResultsState
	err := s.DB().Raw("SELECT (SELECT COUNT(*) FROM evaluation_pair_results) AS kept," +
		" (SELECT COALESCE(SUM(cycle_id * 7 + pair_id * 13 + scored * 17 + score_tenths * 19), 0) FROM evaluation_pair_results) AS results," +
		" (SELECT COALESCE(SUM(id), 0) FROM evaluation_cycles WHERE incentives_settled_at IS NOT NULL) AS settled," +
		" (SELECT COALESCE(SUM(id * 1000 + incentives_undecided), 0) FROM evaluation_cycles) AS undecided").Scan(&st).Error
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// checkMigratedAlike undoes migrations 0082–0084 and every settled mark,
// applies them again, and compares what they kept and marked with what the
// store had.
func checkMigratedAlike(t *testing.T, s *models.Store) pairResultsState {
	t.Helper()
	ctx := context.Background()
	before := readPairResultsState(t, s)
	if before.Kept == 0 || before.Settled == "0" {
		t.Fatalf("nothing kept or nothing settled: %+v", before)
	}
	schema := s.Schema()
	if err := schema.DownTo(ctx, 81); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Exec("UPDATE evaluation_cycles SET incentives_settled_at = NULL").Error; err != nil {
		t.Fatal(err)
	}
	if _, err := schema.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if migrated := readPairResultsState(t, s); migrated != before {
		t.Errorf("migrated %+v, the store wrote %+v", migrated, before)
	}
	return before
}

// Migration 0082 keeps the pair results of the cycles finalized before it,
// as 확정 and the seed keep them, and marks settled the cycles its rule finds
// decided.
func TestTheMigrationKeepsThePairResultsOfCyclesFinalizedBefore(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		if _, err := s.SeedDecade(context.Background(), models.DecadeOptions{Years: 2, Scale: 0.02}); err != nil {
			t.Fatal(err)
		}
		if st := checkMigratedAlike(t, s); st.Undecided == readCycleIDsTimes1000(t, s) {
			t.Errorf("no cycle with anyone undecided: %+v", st)
		}
	})
}

// readCycleIDsTimes1000 is pairResultsState.Undecided with no one undecided.
func readCycleIDsTimes1000(t *testing.T, s *models.Store) string {
	t.Helper()
	var sum string
	if err := s.DB().Raw("SELECT COALESCE(SUM(id * 1000), 0) FROM evaluation_cycles").Scan(&sum).Error; err != nil {
		t.Fatal(err)
	}
	return sum
}
