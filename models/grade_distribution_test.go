package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// A published distribution is what was previewed: S 1 (task 1, 100 points),
// A 1 (task 2, 80 points), B 0, C 0 of 3 tasks, 2 graded, each share of the
// graded tasks (1 ÷ 2 = 50.0%). The public view shows it only while every
// round the cycle evaluated is announced (the embargo), and not once withdrawn.
func TestAPublishedGradeDistributionFollowsTheEmbargoAndTheWithdrawal(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		modelstest.SeedDemo(t, s)
		cy := modelstest.FinalizedCycle(t, s)
		if err := s.PublishGradeDistribution(ctx, models.System, cy.ID, "stale"); !errors.Is(err, models.ErrConflict) {
			t.Errorf("publishing another preview: %v, want a conflict", err)
		}
		if err := s.PublishGradeDistribution(ctx, caller(t, s, "reviewer"), cy.ID, ""); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a reviewer publishing: %v, want forbidden", err)
		}
		preview, published, err := s.GradeDistributionPreview(ctx, cy)
		if err != nil || published != nil {
			t.Fatalf("the preview: published %v, %v", published, err)
		}
		if err := s.PublishGradeDistribution(ctx, models.System, cy.ID, preview.Stamp()); err != nil {
			t.Fatal(err)
		}
		v, err := s.PublicView(ctx)
		if err != nil || len(v.Distributions) != 1 {
			t.Fatalf("the public view holds %d distributions (%v)", len(v.Distributions), err)
		}
		d := v.Distributions[0].Distribution
		if got := d.Words(); got != "S 1개, A 1개, B 0개, C 0개 (채점된 과제 2개, 대상 과제 3개)" {
			t.Errorf("the public distribution is %s", got)
		}
		if got := d.ShareTenths(d.Grades[0]).String(); got != "50.0" {
			t.Errorf("S's share is %s%%, want 50.0%%", got)
		}
		if d.PublishedBy != nil || len(v.DistributionsOf(cy.Rounds[0].ID)) != 1 {
			t.Errorf("published by %v; of round %d: %d", d.PublishedBy, cy.Rounds[0].Number, len(v.DistributionsOf(cy.Rounds[0].ID)))
		}

		// The round's announcement moved into the future: the distribution goes with it.
		later := time.Now().Add(240 * time.Hour)
		if err := s.DB().Model(&models.Round{}).Where("id = ?", cy.Rounds[0].ID).Update("announce_at", later).Error; err != nil {
			t.Fatal(err)
		}
		if v, err := s.PublicView(ctx); err != nil || len(v.Distributions) != 0 {
			t.Errorf("under embargo the public view holds %d distributions (%v)", len(v.Distributions), err)
		}
		if err := s.DB().Model(&models.Round{}).Where("id = ?", cy.Rounds[0].ID).Update("announce_at", time.Now().Add(-time.Hour)).Error; err != nil {
			t.Fatal(err)
		}

		before, _ := s.PublicVersion(ctx)
		if err := s.WithdrawGradeDistribution(ctx, models.System, cy.ID); err != nil {
			t.Fatal(err)
		}
		after, _ := s.PublicVersion(ctx)
		if after.Version <= before.Version {
			t.Errorf("withdrawing left the public version at %d", after.Version)
		}
		if v, err := s.PublicView(ctx); err != nil || len(v.Distributions) != 0 {
			t.Errorf("withdrawn, the public view holds %d distributions (%v)", len(v.Distributions), err)
		}
		var counts int64
		if err := s.DB().Model(&models.GradeTasks{}).Count(&counts).Error; err != nil || counts != 0 {
			t.Errorf("withdrawn, %d counts are left (%v)", counts, err)
		}
	})
}
