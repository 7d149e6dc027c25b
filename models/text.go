package models

import (
	"time"
	"unicode/utf8"
)

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

// UsableText reports whether s may be stored and shown: valid UTF-8 without
// control characters (C0 and DEL). Text that allows several lines may also
// hold tab, CR and LF. PostgreSQL refuses NUL and broken UTF-8 outright, and
// SQLite would store them and serve them raw, so they are refused on the way in.
func UsableText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '\t' || b == '\r' || b == '\n':
			if !multiline {
				return false
			}
		case b < 0x20 || b == 0x7f:
			return false
		}
	}
	return true
}
