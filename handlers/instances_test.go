package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestTwoInstancesOnOnePostgreSQLShareSessionsThrottlesAndVersions runs two app
// instances (each its own store, pool and router) on one PostgreSQL database, as
// two replicas behind a load balancer do: nothing that matters lives in memory.
func TestTwoInstancesOnOnePostgreSQLShareSessionsThrottlesAndVersions(t *testing.T) {
	t.Parallel()
	first := modelstest.New(t, models.DialectPostgres)
	f := newTaskFixture(t, first)
	second, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: first.URL()})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if err := second.Migrate(context.Background()); err != nil {
		t.Fatalf("the second instance's start-up migration: %v", err)
	}
	one, two := f.e, handlerstest.NewRouter(t, second, handlers.Config{})

	t.Run("a session made on one instance is valid on the other", func(t *testing.T) {
		c := handlerstest.NewClient(t, one)
		c.Login("moel", models.DemoPassword)
		c.Handler = two
		if rec := c.Get("/workspace"); rec.Code != http.StatusOK {
			t.Fatalf("GET /workspace on the second instance = %d, want 200", rec.Code)
		}
		if rec := c.Post("/logout", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("logout on the second instance = %d", rec.Code)
		}
		c.Handler = one
		if rec := c.Get("/workspace"); rec.Code == http.StatusOK {
			t.Error("the session ended on the second instance still works on the first")
		}
	})

	t.Run("a login throttle counted on one instance holds on the other", func(t *testing.T) {
		c := handlerstest.NewClient(t, one)
		c.Remote = "198.51.100.7:40000" // its own address, so only this client's tries count against it
		c.Get("/login")
		for i := range 6 {
			rec := c.Post("/login", url.Values{"login": {"moef"}, "password": {"not the password"}})
			if rec.Code != http.StatusUnauthorized && rec.Code != http.StatusTooManyRequests {
				t.Fatalf("failure %d = %d", i+1, rec.Code)
			}
		}
		c.Handler = two
		c.Get("/login")
		rec := c.Post("/login", url.Values{"login": {"moef"}, "password": {models.DemoPassword}})
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
			t.Errorf("the right password on the second instance = %d (Retry-After %q), want 429 while locked",
				rec.Code, rec.Header().Get("Retry-After"))
		}
	})

	t.Run("an edit on one instance makes a stale edit on the other conflict", func(t *testing.T) {
		moel, mss := handlerstest.NewClient(t, one), handlerstest.NewClient(t, two)
		moel.Login("moel", models.DemoPassword)
		mss.Login("mss", models.DemoPassword)
		moelForm := taskForm(parseRec(t, moel.Get(f.taskPath("/edit"))), f.itemID())
		mssForm := taskForm(parseRec(t, mss.Get(f.taskPath("/edit"))), f.itemID())
		moelForm.Set("title", "첫 인스턴스에서 저장한 제목")
		if rec := moel.Post(f.taskPath(""), moelForm); rec.Code != http.StatusSeeOther {
			t.Fatalf("the first save = %d", rec.Code)
		}
		mssForm.Set("title", "둘째 인스턴스에서 늦게 저장한 제목")
		if rec := mss.Post(f.taskPath(""), mssForm); rec.Code != http.StatusConflict {
			t.Fatalf("the stale save on the other instance = %d, want 409", rec.Code)
		}
		now, err := second.TaskByID(context.Background(), f.task.ID)
		if err != nil || now.Version != 2 || now.Title != "첫 인스턴스에서 저장한 제목" {
			t.Errorf("the task is v%d %q (%v), want v2 with the first save", now.Version, now.Title, err)
		}
	})
}
