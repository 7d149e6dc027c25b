package sheet

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// The round's list as a workbook that prints like a ministry's attachment: a
// title row above the table, A4 landscape, scaled to one page wide, and the
// header row printed again at the top of every page.

// Sheet name and rows of the round's workbook.
const (
	roundSheet = "교류직위"
	titleRow   = 1
	headerRow  = 2
)

// Page setup of the round's workbook, read back by its tests.
const (
	PaperA4     = 9 // the paper size code of A4 in SpreadsheetML
	PrintTitles = "'" + roundSheet + "'!$2:$2"
)

// WriteXLSX writes rows as a workbook in the attachment's layout: the title,
// a styled header, each run of one grade merged, column widths and the page
// set up for printing. Cells are written as text, never as formulas.
func WriteXLSX(w io.Writer, title string, rows []Row) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = roundSheet
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := newRoundStyles(f)
	if err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 6, "B": 10, "C": 56, "D": 34, "E": 34} {
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	if err := writeTitle(f, sheet, title, st.title); err != nil {
		return err
	}
	for i, v := range Header {
		if err := f.SetCellStr(sheet, cellName(i+1, headerRow), v); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, cellName(1, headerRow), cellName(5, headerRow), st.head); err != nil {
		return err
	}
	if err := writeRows(f, sheet, rows, st); err != nil {
		return err
	}
	if err := setUpPrinting(f, sheet); err != nil {
		return err
	}
	return f.Write(w)
}

type roundStyles struct{ title, head, body, centred int }

func newRoundStyles(f *excelize.File) (roundStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	var st roundStyles
	var err error
	styles := []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.head, excelize.Style{Border: border, Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.body, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.centred, excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
	}
	for _, s := range styles {
		if *s.id, err = f.NewStyle(&s.style); err != nil {
			return st, err
		}
	}
	return st, nil
}

// writeTitle writes the title across the table. A reader of the file finds the
// header below it by its 연번, as in an attachment with a title.
func writeTitle(f *excelize.File, sheet, title string, style int) error {
	if err := f.SetCellStr(sheet, cellName(1, titleRow), Cell(title)); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, cellName(1, titleRow), cellName(5, titleRow)); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, titleRow, 30); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cellName(1, titleRow), cellName(5, titleRow), style)
}

// writeRows writes the pairs below the header, merging each run of one 구分
// as the attachment does.
func writeRows(f *excelize.File, sheet string, rows []Row, st roundStyles) error {
	first := headerRow + 1
	runStart := 0
	for i, r := range rows {
		n := first + i
		grade := r.Grade
		if i > runStart {
			grade = "" // inside a merged run, as the attachment leaves it
		}
		for j, v := range []string{r.Number, grade, r.Theme, r.PositionA, r.PositionB} {
			if err := setCell(f, sheet, cellName(j+1, n), v, j == 0); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, cellName(1, n), cellName(2, n), st.centred); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(3, n), cellName(5, n), st.body); err != nil {
			return err
		}
		if i == len(rows)-1 || rows[i+1].Grade != r.Grade {
			if i > runStart {
				if err := f.MergeCell(sheet, cellName(2, first+runStart), cellName(2, n)); err != nil {
					return err
				}
			}
			runStart = i + 1
		}
	}
	return nil
}

// setUpPrinting prints the sheet on A4 landscape, one page wide and as many
// pages down as it takes, the header row on every page and page numbers at
// the foot; on screen the header stays in view.
func setUpPrinting(f *excelize.File, sheet string) error {
	return setUpPrintingWith(f, sheet, PrintTitles)
}

// setUpPrintingWith sets a sheet up to print on A4 landscape, one page wide,
// with the rows of titles (e.g. 'Sheet'!$2:$2) again on every page.
func setUpPrintingWith(f *excelize.File, sheet, titles string) error {
	size, landscape, one, tall := PaperA4, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape,
		FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, topBottom, centred := 0.4, 0.6, true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &topBottom, Bottom: &topBottom, Horizontally: &centred}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&P / &N"}); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, headerRow+1), ActivePane: "bottomLeft"})
}
