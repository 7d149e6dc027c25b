package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestUnpublishedTasksNeverReachThePublicPages(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		ctx := context.Background()
		if _, err := s.CreateOutcome(ctx, models.System, f.task.ID, models.OutcomeInput{Kind: "amount", Summary: "채용 비용 절감", Amount: "12", Unit: "억원"}); err != nil {
			t.Fatal(err)
		}
		onPublicSite := func() bool {
			for _, path := range []string{"/", "/rounds/2"} {
				body := do(t, f.e, http.MethodGet, path, nil, nil).Body.String()
				if strings.Contains(body, f.task.Title) || strings.Contains(body, "채용 비용 절감") {
					return true
				}
			}
			return false
		}
		if onPublicSite() {
			t.Fatal("an unpublished task is on the public site")
		}
		admin := f.signIn(t, "admin")
		preview := parseRec(t, admin.Get(f.taskPath("/publish")))
		if text(preview.Find("table.outcome-table th.task-title")) != f.task.Title || !strings.Contains(text(preview.Find("table.outcome-table")), "12억원 절감") {
			t.Errorf("the preview does not show the task as the public table will")
		}
		if onPublicSite() {
			t.Fatal("previewing published the task")
		}
		stamp, _ := preview.Find(`form[action$="/publish"] input[name=stamp]`).Attr("value")
		rec := admin.Post(f.taskPath("/publish"), url.Values{"stamp": {stamp}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("publish: %d", rec.Code)
		}
		if !onPublicSite() {
			t.Fatal("the published task is not on the public site")
		}
		// An outcome added afterwards takes the task off until it is published again.
		mss := f.signIn(t, "mss")
		if rec := mss.Post(f.taskPath("/outcomes"), url.Values{"kind": {"narrative"}, "summary": {"검토 전 성과"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("add outcome: %d", rec.Code)
		}
		if onPublicSite() {
			t.Error("a changed task stayed on the public site without being published again")
		}
		// Publishing with the old preview's stamp is refused.
		if rec := admin.Post(f.taskPath("/publish"), url.Values{"stamp": {stamp}}); rec.Code != http.StatusConflict {
			t.Errorf("publish from a stale preview: %d, want 409", rec.Code)
		}
	})
}

func TestTaskPageShowsItsHistory(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		c := f.signIn(t, "moel")
		form := taskForm(parseRec(t, c.Get(f.taskPath("/edit"))), f.itemID())
		form.Set("status", "in_progress")
		c.Post(f.taskPath(""), form)
		c.Post(f.taskPath("/outcomes"), url.Values{"kind": {"narrative"}, "summary": {"협업 체계 마련"}})
		doc := parseRec(t, c.Get(f.taskPath("")))
		rows := doc.Find("table.history-table tbody tr")
		if rows.Length() != 3 {
			t.Fatalf("history has %d rows, want 3", rows.Length())
		}
		if got := text(rows.Eq(1).Find("td").Last()); got != "진행 상태: 발굴 → 추진 중" {
			t.Errorf("the update's changes = %q", got)
		}
		if got := text(rows.Eq(0).Find("th")); got != "등록" || text(rows.Eq(0).Find("td").Eq(2)) != "성과 「협업 체계 마련」" {
			t.Errorf("the newest row = %q on %q", got, text(rows.Eq(0).Find("td").Eq(2)))
		}
		if doc.Find("table.history-table caption").Length() != 1 {
			t.Error("the history table has no caption")
		}
	})
}
