package models_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm/clause"

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

// Each kind lists its oldest changes first, at most limit of them, with the
// kind's whole count beside them, whatever else waits.
func TestWaitingListsAreTheOldestOfEachKindWithTheirTotals(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		mss := ministry(t, s, "mss")
		base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
		var drafts, returned []int64
		for i := range 5 {
			for _, st := range []models.NominationStatus{models.NominationDraft, models.NominationReturned} {
				n := models.Nomination{PairID: pair.ID, PositionID: pos, MinistryID: mss.ID, Status: st,
					ExchangeeName: fmt.Sprintf("%s %d", st, i), Submission: 1, Version: 1,
					// the newest first, so that the id order is not the answer
					UpdatedAt: base.Add(time.Duration(5-i) * time.Hour)}
				if err := s.DB().Omit(clause.Associations).Create(&n).Error; err != nil {
					t.Fatal(err)
				}
				if st == models.NominationDraft {
					drafts = append([]int64{n.ID}, drafts...)
				} else {
					returned = append([]int64{n.ID}, returned...)
				}
			}
		}
		w, err := s.NominationsWaiting(ctx, caller(t, s, "mss").User(), 3)
		if err != nil {
			t.Fatal(err)
		}
		ids := func(list []models.Nomination) []int64 {
			var out []int64
			for _, n := range list {
				out = append(out, n.ID)
				if n.Pair.Round.ID == 0 || n.Position.Ministry.ID == 0 || n.Ministry.ShortName == "" {
					t.Errorf("nomination %d listed without its round, position's ministry or ministry", n.ID)
				}
			}
			return out
		}
		if got := ids(w.Lists[models.WaitingDraft]); !slices.Equal(got, drafts[:3]) {
			t.Errorf("drafts listed %v, want the three oldest %v", got, drafts[:3])
		}
		if got := ids(w.Lists[models.WaitingReturned]); !slices.Equal(got, returned[:3]) {
			t.Errorf("returns listed %v, want the three oldest %v", got, returned[:3])
		}
		want := map[models.WaitingKind]int64{models.WaitingDraft: 5, models.WaitingReturned: 5, models.WaitingEndingSoon: 0}
		if !maps.Equal(w.Totals, want) {
			t.Errorf("totals %v, want %v", w.Totals, want)
		}
		if n, err := s.CountNominationsWaiting(ctx, caller(t, s, "mss").User()); err != nil || n != 10 {
			t.Errorf("menu count %d (%v), want 10", n, err)
		}
	})
}
