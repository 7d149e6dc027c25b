package models

import (
	"strings"
	"time"
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

// deref is the value p points at, or the zero value when p is nil (unknown).
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// dateString writes a date as 2006-01-02, or "" when it is unknown.
func dateString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
