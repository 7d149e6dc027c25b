package models

import (
	"context"
	"testing"
	"time"
)

// A slot rests after a check as long as the check took, so that password
// checks take at most half of their cores: the next check in the slot starts
// no sooner than the rest is over, and one that gives up while waiting for it
// leaves the slot as it found it.
func TestAPasswordCheckSlotRestsAsLongAsItsCheckTook(t *testing.T) {
	t.Parallel()
	const took = 30 * time.Millisecond
	var starts []time.Time
	pc := &passwordChecker{slots: checkSlots(1), trusted: checkSlots(1), check: func(string, string) error {
		starts = append(starts, time.Now())
		time.Sleep(took)
		return nil
	}}
	ctx := context.Background()
	for range 3 {
		if err := pc.verify(ctx, "", "", false); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < took+restAfter(took) {
			t.Errorf("check %d started %v after the one before, want at least %v (the check and its rest)", i+1, gap, took+restAfter(took))
		}
	}

	// A sign-in that gives up during the rest hands the slot back, rest and all.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if err := pc.verify(gone, "", "", false); err == nil {
		t.Error("a cancelled sign-in was checked")
	}
	if err := pc.verify(ctx, "", "", false); err != nil {
		t.Fatalf("the slot after a cancelled sign-in: %v", err)
	}
	if n := len(starts); n != 4 {
		t.Errorf("%d checks, want 4 (the cancelled sign-in is not checked)", n)
	}
}
