package models_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// taskWorld is seeded data with demo accounts and the round-2 pair of moel and mss.
type taskWorld struct {
	s                       *models.Store
	pair                    models.ExchangePair
	moel, mss, motie, admin models.Actor
	reviewer                models.Actor
}

func newTaskWorld(t *testing.T, s *models.Store) taskWorld {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedDemoAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	w := taskWorld{s: s}
	actor := func(login string) models.Actor {
		var u models.User
		if err := s.DB().Preload("Ministry").Where("login = ?", login).Take(&u).Error; err != nil {
			t.Fatalf("account %s: %v", login, err)
		}
		return models.ActorOf(&u, "192.0.2.1")
	}
	w.moel, w.mss, w.motie, w.admin, w.reviewer = actor("moel"), actor("mss"), actor("motie"), actor("admin"), actor("reviewer")
	err := s.DB().Joins("JOIN ministries a ON a.id = exchange_pairs.ministry_a_id").
		Joins("JOIN ministries b ON b.id = exchange_pairs.ministry_b_id").
		Where("a.code = 'moel' AND b.code = 'mss'").Take(&w.pair).Error
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func validTask(title string) models.TaskInput {
	return models.TaskInput{Title: title, Category: "public_benefit", Status: "discovered", Progress: "0",
		NationalAgenda: "중소기업 인력난 해소", StartsOn: "2025-02-01", DueOn: "2025-12-31"}
}

func TestTaskCreateAndUpdateWriteTheAuditLogInTheSameTransaction(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("빈 일자리 매칭"))
		if err != nil {
			t.Fatal(err)
		}
		if task.Version != 1 || task.Published {
			t.Errorf("new task: version %d, published %v; want 1, false", task.Version, task.Published)
		}
		in := task.InputOf()
		in.Status, in.Progress, in.Title = "in_progress", "40", "빈 일자리 매칭 확대"
		got, err := s.UpdateTask(ctx, w.mss, task.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 2 || got.Progress == nil || *got.Progress != 40 || got.Title != "빈 일자리 매칭 확대" {
			t.Errorf("updated task = v%d %v%% %q", got.Version, got.Progress, got.Title)
		}
		saved, _ := s.TaskByID(ctx, task.ID)
		if saved.Version != 2 || saved.InputOf().StartsOn != "2025-02-01" || saved.InputOf().DueOn != "2025-12-31" {
			t.Errorf("saved task: version %d, dates %s–%s", saved.Version, saved.InputOf().StartsOn, saved.InputOf().DueOn)
		}
		events, total, err := s.TaskHistory(ctx, task.ID, models.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || events[0].Action != models.AuditUpdate || events[1].Action != models.AuditCreate || events[0].Actor != "mss" {
			t.Errorf("history: %d events, first %+v", total, events)
		}
	})
}

func TestTaskValidationMessagesAndStatusRules(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		bad := models.TaskInput{Title: " ", Category: "x", Status: "", Progress: "120", StartsOn: "2025-03-01", DueOn: "2025-02-01"}
		_, err := s.CreateTask(ctx, w.moel, w.pair.ID, bad)
		var ve *models.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("err = %v, want a validation error", err)
		}
		for _, f := range []string{"title", "category", "status", "progress", "due_on"} {
			if ve.Fields[f] == "" {
				t.Errorf("no message for %s: %v", f, ve.Fields)
			}
		}
		in := validTask("완료 과제")
		in.Status = "completed"
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		back := task.InputOf()
		back.Status = "in_progress"
		if _, err := s.UpdateTask(ctx, w.moel, task.ID, back); !errors.As(err, &ve) || ve.Fields["status"] == "" {
			t.Errorf("completed → in progress: err = %v, want a status message", err)
		}
	})
}

func TestStatusTransitions(t *testing.T) {
	cases := []struct {
		from, to models.TaskStatus
		ok       bool
	}{
		{models.TaskDiscovered, models.TaskInProgress, true},
		{models.TaskDiscovered, models.TaskCompleted, true},
		{models.TaskInProgress, models.TaskCompleted, true},
		{models.TaskInProgress, models.TaskStopped, true},
		{models.TaskInProgress, models.TaskDiscovered, false},
		{models.TaskCompleted, models.TaskInProgress, false},
		{models.TaskStopped, models.TaskInProgress, false},
		{models.TaskCompleted, models.TaskCompleted, true},
	}
	for _, c := range cases {
		if got := c.from.CanBecome(c.to); got != c.ok {
			t.Errorf("%s → %s = %v, want %v", c.from, c.to, got, c.ok)
		}
	}
}

func TestOnlyThePairsCoordinatorsAndAdminsMayEdit(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		for name, a := range map[string]models.Actor{"motie": w.motie, "reviewer": w.reviewer, "anonymous": models.ActorOf(nil, "")} {
			if _, err := s.CreateTask(ctx, a, w.pair.ID, validTask("x")); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("%s creates a task: err = %v, want ErrForbidden", name, err)
			}
		}
		task, err := s.CreateTask(ctx, w.admin, w.pair.ID, validTask("관리자 등록"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateTask(ctx, w.motie, task.ID, task.InputOf()); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("motie updates: err = %v, want ErrForbidden", err)
		}
		if err := s.DeleteTask(ctx, w.reviewer, task.ID, task.Version); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("reviewer deletes: err = %v, want ErrForbidden", err)
		}
		if err := s.PublishTask(ctx, w.moel, task.ID, task.ContentStamp()); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("coordinator publishes: err = %v, want ErrForbidden", err)
		}
	})
}

func TestAStaleTaskEditIsRefusedWithTheSavedValues(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("원래 제목"))
		if err != nil {
			t.Fatal(err)
		}
		first, second := task.InputOf(), task.InputOf()
		first.Title, second.Title = "고용부가 고친 제목", "중기부가 고친 제목"
		if _, err := s.UpdateTask(ctx, w.moel, task.ID, first); err != nil {
			t.Fatal(err)
		}
		_, err = s.UpdateTask(ctx, w.mss, task.ID, second)
		var stale *models.StaleError[models.CollaborationTask]
		if !errors.As(err, &stale) || !errors.Is(err, models.ErrConflict) {
			t.Fatalf("stale edit: err = %v, want a StaleError", err)
		}
		if stale.Current.Title != "고용부가 고친 제목" || stale.Current.Version != 2 {
			t.Errorf("conflict shows %q v%d, want the other person's save at v2", stale.Current.Title, stale.Current.Version)
		}
		if err := s.DeleteTask(ctx, w.mss, task.ID, 1); !errors.Is(err, models.ErrConflict) {
			t.Errorf("stale delete: err = %v, want ErrConflict", err)
		}
		second.Version = stale.Current.Version // reapply on top of the new version
		if got, err := s.UpdateTask(ctx, w.mss, task.ID, second); err != nil || got.Version != 3 {
			t.Errorf("reapplied edit: v%d, %v", got.Version, err)
		}
	})
}

// TestConcurrentEditsLoseNothing has many writers save the same task at once.
// Each either saves a new version or is told of the conflict; none is lost.
func TestConcurrentEditsLoseNothing(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("동시 편집"))
		if err != nil {
			t.Fatal(err)
		}
		const writers = 20
		type result struct {
			title   string
			version int
			err     error
		}
		results := make(chan result, writers*writers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := w.moel
				if i%2 == 1 {
					a = w.mss
				}
				base := task.Version // every writer starts from what it first saw
				for attempt := 0; ; attempt++ {
					in := task.InputOf()
					in.Title = fmt.Sprintf("작성자 %d 시도 %d", i, attempt)
					in.Progress = fmt.Sprint(i)
					in.Version = base
					if attempt == 0 {
						<-start
					}
					got, err := s.UpdateTask(ctx, a, task.ID, in)
					results <- result{in.Title, got.Version, err}
					var stale *models.StaleError[models.CollaborationTask]
					if !errors.As(err, &stale) {
						return
					}
					base = stale.Current.Version // reload and reapply, as the conflict view offers
				}
			}()
		}
		close(start)
		wg.Wait()
		close(results)
		saved, conflicts := map[int]string{}, 0
		for r := range results {
			var stale *models.StaleError[models.CollaborationTask]
			switch {
			case r.err == nil:
				if prev, dup := saved[r.version]; dup {
					t.Errorf("version %d saved twice: %q and %q", r.version, prev, r.title)
				}
				saved[r.version] = r.title
			case errors.As(r.err, &stale):
				conflicts++
			default:
				t.Errorf("write %q failed: %v", r.title, r.err)
			}
		}
		if len(saved) != writers {
			t.Fatalf("%d writes saved, want every one of %d writers to succeed in the end", len(saved), writers)
		}
		final, err := s.TaskByID(ctx, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		if final.Version != 1+writers || final.Title != saved[final.Version] {
			t.Errorf("final row v%d %q, want v%d %q (the last successful write)", final.Version, final.Title, 1+writers, saved[1+writers])
		}
		updates, _, err := s.AuditEvents(ctx, models.AuditFilter{RecordType: "task", RecordID: task.ID, Action: models.AuditUpdate, Page: models.Page{Size: 200}})
		if err != nil {
			t.Fatal(err)
		}
		if len(updates) != len(saved) {
			t.Errorf("%d audit entries for %d successful writes", len(updates), len(saved))
		}
		t.Logf("%d writers: %d saves, %d conflicts answered", writers, len(saved), conflicts)
	})
}
