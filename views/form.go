package views

import (
	"fmt"
	"maps"
	"sort"
	"strconv"
	"strings"

	"github.com/gyoryu/gyoryu/models/form"
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
// one, under ""), sorted by name; Form.Summary has them in the form's order.
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
	RecordID  int64  // 0 for a new record; otherwise the form sends its Fields' version
	Fields    Form   // its fields and messages, scoped by Target
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
// A list's row (companion_name.2) is f-companion_name-2, which a CSS selector
// takes without escaping.
func scopedID(scope, name string) string {
	name = strings.ReplaceAll(name, ".", "-")
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

// Form is a form as its page shows it: the fields its bound struct declares
// (each input's name, Korean label and place in the form, models/form), what
// the person typed, and the messages. The components take the label, the
// value and the message from it by the input's name; a name the struct does
// not declare is a programming error, and rendering the form panics.
type Form struct {
	Scope  string // the id prefix when several forms with the same fields share a page
	Errors Errors
	decl   any
	values map[string][]string
	labels map[string]string // Relabel's
	verb   string            // the action the form's button does ("제출"), named by the error summary
}

// Acting names what the form's button does, so that its error summary says
// which action failed ("제출하지 못했습니다 … 다시 제출해 주십시오").
func (f Form) Acting(verb string) Form {
	f.verb = verb
	return f
}

// Verb is the action Acting named, or "".
func (f Form) Verb() string { return f.verb }

// NewForm is the form bound to in (the struct or a pointer to it), showing
// its values and errs.
func NewForm(in any, errs Errors) Form {
	return Form{decl: in, values: form.Values(in), Errors: errs}
}

// Scoped is the form with its ids prefixed by scope: f-scope-name.
func (f Form) Scoped(scope string) Form {
	f.Scope = scope
	return f
}

func (f Form) field(name string) form.Field {
	fd, ok := form.Lookup(f.decl, name)
	if !ok {
		panic(fmt.Sprintf("views: the form of %T declares no field %q", f.decl, name))
	}
	return fd
}

// Label is what the person reads next to the input name.
func (f Form) Label(name string) string {
	if l, ok := f.labels[name]; ok {
		return l
	}
	return f.field(name).Label
}

// Relabel names a field for this use of a struct several forms share (the
// moves of a nomination share models.MoveInput: 반려 사유, 승인 취소 사유).
func (f Form) Relabel(name, label string) Form {
	f.field(name)
	labels := maps.Clone(f.labels)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[name] = label
	f.labels = labels
	return f
}

// Value is what the input name holds (a list's first row).
func (f Form) Value(name string) string {
	f.field(name)
	if vs := f.values[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// Rows are every value of a list input, in order.
func (f Form) Rows(name string) []string {
	f.field(name)
	return f.values[name]
}

// Row is a list input's value at row i, or "".
func (f Form) Row(name string, i int) string {
	if rows := f.Rows(name); i < len(rows) {
		return rows[i]
	}
	return ""
}

// Checked reports whether a list input (ticked boxes) holds value.
func (f Form) Checked(name, value string) bool {
	for _, v := range f.Rows(name) {
		if v == value {
			return true
		}
	}
	return false
}

// Error is the message next to the input name, or "".
func (f Form) Error(name string) string { return f.Errors[name] }

// ID is the id of the input name (or of a list's row: name.2).
func (f Form) ID(name string) string { return scopedID(f.Scope, name) }

// Summary are the names with a message, in the form's order: the error
// summary lists them so, with JavaScript or without.
func (f Form) Summary() []string {
	return form.Order(f.decl, f.Errors.Fields())
}

// row is the key of a list input's row i: name.i (see models/form.Key).
func row(name string, i int) string { return name + "." + strconv.Itoa(i) }
