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

// ErrNotAllowed is ErrForbidden under the name the proposal workflow uses.
var ErrNotAllowed = ErrForbidden

// ErrWrongState is returned when a record is not in a state that allows the change
// (a proposal that was already answered, a round that is not open for proposals).
var ErrWrongState = errors.New("not allowed in the record's current state")
