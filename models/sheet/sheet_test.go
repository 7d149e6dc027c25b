package sheet_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/korean"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/models/sheet"
)

func TestReadSheetReadsTheAttachmentLayoutFromXLSXAndCSV(t *testing.T) {
	csvText := "연번,구분,협업과제,교류직위 (부처),교류직위 (부처)\r\n" +
		"1,과 장 급,중소기업 인력난 해소를 위한 고용지원 강화,고용부 (기업일자리지원과장),중기부 (인력정책과장)\r\n" +
		",,,,\r\n" +
		"2,,\"국내 복귀 및 해외 진출\n기업 경쟁력 강화\",기재부 (기업환경과장),산업부 (해외투자과장)\r\n"
	eucKR, err := korean.EUCKR.NewEncoder().String(csvText)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		data     []byte
		rows     int
		firstRow sheet.Row
	}{
		{"xlsx with title row and merged cells", modelstest.AttachmentXLSX(t, modelstest.Round2), 9,
			sheet.Row{Line: 4, Number: "1", Grade: "과 장 급", Theme: "중소기업 인력난 해소를 위한 고용지원 강화",
				PositionA: "고용부 (기업일자리지원과장)", PositionB: "중기부 (인력정책과장)"}},
		{"csv in UTF-8 with BOM", []byte("\xEF\xBB\xBF" + csvText), 3,
			sheet.Row{Line: 2, Number: "1", Grade: "과 장 급", Theme: "중소기업 인력난 해소를 위한 고용지원 강화",
				PositionA: "고용부 (기업일자리지원과장)", PositionB: "중기부 (인력정책과장)"}},
		{"csv in EUC-KR, as Korean Excel saves it", []byte(eucKR), 3,
			sheet.Row{Line: 2, Number: "1", Grade: "과 장 급", Theme: "중소기업 인력난 해소를 위한 고용지원 강화",
				PositionA: "고용부 (기업일자리지원과장)", PositionB: "중기부 (인력정책과장)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := sheet.Read(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tt.rows || rows[0] != tt.firstRow {
				t.Fatalf("read %d rows, first %+v; want %d, first %+v", len(rows), rows[0], tt.rows, tt.firstRow)
			}
			if rows[1].Grade != "" {
				t.Errorf("second row's 구분 = %q, want empty (merged with the row above)", rows[1].Grade)
			}
		})
	}
	rows, _ := sheet.Read([]byte(csvText))
	if rows[2].Theme != "국내 복귀 및 해외 진출 기업 경쟁력 강화" || rows[2].Line != 4 {
		t.Errorf("a cell with a line break: %+v", rows[2])
	}
	if reasons := sheet.SkipReasons(rows); reasons[1] != sheet.SkipBlank {
		t.Errorf("the blank line 3 between pairs: skip reason %q, want %q", reasons[1], sheet.SkipBlank)
	}
}

func TestReadSheetRefusesWhatIsNotAListWithAKoreanMessage(t *testing.T) {
	tests := map[string][]byte{
		"empty":             nil,
		"binary":            {0x89, 'P', 'N', 'G', 0, 0, 0},
		"old xls":           {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1},
		"broken zip":        []byte("PK\x03\x04 not really a workbook"),
		"csv without head":  []byte("a,b,c\n1,2,3\n"),
		"header only":       []byte("연번,구분,협업과제,교류직위,교류직위\n"),
		"too large":         bytes.Repeat([]byte("a"), sheet.MaxBytes+1),
		"broken csv quotes": []byte("연번,구분\n1,\"x\"y\"\n"),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := sheet.Read(data)
			var se *sheet.Error
			if !errors.As(err, &se) || se.Message == "" {
				t.Fatalf("error = %v, want a SheetError", err)
			}
		})
	}
}

func TestCSVExportIsSafeFromFormulasAndReadsBack(t *testing.T) {
	rows := []sheet.Row{{Line: 2, Number: "1", Grade: "과장급", Theme: "=HYPERLINK(\"http://x\")", PositionA: "-고용부 (과장)", PositionB: "@중기부 (과장)"}}
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF연번,")) {
		t.Errorf("CSV does not start with a BOM and the header: %q", buf.String()[:20])
	}
	if strings.Contains(buf.String(), ",=HYPERLINK") || strings.Contains(buf.String(), ",-고용부") {
		t.Errorf("a cell starting with a formula character was written as is:\n%s", buf.String())
	}
	// Reading keeps the apostrophes: what was escaped stays inert, and a
	// second export and import changes nothing more.
	back, err := sheet.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := sheet.Row{Line: 2, Number: "1", Grade: "과장급", Theme: "'=HYPERLINK(\"http://x\")", PositionA: "'-고용부 (과장)", PositionB: "'@중기부 (과장)"}
	if len(back) != 1 || back[0] != want {
		t.Errorf("read back %+v, want %+v", back, want)
	}
	buf.Reset()
	if err := sheet.WriteCSV(&buf, back); err != nil {
		t.Fatal(err)
	}
	if again, err := sheet.Read(buf.Bytes()); err != nil || len(again) != 1 || again[0] != want {
		t.Errorf("second round trip: %+v (%v)", again, err)
	}
}

func TestPlanImportShowsEveryProblemOfEveryRow(t *testing.T) {
	ministries := []models.Ministry{
		{ID: 1, ShortName: "고용부", Name: "고용노동부", Active: true},
		{ID: 2, ShortName: "중기부", Name: "중소벤처기업부", Active: true},
		{ID: 3, ShortName: "폐지부", Name: "폐지된부", Active: false},
	}
	rows := []sheet.Row{
		{Line: 2, Number: "1", Grade: "과 장 급", Theme: "주제", PositionA: "고용노동부 (과장)", PositionB: "인력정책과장(중기부)"},
		{Line: 3, Number: "1", Grade: "", Theme: "", PositionA: "없는부 (과장)", PositionB: "중기부"},
		{Line: 4, Number: "x", Grade: "주무관급", Theme: "주제", PositionA: "고용부 (과장)", PositionB: "고용부 (다른 과장)"},
		{Line: 5, Number: "7", Grade: "", Theme: "주제", PositionA: "폐지부 (과장)", PositionB: ""},
		{Line: 6, Number: "", Grade: "국장급", Theme: "주제", PositionA: "고용부 (국장)", PositionB: "중기부 (국장)"},
	}
	plan := models.PlanImport(rows, ministries, map[int]bool{7: true})
	want := [][]string{
		nil,
		{"연번 1이 2행과 겹칩니다", "협업 분야가 없습니다", "부처 \"없는부\"를 찾을 수 없습니다", "직위명이 없습니다"},
		{"연번 \"x\"는 1 이상의", "구분 \"주무관급\"은 과장급", "부처가 고용부로 같습니다"},
		{"이미 있습니다", "구분 \"주무관급\"", "사용 중지된 부처", "둘째 교류직위가 없습니다"},
		{"연번이 없습니다"},
	}
	for i, r := range plan.Rows {
		if len(r.Errors) != len(want[i]) {
			t.Errorf("row %d errors = %q, want %d containing %q", r.Line, r.Errors, len(want[i]), want[i])
			continue
		}
		for j, w := range want[i] {
			if !strings.Contains(r.Errors[j], w) {
				t.Errorf("row %d error %d = %q, want it to contain %q", r.Line, j, r.Errors[j], w)
			}
		}
	}
	first := plan.Rows[0]
	if first.MinistryA.ID != 1 || first.MinistryB.ID != 2 || first.TitleB != "인력정책과장" || first.Grade != models.GradeDivisionDirector {
		t.Errorf("first row = %+v, want 고용부 ↔ 중기부 인력정책과장, 과장급", first)
	}
	if plan.Valid() || plan.ErrorRows() != 4 {
		t.Errorf("valid = %v, rows with errors = %d; want false, 4", plan.Valid(), plan.ErrorRows())
	}
}
