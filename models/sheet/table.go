package sheet

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Public data files (공공데이터): one header row and rows of text or numbers,
// as CSV for Korean Excel and as an XLSX workbook. Text cells that a
// spreadsheet would run as formulas are neutralised (Cell).

// Value is a value of a public data file: a string, a float64, or nil (미공개).
type Value = any

// WriteTableCSV writes a header and rows as CSV in UTF-8 with a BOM; nil is written as missing.
func WriteTableCSV(w io.Writer, header []string, rows [][]Value, missing string) error {
	if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, v := range r {
			rec[i] = Cell(tableText(v, missing))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTableXLSX writes a header and rows as one styled sheet: numbers as
// numbers, text as text (never a formula), nil as missing.
func WriteTableXLSX(w io.Writer, sheet string, header []string, widths []float64, rows [][]Value, missing string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}}})
	if err != nil {
		return err
	}
	for i, name := range header {
		if err := f.SetCellStr(sheet, cellName(i+1, 1), name); err != nil {
			return err
		}
		if i < len(widths) {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetColWidth(sheet, col, col, widths[i]); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(sheet, cellName(1, 1), cellName(len(header), 1), head); err != nil {
		return err
	}
	for r, row := range rows {
		for c, v := range row {
			cell := cellName(c+1, r+2)
			var err error
			if n, ok := v.(float64); ok {
				err = f.SetCellFloat(sheet, cell, n, -1, 64)
			} else {
				err = f.SetCellStr(sheet, cell, Cell(tableText(v, missing)))
			}
			if err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.Write(w)
}

func tableText(v Value, missing string) string {
	switch v := v.(type) {
	case nil:
		return missing
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}
