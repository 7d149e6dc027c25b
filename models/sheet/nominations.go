package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// NominationRow is one position of a round's selected pairs with its exchangee, as the workbook lists it.
type NominationRow struct {
	Number, Grade, Position, Exchangee, Rank, Companions, Status string
	Phone, Email                                                 string // only in a workbook with contacts
	NominationID                                                 int64  // the exchangee's record, for the access record; not written
}

// WriteNominationsXLSX writes a round's exchangees in the layout a ministry
// sends: 연번, 구분, 교류직위, 교류자, 직급, 동반 교류, 상태 — and the contact
// columns only when contacts is true. Cells are text, never formulas.
func WriteNominationsXLSX(w io.Writer, rows []NominationRow, contacts bool) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "교류자"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head := []string{"연번", "구분", "교류직위", "교류자", "직급", "동반 교류", "상태"}
	widths := []float64{6, 10, 34, 14, 10, 30, 10}
	if contacts {
		head, widths = append(head, "사무실 전화", "전자우편"), append(widths, 16, 26)
	}
	style, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}}})
	if err != nil {
		return err
	}
	for i, v := range head {
		if err := f.SetCellStr(sheet, cellName(i+1, 1), v); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, cellName(1, 1), cellName(len(head), 1), style); err != nil {
		return err
	}
	for i, r := range rows {
		cells := []string{r.Number, r.Grade, r.Position, r.Exchangee, r.Rank, r.Companions, r.Status}
		if contacts {
			cells = append(cells, r.Phone, r.Email)
		}
		for j, v := range cells {
			if err := setCell(f, sheet, cellName(j+1, i+2), Cell(v), j == 0); err != nil {
				return err
			}
		}
	}
	return f.Write(w)
}
