package sheet

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rows that are not pairs. A list typed by a ministry clerk nearly always
// carries, around the table, rows that are not positions: a blank row, a note
// under the table ("※ 교류 시행: 2025년 1월 중 …"), a total row ("합 계 … 18개
// 직위"). They are recognised here from their cells, skipped by the import and
// shown as skipped in its preview. A row with a 연번 is never skipped: a real
// row with mistakes is refused with its messages, not hidden.

// Reasons a row is skipped, as the import preview shows them.
const (
	SkipBlank = "빈 행"
	SkipNote  = "표 아래 설명"
	SkipTotal = "합계 행"
)

// noteMarks start a note: the reference mark most attachments use, asterisks,
// and the words Korean documents put before a remark.
var noteMarks = []string{"※", "*", "＊", "☞", "▶", "►", "주)", "주:", "주 :", "비고", "참고", "출처", "단위"}

// totalWords are what a total row says in its first cell, spaces removed.
var totalWords = []string{"합계", "총계", "소계", "누계", "총합", "계", "합"}

// SkipReasons says, for each row of a list, why it is not a pair: SkipBlank,
// SkipNote, SkipTotal, or "" for a row that is to be read as one.
func SkipReasons(rows []Row) []string {
	reasons := make([]string, len(rows))
	lastNumbered := -1
	for i, r := range rows {
		if numbered(r) {
			lastNumbered = i
		}
	}
	for i, r := range rows {
		cells := r.cells()
		first := ""
		filled := 0
		for _, c := range cells {
			if c != "" {
				if first == "" {
					first = c
				}
				filled++
			}
		}
		switch {
		case filled == 0:
			reasons[i] = SkipBlank
		case numbered(r):
			// a pair, with or without mistakes
		case isNote(first):
			reasons[i] = SkipNote
		case isTotal(r.Number) || (r.Number == "" && isTotal(r.Grade)):
			reasons[i] = SkipTotal
		case i > lastNumbered && filled == 1:
			// One line of text below the last pair: a note without a mark,
			// usually typed into a cell merged across the table.
			reasons[i] = SkipNote
		}
	}
	return reasons
}

// Pairs counts the rows of a list that are read as pairs.
func Pairs(rows []Row) int {
	n := 0
	for _, reason := range SkipReasons(rows) {
		if reason == "" {
			n++
		}
	}
	return n
}

func (r Row) cells() []string {
	return []string{r.Number, r.Grade, r.Theme, r.PositionA, r.PositionB}
}

// numbered reports whether a row's 연번 cell holds a whole number.
func numbered(r Row) bool {
	_, err := strconv.Atoi(strings.TrimSpace(r.Number))
	return err == nil
}

func isNote(cell string) bool {
	for _, m := range noteMarks {
		if strings.HasPrefix(cell, m) {
			return true
		}
	}
	return false
}

// isTotal reads "합 계", "계", "합계(9쌍)", "총계: 18" as a total, but not
// "계획 …" or "합동 …": the word must end where a Korean word would.
func isTotal(cell string) bool {
	s := StripSpaces(cell)
	for _, w := range totalWords {
		rest, ok := strings.CutPrefix(s, w)
		if !ok {
			continue
		}
		next, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || !unicode.Is(unicode.Hangul, next) && !unicode.IsLetter(next) {
			return true
		}
	}
	return false
}
