package models_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Reviewers deciding the same nomination at once: exactly one decision is
// saved; every other one is told that someone decided first, and writes nothing.
func TestConcurrentDecisionsSaveExactlyOne(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		n, err := s.CreateNomination(ctx, caller(t, s, "mss"), pair.ID, pos, exchangee(true))
		if err != nil {
			t.Fatal(err)
		}
		n = modelstest.Consent(t, s, n)
		deciders := []models.Actor{caller(t, s, "reviewer"), caller(t, s, "reviewer-opc"), caller(t, s, "admin")}
		const each = 4
		var wg sync.WaitGroup
		start := make(chan struct{})
		results := make(chan error, each*len(deciders))
		for i := range each * len(deciders) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				move, in := models.MoveApprove, models.MoveInput{Version: n.Version}
				if i%2 == 1 {
					move, in.Reason = models.MoveReturn, "서류 보완"
				}
				_, err := s.MoveNomination(ctx, deciders[i%len(deciders)], n.ID, move, in)
				results <- err
			}()
		}
		close(start)
		wg.Wait()
		close(results)
		saved, conflicts := 0, 0
		for err := range results {
			switch {
			case err == nil:
				saved++
			case errors.Is(err, models.ErrConflict):
				conflicts++
			default:
				t.Errorf("a decision failed otherwise: %v", err)
			}
		}
		if saved != 1 || conflicts != each*len(deciders)-1 {
			t.Errorf("saved %d, conflicts %d; want exactly 1 saved and the rest told of the conflict", saved, conflicts)
		}
		var events, approvals int64
		s.DB().Model(&models.NominationEvent{}).Where("nomination_id = ? AND move IN ?", n.ID, []string{"approve", "return"}).Count(&events)
		s.DB().Model(&models.NominationApproval{}).Where("nomination_id = ?", n.ID).Count(&approvals)
		if events != 1 || approvals > 1 {
			t.Errorf("%d decisions in the history and %d approvals, want one decision", events, approvals)
		}
		if got := auditCount(t, s, "nomination", n.ID); got != 4 { // create, submit, consent, one decision
			t.Errorf("%d audit events, want 4", got)
		}
	})
}
