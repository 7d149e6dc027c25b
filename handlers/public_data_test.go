package handlers_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestPublicDataDownloads(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := newRouter(t, s, handlers.Config{})

		rec := do(t, e, http.MethodGet, "/data/pairs.csv", nil, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.HasPrefix(body, "\uFEFF") {
			t.Fatalf("pairs.csv: %d, starts with a BOM: %v", rec.Code, strings.HasPrefix(body, "\uFEFF"))
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1+14 {
			t.Errorf("pairs.csv has %d rows, want a header and 14 pairs", len(rows))
		}
		want := []string{"2", "1", "과장급", "중소기업 인력난 해소를 위한 고용지원 강화", "고용부", "기업일자리지원과장", "중기부", "인력정책과장"}
		if strings.Join(rows[6], "|") != strings.Join(want, "|") { // after round 1's five pairs
			t.Errorf("round 2's first pair row = %v, want %v", rows[6], want)
		}
		if strings.Join(rows[1], "|") != "1||||국토부||환경부|" {
			t.Errorf("round 1's first pair row = %v, want unknown titles left empty", rows[1])
		}

		// An unpublished task never reaches public data.
		if err := s.DB().Exec("UPDATE collaboration_tasks SET published = ? WHERE title = ?", false, "국내관광과 결합한 크루즈 관광 활성화").Error; err != nil {
			t.Fatal(err)
		}
		rec = do(t, e, http.MethodGet, "/data/outcomes.json", nil, nil)
		var tasks []struct {
			Task     string `json:"task"`
			Outcomes []struct {
				Kind        string   `json:"kind"`
				ValueBefore *float64 `json:"value_before"`
				ValueAfter  *float64 `json:"value_after"`
				Unit        string   `json:"unit"`
				Better      *string  `json:"better"`
			} `json:"outcomes"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &tasks); err != nil {
			t.Fatalf("outcomes.json: %v", err)
		}
		if len(tasks) != 4 {
			t.Errorf("outcomes.json has %d tasks, want the 4 still published", len(tasks))
		}
		for _, task := range tasks {
			if task.Task == "국내관광과 결합한 크루즈 관광 활성화" {
				t.Error("an unpublished task is in the public data")
			}
			if task.Task == "용인반도체 산단 신속 조성" {
				m := task.Outcomes[0]
				if m.Kind != "metric" || *m.ValueBefore != 12 || *m.ValueAfter != 4 || m.Unit != "개월" || *m.Better != "lower" {
					t.Errorf("the 환경영향평가 metric is %+v", m)
				}
			}
		}
		if doc := get(t, e, "/", http.StatusOK); strings.Contains(text(doc.Find(".outcome-table")), "크루즈") {
			t.Error("an unpublished task is on the public page")
		}
		if rec := do(t, e, http.MethodGet, "/data/pairs.xml", nil, nil); rec.Code != http.StatusNotFound {
			t.Errorf("pairs.xml = %d, want 404", rec.Code)
		}
		for _, personal := range []string{"044-", "@"} {
			for _, path := range []string{"/data/pairs.csv", "/data/pairs.json", "/data/outcomes.csv", "/data/outcomes.json"} {
				if strings.Contains(do(t, e, http.MethodGet, path, nil, nil).Body.String(), personal) {
					t.Errorf("%s contains %q", path, personal)
				}
			}
		}
	})
}
