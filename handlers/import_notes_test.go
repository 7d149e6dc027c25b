package handlers_test

import (
	"bytes"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/models/sheet"
)

// skippedRows is the preview's list of rows it will not save: line → reason and text.
func skippedRows(doc *goquery.Document) map[string][2]string {
	out := map[string][2]string{}
	doc.Find("table.import-skipped tbody tr").Each(func(_ int, tr *goquery.Selection) {
		out[text(tr.Find("th[scope=row]"))] = [2]string{text(tr.Find("td").Eq(0)), text(tr.Find("td").Eq(1))}
	})
	return out
}

// A round list as a ministry clerk sends it: the nine pairs, then a note, a
// blank row and a total under the table, typed by hand or saved again by
// LibreOffice Calc. The nine pairs import; the three rows are listed as skipped.
func TestAListWithANoteABlankRowAndATotalUnderTheTableImportsTheNinePairs(t *testing.T) {
	t.Parallel()
	files := []struct {
		name string
		data []byte
	}{
		{"typed.xlsx", modelstest.AttachmentXLSX(t, modelstest.Round2, modelstest.UnderRound2...)},
		{"libreoffice.xlsx", modelstest.Round2WithNotesLibreOfficeXLSX},
		{"libreoffice.csv", modelstest.Round2WithNotesLibreOfficeCSV},
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		c := signIn(t, e, "admin")
		for i, f := range files {
			t.Run(f.name, func(t *testing.T) {
				r, err := s.CreateRound(t.Context(), modelstest.As(t, s, "admin"), models.RoundInput{Number: itoa(10 + i), Title: "빈 차수"})
				if err != nil {
					t.Fatal(err)
				}
				base := "/admin/rounds/" + itoa64(r.ID)
				c.Get(base + "/import")
				rec := c.Upload(base+"/import", nil, f.name, f.data)
				if rec.Code != http.StatusOK {
					t.Fatalf("preview = %d\n%s", rec.Code, truncate(rec.Body.String(), 1500))
				}
				doc := parse(t, rec.Body.String())
				assertAccessibleTables(t, doc)
				errs := previewErrors(doc)
				if len(errs) != 9 {
					t.Errorf("preview shows %d pairs (%v), want 9", len(errs), errs)
				}
				for line, e := range errs {
					if e != nil {
						t.Errorf("row %s: %q", line, e)
					}
				}
				skipped := skippedRows(doc)
				want := map[string]string{"13": sheet.SkipNote, "14": sheet.SkipBlank, "15": sheet.SkipTotal}
				if len(skipped) != len(want) {
					t.Errorf("skipped rows %v, want lines 13, 14, 15", skipped)
				}
				for line, reason := range want {
					if skipped[line][0] != reason {
						t.Errorf("line %s skipped as %q, want %q", line, skipped[line][0], reason)
					}
				}
				if !strings.HasPrefix(skipped["13"][1], "※ 교류 시행") {
					t.Errorf("the note's row shows %q, want the note", skipped["13"][1])
				}
				if st := text(doc.Find("[role=status]")); !strings.Contains(st, "9개 행 모두") || !strings.Contains(st, "3개 행은 건너뜁니다") {
					t.Errorf("status = %q", st)
				}
				confirm := doc.Find(`form[action="` + base + `/import/confirm"]`)
				if got := text(confirm.Find("button")); got != "9건 저장" {
					t.Errorf("confirm button = %q, want 9건 저장", got)
				}
				rec = c.Post(base+"/import/confirm", url.Values{"rows": {confirm.Find("input[name=rows]").AttrOr("value", "")},
					"file_name": {f.name}})
				if rec.Code != http.StatusSeeOther {
					t.Fatalf("confirm = %d\n%s", rec.Code, truncate(rec.Body.String(), 1500))
				}
				if n := modelstest.CountPairs(t, s, r.ID); n != 9 {
					t.Errorf("saved %d pairs, want 9", n)
				}
			})
		}
	})
}

// Skipping rows never hides a real row's mistakes: under the same notes, a pair
// with an unknown ministry is refused with its message next to it.
func TestARealRowWithMistakesAmongNotesIsStillRefused(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r, err := s.CreateRound(t.Context(), modelstest.As(t, s, "admin"), models.RoundInput{Number: "3", Title: "빈 차수"})
		if err != nil {
			t.Fatal(err)
		}
		base := "/admin/rounds/" + itoa64(r.ID)
		broken := append([][]string{}, modelstest.Round2...)
		broken[4] = []string{"5", "", "기업 옥석가리기를 통한 국민경제 활성화", "기재부 (정책기획과장)", "금융감독원 (기업구조개선과장)"}
		c := signIn(t, e, "admin")
		c.Get(base + "/import")
		rec := c.Upload(base+"/import", nil, "broken.xlsx", modelstest.AttachmentXLSX(t, broken, modelstest.UnderRound2...))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("preview = %d, want 422", rec.Code)
		}
		doc := parse(t, rec.Body.String())
		if errs := previewErrors(doc); len(errs["8"]) != 1 || !strings.Contains(errs["8"][0], "금융감독원") {
			t.Errorf("line 8's problems = %q, want the unknown ministry", errs["8"])
		}
		if n := len(skippedRows(doc)); n != 3 {
			t.Errorf("%d rows listed as skipped, want 3", n)
		}
		if doc.Find(`form[action$="/import/confirm"]`).Length() != 0 {
			t.Error("a list with a broken pair can be confirmed")
		}
		if n := modelstest.CountPairs(t, s, r.ID); n != 0 {
			t.Errorf("saved %d pairs", n)
		}
	})
}

// The round's list exported as CSV names the two sides apart.
func TestTheExportTellsTheTwoSidesApart(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r2, _ := s.RoundByNumber(t.Context(), 2)
		c := signIn(t, e, "admin")
		rec := c.Get("/admin/rounds/" + itoa64(r2.ID) + "/pairs.csv")
		header, _, _ := strings.Cut(string(bytes.TrimPrefix(rec.Body.Bytes(), []byte("\xEF\xBB\xBF"))), "\r\n")
		if header != "연번,구분,협업 분야,가 부처 (교류직위),나 부처 (교류직위)" {
			t.Errorf("CSV header = %q", header)
		}
	})
}

// The round's workbook prints as a ministry's attachment: the title above the
// table, A4 landscape, one page wide, the header row on every page.
func TestTheRoundWorkbookPrintsLikeAnAttachment(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r2, _ := s.RoundByNumber(t.Context(), 2)
		c := signIn(t, e, "admin")
		rec := c.Get("/admin/rounds/" + itoa64(r2.ID) + "/pairs.xlsx")
		if rec.Code != http.StatusOK {
			t.Fatalf("export = %d", rec.Code)
		}
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		name := f.GetSheetList()[0]
		cells := func(refs ...string) []string {
			var out []string
			for _, ref := range refs {
				v, _ := f.GetCellValue(name, ref)
				out = append(out, v)
			}
			return out
		}
		if got := cells("A1"); got[0] != "2차 전략적 인사교류 대상직위" {
			t.Errorf("title = %q", got[0])
		}
		if got := strings.Join(cells("A2", "B2", "C2", "D2", "E2"), "|"); got != "연번|구분|협업 분야|가 부처 (교류직위)|나 부처 (교류직위)" {
			t.Errorf("header row = %q", got)
		}
		layout, err := f.GetPageLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != sheet.PaperA4 {
			t.Errorf("page = %v %v, want landscape A4 (%d)", deref(layout.Orientation), deref(layout.Size), sheet.PaperA4)
		}
		if layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("fit to %v wide × %v tall, want 1 × any (0)", deref(layout.FitToWidth), deref(layout.FitToHeight))
		}
		props, err := f.GetSheetProps(name)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("fit to page is not on (%v), so the fit to width is ignored", err)
		}
		titles := ""
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" && dn.Scope == name {
				titles = dn.RefersTo
			}
		}
		if titles != "'"+name+"'!$2:$2" {
			t.Errorf("rows repeated on every page = %q, want the header row 2", titles)
		}
		// The title row does not get in the way of importing the file again.
		rows, err := sheet.Read(rec.Body.Bytes())
		if err != nil || len(rows) != 9 || rows[0].Line != 3 || sheet.Pairs(rows) != 9 {
			t.Errorf("read back %d rows, %v; want 9, the first on line 3", len(rows), err)
		}
	})
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
