package models_test

import (
	"context"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// What waits for whom: reviews for each office until it approves, returns and
// drafts for the sending ministry, exchanges near their end for both ministries.
func TestWhatWaitsForEachPerson(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		setRule(t, s, pair.RoundID, models.ApproveEachOffice, "")
		waiting := func(login string) map[models.WaitingKind]int64 {
			t.Helper()
			w, err := s.NominationsWaiting(ctx, caller(t, s, login).User(), 10)
			if err != nil {
				t.Fatal(err)
			}
			n, err := s.CountNominationsWaiting(ctx, caller(t, s, login).User())
			if err != nil {
				t.Fatal(err)
			}
			var sum int64
			for _, v := range w.Totals {
				sum += v
			}
			if n != sum {
				t.Errorf("%s: the menu count %d differs from the lists' %d", login, n, sum)
			}
			return w.Totals
		}
		n, err := s.CreateNomination(ctx, caller(t, s, "mss"), pair.ID, pos, exchangee(false))
		if err != nil {
			t.Fatal(err)
		}
		if w := waiting("mss"); w[models.WaitingDraft] != 1 {
			t.Errorf("mss waiting = %v, want its draft", w)
		}
		if n, err = s.MoveNomination(ctx, caller(t, s, "mss"), n.ID, models.MoveSubmit, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		if n, err = s.MoveNomination(ctx, caller(t, s, "reviewer"), n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		if w := waiting("reviewer"); w[models.WaitingReview] != 0 {
			t.Errorf("인사혁신처 still has it to review after approving: %v", w)
		}
		if w := waiting("reviewer-opc"); w[models.WaitingReview] != 1 {
			t.Errorf("국무조정실 waiting = %v, want the review", w)
		}
		if n, err = s.MoveNomination(ctx, caller(t, s, "admin"), n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		// planned to end 2026-01-14: near (or past) its end on any date after 2025-12-15
		if _, err = s.MoveNomination(ctx, caller(t, s, "admin"), n.ID, models.MoveStart, models.MoveInput{Date: "2025-01-15", Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		for _, login := range []string{"moel", "mss", "reviewer"} {
			if w := waiting(login); w[models.WaitingEndingSoon] != 1 {
				t.Errorf("%s waiting = %v, want the exchange about to end", login, w)
			}
		}
		if w := waiting("mof"); len(w) != 3 || w[models.WaitingEndingSoon]+w[models.WaitingDraft]+w[models.WaitingReturned] != 0 {
			t.Errorf("a ministry outside the pair has waiting work: %v", w)
		}
	})
}
