package views

import (
	"sort"
	"strconv"
)

// Errors maps a form field's name to the message shown next to it.
type Errors map[string]string

// Any reports whether some field has a message; empty messages do not count.
func (e Errors) Any() bool {
	for _, msg := range e {
		if msg != "" {
			return true
		}
	}
	return false
}

// Fields are the names of the fields with a message (not the form's general
// one, under ""), sorted; the page's script puts them in the form's order.
func (e Errors) Fields() []string {
	var names []string
	for name, msg := range e {
		if name != "" && msg != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Option is one choice of a select field.
type Option struct {
	Value string
	Label string
}

// InPlace is what InPlaceForm needs: the form's id and class, where it posts,
// the element its answer replaces, and the record it edits.
type InPlace struct {
	ID, Class string
	Action    string // where the form posts
	Target    string // the id of the element the answer replaces
	CSRFToken string
	RecordID  int64 // 0 for a new record
	Version   int   // the version the form was made from
	Errors    Errors
	Warning   string // a note above the fields, e.g. that the record is public
	// Done is what the page's status line says once htmx has swapped in the
	// saved record, e.g. "과제를 저장했습니다."
	Done string
}

// Pager links the pages of a list; URL gives the address of page n.
type Pager struct {
	Page, Pages int
	Total       int64
	URL         func(n int) string
}

// scopedID is the id of a form control: f-name, or f-scope-name when several
// forms with the same fields share a page. Its error message adds "-error".
func scopedID(scope, name string) string {
	if scope == "" {
		return "f-" + name
	}
	return "f-" + scope + "-" + name
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// publishWarning is the note a form of published content shows, or "".
func publishWarning(published bool, note string) string {
	if !published {
		return ""
	}
	return note
}
