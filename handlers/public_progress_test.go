package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// stageOfPair finds the 고용부–중기부 pair in round 2's table on page: its
// stage cell and the address of its page.
func stageOfPair(t *testing.T, doc *goquery.Document) (stage, url string) {
	t.Helper()
	doc.Find("table.pair-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if strings.Contains(text(tr), "기업일자리지원과장") {
			stage = text(tr.Find("td.pair-stage"))
			url, _ = tr.Find("td.theme a").Attr("href")
		}
	})
	if url == "" {
		t.Fatal("no row of 기업일자리지원과장 in the pair table")
	}
	return stage, url
}

// A round-2 pair shows, on /, its page and /data/pairs.json, how far its
// exchange has come and how many companions moved, and never who.
func TestAPairInExchangeShowsItsStageAndCompanionsWithoutNames(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")

		stage, _ := stageOfPair(t, get(t, e, "/", http.StatusOK))
		if stage != "선정" {
			t.Errorf("before any nomination / shows the pair as %q, want 선정", stage)
		}
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		if stage, _ = stageOfPair(t, get(t, e, "/", http.StatusOK)); stage != "교류자 선발 중" {
			t.Errorf("with a nomination submitted / shows %q, want 교류자 선발 중", stage)
		}
		admin := modelstest.As(t, s, "admin")
		n = modelstest.Consent(t, s, n)
		n, err := s.MoveNomination(ctx, admin, n.ID, models.MoveApprove, models.MoveInput{Version: n.Version})
		if err != nil {
			t.Fatal(err)
		}
		if _, err = s.MoveNomination(ctx, admin, n.ID, models.MoveStart, models.MoveInput{Version: n.Version, Date: "2025-01-20"}); err != nil {
			t.Fatal(err)
		}

		home := get(t, e, "/", http.StatusOK)
		stage, pairURL := stageOfPair(t, home)
		if stage != "교류 중 · 동반 교류자 1명" {
			t.Errorf("/ shows the pair in exchange as %q", stage)
		}
		var roundRow string
		home.Find("table.round-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
			if strings.HasPrefix(text(tr.Find("th")), "2차") {
				roundRow = text(tr.Find("td.round-progress"))
			}
		})
		if roundRow != "교류 중 1쌍 · 선정 8쌍 · 동반 교류자 1명" {
			t.Errorf("/ round 2's progress = %q", roundRow)
		}
		facts := func(path string) string {
			var fl []string
			get(t, e, path, http.StatusOK).Find("dl.facts > div").Each(func(_ int, d *goquery.Selection) {
				fl = append(fl, text(d.Find("dt"))+" "+text(d.Find("dd")))
			})
			return strings.Join(fl, " | ")
		}
		if f := facts(pairURL); !strings.Contains(f, "진행 단계 교류 중") || !strings.Contains(f, "동반 교류 동반 교류자 1명") {
			t.Errorf("%s facts = %q", pairURL, f)
		}
		if f := facts("/en" + pairURL); !strings.Contains(f, "Stage In exchange") || !strings.Contains(f, "Companion exchange companions: 1") {
			t.Errorf("/en%s facts = %q", pairURL, f)
		}

		rec := do(t, e, http.MethodGet, "/data/pairs.json", nil, nil)
		var rows []map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &rows); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rows {
			if r["가 부처 직위"] == "기업일자리지원과장" {
				found = true
				if r["진행 단계"] != "교류 중" || r["동반 교류자 수"] != 1.0 {
					t.Errorf("pairs.json: stage %v, companions %v", r["진행 단계"], r["동반 교류자 수"])
				}
			} else if r["차수"] == 2.0 && (r["진행 단계"] != "선정" || r["동반 교류자 수"] != nil) {
				t.Errorf("pairs.json: a pair nobody was nominated for: stage %v, companions %v", r["진행 단계"], r["동반 교류자 수"])
			}
		}
		if !found {
			t.Error("pairs.json lacks the pair")
		}
		for _, path := range []string{"/", pairURL, "/en" + pairURL, "/data/pairs.json", "/data/pairs.csv"} {
			body := do(t, e, http.MethodGet, path, nil, nil).Body.String()
			for _, name := range []string{modelstest.TestExchangee, modelstest.TestCompanion} {
				if strings.Contains(body, name) {
					t.Errorf("%s names %q", path, name)
				}
			}
		}
	})
}
