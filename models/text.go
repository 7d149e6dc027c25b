package models

import (
	"strings"
	"unicode"
)

// stripSpaces removes every space, as Korean spreadsheets often write "과 장 급".
func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
