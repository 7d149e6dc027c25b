package models

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"time"

	"github.com/gyoryu/gyoryu/models/passcheck"
)

// Each argon2id check takes 19 MiB and a core for tens of milliseconds, so
// the store runs only as many at once as the machine has cores less one (one
// on a single core), and each slot rests after a check one and a half times
// as long as the check took (up to 200 ms): a burst of sign-ins takes at most
// two fifths of those cores, never every core from the people already at
// work. The checks run in a process of their own at the lowest CPU priority
// (package passcheck), so that what they take is what the pages leave (see
// README, Load, for what that leaves the pages of the signed-in). A sign-in
// that finds the slots taken waits briefly, then is told to come back.

// ErrBusy says every password check slot stayed taken; retry in a moment.
var ErrBusy = errors.New("too many password checks at once")

// passwordCheckWait is how long a sign-in waits for a free check slot: long
// enough for an office signing in at nine (one slot checks about six
// passwords a second on the 2-core machine), short enough that a flood is
// told to come back.
const passwordCheckWait = 3 * time.Second

// maxPasswordCheckRest bounds a slot's rest: a check takes about 50 ms on the
// 2-core machine, and one made slow by a starved machine or the race detector
// (seconds) must not keep sign-ins waiting as long again.
const maxPasswordCheckRest = 200 * time.Millisecond

// passwordCheckRest is how many times as long as its check a slot rests: a
// burst of sign-ins takes two fifths of the slots' cores. Even at the lowest
// priority a check slows the pages beside it (its 19 MiB pass through the
// caches they share): resting as long as the check, the pages' p99 during a
// burst of 40 was 2.0–2.6 times that before it on PostgreSQL; half as long
// again, 0.8–1.6, the 40 signed in within 8–10 s instead of 4–8 (README, Load).
const passwordCheckRest = 1.5

// passwordChecker bounds and performs password checks. One more slot is kept
// for browsers known to the account (device cookies), so that a flood of
// guesses from unknown clients cannot take every slot from an account's owner.
// A slot is a token in its channel holding when the slot may check again.
type passwordChecker struct {
	slots   chan time.Time
	trusted chan time.Time
	check   func(hash, pw string) error
}

// newPasswordChecker checks in the worker process where there is one
// (package passcheck), telling log when it cannot (nil: slog's default).
func newPasswordChecker(log *slog.Logger) *passwordChecker {
	if log == nil {
		log = slog.Default()
	}
	check := VerifyPassword
	if passcheck.Supported {
		check = func(hash, pw string) error { return workerPasswordCheck(log, hash, pw) }
	}
	return &passwordChecker{slots: checkSlots(runtime.NumCPU() - 1), trusted: checkSlots(1), check: check}
}

// checkSlots makes n slots (at least one), free now.
func checkSlots(n int) chan time.Time {
	slots := make(chan time.Time, max(n, 1))
	for range cap(slots) {
		slots <- time.Time{}
	}
	return slots
}

// verify checks pw against hash in a free slot, or returns ErrBusy; a known
// browser may also take the slot kept for known browsers.
func (pc *passwordChecker) verify(ctx context.Context, hash, pw string, known bool) error {
	timer := time.NewTimer(passwordCheckWait)
	defer timer.Stop()
	var reserved chan time.Time // nil blocks for ever: unknown clients never take it
	if known {
		reserved = pc.trusted
	}
	slot := pc.slots
	var rested time.Time
	select {
	case rested = <-pc.slots:
	case rested = <-reserved:
		slot = reserved
	case <-timer.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	if rest := time.Until(rested); rest > 0 {
		wait := time.NewTimer(rest)
		defer wait.Stop()
		select {
		case <-wait.C:
		case <-ctx.Done():
			slot <- rested
			return ctx.Err()
		}
	}
	began := time.Now()
	defer func() {
		ended := time.Now()
		slot <- ended.Add(min(restAfter(ended.Sub(began)), maxPasswordCheckRest))
	}()
	return pc.check(hash, pw)
}

// restAfter is how long a slot rests after a check that took took.
func restAfter(took time.Duration) time.Duration {
	return time.Duration(passwordCheckRest * float64(took))
}

// SetPasswordCheck replaces how passwords are checked, for tests that count
// the checks; the slots still bound them.
func (s *Store) SetPasswordCheck(check func(hash, pw string) error) { s.passwords.check = check }

// SetPasswordCheckLimit sets how many password checks of unknown clients may
// run at once (known browsers have one slot more).
func (s *Store) SetPasswordCheckLimit(n int) { s.passwords.slots = checkSlots(n) }
