package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestRoundsPublicBeforeTheEmbargoStayPublic: a database from before
// migration 0005 keeps its public rounds public. Rounds 1 and 2 are announced
// at the press release's 보도 시점; a round still in preparation is not.
func TestRoundsPublicBeforeTheEmbargoStayPublic(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if err := s.MigrateDown(ctx, 4); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().Exec(`INSERT INTO rounds (number, title, status, planned_director_general, planned_division_director,
			schedule_note, created_at, updated_at) VALUES (3, '3차', 'preparing', 0, 0, '', ?, ?)`, s.Now(), s.Now()).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		rounds, err := s.PublicRounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := time.Date(2024, 12, 22, 12, 0, 0, 0, models.Seoul)
		if len(rounds) != 2 || rounds[0].Number != 1 || rounds[1].Number != 2 {
			t.Fatalf("public rounds after the migration: %+v", rounds)
		}
		for _, r := range rounds {
			if r.AnnounceAt == nil || !r.AnnounceAt.Equal(want) {
				t.Errorf("round %d announced at %v, want %v", r.Number, r.AnnounceAt, want)
			}
		}
		if _, err := s.PublicRound(ctx, 3); err == nil {
			t.Error("round 3, in preparation, is public")
		}
	})
}
