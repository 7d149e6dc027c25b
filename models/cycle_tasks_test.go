package models_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// A cycle keeps its number of tasks (the tasks of its rounds' selected
// pairs) through every change it depends on: a task added to a pair not yet
// selected counts from the pair's selection, one added or deleted after it at
// once, and a round added to the cycle brings its tasks.
func TestACycleKeepsItsNumberOfTasks(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r := openRound(t, s, 3)
		moel, mss, admin := caller(t, s, "moel"), caller(t, s, "mss"), caller(t, s, "admin")
		cy, err := s.CreateEvaluationCycle(ctx, admin, cycleInput(r.ID))
		if err != nil {
			t.Fatal(err)
		}
		kept := func(step string, want int) {
			t.Helper()
			checkCycleTaskCounts(t, s)
			c, err := s.EvaluationCycleByID(ctx, cy.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.TaskCount != want {
				t.Errorf("%s: the cycle keeps %d tasks, want %d", step, c.TaskCount, want)
			}
			cy = c
		}
		kept("a cycle of a round without pairs", 0)
		p, err := s.ProposePair(ctx, moel, proposal(r.ID, ministry(t, s, "mss").ID))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChangePairStatus(ctx, mss, p.ID, models.PairAgreed, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateTask(ctx, moel, p.ID, validTask("선정 전에 쓴 과제")); err != nil {
			t.Fatal(err)
		}
		kept("a task of a pair not selected", 0)
		if _, err := s.ChangePairStatus(ctx, admin, p.ID, models.PairSelected, ""); err != nil {
			t.Fatal(err)
		}
		kept("the pair selected", 1)
		added, err := s.CreateTask(ctx, mss, p.ID, validTask("선정 후에 더한 과제"))
		if err != nil {
			t.Fatal(err)
		}
		kept("a task added", 2)
		if err := s.DeleteTask(ctx, moel, added.ID, added.Version); err != nil {
			t.Fatal(err)
		}
		kept("a task deleted", 1)
		var first models.Round
		if err := s.DB().Where("number = 1").Take(&first).Error; err != nil {
			t.Fatal(err)
		}
		in := cycleInput(r.ID)
		in.RoundIDs, in.Version = append(in.RoundIDs, strconv.FormatInt(first.ID, 10)), cy.Version
		if _, err := s.UpdateEvaluationCycle(ctx, admin, cy.ID, in); err != nil {
			t.Fatal(err)
		}
		var ofFirst int
		if err := s.DB().Raw(`SELECT COUNT(*) FROM collaboration_tasks t JOIN exchange_pairs p ON p.id = t.pair_id
			WHERE p.round_id = ? AND p.status = 'selected'`, first.ID).Scan(&ofFirst).Error; err != nil || ofFirst == 0 {
			t.Fatalf("tasks of round 1: %d, %v", ofFirst, err)
		}
		kept("round 1 added to the cycle", 1+ofFirst)
	})
}
