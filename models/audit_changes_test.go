package models_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The audit log records a task under its json names, and Changes reads an
// event back as labelled Korean values: what an update changed, what a
// creation set, what a deletion removed.
func TestAuditEventsTellWhatChangedInKorean(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newTaskWorld(t, s)
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("빈 일자리 매칭"))
		if err != nil {
			t.Fatal(err)
		}
		in := task.InputOf()
		in.Status, in.Progress = "in_progress", "40"
		if _, err := s.UpdateTask(ctx, w.moel, task.ID, in); err != nil {
			t.Fatal(err)
		}
		o, err := s.CreateOutcome(ctx, w.moel, task.ID, models.OutcomeInput{Kind: "narrative", Summary: "채용 기간 단축"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteOutcome(ctx, w.moel, o.ID, o.Version); err != nil {
			t.Fatal(err)
		}
		events, total, err := s.TaskHistory(ctx, task.ID, models.Page{Number: 1, Size: 10})
		if err != nil || total != 4 {
			t.Fatalf("history: %d events, %v; want 4 (create, update, outcome create, outcome delete)", total, err)
		}
		if created := *events[3].After; !strings.Contains(created, `"title":"빈 일자리 매칭"`) {
			t.Errorf("the task is not recorded under its json names: %s", created)
		}
		if deleted := *events[0].Before; !strings.Contains(deleted, `"task_id":`) {
			t.Errorf("the outcome is not recorded under its json names: %s", deleted)
		}
		got := map[string][]models.Change{}
		for _, e := range events {
			got[e.RecordType+" "+e.Action] = e.Changes()
		}
		want := map[string][]models.Change{
			"task update":    {{Label: "진행 상태", Before: "발굴", After: "추진 중"}, {Label: "진척률", Before: "0%", After: "40%"}},
			"outcome delete": {{Label: "성과 내용", Before: "채용 기간 단축"}},
		}
		for k, changes := range want {
			if len(got[k]) != len(changes) {
				t.Errorf("%s: changes %+v, want %+v", k, got[k], changes)
				continue
			}
			for i := range changes {
				if got[k][i] != changes[i] {
					t.Errorf("%s: change %d = %+v, want %+v", k, i, got[k][i], changes[i])
				}
			}
		}
		if created := got["task create"]; len(created) == 0 || created[0] != (models.Change{Label: "과제명", After: "빈 일자리 매칭"}) {
			t.Errorf("task create: changes %+v, want 과제명 first", created)
		}
	})
}
