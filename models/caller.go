package models

import "errors"

// Caller is the signed-in user making a change, and where from: the policy
// checks the user's rights, the audit log records both.
type Caller struct {
	User *User
	IP   string
}

// actor is the caller as the audit log records it.
func (c Caller) actor() Actor { return ActorOf(c.User, c.IP) }

// may reports whether the caller may take the action on a record of the given ministries.
func (c Caller) may(a Action, ministries ...int64) bool { return May(c.User, a, ministries...) }

// ErrNotAllowed is returned when the caller's role or ministry may not make a change.
var ErrNotAllowed = ErrForbidden

// ErrWrongState is returned when a record is not in a state that allows the change
// (a proposal that was already answered, a round that is not open for proposals).
var ErrWrongState = errors.New("not allowed in the record's current state")
