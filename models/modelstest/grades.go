package modelstest

import (
	"context"
	"strconv"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// PublishedGrades is FinalizedCycle with its grade distribution published.
func PublishedGrades(t testing.TB, s *models.Store) models.EvaluationCycle {
	t.Helper()
	ctx := context.Background()
	cy := FinalizedCycle(t, s)
	preview, _, err := s.GradeDistributionPreview(ctx, cy)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PublishGradeDistribution(ctx, models.System, cy.ID, preview.Stamp()); err != nil {
		t.Fatal(err)
	}
	return cy
}

// FinalizedCycle is a finalized cycle over round 2 (the records of
// EvaluationRecords): task 1 scored full marks by both reviewers (S), task 2
// 80 points (A), task 3 unscored. The reviewers' accounts must exist
// (handlerstest.SeedAccounts).
func FinalizedCycle(t testing.TB, s *models.Store) models.EvaluationCycle {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ev := EvaluationRecords(t, s)
	cy := NewCycle(t, s, ev.Round.ID)
	must(s.DB().Model(&models.EvaluationCycle{}).Where("id = ?", cy.ID).Update("stage", models.StageReview).Error)
	cy, err := s.EvaluationCycleByID(ctx, cy.ID)
	must(err)
	for _, task := range []struct {
		id    int64
		score int
	}{{ev.Task1.ID, cy.Scale}, {ev.Task2.ID, cy.Scale * 8 / 10}} {
		for _, reviewer := range []string{"reviewer", "reviewer-opc"} {
			in := models.ReviewInput{}
			for _, cr := range cy.Criteria {
				in.CriterionIDs = append(in.CriterionIDs, strconv.FormatInt(cr.ID, 10))
				in.Scores, in.Comments = append(in.Scores, strconv.Itoa(task.score)), append(in.Comments, "")
			}
			_, err := s.SaveReview(ctx, As(t, s, reviewer), cy.ID, task.id, in)
			must(err)
		}
	}
	must(s.DB().Model(&models.EvaluationCycle{}).Where("id = ?", cy.ID).Update("stage", models.StageFinalized).Error)
	cy, err = s.EvaluationCycleByID(ctx, cy.ID)
	must(err)
	return cy
}
