package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

func TestRoundIsCreatedEditedAndMovedForwardOneStageAtATime(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		admin := caller(t, s, "admin")
		in := models.RoundInput{Number: "3", Title: "3차 전략적 인사교류", PlannedDirectorGeneral: "4", PlannedDivisionDirector: "10",
			ProposalsDueOn: "2025-06-30", ExchangeStartsOn: "2025-09-01"}
		r, err := s.CreateRound(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != models.RoundPreparing {
			t.Errorf("new round status = %s, want preparing", r.Status)
		}
		got, _ := s.RoundByID(ctx, r.ID)
		if got.InputOf() != in {
			t.Errorf("saved round = %+v, want %+v", got.InputOf(), in)
		}

		_, err = s.CreateRound(ctx, admin, models.RoundInput{Number: "2", Title: "", ProposalsDueOn: "2025-13-01"})
		want := []string{"number", "title", "proposals_due_on"}
		assertFields(t, err, want...)

		in.Title, in.EvaluationOn = "3차 (수정)", "2025-12-01"
		if _, err := s.UpdateRound(ctx, admin, r.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateRound(ctx, admin, r.ID, models.RoundInput{Number: "1", Title: "x"}); err == nil {
			t.Error("renumbering a round to a number in use succeeded")
		}

		if _, err := s.AdvanceRound(ctx, caller(t, s, "moel"), r.ID, models.RoundProposals); !errors.Is(err, models.ErrNotAllowed) {
			t.Errorf("a coordinator moved a round: %v, want ErrNotAllowed", err)
		}
		if _, err := s.AdvanceRound(ctx, admin, r.ID, models.RoundSelected); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("skipping a stage: %v, want ErrWrongState", err)
		}
		for _, st := range models.RoundStatuses[1:] {
			if r, err = s.AdvanceRound(ctx, admin, r.ID, st); err != nil || r.Status != st {
				t.Fatalf("advance to %s: %v (status %s)", st, err, r.Status)
			}
		}
		if _, err := s.AdvanceRound(ctx, admin, r.ID, models.RoundPreparing); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("moving a closed round back: %v, want ErrWrongState", err)
		}
		if n := auditCount(t, s, "round", r.ID); n != 1+1+4 {
			t.Errorf("audit events for the round = %d, want 6 (create, update, four moves)", n)
		}
	})
}

func TestRoundCountsPlannedProposedAndSelectedPositionsPerGrade(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r2, _ := s.RoundByNumber(ctx, 2)
		counts, err := s.RoundCounts(ctx, r2)
		if err != nil {
			t.Fatal(err)
		}
		want := map[models.Grade][3]int{
			models.GradeDirectorGeneral:  {4, 4, 4},
			models.GradeDivisionDirector: {14, 14, 14},
		}
		for _, c := range counts {
			if got := [3]int{c.Planned, c.Proposed, c.Selected}; c.Grade == nil || got != want[*c.Grade] {
				t.Errorf("grade %v: planned, proposed, selected = %v, want %v", models.GradeLabel(c.Grade), got, want[*c.Grade])
			}
		}
	})
}

// assertFields fails unless err is a validation error on exactly these fields.
func assertFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	var ve *models.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v, want a validation error on %v", err, fields)
	}
	for _, f := range fields {
		if ve.Fields[f] == "" {
			t.Errorf("no message for field %s in %v", f, ve.Fields)
		}
	}
	if len(ve.Fields) != len(fields) {
		t.Errorf("fields with errors = %v, want exactly %v", ve.Fields, fields)
	}
}
