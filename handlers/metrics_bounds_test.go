package handlers_test

import (
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestClientsCannotAddMetricSeries sends random methods and paths: each label
// comes from a bounded set (route names of the table or "unmatched", HTTP's
// methods or "other"), so a flood of odd requests adds a series or two, not
// one per request.
func TestClientsCannotAddMetricSeries(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		reg := prometheus.NewRegistry()
		e := handlers.New(s, handlerstest.Assets(t), slog.New(slog.NewTextHandler(io.Discard, nil)),
			handlers.Config{Metrics: handlers.NewMetrics(reg)}).Router()
		// series counts the label sets of each request metric.
		series := func() map[string]int {
			t.Helper()
			families, err := reg.Gather()
			if err != nil {
				t.Fatal(err)
			}
			n := map[string]int{}
			for _, f := range families {
				if strings.HasPrefix(f.GetName(), "gyoryu_http_") {
					n[f.GetName()] = len(f.GetMetric())
				}
			}
			return n
		}
		added := func(before map[string]int) map[string]int {
			out := map[string]int{}
			for name, n := range series() {
				out[name] = n - before[name]
			}
			return out
		}
		word := func(letters string, n int) string {
			b := make([]byte, n)
			for i := range b {
				b[i] = letters[rand.IntN(len(letters))]
			}
			return string(b)
		}
		get(t, e, "/", http.StatusOK)
		before := series()

		for range 500 { // random methods at random paths
			do(t, e, word("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3+rand.IntN(12)), "/"+word("abcdefghij0123456789", 12), nil, nil)
		}
		for name, n := range added(before) {
			if n > 1 {
				t.Errorf("500 random methods at random paths added %d series of %s, want at most one", n, name)
			}
		}

		before = series()
		for range 500 { // random methods at a route of the table, and unknown assets under a route's pattern
			do(t, e, word("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3+rand.IntN(12)), "/", nil, nil)
			do(t, e, http.MethodGet, "/static/"+word("abcdef0123456789", 20)+".css", nil, nil)
		}
		for name, n := range added(before) {
			if n > 2 {
				t.Errorf("500 random methods at / and 500 unknown assets added %d series of %s, want at most two (405, 404)", n, name)
			}
		}
	})
}
