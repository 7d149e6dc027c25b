package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestProgressShowsACoordinatorTheirOwnMinistry(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		doc := parseRec(t, f.signIn(t, "mss").Get("/progress?round=2"))
		if doc.Find("select[name=ministry]").Length() != 0 {
			t.Error("a coordinator may choose another ministry")
		}
		total := doc.Find("table.progress-table").First().Find("tfoot td.num").Last()
		if text(total) != "1" {
			t.Errorf("mss's round-2 total = %q, want 1", text(total))
		}
		var ministries []string
		doc.Find("table.progress-table").Last().Find("tbody th[scope=row]").Each(func(_ int, th *goquery.Selection) {
			ministries = append(ministries, text(th))
		})
		if strings.Join(ministries, ",") != "중기부" {
			t.Errorf("mss sees ministries %v, want only 중기부", ministries)
		}
		adoc := parseRec(t, f.signIn(t, "admin").Get("/progress"))
		if adoc.Find("select[name=ministry]").Length() != 1 {
			t.Error("an administrator cannot choose a ministry")
		}
		if got := text(adoc.Find("table.progress-table").First().Find("tfoot td.num").Last()); got != "6" {
			t.Errorf("every round's total = %q, want 6 (5 seeded + 1)", got)
		}
	})
}

// Progress nobody entered is unknown, not 0%: a seeded round-1 task shows
// 진척률 미입력 until someone enters it, and /progress averages only what was
// entered, saying how many tasks are 미입력.
func TestProgressNobodyEnteredIsUnknownNotZero(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		moel := handlerstest.NewClient(t, e)
		moel.Login("moel", models.DemoPassword)
		var task models.CollaborationTask
		if err := s.DB().Joins("JOIN exchange_pairs p ON p.id = collaboration_tasks.pair_id").
			Joins("JOIN ministries m ON m.id = p.ministry_a_id OR m.id = p.ministry_b_id").
			Where("m.code = ?", "moel").Take(&task).Error; err != nil {
			t.Fatal(err)
		}
		if task.Progress != nil {
			t.Fatalf("the seed sets progress %d%%, which the source does not give", *task.Progress)
		}
		path := "/tasks/" + itoa64(task.ID)
		if got := text(parseRec(t, moel.Get(path)).Find(".task-progress-value")); got != "미입력" {
			t.Errorf("a round-1 task's progress reads %q, want 미입력", got)
		}
		avg := func() string {
			return text(parseRec(t, moel.Get("/progress")).Find("table.progress-table").Last().Find("tbody tr").First().Find("td").Last())
		}
		if got := avg(); got != "미입력" {
			t.Errorf("moel's average progress with nothing entered = %q, want 미입력", got)
		}
		// An empty progress is accepted, and stays empty.
		form := taskForm(parseRec(t, moel.Get(path+"/edit")), "#task-"+itoa64(task.ID))
		form.Set("progress", "")
		form.Set("status", "in_progress") // the seed does not know it either
		if rec := moel.Post(path, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("saving with progress left empty = %d, want 303", rec.Code)
		}
		form = taskForm(parseRec(t, moel.Get(path+"/edit")), "#task-"+itoa64(task.ID))
		form.Set("progress", "40")
		if rec := moel.Post(path, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("saving progress 40 = %d, want 303", rec.Code)
		}
		if got := text(parseRec(t, moel.Get(path)).Find(".task-progress-value")); got != "40%" {
			t.Errorf("after entering 40 the progress reads %q", got)
		}
		// moel is in two round-1 pairs with tasks; one entered, the other not.
		if got := avg(); got != "40%" && !strings.HasPrefix(got, "40% (입력한 1건 평균, 미입력 ") {
			t.Errorf("moel's average progress = %q, want 40%% of the one entered, the rest counted as 미입력", got)
		}
	})
}
