package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// A sign-in burst: halfway through the run, -burst more people arrive at once
// and sign in (each a copy of the moel account of their own). Password checks
// are slow on purpose (argon2id), so a burst must not take the cores from the
// people already at work: the run prints the p99 of their pages while the
// burst signs in beside the p99 of the same length of time just before it.

// burstKind prefixes the kinds of the burst's own requests, which are not the
// pages whose p99 is compared.
const burstKind = "burst."

// burstWindow is when the burst began and when its last person was signed in.
type burstWindow struct {
	start, end time.Time
	signedIn   int
}

// signInBurst waits until at, then signs n people in at once and returns when
// they all are (or the run ends).
func signInBurst(ctx context.Context, at time.Duration, n int, client func() *vclient, fx fixture) *burstWindow {
	select {
	case <-ctx.Done():
		return nil
	case <-time.After(at):
	}
	w := &burstWindow{start: time.Now()}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client()
			c.kindPrefix = burstKind
			for !c.login(ctx, "moel", fx.password) { // again after a 503 or 429
				if ctx.Err() != nil {
					return
				}
				pause(ctx, 200*time.Millisecond)
			}
			mu.Lock()
			w.signedIn++
			w.end = time.Now()
			mu.Unlock()
		}()
	}
	wg.Wait()
	if w.end.IsZero() {
		w.end = time.Now()
	}
	return w
}

// signedInPage says whether a sample is a page of someone already signed in:
// not the public's, not a sign-in, not the burst's own.
func signedInPage(kind string) bool {
	return !strings.HasPrefix(kind, burstKind) && !strings.HasPrefix(kind, "public.") && kind != "login" && kind != "login.form"
}

// printBurst compares the signed-in pages' p99 during the burst with the same
// length of time (at least 10 s) just before it.
func printBurst(w io.Writer, samples []sample, b *burstWindow, wanted int) (ratio float64) {
	if b == nil {
		fmt.Fprintln(w, "burst: the run ended before the burst")
		return 0
	}
	length := max(b.end.Sub(b.start), 10*time.Second)
	var before, during []time.Duration
	for _, s := range samples {
		if !signedInPage(s.kind) {
			continue
		}
		switch {
		case !s.at.Before(b.start.Add(-length)) && s.at.Before(b.start):
			before = append(before, s.took)
		case !s.at.Before(b.start) && !s.at.After(b.end):
			during = append(during, s.took)
		}
	}
	if len(before) == 0 || len(during) == 0 {
		fmt.Fprintf(w, "burst: too few pages to compare (%d before, %d during)\n", len(before), len(during))
		return 0
	}
	sort.Slice(before, func(i, j int) bool { return before[i] < before[j] })
	sort.Slice(during, func(i, j int) bool { return during[i] < during[j] })
	p99b, p99d := pct(before, 99), pct(during, 99)
	ratio = float64(p99d) / float64(max(p99b, time.Microsecond))
	fmt.Fprintf(w, "burst: %d of %d people signed in within %s; signed-in pages p99 %s during it (%d pages) vs %s in the %s before (%d pages): ratio %.2f (target <= 2)\n",
		b.signedIn, wanted, b.end.Sub(b.start).Round(time.Millisecond), ms(p99d), len(during), ms(p99b), length.Round(time.Millisecond), len(before), ratio)
	return ratio
}
