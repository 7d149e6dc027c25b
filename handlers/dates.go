package handlers

import "time"

// Layouts of times as people see them.
const (
	minuteLayout = "2006-01-02 15:04"
	secondLayout = "2006-01-02 15:04:05"
)

// dateOf shows an optional date, or "" when it is not set.
func dateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
