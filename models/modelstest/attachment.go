package modelstest

import (
	"bytes"
	_ "embed"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Round2 is the press release's attachment (붙임), typed in as people type it:
// 연번, 구분 (only on the first row of each grade, spaced out), 협업과제, and the
// two positions as "부처 (직위)".
var Round2 = [][]string{
	{"1", "과 장 급", "중소기업 인력난 해소를 위한 고용지원 강화", "고용부 (기업일자리지원과장)", "중기부 (인력정책과장)"},
	{"2", "", "국내 복귀 및 해외 진출 기업 경쟁력 강화", "기재부 (기업환경과장)", "산업부 (해외투자과장)"},
	{"3", "", "안전하고 효과적인 한약의 공급과 글로벌 경쟁력 확보", "복지부 (한약산업과장)", "식약처 (한약정책과장)"},
	{"4", "", "항만 재개발 사업과 연계한 도시재생사업", "국토부 (도시재생과장)", "해수부 (항만연안재생과장)"},
	{"5", "", "기업 옥석가리기를 통한 국민경제 활성화", "기재부 (정책기획과장)", "금융위 (기업구조개선과장)"},
	{"6", "", "국방규격 관리를 통한 국방 자원 배분의 효율성 제고", "국방부 (재정회계담당관)", "방사청 (기반전력사업표준자원 관리팀장)"},
	{"7", "", "국가보훈과 연계한 공무상 재해 인정·보상 전 단계 협력 강화", "보훈부 (심사기준과장)", "인사처 (재해보상심사담당관)"},
	{"8", "국 장 급", "신종 및 상시 감염병 예방·관리", "복지부 (공공보건정책관)", "질병청 (의료안전예방국장)"},
	{"9", "", "대북 억제·대응 능력의 획기적 보강을 위한 감시·정찰 능력 강화", "국방부 (전력정책국장)", "방사청 (감시전자사업부장)"},
}

// UnderRound2 is what a clerk types under the attachment's table (rows 13–15 of
// the workbook): a note, a blank row, and a total row.
var UnderRound2 = [][]string{
	{"※ 교류 시행: 2025년 1월 중 (교류자 선발 후 교류 개시)"},
	{},
	{"합 계", "", "9개 분야", "18개 직위", ""},
}

// AttachmentXLSX builds a workbook laid out as the attachment: a title row, the
// header with 교류직위 over two columns, and each grade's 구분 cell merged down
// over the rows that follow it with an empty 구분. The rows under are written
// below the table; one of a single cell is merged across it, as notes are.
func AttachmentXLSX(t testing.TB, rows [][]string, under ...[]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellStr(sheet, "A1", "※ (붙임) 2차 전략적 인사교류 대상직위"))
	for i, h := range []string{"연번", "구분", "협업과제", "교류직위", ""} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		must(f.SetCellStr(sheet, cell, h))
	}
	must(f.MergeCell(sheet, "D3", "E3"))
	start := 0
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+4)
			if j == 0 {
				if n, err := strconv.Atoi(v); err == nil {
					must(f.SetCellInt(sheet, cell, int64(n)))
					continue
				}
			}
			must(f.SetCellStr(sheet, cell, v))
		}
		if i == len(rows)-1 || rows[i+1][1] != "" {
			if i > start {
				from, _ := excelize.CoordinatesToCellName(2, start+4)
				to, _ := excelize.CoordinatesToCellName(2, i+4)
				must(f.MergeCell(sheet, from, to))
			}
			start = i + 1
		}
	}
	for i, r := range under {
		n := len(rows) + 4 + i
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, n)
			must(f.SetCellStr(sheet, cell, v))
		}
		if len(r) == 1 {
			from, _ := excelize.CoordinatesToCellName(1, n)
			to, _ := excelize.CoordinatesToCellName(5, n)
			must(f.MergeCell(sheet, from, to))
		}
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

// The workbook AttachmentXLSX(t, Round2, UnderRound2...) writes, opened in
// LibreOffice Calc 7 and saved again as XLSX and as CSV (UTF-8), as a client
// other than ours writes them:
//
//	soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' round2.xlsx
//	soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' round2.xlsx
var (
	//go:embed testdata/round2-with-notes.libreoffice.xlsx
	Round2WithNotesLibreOfficeXLSX []byte
	//go:embed testdata/round2-with-notes.libreoffice.csv
	Round2WithNotesLibreOfficeCSV []byte
)
