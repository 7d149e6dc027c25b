package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func metricInput() models.OutcomeInput {
	return models.OutcomeInput{Kind: "metric", Summary: "매칭 소요기간 단축", Label: "매칭 소요기간",
		ValueBefore: "30", ValueAfter: "12", Unit: "일", PeriodBefore: "2024년", PeriodAfter: "2025년", Better: "lower",
		EvidenceURL: "https://www.mpm.go.kr/"}
}

func TestOutcomesOfEachKindAndTheirMessages(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("성과 과제"))
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.CreateOutcome(ctx, w.mss, task.ID, metricInput())
		if err != nil {
			t.Fatal(err)
		}
		if !m.Improved() || *m.ValueBefore != 30 || m.Position != 1 {
			t.Errorf("metric outcome = %+v", m)
		}
		a, err := s.CreateOutcome(ctx, w.mss, task.ID, models.OutcomeInput{Kind: "amount", Summary: "예산 절감", Amount: "3,300", Unit: "억원"})
		if err != nil || *a.Amount != 3300 || a.Position != 2 {
			t.Fatalf("amount outcome = %+v, %v", a, err)
		}
		// Switching kind clears the other kind's numbers.
		in := m.InputOf()
		in.Kind = "narrative"
		n, err := s.UpdateOutcome(ctx, w.moel, m.ID, in)
		if err != nil || n.ValueBefore != nil || n.Unit != "" || n.Version != 2 {
			t.Errorf("narrative after metric = %+v, %v", n, err)
		}
		cases := []struct {
			in     models.OutcomeInput
			fields []string
		}{
			{models.OutcomeInput{Kind: "metric", Summary: "x", ValueBefore: "많음"}, []string{"label", "value_before", "value_after", "unit", "better"}},
			{models.OutcomeInput{Kind: "amount", Summary: "x"}, []string{"amount", "unit"}},
			{models.OutcomeInput{Kind: "narrative", Summary: "x", EvidenceURL: "javascript:alert(1)"}, []string{"evidence_url"}},
			{models.OutcomeInput{Kind: "narrative", Summary: "x", EvidenceURL: "ftp://example.org/a"}, []string{"evidence_url"}},
			{models.OutcomeInput{Kind: "", Summary: ""}, []string{"kind", "summary"}},
		}
		for _, c := range cases {
			_, err := s.CreateOutcome(ctx, w.moel, task.ID, c.in)
			var ve *models.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%+v: err = %v, want a validation error", c.in, err)
				continue
			}
			for _, f := range c.fields {
				if ve.Fields[f] == "" {
					t.Errorf("%+v: no message for %s (%v)", c.in, f, ve.Fields)
				}
			}
		}
		stale := a.InputOf()
		stale.Version = 0
		if _, err := s.UpdateOutcome(ctx, w.moel, a.ID, stale); !errors.Is(err, models.ErrConflict) {
			t.Errorf("stale outcome edit: err = %v, want ErrConflict", err)
		}
		if err := s.DeleteOutcome(ctx, w.moel, a.ID, a.Version); err != nil {
			t.Fatal(err)
		}
		events, _, _ := s.TaskHistory(ctx, task.ID, models.Page{})
		var outcomeEvents int
		for _, e := range events {
			if e.RecordType == "outcome" {
				outcomeEvents++
			}
		}
		if outcomeEvents != 4 { // two creates, one update, one delete (of an outcome now gone)
			t.Errorf("task history has %d outcome events, want 4", outcomeEvents)
		}
	})
}

func TestPublishingShowsOnlyWhatTheAdministratorPreviewed(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("공개 예정 과제"))
		if err != nil {
			t.Fatal(err)
		}
		public := func() bool {
			list, err := s.PublishedTasks(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range list {
				if p.ID == task.ID {
					return true
				}
			}
			return false
		}
		if public() {
			t.Fatal("a new task is on the public site")
		}
		task, _ = s.TaskByID(ctx, task.ID)
		var ve *models.ValidationError
		if err := s.PublishTask(ctx, w.admin, task.ID, task.ContentStamp()); !errors.As(err, &ve) {
			t.Errorf("publishing a task without outcomes: err = %v, want a validation error", err)
		}
		if _, err := s.CreateOutcome(ctx, w.moel, task.ID, metricInput()); err != nil {
			t.Fatal(err)
		}
		if err := s.PublishTask(ctx, w.admin, task.ID, task.ContentStamp()); !errors.Is(err, models.ErrConflict) {
			t.Errorf("publishing with a stamp from before the outcome: err = %v, want ErrConflict", err)
		}
		task, _ = s.TaskByID(ctx, task.ID)
		if err := s.PublishTask(ctx, w.admin, task.ID, task.ContentStamp()); err != nil {
			t.Fatal(err)
		}
		if !public() {
			t.Fatal("the published task is not on the public site")
		}
		// A change to progress alone keeps it public; a new outcome takes it off.
		in := task.InputOf()
		in.Progress = "80"
		if _, err := s.UpdateTask(ctx, w.mss, task.ID, in); err != nil {
			t.Fatal(err)
		}
		if !public() {
			t.Error("a progress change took the task off the public site")
		}
		if _, err := s.CreateOutcome(ctx, w.mss, task.ID, models.OutcomeInput{Kind: "narrative", Summary: "미검토 성과"}); err != nil {
			t.Fatal(err)
		}
		if public() {
			t.Error("an outcome nobody published reached the public site")
		}
		task, _ = s.TaskByID(ctx, task.ID)
		if err := s.PublishTask(ctx, w.admin, task.ID, task.ContentStamp()); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteTask(ctx, w.admin, task.ID, task.Version); !errors.As(err, &ve) {
			t.Errorf("deleting a published task: err = %v, want a validation error", err)
		}
		if err := s.UnpublishTask(ctx, w.admin, task.ID); err != nil {
			t.Fatal(err)
		}
		if public() {
			t.Error("the unpublished task is still public")
		}
		actions := map[string]int{}
		events, _, _ := s.TaskHistory(ctx, task.ID, models.Page{Size: 100})
		for _, e := range events {
			actions[e.Action]++
		}
		if actions[models.AuditPublish] != 2 || actions[models.AuditUnpublish] != 2 {
			t.Errorf("history actions = %v, want 2 publish and 2 unpublish", actions)
		}
	})
}
