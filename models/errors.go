package models

import "errors"

// ErrForbidden is returned when the actor may not take the action on the record.
var ErrForbidden = errors.New("not allowed")

// ErrConflict is returned when a change was based on a version of the record
// that someone else has changed since; nothing was written.
var ErrConflict = errors.New("the record was changed by someone else")

// StaleError is an ErrConflict that carries the record as it is now saved, so
// that the person can compare it with what they entered.
type StaleError[T any] struct {
	Current T
}

func (e *StaleError[T]) Error() string { return ErrConflict.Error() }

// Is makes errors.Is(err, ErrConflict) true.
func (e *StaleError[T]) Is(target error) bool { return target == ErrConflict }
