package sheet_test

import (
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/models/sheet"
)

func TestRowsThatAreNotPairsAreRecognisedAndRealRowsNeverAre(t *testing.T) {
	pair := sheet.Row{Number: "1", Grade: "과장급", Theme: "주제", PositionA: "고용부 (과장)", PositionB: "중기부 (과장)"}
	tests := []struct {
		name string
		row  sheet.Row
		want string
	}{
		{"a pair", pair, ""},
		{"a blank row", sheet.Row{}, sheet.SkipBlank},
		{"a note merged across the table", sheet.Row{Number: "※ 교류 시행: 2025년 1월 중 …"}, sheet.SkipNote},
		{"a note typed in the theme column", sheet.Row{Theme: "* 직위명은 2024. 12. 기준"}, sheet.SkipNote},
		{"a remark", sheet.Row{Number: "비고: 동반 교류 포함"}, sheet.SkipNote},
		{"a note in parentheses", sheet.Row{Number: "주) 교류기간 1년"}, sheet.SkipNote},
		{"a total spaced out", sheet.Row{Number: "합 계", Theme: "9개 분야", PositionA: "18개 직위"}, sheet.SkipTotal},
		{"a total in the grade column", sheet.Row{Grade: "계", PositionA: "9쌍"}, sheet.SkipTotal},
		{"a total with a count", sheet.Row{Number: "총계(9쌍)", PositionA: "18"}, sheet.SkipTotal},
		{"a subtotal", sheet.Row{Number: "소계", Grade: "과장급", PositionA: "7"}, sheet.SkipTotal},
		{"one line of text below the table", sheet.Row{Number: "교류 시행: 2025년 1월 중"}, sheet.SkipNote},
		// Real rows with mistakes are refused with their messages, never hidden.
		{"a pair whose theme starts with a mark", sheet.Row{Number: "2", Theme: "※ 주제", PositionA: "고용부 (과장)"}, ""},
		{"a pair whose grade says 계", sheet.Row{Number: "3", Grade: "계", Theme: "주제"}, ""},
		{"a pair without its 연번", sheet.Row{Grade: "과장급", Theme: "주제", PositionA: "고용부 (과장)", PositionB: "중기부 (과장)"}, ""},
		{"a theme that begins with 계획", sheet.Row{Number: "계획 수립", Theme: "주제", PositionA: "고용부 (과장)"}, ""},
		{"a 연번 that is not a number", sheet.Row{Number: "x", Theme: "주제", PositionA: "고용부 (과장)", PositionB: "중기부 (과장)"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// below the last pair, where notes and totals stand
			if got := sheet.SkipReasons([]sheet.Row{pair, tt.row})[1]; got != tt.want {
				t.Errorf("skip reason = %q, want %q", got, tt.want)
			}
		})
	}
	// A lone line of text above a numbered pair is not a note: it is a broken row.
	if got := sheet.SkipReasons([]sheet.Row{{Number: "교류 시행"}, pair})[0]; got != "" {
		t.Errorf("one cell of text above a pair: skip reason %q, want none", got)
	}
}

func TestAListWithNotesUnderItReadsTheSameFromEveryClient(t *testing.T) {
	files := map[string][]byte{
		"typed with excelize":        modelstest.AttachmentXLSX(t, modelstest.Round2, modelstest.UnderRound2...),
		"saved by LibreOffice, XLSX": modelstest.Round2WithNotesLibreOfficeXLSX,
		"saved by LibreOffice, CSV":  modelstest.Round2WithNotesLibreOfficeCSV,
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			rows, err := sheet.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			reasons := sheet.SkipReasons(rows)
			got := map[int]string{}
			for i, r := range rows {
				if reasons[i] != "" {
					got[r.Line] = reasons[i]
				}
			}
			want := map[int]string{13: sheet.SkipNote, 14: sheet.SkipBlank, 15: sheet.SkipTotal}
			if len(rows) != 12 || sheet.Pairs(rows) != 9 || len(got) != 3 {
				t.Fatalf("read %d rows, %d pairs, skipped %v; want 12, 9 and %v", len(rows), sheet.Pairs(rows), got, want)
			}
			for line, reason := range want {
				if got[line] != reason {
					t.Errorf("line %d skipped as %q, want %q", line, got[line], reason)
				}
			}
		})
	}
}
