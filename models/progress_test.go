package models_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestProgressCountsTasksByStatusCategoryAndMinistryInTwoQueries(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		for i, st := range []string{"discovered", "in_progress", "in_progress", "completed"} {
			in := validTask("과제 " + st + string(rune('A'+i)))
			in.Status = st
			in.Progress = map[string]string{"discovered": "", "in_progress": "50", "completed": "100"}[st] // nobody entered the first
			if _, err := s.CreateTask(ctx, w.moel, w.pair.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		var moel models.Ministry
		if err := s.DB().Where("code = 'moel'").Take(&moel).Error; err != nil {
			t.Fatal(err)
		}
		queries := countQueries(t, s.DB())
		pr, err := s.TaskProgress(ctx, models.ProgressFilter{RoundID: w.pair.RoundID, MinistryID: moel.ID})
		if err != nil {
			t.Fatal(err)
		}
		if *queries != 2 {
			t.Errorf("TaskProgress ran %d queries, want 2", *queries)
		}
		got := map[string]int{}
		for _, c := range pr.ByStatusCategory {
			got[string(*c.Status)+"/"+string(*c.Category)] = c.N
		}
		want := map[string]int{"discovered/public_benefit": 1, "in_progress/public_benefit": 2, "completed/public_benefit": 1}
		if len(got) != len(want) {
			t.Errorf("by status and category = %v, want %v", got, want)
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s = %d, want %d", k, got[k], n)
			}
		}
		sum, n, entered := 0, 0, 0
		for _, m := range pr.ByMinistry {
			if m.MinistryID != moel.ID {
				t.Errorf("moel's overview counts ministry %d", m.MinistryID)
			}
			sum, n, entered = sum+m.ProgressSum, n+m.N, entered+m.Entered
		}
		if n != 4 || sum != 200 || entered != 3 {
			t.Errorf("moel: %d tasks, progress sum %d of %d entered; want 4, and 200 of 3 (unknown is not 0%%)", n, sum, entered)
		}
		all, err := s.TaskProgress(ctx, models.ProgressFilter{})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, c := range all.ByStatusCategory {
			total += c.N
		}
		if total != 9 { // 5 seeded round-1 tasks and the 4 above
			t.Errorf("every round: %d tasks, want 9", total)
		}
	})
}

// countQueries counts the statements run through db from now on.
func countQueries(t *testing.T, db *gorm.DB) *int {
	t.Helper()
	n := new(int)
	inc := func(*gorm.DB) { *n++ }
	name := "test:count:" + t.Name()
	if err := db.Callback().Query().After("gorm:query").Register(name, inc); err != nil {
		t.Fatal(err)
	}
	if err := db.Callback().Raw().After("gorm:raw").Register(name, inc); err != nil {
		t.Fatal(err)
	}
	if err := db.Callback().Row().After("gorm:row").Register(name, inc); err != nil {
		t.Fatal(err)
	}
	return n
}
