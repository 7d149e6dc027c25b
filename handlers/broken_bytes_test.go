package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// formFields are the names of every field the app's forms send.
var formFields = []string{"login", "password", "next", "current_password", "new_password", "new_password_confirm",
	"display_name", "role", "ministry_id", "email", "phone", "active", "code", "short_name", "name", "kind",
	"number", "title", "planned_director_general", "planned_division_director", "schedule_note", "proposals_due_on",
	"selected_on", "exchange_starts_on", "evaluation_on", "announce_at", "to", "q", "reason", "theme", "grade",
	"position_title", "counterpart_ministry_id", "counterpart_title", "rationale", "agenda_task", "round_id",
	"description", "category", "status", "progress", "national_agenda", "starts_on", "due_on", "version",
	"kind", "summary", "label", "value_before", "value_after", "amount", "unit", "period_before", "period_after",
	"better", "evidence_url", "stamp", "rows", "file_name", "action"}

// rowCounts counts the rows of every table.
func rowCounts(t *testing.T, s *models.Store) map[string]int64 {
	t.Helper()
	tables, err := s.DB().Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, table := range tables {
		var n int64
		if err := s.DB().Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}

// TestBrokenBytesAreRefusedOnEveryRoute sends NUL, a byte that is not UTF-8
// and another control character to every route of the table, as a signed-in
// administrator: in the query string, in the path, and in every form field
// (urlencoded and multipart). Nothing answers 5xx and nothing is stored.
func TestBrokenBytesAreRefusedOnEveryRoute(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		var routes, logout []handlers.Route // signing out goes last, so every other route is tried signed in
		for _, r := range handlerstest.Routes(t, s) {
			if r.Name == "logout" {
				logout = append(logout, r)
			} else {
				routes = append(routes, r)
			}
		}
		routes = append(routes, logout...)
		for name, bad := range map[string]string{"NUL": "a\x00b", "not UTF-8": "a\xffb", "control": "a\x01b"} {
			admin := handlerstest.NewClient(t, e)
			admin.Login("admin", models.DemoPassword)
			before := rowCounts(t, s)
			for _, r := range routes {
				target := concrete(r.Path, map[string]string{"number": "2"}) + "?q=" + url.QueryEscape(bad) + "&action=" + url.QueryEscape(bad)
				var recs []*httptest.ResponseRecorder
				if r.Method == http.MethodGet {
					recs = append(recs, admin.Do(http.MethodGet, target, nil, nil))
					if strings.Contains(r.Path, ":") {
						recs = append(recs, admin.Do(http.MethodGet, concrete(r.Path, map[string]string{"id": url.PathEscape(bad), "number": url.PathEscape(bad), "token": url.PathEscape(bad)}), nil, nil))
					}
				} else {
					form := url.Values{}
					for _, f := range formFields {
						form.Set(f, bad)
					}
					recs = append(recs, admin.Post(concrete(r.Path, map[string]string{"number": "2"}), form))
					recs = append(recs, admin.Upload(concrete(r.Path, nil), form, "", nil))
				}
				for _, rec := range recs {
					if rec.Code >= 500 {
						t.Errorf("%s to %s %s: %d\n%s", name, r.Method, r.Path, rec.Code, truncate(rec.Body.String(), 300))
					}
				}
			}
			after := rowCounts(t, s)
			for table, n := range after {
				if n != before[table] {
					t.Errorf("%s: %s has %d rows, had %d", name, table, n, before[table])
				}
			}
		}
		// Cells reach the import as JSON, where a NUL is escaped text: the
		// import's own check refuses the row.
		admin := handlerstest.NewClient(t, e)
		admin.Login("admin", models.DemoPassword)
		r2, _ := s.RoundByNumber(t.Context(), 2)
		before := rowCounts(t, s)
		admin.Get("/admin/rounds/" + itoa64(r2.ID) + "/import")
		payload := `[{"Line":2,"Number":"10","Grade":"과장급","Theme":"a\u0000b","PositionA":"고용부 (가과장)","PositionB":"중기부 (나과장)"}]`
		rec := admin.Post("/admin/rounds/"+itoa64(r2.ID)+"/import/confirm", url.Values{"rows": {payload}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "쓸 수 없는 문자") {
			t.Errorf("a NUL in an imported cell: %d", rec.Code)
		}
		if after := rowCounts(t, s); after["exchange_pairs"] != before["exchange_pairs"] || after["positions"] != before["positions"] {
			t.Error("a row with a NUL was imported")
		}
		// The refusal is a Korean page.
		rec = handlerstest.NewClient(t, e).Do(http.MethodGet, "/?q=%00", nil, nil)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "쓸 수 없는 문자") {
			t.Errorf("GET /?q=%%00: %d", rec.Code)
		}
	})
}
