package handlers_test

import (
	"bytes"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models/sheet"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// resolved is a list's rows as saved: 구분 carried down and spaces removed from it.
func resolved(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	grade := ""
	for i, r := range rows {
		if r[1] != "" {
			grade = strings.ReplaceAll(r[1], " ", "")
		}
		out[i] = []string{r[0], grade, r[2], r[3], r[4]}
	}
	return out
}

func cellsOf(rows []sheet.Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = []string{r.Number, r.Grade, r.Theme, r.PositionA, r.PositionB}
	}
	return out
}

func previewErrors(doc *goquery.Document) map[string][]string {
	errs := map[string][]string{}
	doc.Find("table.import-preview tbody tr").Each(func(_ int, tr *goquery.Selection) {
		line := text(tr.Find("th[scope=row]"))
		errs[line] = nil
		tr.Find(".row-errors li").Each(func(_ int, li *goquery.Selection) { errs[line] = append(errs[line], text(li)) })
	})
	return errs
}

func TestTheNineRound2PairsImportFromAnXLSXAndExportTheSame(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r, err := s.CreateRound(t.Context(), modelstest.As(t, s, "admin"), models.RoundInput{Number: "3", Title: "빈 차수"})
		if err != nil {
			t.Fatal(err)
		}
		base := "/admin/rounds/" + itoa64(r.ID)
		c := signIn(t, e, "admin")
		c.Get(base + "/import")
		rec := c.Upload(base+"/import", nil, "2차_대상직위.xlsx", modelstest.AttachmentXLSX(t, modelstest.Round2))
		if rec.Code != http.StatusOK {
			t.Fatalf("preview = %d\n%s", rec.Code, truncate(rec.Body.String(), 1000))
		}
		doc := parse(t, rec.Body.String())
		assertAccessibleTables(t, doc)
		errs := previewErrors(doc)
		if len(errs) != 9 {
			t.Fatalf("preview shows %d rows, want 9", len(errs))
		}
		for line, e := range errs {
			if e != nil {
				t.Errorf("row %s: %q", line, e)
			}
		}
		if text(doc.Find("table.import-preview tbody tr").Eq(8).Find("td").Eq(1)) != "국장급" {
			t.Error("the ninth row does not show 국장급 carried down from the merged cell")
		}
		if n := modelstest.CountPairs(t, s, r.ID); n != 0 {
			t.Fatalf("the preview saved %d pairs", n)
		}
		confirm := doc.Find(`form[action="` + base + `/import/confirm"]`)
		rec = c.Post(base+"/import/confirm", url.Values{"rows": {confirm.Find("input[name=rows]").AttrOr("value", "")},
			"file_name": {confirm.Find("input[name=file_name]").AttrOr("value", "")}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != base {
			t.Fatalf("confirm = %d %q\n%s", rec.Code, rec.Header().Get("Location"), truncate(rec.Body.String(), 600))
		}

		want := resolved(modelstest.Round2)
		rec = c.Get(base + "/pairs.xlsx")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("export xlsx = %d %q", rec.Code, rec.Header().Get("Content-Disposition"))
		}
		rows, err := sheet.Read(rec.Body.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if got := resolved(cellsOf(rows)); !equalTables(got, want) {
			t.Errorf("exported xlsx:\n%q\nwant\n%q", got, want)
		}
		assertStyledWorkbook(t, rec.Body.Bytes())

		rec = c.Get(base + "/pairs.csv")
		if !bytes.HasPrefix(rec.Body.Bytes(), []byte("\xEF\xBB\xBF연번,구분,협업 분야")) {
			t.Errorf("export csv does not start with a BOM and the header: %q", truncate(rec.Body.String(), 40))
		}
		rows, err = sheet.Read(rec.Body.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if got := cellsOf(rows); !equalTables(got, want) {
			t.Errorf("exported csv:\n%q\nwant\n%q", got, want)
		}
	})
}

// assertStyledWorkbook checks the export's header (below the title) is bold and its columns are sized.
func assertStyledWorkbook(t *testing.T, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	id, _ := f.GetCellStyle(sheet, "A2")
	st, err := f.GetStyle(id)
	if err != nil || st.Font == nil || !st.Font.Bold || len(st.Fill.Color) == 0 {
		t.Errorf("header style = %+v, want bold on a fill", st)
	}
	if w, _ := f.GetColWidth(sheet, "C"); w < 40 {
		t.Errorf("협업과제 column width = %v, want it wide", w)
	}
}

func TestABrokenFileShowsEveryRowsErrorsAndSavesNothing(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r2, _ := s.RoundByNumber(t.Context(), 2)
		base := "/admin/rounds/" + itoa64(r2.ID)
		before := modelstest.CountPairs(t, s, r2.ID)
		csv := "연번,구분,협업과제,교류직위 (부처),교류직위 (부처)\n" +
			"1,과장급,중소기업 인력난 해소,고용부 (기업일자리지원과장),중기부 (인력정책과장)\n" +
			"10,주무관급,,없는부 (과장),고용부 (과장)\n" +
			"10,,주제,국방부 (과장),국방부 (다른 과장)\n" +
			"11,,주제,복지부 (과장),질병청 (과장)\n"
		c := signIn(t, e, "admin")
		c.Get(base + "/import")
		rec := c.Upload(base+"/import", nil, "broken.csv", []byte(csv))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("preview of a broken file = %d, want 422", rec.Code)
		}
		doc := parse(t, rec.Body.String())
		errs := previewErrors(doc)
		want := map[string]int{"2": 1, "3": 3, "4": 3, "5": 1} // line → number of problems
		for line, n := range want {
			if len(errs[line]) != n {
				t.Errorf("line %s: %d problems %q, want %d", line, len(errs[line]), errs[line], n)
			}
		}
		if doc.Find(`form[action$="/import/confirm"]`).Length() != 0 {
			t.Error("a broken file can be confirmed")
		}
		payload := `[{"Line":3,"Number":"10","Grade":"과장급","Theme":"","PositionA":"없는부 (과장)","PositionB":"고용부 (과장)"}]`
		if rec := c.Post(base+"/import/confirm", url.Values{"rows": {payload}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("confirming a broken list anyway = %d, want 422", rec.Code)
		}
		if after := modelstest.CountPairs(t, s, r2.ID); after != before {
			t.Errorf("pairs %d → %d after refused imports", before, after)
		}
	})
}

func TestUploadsThatAreNotSpreadsheetsOrTooLargeAreRefused(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r2, _ := s.RoundByNumber(t.Context(), 2)
		target := "/admin/rounds/" + itoa64(r2.ID) + "/import"
		c := signIn(t, e, "admin")
		c.Get(target)
		tests := []struct {
			name, file string
			data       []byte
			status     int
			message    string
		}{
			{"no file", "", nil, http.StatusUnprocessableEntity, "파일을 선택"},
			{"a text file", "notes.txt", []byte("연번,구분\n"), http.StatusUnprocessableEntity, "XLSX 또는 CSV 파일만"},
			{"an image named .xlsx", "photo.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00"), http.StatusUnprocessableEntity, "스프레드시트 파일이 아닙니다"},
			{"an old XLS named .xlsx", "old.xlsx", []byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0}, http.StatusUnprocessableEntity, "XLSX 형식으로 저장"},
			{"over 5 MB", "big.csv", bytes.Repeat([]byte("a"), sheet.MaxBytes+1), http.StatusUnprocessableEntity, "5MB"},
			{"over the upload body limit", "huge.csv", bytes.Repeat([]byte("a"), 7<<20), http.StatusRequestEntityTooLarge, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := c.Upload(target, nil, tt.file, tt.data)
				if rec.Code != tt.status {
					t.Fatalf("status = %d, want %d", rec.Code, tt.status)
				}
				if msg := text(parse(t, rec.Body.String()).Find("#f-file-error")); tt.message != "" && !strings.Contains(msg, tt.message) {
					t.Errorf("message = %q, want it to contain %q", msg, tt.message)
				}
			})
		}
		// Other routes keep the global 1 MB limit.
		if rec := c.Post("/admin/ministries", url.Values{"name": {strings.Repeat("가", 1<<20)}}); rec.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("a 3 MB form to another route = %d, want 413", rec.Code)
		}
	})
}

func equalTables(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equalStrings(a[i], b[i]) {
			return false
		}
	}
	return true
}

// The error box above the upload form is for a problem with the file only: an
// empty form or a list that can be saved must not say "입력 내용을 확인해 주십시오".
func TestTheImportPageAlertsOnlyWhenSomethingIsWrong(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r, err := s.CreateRound(t.Context(), modelstest.As(t, s, "admin"), models.RoundInput{Number: "3", Title: "빈 차수"})
		if err != nil {
			t.Fatal(err)
		}
		target := "/admin/rounds/" + itoa64(r.ID) + "/import"
		c := signIn(t, e, "admin")
		alerts := func(body string) int { return parse(t, body).Find(`[role=alert]`).Length() }
		if n := alerts(c.Get(target).Body.String()); n != 0 {
			t.Errorf("the empty upload form shows %d alerts", n)
		}
		if n := alerts(c.Upload(target, nil, "2차.xlsx", modelstest.AttachmentXLSX(t, modelstest.Round2)).Body.String()); n != 0 {
			t.Errorf("the preview of a valid list shows %d alerts", n)
		}
		if n := alerts(c.Upload(target, nil, "notes.txt", []byte("x")).Body.String()); n != 1 {
			t.Errorf("a refused file shows %d alerts, want 1", n)
		}
	})
}
