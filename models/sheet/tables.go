package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// Table is one sheet of a workbook: a name, a header row and rows (float64
// values are written as numbers, the rest as text through Cell).
type Table struct {
	Sheet  string
	Title  string // set: a title row above the header, and the sheet set up to print on A4 like the round's
	Header []string
	Widths []float64
	Rows   [][]Value
}

// WriteTablesXLSX writes tables as the sheets of one workbook, in order; nil is written as missing.
func WriteTablesXLSX(w io.Writer, tables []Table, missing string) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}}})
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.Sheet)
		} else {
			_, err = f.NewSheet(t.Sheet)
		}
		if err != nil {
			return err
		}
		top := 1 // the header's row
		if t.Title != "" {
			top = headerRow
			if err := f.SetCellStr(t.Sheet, cellName(1, titleRow), Cell(t.Title)); err != nil {
				return err
			}
			if err := f.SetCellStyle(t.Sheet, cellName(1, titleRow), cellName(1, titleRow), head); err != nil {
				return err
			}
			if err := setUpPrintingWith(f, t.Sheet, "'"+t.Sheet+"'!$2:$2"); err != nil {
				return err
			}
		}
		for c, name := range t.Header {
			if err := f.SetCellStr(t.Sheet, cellName(c+1, top), name); err != nil {
				return err
			}
			if c < len(t.Widths) {
				col, _ := excelize.ColumnNumberToName(c + 1)
				if err := f.SetColWidth(t.Sheet, col, col, t.Widths[c]); err != nil {
					return err
				}
			}
		}
		if err := f.SetCellStyle(t.Sheet, cellName(1, top), cellName(len(t.Header), top), head); err != nil {
			return err
		}
		for r, row := range t.Rows {
			for c, v := range row {
				cell := cellName(c+1, r+top+1)
				if n, ok := v.(float64); ok {
					err = f.SetCellFloat(t.Sheet, cell, n, -1, 64)
				} else {
					err = f.SetCellStr(t.Sheet, cell, Cell(tableText(v, missing)))
				}
				if err != nil {
					return err
				}
			}
		}
	}
	return f.Write(w)
}
