package handlers_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The decade benchmark (issue 25): each busy signed-in page's server time,
// through the real router, at demo size and at ten years, side by side, on
// both databases. A measurement, not a test: make bench-decade runs it
// (BenchmarkDecade); TestDecadeBenchmarkHarness runs the harness small.

// decadeSize is how much synthetic data a store holds beside the demo.
type decadeSize struct {
	label string
	opt   models.DecadeOptions
}

// The demo, with the least of every kind of record a busy page shows (a
// tenth of a year: 20 pairs, 200 tasks, 100 nominations, 4 evaluation cycles,
// 10,000 audit events and access records); one full year; ten full years.
// Pages of one round or cycle (its pairs, its tasks to score) are ten times
// larger in a full year than in the demo whatever the number of years: the
// second ratio, ten years against one, is the growth with the years alone.
var (
	demoSize   = decadeSize{"demo", models.DecadeOptions{Years: 1, Scale: 0.1}}
	yearSize   = decadeSize{"1 year", models.DecadeOptions{Years: 1, Scale: 1}}
	decadeFull = decadeSize{"10 years", models.DecadeOptions{Years: 10, Scale: 1}}
)

// BenchmarkDecade prints the table: make bench-decade (go test -bench, one
// run: -benchtime 1x). DECADE_YEARS (10) and DECADE_REQUESTS (15 per page and
// size, the median kept) change the run. A benchmark, so `make test` never
// runs it (nor reports it skipped).
func BenchmarkDecade(b *testing.B) {
	big := decadeFull
	if y, err := strconv.Atoi(os.Getenv("DECADE_YEARS")); err == nil && y > 0 {
		big = decadeSize{fmt.Sprintf("%d years", y), models.DecadeOptions{Years: y, Scale: 1}}
	}
	requests := 15
	if n, err := strconv.Atoi(os.Getenv("DECADE_REQUESTS")); err == nil && n > 0 {
		requests = n
	}
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			sizes := []decadeSize{demoSize, yearSize, big}
			printDecadeTable(os.Stdout, dialect, sizes, requests, measureDecade(b, dialect, sizes, requests))
		})
	}
}

// TestDecadeBenchmarkHarness runs the benchmark small: both sizes seed, every
// page answers 200 on both, and the table has a row per page with its ratio.
func TestDecadeBenchmarkHarness(t *testing.T) {
	t.Parallel()
	small := decadeSize{"small", models.DecadeOptions{Years: 1, Scale: 0.01}}
	larger := decadeSize{"larger", models.DecadeOptions{Years: 2, Scale: 0.01}}
	sizes := []decadeSize{small, larger}
	rows := measureDecade(t, models.DialectSQLite, sizes, 1)
	var out strings.Builder
	printDecadeTable(&out, models.DialectSQLite, sizes, 1, rows)
	for _, r := range rows {
		if len(r.times) != 2 || r.times[0] <= 0 || r.times[1] <= 0 || !strings.Contains(out.String(), r.page.Name) {
			t.Errorf("%s: %v, table:\n%s", r.page.Name, r.times, out.String())
		}
	}
	if len(rows) < 10 || !strings.Contains(out.String(), "ratio") {
		t.Errorf("table:\n%s", out.String())
	}
}

// decadeRow is one page's median server time at each size.
type decadeRow struct {
	page  handlerstest.BusyPage
	times []time.Duration
}

// ratio is the largest size's time over size i's.
func (r decadeRow) ratio(i int) float64 {
	return float64(r.times[len(r.times)-1]) / float64(r.times[i])
}

// decadeSide is one store with its router and signed-in clients.
type decadeSide struct {
	e       *echo.Echo
	pages   []handlerstest.BusyPage
	clients map[string]*handlerstest.Client
}

func newDecadeSide(t testing.TB, dialect string, size decadeSize) decadeSide {
	t.Helper()
	s := modelstest.New(t, dialect)
	handlerstest.SeedAccounts(t, s)
	began := time.Now()
	rep, err := s.SeedDecade(context.Background(), size.opt)
	if err != nil {
		t.Fatalf("seed %s: %v", size.label, err)
	}
	if dialect == models.DialectPostgres {
		// What autovacuum does within a minute of a bulk load (PostgreSQL 13 on
		// vacuums a table after inserts too): the statistics, and the visibility
		// map that lets an index-only scan skip the table.
		if err := s.DB().Exec("VACUUM ANALYZE").Error; err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%s on %s: %d rows in %v", size.label, dialect, rep.Total(), time.Since(began).Round(time.Second))
	e := handlerstest.NewRouter(t, s, handlers.Config{})
	pages := handlerstest.BusyPages(t, s)
	return decadeSide{e: e, pages: pages, clients: handlerstest.BusyClients(t, e, pages)}
}

// measureDecade builds a store per size, then opens each page on one after
// the other in turn, requests times, so that whatever else the machine does
// falls on every size alike; it keeps each page's median.
func measureDecade(t testing.TB, dialect string, sizes []decadeSize, requests int) []decadeRow {
	t.Helper()
	var sides []decadeSide
	for _, size := range sizes {
		sides = append(sides, newDecadeSide(t, dialect, size))
	}
	times := make([][][]time.Duration, len(sides[0].pages))
	for i := range times {
		times[i] = make([][]time.Duration, len(sides))
	}
	for round := -2; round < requests; round++ { // two rounds to warm up
		for i := range sides[0].pages {
			for k, side := range sides {
				p := side.pages[i]
				began := time.Now()
				p.Open(t, side.clients)
				if round >= 0 {
					times[i][k] = append(times[i][k], time.Since(began))
				}
			}
		}
	}
	rows := make([]decadeRow, len(times))
	for i, ts := range times {
		rows[i] = decadeRow{page: sides[0].pages[i]}
		for _, d := range ts {
			rows[i].times = append(rows[i].times, median(d))
		}
	}
	return rows
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func printDecadeTable(w io.Writer, dialect string, sizes []decadeSize, requests int, rows []decadeRow) {
	last := sizes[len(sizes)-1].label
	fmt.Fprintf(w, "\n%s: median server time of %d requests per page through the router (target: ratio <= 1.5)\n", dialect, requests)
	fmt.Fprintf(w, "| %-26s |", "page")
	for _, s := range sizes {
		fmt.Fprintf(w, " %10s |", s.label)
	}
	for _, s := range sizes[:len(sizes)-1] {
		fmt.Fprintf(w, " %s/%s |", last, s.label)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "|%s|%s%s\n", strings.Repeat("-", 28), strings.Repeat("------------|", len(sizes)), strings.Repeat("------|", len(sizes)-1))
	for _, r := range rows {
		fmt.Fprintf(w, "| %-26s |", r.page.Name)
		for _, d := range r.times {
			fmt.Fprintf(w, " %10s |", ms(d))
		}
		over := ""
		for i, s := range sizes[:len(sizes)-1] {
			fmt.Fprintf(w, " %*.2f |", len(last)+len(s.label)+1, r.ratio(i))
			if r.ratio(i) > 1.5 {
				over = " over"
			}
		}
		fmt.Fprintln(w, over)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
