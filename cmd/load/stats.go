package main

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"time"
)

// sample is one answered (or failed) request.
type sample struct {
	kind   string
	status int // 0: no answer (connection error or timeout)
	// busy: a sign-in answered 503 with Retry-After, the app's "too many
	// password checks at once, come back": its designed answer to a burst.
	busy bool
	took time.Duration
	at   time.Time
}

// recorder keeps every sample; a run is bounded, so they fit in memory.
type recorder struct {
	mu      sync.Mutex
	samples []sample
	// answered: the kinds with at least one answer, whatever its status (a
	// sample of status 0 had none), for -until.
	answered map[string]bool
}

func (r *recorder) add(s sample) {
	r.mu.Lock()
	r.samples = append(r.samples, s)
	if s.status != 0 {
		if r.answered == nil {
			r.answered = map[string]bool{}
		}
		r.answered[s.kind] = true
	}
	r.mu.Unlock()
}

// count is how many requests were made so far, and whether every kind of
// kinds has had an answer.
func (r *recorder) count(kinds []string) (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range kinds {
		if !r.answered[k] {
			return len(r.samples), false
		}
	}
	return len(r.samples), true
}

func (r *recorder) all() []sample {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sample(nil), r.samples...)
}

// kindStats is the summary of one kind of request.
type kindStats struct {
	Kind          string
	Count         int
	PerSecond     float64
	P50, P95, P99 time.Duration
	Max           time.Duration
	Statuses      map[int]int
}

func summarise(samples []sample, elapsed time.Duration) []kindStats {
	byKind := map[string][]sample{}
	for _, s := range samples {
		byKind[s.kind] = append(byKind[s.kind], s)
	}
	var out []kindStats
	for kind, ss := range byKind {
		d := make([]time.Duration, len(ss))
		st := kindStats{Kind: kind, Count: len(ss), Statuses: map[int]int{}}
		for i, s := range ss {
			d[i] = s.took
			st.Statuses[s.status]++
		}
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		st.P50, st.P95, st.P99, st.Max = pct(d, 50), pct(d, 95), pct(d, 99), d[len(d)-1]
		st.PerSecond = float64(len(ss)) / elapsed.Seconds()
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(i, len(sorted))-1)]
}

func printStats(w io.Writer, stats []kindStats, elapsed time.Duration) {
	total := 0
	fmt.Fprintf(w, "%-16s %7s %7s %8s %8s %8s %8s  %s\n", "kind", "count", "req/s", "p50", "p95", "p99", "max", "statuses")
	for _, s := range stats {
		total += s.Count
		codes := make([]int, 0, len(s.Statuses))
		for c := range s.Statuses {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		var st string
		for _, c := range codes {
			st += fmt.Sprintf(" %d×%d", c, s.Statuses[c])
		}
		fmt.Fprintf(w, "%-16s %7d %7.1f %8s %8s %8s %8s %s\n", s.Kind, s.Count, s.PerSecond,
			ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), st)
	}
	fmt.Fprintf(w, "%-16s %7d %7.1f   (%s)\n", "all", total, float64(total)/elapsed.Seconds(), elapsed.Round(time.Millisecond))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// printSlow says how the requests slower than limit spread over the run: a
// few seconds holding most of them is a stall of the whole machine (another
// process, a checkpoint, a collection), an even spread is a page that is slow.
func printSlow(w io.Writer, samples []sample, limit time.Duration) {
	if len(samples) == 0 {
		return
	}
	start := samples[0].at
	for _, s := range samples {
		if s.at.Before(start) {
			start = s.at
		}
	}
	bySecond := map[int]int{}
	slow := 0
	for _, s := range samples {
		if s.took > limit {
			slow++
			bySecond[int(s.at.Sub(start)/time.Second)]++
		}
	}
	if slow == 0 {
		fmt.Fprintf(w, "slow: no request over %s\n", limit)
		return
	}
	worst, at := 0, 0
	for sec, n := range bySecond {
		if n > worst || (n == worst && sec < at) {
			worst, at = n, sec
		}
	}
	fmt.Fprintf(w, "slow: %d of %d requests over %s, in %d seconds of the run; the worst second (%ds in) had %d\n",
		slow, len(samples), limit, len(bySecond), at, worst)
}
