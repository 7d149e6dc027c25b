package models_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// CycleScores, the lean read of the report page and the grade distribution,
// gives every cycle of synthetic years the tasks, pairs, reviewers, scores and
// results that the full read (CycleResults) gives, in the same order: cycles
// in every stage, and a review saved without scores.
func TestCycleScoresAreTheFullResultsWithoutTheText(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.SeedDecade(ctx, models.DecadeOptions{Years: 2, Scale: 0.02}); err != nil {
			t.Fatal(err)
		}
		var cycles []models.EvaluationCycle
		if err := s.DB().Order("id").Find(&cycles).Error; err != nil || len(cycles) < 4 {
			t.Fatalf("cycles: %d, %v", len(cycles), err)
		}
		// A review row with no score yet, on a task that has complete ones.
		var scored struct{ CycleID, TaskID int64 }
		if err := s.DB().Raw(`SELECT cycle_id, task_id FROM evaluation_reviews ORDER BY id LIMIT 1`).Scan(&scored).Error; err != nil || scored.TaskID == 0 {
			t.Fatalf("a scored task: %+v, %v", scored, err)
		}
		reviewer := caller(t, s, "reviewer-opc").User()
		if err := s.DB().Exec(`INSERT INTO evaluation_reviews (cycle_id, task_id, reviewer_id, version, created_at, updated_at)
			VALUES (?, ?, ?, 1, ?, ?)`, scored.CycleID, scored.TaskID, reviewer.ID, s.Now(), s.Now()).Error; err != nil {
			t.Fatal(err)
		}
		scoredTasks, emptyReviews := 0, 0
		for _, c := range cycles {
			c, err := s.EvaluationCycleByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			full, err := s.CycleResults(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			lean, err := s.CycleScores(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if len(lean) != len(full) {
				t.Fatalf("cycle %d: %d tasks, the full read %d", c.ID, len(lean), len(full))
			}
			for i := range full {
				f, l := full[i], lean[i]
				if l.Task.ID != f.Task.ID || l.Task.PairID != f.Task.PairID || l.Task.Pair.ID != f.Task.Pair.ID ||
					l.Task.Pair.Round.Number != f.Task.Pair.Round.Number ||
					l.Task.Pair.MinistryA.Name != f.Task.Pair.MinistryA.Name || l.Task.Pair.MinistryB.ShortName != f.Task.Pair.MinistryB.ShortName {
					t.Errorf("cycle %d task %d: %+v, the full read %+v", c.ID, i, l.Task, f.Task)
				}
				if !reflect.DeepEqual(l.Result, f.Result) {
					t.Errorf("cycle %d task %d: result %+v, the full read %+v", c.ID, f.Task.ID, l.Result, f.Result)
				}
				if len(l.Reviews) != len(f.Reviews) {
					t.Fatalf("cycle %d task %d: %d reviews, the full read %d", c.ID, f.Task.ID, len(l.Reviews), len(f.Reviews))
				}
				for j := range f.Reviews {
					if l.Reviews[j].ID != f.Reviews[j].ID || l.Reviews[j].ReviewerID != f.Reviews[j].ReviewerID ||
						len(l.Reviews[j].Scores) != len(f.Reviews[j].Scores) {
						t.Errorf("cycle %d task %d review %d: %+v, the full read %+v", c.ID, f.Task.ID, j, l.Reviews[j], f.Reviews[j])
						continue
					}
					if len(f.Reviews[j].Scores) == 0 {
						emptyReviews++
					}
					for _, sc := range f.Reviews[j].Scores {
						if got, ok := l.Reviews[j].ScoreOf(sc.CriterionID); !ok || got.Score != sc.Score {
							t.Errorf("cycle %d review %d criterion %d: %d, the full read %d", c.ID, f.Reviews[j].ID, sc.CriterionID, got.Score, sc.Score)
						}
					}
				}
				if f.Result.Scored() {
					scoredTasks++
				}
			}
		}
		if scoredTasks == 0 || emptyReviews != 1 {
			t.Errorf("compared %d scored tasks and %d reviews without scores; want some and 1", scoredTasks, emptyReviews)
		}
	})
}

// A person's result takes their pair's tasks, whether the results list them
// together (as the cycle's reads do) or apart, and leaves the list as it was.
func TestPersonResultsTakeTheirPairsTasksWhereverListed(t *testing.T) {
	task := func(id, pair int64, score models.Tenths) models.TaskEvaluation {
		return models.TaskEvaluation{Task: models.CollaborationTask{ID: id, PairID: pair},
			Result: models.TaskResult{Reviewers: []models.ReviewerScore{{ReviewerID: 1}}, Score: score}}
	}
	c := models.EvaluationCycle{Bands: []models.GradeBand{{Grade: "A", MinTenths: 800}, {Grade: "B", MinTenths: 0}}}
	results := []models.TaskEvaluation{task(1, 10, 900), task(2, 10, 800), task(3, 20, 700), task(4, 10, 700), task(5, 20, 600)}
	people := []models.Nomination{{ID: 1, PairID: 10}, {ID: 2, PairID: 20}, {ID: 3, PairID: 30}}
	got := c.PersonResults(results, people)
	want := map[int64][]int64{1: {1, 2, 4}, 2: {3, 5}, 3: nil}
	for _, p := range got {
		var ids []int64
		for _, te := range p.Tasks {
			ids = append(ids, te.Task.ID)
		}
		if !reflect.DeepEqual(ids, want[p.Nomination.ID]) {
			t.Errorf("person %d: tasks %v, want %v", p.Nomination.ID, ids, want[p.Nomination.ID])
		}
	}
	if got[0].Score != 800 || got[1].Score != 650 {
		t.Errorf("scores %s and %s, want 80.0 and 65.0", got[0].Score, got[1].Score)
	}
	for i, id := range []int64{1, 2, 3, 4, 5} {
		if results[i].Task.ID != id {
			t.Errorf("results[%d] is task %d after PersonResults, want %d", i, results[i].Task.ID, id)
		}
	}
}

// The report names every person of the cycle with their pair as
// CycleExchangees does, a person whose pair has no task included (the
// report takes the pairs from the cycle's scores and reads only the others).
func TestTheReportNamesEveryPersonWithTheirPair(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.SeedDecade(ctx, models.DecadeOptions{Years: 2, Scale: 0.02}); err != nil {
			t.Fatal(err)
		}
		// The tasks of one finalized cycle's first exchange, gone with what hangs on them.
		var pairID int64
		if err := s.DB().Raw(`SELECT n.pair_id FROM nominations n JOIN exchange_pairs p ON p.id = n.pair_id
			JOIN evaluation_cycle_rounds ecr ON ecr.round_id = p.round_id JOIN evaluation_cycles c ON c.id = ecr.cycle_id
			WHERE c.stage = ? AND n.status IN ? ORDER BY c.id, n.id LIMIT 1`, models.StageFinalized,
			[]string{"active", "extended", "completed", "acknowledged"}).Scan(&pairID).Error; err != nil || pairID == 0 {
			t.Fatalf("a finalized cycle's exchange: %d, %v", pairID, err)
		}
		tasks := "(SELECT id FROM collaboration_tasks WHERE pair_id = ?)"
		for _, q := range []string{
			"DELETE FROM evaluation_scores WHERE review_id IN (SELECT id FROM evaluation_reviews WHERE task_id IN " + tasks + ")",
			"DELETE FROM evaluation_reviews WHERE task_id IN " + tasks, "DELETE FROM self_assessments WHERE task_id IN " + tasks,
			"DELETE FROM evaluation_summaries WHERE task_id IN " + tasks, "DELETE FROM government_evaluations WHERE task_id IN " + tasks,
			"DELETE FROM outcomes WHERE task_id IN " + tasks, "DELETE FROM collaboration_tasks WHERE pair_id = ?",
		} {
			if err := s.DB().Exec(q, pairID).Error; err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var cycles []models.EvaluationCycle
		if err := s.DB().Order("id").Find(&cycles).Error; err != nil {
			t.Fatal(err)
		}
		people, withoutTasks := 0, 0
		for _, c := range cycles {
			c, err := s.EvaluationCycleByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			r, err := s.EvaluationReport(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.CycleExchangees(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			var got []models.Nomination
			for _, p := range r.People {
				if p.Companion == nil {
					got = append(got, p.Nomination)
				}
				if len(p.Tasks) == 0 {
					withoutTasks++
				}
			}
			if len(got) != len(want) {
				t.Fatalf("cycle %d: the report names %d exchangees, CycleExchangees %d", c.ID, len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.ID != w.ID || g.Pair.ID != w.PairID || g.Pair.Round.Number != w.Pair.Round.Number ||
					g.Pair.MinistryA.ShortName != w.Pair.MinistryA.ShortName || g.Pair.MinistryB.Name != w.Pair.MinistryB.Name ||
					g.Ministry.ID != w.MinistryID || g.Position.ID != w.Position.ID {
					t.Errorf("cycle %d person %d: nomination %d, pair %+v; CycleExchangees nomination %d, pair %+v",
						c.ID, i, g.ID, g.Pair, w.ID, w.Pair)
				}
			}
			people += len(got)
		}
		if people == 0 || withoutTasks == 0 {
			t.Errorf("compared %d people, %d of them without tasks; want some of each", people, withoutTasks)
		}
	})
}
