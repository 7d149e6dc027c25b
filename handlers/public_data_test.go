package handlers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

var (
	pairsHeader    = "차수|연번|구분|협업 분야|가 부처|가 부처 정식 명칭|가 부처 직위|나 부처|나 부처 정식 명칭|나 부처 직위|진행 단계|동반 교류자 수"
	outcomesHeader = "차수|가 부처|나 부처|협업과제|과제 구분|성과 유형|주요 성과|지표명|이전 값|이전 시점|이후 값|이후 시점|단위|좋은 방향|절감액|변화 (계산값)"
	gradesHeader   = "평가명|평가 대상 기간 시작일|평가 대상 기간 종료일|대상 차수|평가한 협업과제 수|등급을 받은 협업과제 수|등급|기준 점수|협업과제 수|비율 (계산값)|공개일"
)

// readCSV reads a public CSV file, which must start with a BOM.
func readCSV(t *testing.T, e http.Handler, path string) [][]string {
	t.Helper()
	rec := do(t, e, http.MethodGet, path, nil, nil)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(body, "\uFEFF") {
		t.Fatalf("%s: %d, starts with a BOM: %v", path, rec.Code, strings.HasPrefix(body, "\uFEFF"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// readXLSX reads the first sheet of a public XLSX file, failing on any formula.
func readXLSX(t *testing.T, e http.Handler, path string) [][]string {
	t.Helper()
	rec := do(t, e, http.MethodGet, path, nil, nil)
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
				t.Errorf("%s %s is a formula: %q", path, cell, formula)
			}
		}
	}
	return rows
}

func TestPublicDataDownloads(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})

		for _, path := range []string{"/data/pairs.csv", "/data/pairs.xlsx"} {
			var rows [][]string
			if strings.HasSuffix(path, ".csv") {
				rows = readCSV(t, e, path)
			} else {
				rows = readXLSX(t, e, path)
			}
			if len(rows) != 1+14 || strings.Join(rows[0], "|") != pairsHeader {
				t.Fatalf("%s: %d rows, header %q; want 15 rows under %q", path, len(rows), strings.Join(rows[0], "|"), pairsHeader)
			}
			want := "2|1|과장급|중소기업 인력난 해소를 위한 고용지원 강화|고용부|고용노동부|기업일자리지원과장|중기부|중소벤처기업부|인력정책과장|선정|해당 없음"
			if got := strings.Join(rows[6], "|"); got != want { // after round 1's five pairs
				t.Errorf("%s: round 2's first pair = %q, want %q", path, got, want)
			}
			if got := strings.Join(rows[1], "|"); got != "1|미공개|미공개|미공개|국토부|국토교통부|미공개|환경부|환경부|미공개|교류 중|미공개" {
				t.Errorf("%s: round 1's first pair = %q, want what is not published as 미공개", path, got)
			}
		}

		// Outcomes: Korean values, the change marked as computed, JSON in plain UTF-8.
		rows := readCSV(t, e, "/data/outcomes.csv")
		if strings.Join(rows[0], "|") != outcomesHeader || len(rows) != 1+7 {
			t.Fatalf("outcomes.csv: %d rows, header %q", len(rows), strings.Join(rows[0], "|"))
		}
		want := "1|국토부|환경부|용인반도체 산단 신속 조성|행정 효율성|지표 (이전·이후)|환경영향평가 기간 통상 1년 → 4개월|환경영향평가 기간 (이전 값은 통상 걸리던 기간)|12|미공개|4|미공개|개월|낮을수록 좋음|해당 없음|67% 감소"
		if got := strings.Join(rows[1], "|"); got != want {
			t.Errorf("the 환경영향평가 row = %q\nwant %q", got, want)
		}
		// 미공개 only where the source holds a value back; a field that does not
		// apply to the row (a narrative's unit, a saving's before value) is 해당 없음.
		col := map[string]int{}
		for i, h := range rows[0] {
			col[strings.TrimPrefix(h, "\ufeff")] = i
		}
		for _, r := range rows[1:] {
			var na []string
			switch r[col["성과 유형"]] {
			case "서술":
				na = []string{"지표명", "이전 값", "이전 시점", "이후 값", "이후 시점", "단위", "좋은 방향", "절감액", "변화 (계산값)"}
			case "절감액":
				na = []string{"이전 값", "이전 시점", "이후 값", "이후 시점", "좋은 방향", "변화 (계산값)"}
			case "지표 (이전·이후)":
				na = []string{"절감액"}
			}
			for _, name := range na {
				if got := r[col[name]]; got != "해당 없음" {
					t.Errorf("outcomes.csv %q: %s = %q, want 해당 없음", r[col["주요 성과"]], name, got)
				}
			}
		}
		if got := strings.Join(readXLSX(t, e, "/data/outcomes.xlsx")[0], "|"); got != outcomesHeader {
			t.Errorf("outcomes.xlsx header = %q", got)
		}
		rec := do(t, e, http.MethodGet, "/data/outcomes.json", nil, nil)
		if bytes.Contains(rec.Body.Bytes(), []byte(`\u`)) {
			t.Error("outcomes.json has \\u escapes, want plain UTF-8")
		}
		var records []map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &records); err != nil || len(records) != 7 {
			t.Fatalf("outcomes.json: %v, %d records", err, len(records))
		}
		if m := records[0]; m["이전 값"] != 12.0 || m["이후 값"] != 4.0 || m["단위"] != "개월" || m["좋은 방향"] != "낮을수록 좋음" || m["이전 시점"] != nil {
			t.Errorf("the 환경영향평가 record = %v", m)
		}
		for _, path := range []string{"/data/pairs.csv", "/data/pairs.json", "/data/outcomes.csv", "/data/outcomes.json"} {
			body := do(t, e, http.MethodGet, path, nil, nil).Body.String()
			for _, code := range []string{"metric", "lower", "higher", "narrative", "amount", "division_director", "public_benefit"} {
				if strings.Contains(body, code) {
					t.Errorf("%s carries the code %q", path, code)
				}
			}
		}

		// An unpublished task never reaches public data.
		s.DB().Exec("UPDATE collaboration_tasks SET published = ? WHERE title = ?", false, "국내관광과 결합한 크루즈 관광 활성화")
		s.ChangedBySQL(context.Background())
		for _, path := range []string{"/data/outcomes.csv", "/data/outcomes.json", "/data/outcomes.xlsx", "/"} {
			if body := do(t, e, http.MethodGet, path, nil, nil).Body.String(); strings.Contains(body, "크루즈") {
				t.Errorf("%s shows an unpublished task", path)
			}
		}
		if rec := do(t, e, http.MethodGet, "/data/pairs.xml", nil, nil); rec.Code != http.StatusNotFound {
			t.Errorf("pairs.xml = %d, want 404", rec.Code)
		}
	})
}

// A published title that looks like a formula is written inert in every file.
func TestPublicDataNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		const title = `=HYPERLINK("http://evil.example","x")`
		publishTask(t, s, modelstest.Round2Pair(t, s, "moel", "mss").ID, title)
		found := 0
		for _, rows := range [][][]string{readCSV(t, e, "/data/outcomes.csv"), readXLSX(t, e, "/data/outcomes.xlsx")} {
			for _, row := range rows {
				if strings.HasSuffix(row[3], title) {
					found++
					if row[3] != "'"+title {
						t.Errorf("the formula-like title is written %q, want it behind an apostrophe", row[3])
					}
				}
			}
		}
		if found != 2 {
			t.Errorf("the formula-like title is in %d of the 2 files", found)
		}
	})
}

// /data describes every column of every file, and the site links to it.
func TestDataGuideDescribesEveryColumn(t *testing.T) {
	t.Parallel()
	modelstest.AnySeeded(t, func(t *testing.T, s *models.Store) {
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		doc := get(t, e, "/data", http.StatusOK)
		var described []string
		doc.Find("table.data-columns tbody th").Each(func(_ int, th *goquery.Selection) { described = append(described, text(th)) })
		if got := strings.Join(described, "|"); got != pairsHeader+"|"+outcomesHeader+"|"+gradesHeader {
			t.Errorf("/data describes %q", got)
		}
		for _, f := range []string{"/data/pairs.csv", "/data/pairs.xlsx", "/data/pairs.json", "/data/outcomes.csv", "/data/outcomes.xlsx", "/data/outcomes.json",
			"/data/grades.csv", "/data/grades.xlsx", "/data/grades.json"} {
			if doc.Find(`a[href="`+f+`"]`).Length() != 1 {
				t.Errorf("/data does not link %s", f)
			}
		}
		if get(t, e, "/", http.StatusOK).Find(`a[href="/data"]`).Length() == 0 {
			t.Error("the home page does not link /data")
		}
	})
}
