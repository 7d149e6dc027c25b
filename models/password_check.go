package models

import (
	"context"
	"errors"
	"runtime"
	"time"
)

// Each argon2id check takes 19 MiB and a core for tens of milliseconds, so
// the store runs only as many at once as the machine has cores less one (one
// on a single core): a burst of sign-ins never takes every core from the people
// already at work. A sign-in that finds the slots taken waits briefly, then is
// told to come back.

// ErrBusy says every password check slot stayed taken; retry in a moment.
var ErrBusy = errors.New("too many password checks at once")

// passwordCheckWait is how long a sign-in waits for a free check slot: long
// enough for an office signing in at nine (one slot checks about twenty
// passwords a second), short enough that a flood is told to come back.
const passwordCheckWait = 3 * time.Second

// passwordChecker bounds and performs password checks. One more slot is kept
// for browsers known to the account (device cookies), so that a flood of
// guesses from unknown clients cannot take every slot from an account's owner.
type passwordChecker struct {
	slots   chan struct{}
	trusted chan struct{}
	check   func(hash, pw string) error
}

func newPasswordChecker() *passwordChecker {
	return &passwordChecker{slots: make(chan struct{}, max(runtime.NumCPU()-1, 1)), trusted: make(chan struct{}, 1), check: VerifyPassword}
}

// verify checks pw against hash in a free slot, or returns ErrBusy; a known
// browser may also take the slot kept for known browsers.
func (pc *passwordChecker) verify(ctx context.Context, hash, pw string, known bool) error {
	timer := time.NewTimer(passwordCheckWait)
	defer timer.Stop()
	var reserved chan struct{} // nil blocks for ever: unknown clients never take it
	if known {
		reserved = pc.trusted
	}
	release := pc.slots
	select {
	case pc.slots <- struct{}{}:
	case reserved <- struct{}{}:
		release = reserved
	case <-timer.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-release }()
	return pc.check(hash, pw)
}

// SetPasswordCheck replaces how passwords are checked, for tests that count
// the checks; the slots still bound them.
func (s *Store) SetPasswordCheck(check func(hash, pw string) error) { s.passwords.check = check }

// SetPasswordCheckLimit sets how many password checks of unknown clients may
// run at once (known browsers have one slot more).
func (s *Store) SetPasswordCheckLimit(n int) { s.passwords.slots = make(chan struct{}, max(n, 1)) }
