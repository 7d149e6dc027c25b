package models

import (
	"sort"
	"strings"
)

// FieldErrors maps a form field to the Korean message shown next to it.
type FieldErrors map[string]string

// ValidationError is returned when input breaks a rule; nothing was written.
type ValidationError struct{ Fields FieldErrors }

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Err is nil when there are no field errors, and a *ValidationError otherwise.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &ValidationError{Fields: f}
}
