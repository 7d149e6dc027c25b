package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestAnAdminCreatesARoundAndMovesItThroughItsStages(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := signIn(t, e, "admin")
		c.Get("/admin/rounds/new")
		rec := c.Post("/admin/rounds", url.Values{"number": {"2"}, "title": {""}, "planned_director_general": {"넷"}, "proposals_due_on": {"2025-02-30"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid round = %d, want 422", rec.Code)
		}
		doc := parse(t, rec.Body.String())
		for _, field := range []string{"number", "title", "planned_director_general", "proposals_due_on"} {
			if msg := text(doc.Find("#f-" + field + "-error")); msg == "" {
				t.Errorf("no Korean message next to %s", field)
			}
		}
		rec = c.Post("/admin/rounds", url.Values{"number": {"3"}, "title": {"3차 전략적 인사교류"}, "planned_director_general": {"4"},
			"planned_division_director": {"10"}, "proposals_due_on": {"2025-06-30"}, "exchange_starts_on": {"2025-09-01"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create round = %d\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		roundURL := rec.Header().Get("Location")
		stage := func() string {
			doc := parse(t, c.Get(roundURL).Body.String())
			return text(doc.Find(".round-stages [aria-current=step] strong"))
		}
		if got := stage(); got != "준비" {
			t.Errorf("new round's stage = %q", got)
		}
		if rec := c.Post(roundURL+"/status", url.Values{"to": {"selected"}}); rec.Code != http.StatusConflict {
			t.Errorf("skipping a stage = %d, want 409", rec.Code)
		}
		for _, want := range []string{"proposals", "selected", "active", "closed"} {
			if rec := c.Post(roundURL+"/status", url.Values{"to": {want}}); rec.Code != http.StatusSeeOther {
				t.Fatalf("advance to %s = %d", want, rec.Code)
			}
		}
		doc = parse(t, c.Get(roundURL).Body.String())
		if got := text(doc.Find(".round-stages [aria-current=step] strong")); got != "종료" || doc.Find(`form[action$="/status"]`).Length() != 0 {
			t.Errorf("closed round: stage %q, still offers a next stage: %v", got, doc.Find(`form[action$="/status"]`).Length() != 0)
		}
		if v := doc.Find("#f-proposals_due_on").AttrOr("value", ""); v != "2025-06-30" {
			t.Errorf("proposals due = %q", v)
		}
	})
}

func TestTheRoundPageCountsPlannedProposedAndSelectedPerGrade(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r := modelstest.OpenRound(t, s, 3)
		modelstest.Propose(t, s, "moel", "mss", r.ID)
		withdrawn := modelstest.Propose(t, s, "moef", "mss", r.ID)
		if _, err := s.ChangePairStatus(t.Context(), modelstest.As(t, s, "moef"), withdrawn.ID, models.PairWithdrawn, ""); err != nil {
			t.Fatal(err)
		}
		doc := parse(t, signIn(t, e, "admin").Get("/admin/rounds/"+itoa64(r.ID)).Body.String())
		assertAccessibleTables(t, doc)
		got := map[string]string{}
		doc.Find("table.round-counts tbody tr").Each(func(_ int, tr *goquery.Selection) {
			got[text(tr.Find("th"))] = strings.Join(tr.Find("td").Map(func(_ int, td *goquery.Selection) string { return text(td) }), " ")
		})
		if got["과장급"] != "0 2 0" || got["국장급"] != "0 0 0" {
			t.Errorf("counts (planned proposed selected) = %v, want 과장급 0 2 0, 국장급 0 0 0", got)
		}
	})
}

func TestAnAdminAddsEditsAndDeactivatesAMinistry(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := signIn(t, e, "admin")
		c.Get("/admin/ministries/new")
		rec := c.Post("/admin/ministries", url.Values{"name": {"고용노동부"}, "short_name": {"노동부"}, "code": {"moel"}, "kind": {"ministry"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("duplicate ministry = %d, want 422", rec.Code)
		}
		doc := parse(t, rec.Body.String())
		if !strings.Contains(text(doc.Find("#f-code-error")), "이미") || !strings.Contains(text(doc.Find("#f-name-error")), "이미") {
			t.Errorf("duplicates not shown as Korean field errors: code %q, name %q", text(doc.Find("#f-code-error")), text(doc.Find("#f-name-error")))
		}
		rec = c.Post("/admin/ministries", url.Values{"name": {"행정안전부"}, "short_name": {"행안부"}, "code": {"mois"}, "kind": {"ministry"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create = %d", rec.Code)
		}
		mURL := rec.Header().Get("Location")
		if rec := c.Post(mURL, url.Values{"name": {"행정안전부"}, "short_name": {"행안부"}, "code": {"mois"}, "kind": {"office"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("update = %d", rec.Code)
		}
		if rec := c.Post(mURL+"/active", url.Values{"active": {"0"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("deactivate = %d", rec.Code)
		}
		doc = parse(t, c.Get("/admin/ministries").Body.String())
		row := doc.Find("table tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool { return text(tr.Find("th")) == "행안부" })
		if got := text(row); !strings.Contains(got, "실") || !strings.Contains(got, "중지") {
			t.Errorf("ministry row = %q, want kind 실 and 중지", got)
		}
		moel := signIn(t, e, "moel")
		if doc := parse(t, moel.Get("/pairs/new").Body.String()); doc.Find("option:contains('행안부')").Length() != 0 {
			t.Error("an inactive ministry is offered as a counterpart")
		}
	})
}

// A round form with a word where a number belongs saves nothing and writes no
// audit event; the same form corrected then saves, on creation and on update.
func TestARoundFormWithANonNumberSavesNothingAndTheCorrectedFormSaves(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := signIn(t, e, "admin")
		count := func(model any) int64 {
			t.Helper()
			var n int64
			if err := s.DB().Model(model).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		rounds, events := count(&models.Round{}), count(&models.AuditEvent{})
		form := url.Values{"number": {"7"}, "title": {"7차 전략적 인사교류"}, "planned_director_general": {"abc"},
			"planned_division_director": {"10"}}
		c.Get("/admin/rounds/new")
		rec := c.Post("/admin/rounds", form)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("create with planned_director_general=abc = %d, want 422", rec.Code)
		}
		doc := parse(t, rec.Body.String())
		if msg := text(doc.Find("#f-planned_director_general-error")); msg != "숫자로 입력해 주십시오." {
			t.Errorf("message next to the field = %q", msg)
		}
		if v := doc.Find("#f-planned_director_general").AttrOr("value", ""); v != "abc" {
			t.Errorf("the form shows %q, want what was typed (abc)", v)
		}
		if n, m := count(&models.Round{}), count(&models.AuditEvent{}); n != rounds || m != events {
			t.Fatalf("an invalid form saved: rounds %d → %d, audit events %d → %d", rounds, n, events, m)
		}
		form.Set("planned_director_general", "4")
		rec = c.Post("/admin/rounds", form)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("the corrected form = %d, want 303\n%s", rec.Code, truncate(rec.Body.String(), 600))
		}
		roundURL := rec.Header().Get("Location")

		form.Set("title", "7차 (수정)")
		form.Set("planned_division_director", "열")
		if rec := c.Post(roundURL, form); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("update with planned_division_director=열 = %d, want 422", rec.Code)
		}
		var r models.Round
		if err := s.DB().Where("number = 7").Take(&r).Error; err != nil {
			t.Fatal(err)
		}
		if r.Title != "7차 전략적 인사교류" || r.PlannedDivisionDirector != 10 {
			t.Errorf("an invalid update saved: %q, %d", r.Title, r.PlannedDivisionDirector)
		}
		form.Set("planned_division_director", "12")
		if rec := c.Post(roundURL, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("the corrected update = %d, want 303", rec.Code)
		}
		if err := s.DB().Where("number = 7").Take(&r).Error; err != nil {
			t.Fatal(err)
		}
		if r.Title != "7차 (수정)" || r.PlannedDivisionDirector != 12 || r.PlannedDirectorGeneral != 4 {
			t.Errorf("saved round = %q, %d, %d", r.Title, r.PlannedDirectorGeneral, r.PlannedDivisionDirector)
		}
	})
}
