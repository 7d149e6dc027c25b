package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"strconv"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Without JavaScript a form is a page of its own: its <title> names the form,
// not the page it is part of; and an administrator's round page is titled
// apart from the public page of the same round.
func TestFormPagesHaveTheirOwnTitles(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		o, err := s.CreateOutcome(context.Background(), models.System, f.task.ID, models.OutcomeInput{Kind: "narrative", Summary: "합동 간담회를 열었다."})
		if err != nil {
			t.Fatal(err)
		}
		outcome := "/outcomes/" + strconv.FormatInt(o.ID, 10)
		c := f.signIn(t, "moel")
		title := func(path string) string {
			t.Helper()
			rec := c.Get(path)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", path, rec.Code)
			}
			return text(parseRec(t, rec).Find("head title"))
		}
		for _, tc := range []struct{ form, parent string }{
			{f.taskPath("/edit"), "/pairs/" + f.pairID},
			{"/pairs/" + f.pairID + "/tasks/new", "/pairs/" + f.pairID},
			{f.taskPath("/outcomes/new"), f.taskPath("")},
			{outcome + "/edit", f.taskPath("")},
		} {
			if got, parent := title(tc.form), title(tc.parent); got == parent {
				t.Errorf("%s is titled %q, like %s", tc.form, got, tc.parent)
			}
		}
		if got := title(f.taskPath("/edit")); got != "과제 수정: 중소기업 빈 일자리 매칭 | 전략적 인사교류 누리집" {
			t.Errorf("the task's form page is titled %q", got)
		}

		admin := f.signIn(t, "admin")
		r2, err := s.RoundByNumber(context.Background(), 2)
		if err != nil {
			t.Fatal(err)
		}
		public := text(get(t, f.e, "/rounds/2", http.StatusOK).Find("head title"))
		own := text(parseRec(t, admin.Get("/admin/rounds/"+strconv.FormatInt(r2.ID, 10))).Find("head title"))
		if own == public || own == "" {
			t.Errorf("/admin/rounds/%d is titled %q, the public /rounds/2 %q", r2.ID, own, public)
		}
	})
}

// A 422 answer's summary links each message to its field, with or without htmx.
func TestErrorSummaryLinksItsFields(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		c := f.signIn(t, "moel")
		form := taskForm(parseRec(t, c.Get(f.taskPath("/edit"))), "#task-"+strconv.FormatInt(f.task.ID, 10))
		form.Set("title", "")
		form.Set("progress", "150")
		for _, htmx := range []bool{false, true} {
			c.HTMX = htmx
			rec := c.Post(f.taskPath(""), form)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("htmx %v: the invalid save answered %d", htmx, rec.Code)
			}
			doc := parseRec(t, rec)
			var links []string
			doc.Find(".form-alert .error-links a").Each(func(_ int, a *goquery.Selection) {
				href, _ := a.Attr("href")
				links = append(links, href)
				if doc.Find(href).Length() != 1 || text(a) == "" {
					t.Errorf("htmx %v: the summary link %s (%q) leads to no field", htmx, href, text(a))
				}
			})
			if len(links) != 2 {
				t.Errorf("htmx %v: the summary links %q, want the title and the progress", htmx, links)
			}
		}
	})
}

// A pair nobody has moved yet says so in a sentence instead of an empty table;
// the ↔ between two positions is hidden from screen readers, which read 맞교류.
func TestPairPageReadsWellWithoutAMoveAndBetweenPositions(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := handlerstest.NewClient(t, e)
		c.Login("admin", models.DemoPassword)
		rec := c.Get("/pairs/" + strconv.FormatInt(modelstest.Round2Pair(t, s, "moel", "mss").ID, 10)) // seeded, never moved in the app
		if rec.Code != http.StatusOK {
			t.Fatalf("the pair page answered %d", rec.Code)
		}
		doc := parseRec(t, rec)
		history := doc.Find("#history-title").Parent()
		if history.Find("table").Length() != 0 || history.Find("p").Length() == 0 {
			t.Errorf("a pair without moves still draws the 상태 이력 table")
		}
		ws := parseRec(t, c.Get("/workspace"))
		ws.Find("main td").Each(func(_ int, td *goquery.Selection) {
			if _, ok := td.Attr("aria-label"); ok {
				t.Errorf("a cell carries an aria-label: %s", text(td))
			}
		})
		if ws.Find(`main td span[aria-hidden="true"] + span.sr-only`).Length() == 0 {
			t.Errorf("the workspace's positions are not joined by a hidden ↔ and a read 맞교류")
		}
	})
}
