// Package sheet reads and writes a round's list as spreadsheets (XLSX, and CSV
// in UTF-8 or the CP949 that Korean Excel writes), escaping cells that would be
// formulas. It knows nothing of the database: models turns rows into pairs.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/korean"
)

// This file reads and writes a round's list in the layout of the press
// release's attachment (붙임): 연번, 구분, 협업 분야 (the attachment's 협업과제),
// and the two sides' positions, each written "고용부 (기업일자리지원과장)". It
// knows nothing of the database. Reading finds the header by its 연번 and reads
// the five columns from there, whatever the headers say.

// Row is one data row of a round's list, its cells as written.
type Row struct {
	Line      int    // the row's number in the file, from 1, for messages
	Number    string // 연번
	Grade     string // 구분; empty means "as the row above" (a merged cell)
	Theme     string // 협업 분야 (the attachment's 협업과제)
	PositionA string // 가 부처 (교류직위)
	PositionB string // 나 부처 (교류직위)
}

// Header is the header row the app writes: the attachment's columns, with the
// two sides told apart as the public data files tell them (가 부처, 나 부처).
var Header = []string{"연번", "구분", "협업 분야", "가 부처 (교류직위)", "나 부처 (교류직위)"}

// Limits on what an uploaded list may be.
const (
	MaxBytes = 5 << 20 // 5 MB
	MaxRows  = 1000
)

// Error is a problem with a whole file; Message is shown to people.
type Error struct{ Message string }

func (e *Error) Error() string { return e.Message }

func sheetErr(format string, args ...any) error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}

// Read reads a list from an XLSX or CSV file, told apart by their content;
// anything else is refused with a Error.
func Read(data []byte) ([]Row, error) {
	switch {
	case len(data) > MaxBytes:
		return nil, sheetErr("파일이 5MB보다 큽니다. 5MB 이하의 파일을 올려 주십시오.")
	case len(data) == 0:
		return nil, sheetErr("빈 파일입니다.")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return ReadXLSX(data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, sheetErr("예전 엑셀 형식(XLS)은 읽을 수 없습니다. 엑셀에서 XLSX 형식으로 저장한 뒤 올려 주십시오.")
	}
	return ReadCSV(data)
}

// ReadCSV reads a list from CSV text in UTF-8 (with or without BOM) or in
// EUC-KR/CP949, which Korean Excel writes by default.
func ReadCSV(data []byte) ([]Row, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, notSpreadsheet()
	}
	if !utf8.Valid(data) {
		decoded, err := korean.EUCKR.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(decoded) {
			return nil, notSpreadsheet()
		}
		data = decoded
	}
	if err := checkCSVColumns(data); err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true // each row's columns past Z are dropped, not kept
	var records [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, sheetErr("CSV 파일을 읽을 수 없습니다: %d행의 형식이 올바르지 않습니다.", csvLine(err))
		}
		line, _ := r.FieldPos(0)
		rec = append([]string(nil), rec[:min(len(rec), maxSheetColumns)]...)
		records, lines = append(records, rec), append(lines, line)
		if len(records) > MaxRows+headerSearchRows {
			return nil, tooManyRows()
		}
	}
	return sheetRows(records, func(i int) int { return lines[i] })
}

func csvLine(err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	return 0
}

// ReadXLSX reads a list from the first sheet of an XLSX workbook.
func ReadXLSX(data []byte) (rows []Row, err error) {
	// A damaged workbook must be refused, never bring the server down.
	defer func() {
		if r := recover(); r != nil {
			rows, err = nil, notSpreadsheet()
		}
	}()
	if err := checkXLSXArchive(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data),
		excelize.Options{UnzipSizeLimit: maxXLSXUnzipped, UnzipXMLSizeLimit: maxXLSXUnzipped})
	if err != nil {
		return nil, sheetErr("XLSX 파일을 열 수 없습니다. 파일이 손상되지 않았는지 확인해 주십시오.")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, sheetErr("XLSX 파일에 시트가 없습니다.")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, sheetErr("XLSX 파일의 첫 시트를 읽을 수 없습니다.")
	}
	defer it.Close()
	var records [][]string
	for it.Next() {
		cols, err := it.Columns()
		if err != nil {
			return nil, sheetErr("XLSX 파일의 %d행을 읽을 수 없습니다.", len(records)+1)
		}
		records = append(records, cols)
		if len(records) > MaxRows+headerSearchRows {
			return nil, tooManyRows()
		}
	}
	if it.Error() != nil {
		return nil, sheetErr("XLSX 파일의 첫 시트를 읽을 수 없습니다.")
	}
	return sheetRows(records, func(i int) int { return i + 1 })
}

func notSpreadsheet() error {
	return sheetErr("스프레드시트 파일이 아닙니다. XLSX 또는 CSV 파일을 올려 주십시오.")
}

func tooManyRows() error {
	return sheetErr("행이 너무 많습니다. 한 번에 %d행까지 올릴 수 있습니다.", MaxRows)
}

// headerSearchRows is how far down a title above the table may push the header.
const headerSearchRows = 20

// sheetRows finds the header row (the one that starts with 연번) and reads the
// rows below it: blank rows inside the list are kept (SkipReasons marks them),
// blank rows before the first and after the last written row are dropped.
func sheetRows(records [][]string, lineOf func(i int) int) ([]Row, error) {
	head, col := -1, 0
	for i := 0; i < len(records) && i < headerSearchRows && head < 0; i++ {
		for j, cell := range records[i] {
			if j < 5 && StripSpaces(cell) == "연번" {
				head, col = i, j
				break
			}
		}
	}
	if head < 0 {
		return nil, sheetErr("머리글 행(연번, 구분, 협업과제, 교류직위, 교류직위)을 찾을 수 없습니다. 붙임 양식대로 작성해 주십시오.")
	}
	var rows []Row
	for i := head + 1; i < len(records); i++ {
		cells := make([]string, 5)
		for j := range cells {
			if col+j < len(records[i]) {
				cells[j] = capCell(cleanCell(records[i][col+j]))
			}
		}
		if strings.Join(cells, "") == "" && len(rows) == 0 {
			continue // blank rows between the header and the table
		}
		rows = append(rows, Row{Line: lineOf(i), Number: cells[0], Grade: cells[1], Theme: cells[2],
			PositionA: cells[3], PositionB: cells[4]})
		if len(rows) > MaxRows {
			return nil, tooManyRows()
		}
	}
	// Blank rows after the last written one are the sheet's formatted but
	// empty rows, not part of the list; blank rows inside it are shown as skipped.
	for len(rows) > 0 && rows[len(rows)-1].blank() {
		rows = rows[:len(rows)-1]
	}
	if Pairs(rows) == 0 {
		return nil, sheetErr("머리글 아래에 교류직위 행이 없습니다.")
	}
	return rows, nil
}

func (r Row) blank() bool { return strings.Join(r.cells(), "") == "" }

// cleanCell trims a cell and folds runs of white space (line breaks in a cell) into one space.
func cleanCell(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// WriteCSV writes rows as CSV in UTF-8 with a BOM, so that Korean Excel opens it.
func WriteCSV(w io.Writer, rows []Row) error {
	if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(Header); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.Number, r.Grade, r.Theme, r.PositionA, r.PositionB}
		for i := range rec {
			rec[i] = Cell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Cell is a cell's text as every CSV and XLSX the app writes carries it
// (the one escaping against formula injection): text a spreadsheet program
// would run as a formula (=, +, -, @, tab, CR, LF first, or their full-width
// forms) gets a leading apostrophe; plain numbers such as -12.5 stay numbers.
// Reading never removes an apostrophe, so a cell that was escaped stays inert.
func Cell(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" || !strings.ContainsRune("=+-@\t\r\n＝＋－＠", r) || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// setCell writes a 연번 as a number when it is one, and everything else as text.
func setCell(f *excelize.File, sheet, cell, v string, number bool) error {
	if number {
		var n int
		if _, err := fmt.Sscanf(v, "%d", &n); err == nil && fmt.Sprint(n) == v {
			return f.SetCellInt(sheet, cell, int64(n))
		}
	}
	return f.SetCellStr(sheet, cell, Cell(v))
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// StripSpaces drops every space, as Korean spreadsheets often write "과 장 급" for 과장급.
func StripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
