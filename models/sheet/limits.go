package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// What an uploaded workbook may cost. A list in the attachment's layout is a
// few hundred kilobytes unzipped at most; a file claiming more is refused
// before excelize opens it, and each part is read in full here first, so a
// part whose real size differs from what the archive says is refused as damaged.
const (
	maxXLSXUnzipped = 8 << 20 // every part together, unzipped
	maxSheetColumns = 26      // A–Z: the layout's five columns and room around them
	// MaxCellChars is the longest cell read; longer ones are cut (and the row refused).
	MaxCellChars = 1000
)

func damaged() error {
	return sheetErr("XLSX 파일이 손상되었습니다. 엑셀에서 다시 저장한 뒤 올려 주십시오.")
}

// checkXLSXArchive refuses a workbook that unzips to more than the limit, is
// damaged, or has cells beyond column Z in a worksheet (each such cell would
// cost memory for every column before it).
func checkXLSXArchive(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return damaged()
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxXLSXUnzipped {
			return sheetErr("XLSX 파일의 내용이 너무 큽니다(압축을 풀면 %dMB 초과). 붙임 양식의 표만 남겨 올려 주십시오.", maxXLSXUnzipped>>20)
		}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return damaged()
		}
		// archive/zip fails the read when the data is longer or shorter than
		// the archive says, or its checksum differs.
		var r io.Reader = rc
		if strings.HasPrefix(f.Name, "xl/worksheets/") && strings.HasSuffix(f.Name, ".xml") {
			err = checkSheetColumns(rc)
		} else {
			_, err = io.Copy(io.Discard, r)
		}
		rc.Close()
		var se *Error
		if errors.As(err, &se) {
			return err
		}
		if err != nil {
			return damaged()
		}
	}
	return nil
}

// checkSheetColumns reads a worksheet's XML and refuses cells past column Z.
func checkSheetColumns(r io.Reader) error {
	dec := xml.NewDecoder(r)
	cells := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch el.Name.Local {
		case "row":
			cells = 0
		case "c":
			cells++
			col := cells
			for _, a := range el.Attr {
				if a.Name.Local == "r" {
					col = columnOf(a.Value)
				}
			}
			if col > maxSheetColumns || cells > maxSheetColumns {
				return sheetErr("표 오른쪽(Z열 뒤)에 내용이 있습니다. 붙임 양식의 열만 남기고 올려 주십시오.")
			}
		}
	}
}

// maxCSVCommas bounds the commas on one line of a CSV file: the layout has
// five columns, and a theme may hold a few commas of its own.
const maxCSVCommas = 200

// checkCSVColumns refuses a CSV file with a line of very many columns before
// the CSV reader spends memory on each of them.
func checkCSVColumns(data []byte) error {
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if bytes.Count(line, []byte(",")) > maxCSVCommas {
			return sheetErr("한 행에 열이 너무 많습니다. 붙임 양식의 열만 남기고 올려 주십시오.")
		}
		data = rest
	}
	return nil
}

// columnOf is the column number of a cell reference like "XFD12" (A = 1).
func columnOf(ref string) int {
	n := 0
	for _, r := range ref {
		switch {
		case r >= 'A' && r <= 'Z':
			n = n*26 + int(r-'A'+1)
		case r >= 'a' && r <= 'z':
			n = n*26 + int(r-'a'+1)
		default:
			return n
		}
		if n > 1<<20 {
			return n
		}
	}
	return n
}

// capCell cuts a cell longer than MaxCellChars, marking the cut with "…" so
// the import refuses the row; nothing longer is kept, shown or sent back.
func capCell(s string) string {
	if len(s) <= MaxCellChars || utf8.RuneCountInString(s) <= MaxCellChars {
		return s
	}
	return string([]rune(s)[:MaxCellChars]) + "…"
}
