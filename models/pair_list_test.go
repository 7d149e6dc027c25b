package models_test

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// A list of pairs is newest round first, then the round's order (연번, the
// unnumbered last, then id), page after page, whether few pairs match (found
// by the ministries' indexes and sorted) or many (on SQLite the rounds are
// walked in order and the walk stops at the page's last pair).
func TestPagesOfPairsFollowTheRoundsOrderForFewAndManyMatches(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r, moel, _, _ := proposalRound(t, s)
		mss := ministry(t, s, "mss").ID
		for range 110 { // more than a full round's pairs: moel's pairs are then walked
			if _, err := s.ProposePair(ctx, moel, proposal(r.ID, mss)); err != nil {
				t.Fatal(err)
			}
		}
		var all []models.ExchangePair
		if err := s.DB().Preload("Round").Find(&all).Error; err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(all, func(a, b models.ExchangePair) int {
			return cmp.Or(cmp.Compare(b.Round.Number, a.Round.Number), cmp.Compare(unnumbered(a), unnumbered(b)),
				cmp.Compare(number(a), number(b)), cmp.Compare(a.ID, b.ID))
		})
		for _, tt := range []struct {
			name  string
			scope int64
		}{{"every pair", 0}, {"moel's, many", *moel.User().MinistryID}, {"dapa's, few", ministry(t, s, "dapa").ID}} {
			var want, got []int64
			for _, p := range all {
				if tt.scope == 0 || p.MinistryAID == tt.scope || p.MinistryBID == tt.scope {
					want = append(want, p.ID)
				}
			}
			for page := 1; ; page++ {
				list, total, err := s.Pairs(ctx, models.PairFilter{ScopeID: tt.scope, Page: models.Page{Number: page}})
				if err != nil {
					t.Fatal(err)
				}
				if total != int64(len(want)) {
					t.Fatalf("%s: total %d, want %d", tt.name, total, len(want))
				}
				for _, p := range list {
					got = append(got, p.ID)
					if p.Round.ID != p.RoundID || p.MinistryA.ID != p.MinistryAID || p.PositionB.ID != p.PositionBID || p.MinistryA.Name == "" {
						t.Fatalf("%s: pair %d's related rows: %+v", tt.name, p.ID, p)
					}
				}
				if len(list) < models.DefaultPageSize {
					break
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: the pages list\n%v\nwant\n%v", tt.name, got, want)
			}
		}
	})
}

// unnumbered is 1 for a pair without 연번 (listed after the numbered), else 0.
func unnumbered(p models.ExchangePair) int {
	if p.Number == nil {
		return 1
	}
	return 0
}

func number(p models.ExchangePair) int {
	if p.Number == nil {
		return 0
	}
	return *p.Number
}
