package views

import "strconv"

// Errors maps a form field's name to the message shown next to it.
type Errors map[string]string

// Option is one choice of a select field.
type Option struct {
	Value string
	Label string
}

// Pager links the pages of a list; URL gives the address of page n.
type Pager struct {
	Page, Pages int
	Total       int64
	URL         func(n int) string
}

// fieldID is the id of a form control.
func fieldID(name string) string { return "f-" + name }

// errorID is the id of a control's error message, for aria-describedby.
func errorID(name string) string { return "f-" + name + "-error" }

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
