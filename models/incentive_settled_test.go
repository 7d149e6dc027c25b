package models_test

import (
	"context"
	"testing"

	"gorm.io/gorm/clause"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// A finalized cycle whose people are all decided is marked settled and leaves
// the administrator's worklist; changing a decision keeps it settled, and an
// exchange of its round that starts afterwards brings it back until decided.
func TestASettledCycleLeavesTheWorklistUntilSomeoneIsUndecidedAgain(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		w.finalizeWithCandidate(t)
		check := func(when, wantDetail string, wantSettled bool) {
			t.Helper()
			list, err := countedWorklist(t, s, ctx, w.admin.User(), 5, models.WorkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, it := range list.Items[models.WorkIncentive] {
				if it.ID == w.cycle.ID {
					got = it.Detail
				}
			}
			if got != wantDetail {
				t.Errorf("%s: the worklist says %q, want %q", when, got, wantDetail)
			}
			c, err := s.EvaluationCycleByID(ctx, w.cycle.ID)
			if err != nil {
				t.Fatal(err)
			}
			if settled := c.IncentivesSettledAt != nil; settled != wantSettled {
				t.Errorf("%s: settled = %v, want %v", when, settled, wantSettled)
			}
		}
		check("after 확정", "결정하지 않은 교류자·동반 교류자 1명", false)

		d, err := s.DecideIncentive(ctx, w.admin, w.cycle.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "평가수당 우대"})
		if err != nil {
			t.Fatal(err)
		}
		check("after the decision", "", true)
		if _, err := s.DecideIncentive(ctx, w.admin, w.cycle.ID, w.nomination.ID, 0,
			models.IncentiveInput{Decision: models.NoIncentive, Version: d.Version}); err != nil {
			t.Fatal(err)
		}
		check("after the decision changed", "", true)

		// The other side's exchange of the same pair starts after 확정: its
		// exchangee shares the pair's result and waits for a decision.
		late := models.Nomination{PairID: w.pair.ID, PositionID: w.pair.PositionBID, MinistryID: w.pair.MinistryAID,
			Status: models.NominationApproved, ExchangeeName: "이늦음", Version: 1}
		if err := s.DB().Omit(clause.Associations).Create(&late).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := s.MoveNomination(ctx, w.admin, late.ID, models.MoveStart, models.MoveInput{Date: "2025-03-02", Version: late.Version}); err != nil {
			t.Fatal(err)
		}
		check("after a late start", "결정하지 않은 교류자·동반 교류자 1명", false)
		if _, err := s.DecideIncentive(ctx, w.admin, w.cycle.ID, late.ID, 0, models.IncentiveInput{Decision: models.NoIncentive}); err != nil {
			t.Fatal(err)
		}
		check("after the late exchangee's decision", "", true)
	})
}
