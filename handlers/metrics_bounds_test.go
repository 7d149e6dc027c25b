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
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestClientsCannotAddMetricSeries sends random methods and paths: each label
// comes from a bounded set (route names of the table or "unmatched", HTTP's
// methods or "other"), so a flood of odd requests adds a series or two, not
// one per request.
func TestClientsCannotAddMetricSeries(t *testing.T) {
	s := modelstest.New(t, models.DialectSQLite) // no query of the database matters here
	reg := prometheus.NewRegistry()
	e := handlers.New(s, mustAssets(t), slog.New(slog.NewTextHandler(io.Discard, nil)),
		handlers.Config{Metrics: handlers.NewMetrics(reg)}).Router()
	series := func() int {
		t.Helper()
		families, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range families {
			if strings.HasPrefix(f.GetName(), "gyoryu_http_") {
				n += len(f.GetMetric())
			}
		}
		return n
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
	// Each request counts in gyoryu_http_requests_total and in the latency
	// histogram: one new label set in each is one new series of requests.
	if added := series() - before; added > 2 {
		t.Errorf("500 random methods at random paths added %d series, want at most one per metric (2)", added)
	}

	before = series()
	for range 500 { // random methods at a route of the table, and random paths under routes' patterns
		do(t, e, word("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3+rand.IntN(12)), "/", nil, nil)
		do(t, e, http.MethodGet, "/static/"+word("abcdef0123456789", 20)+".css", nil, nil)
	}
	if added := series() - before; added > 4 {
		t.Errorf("500 random methods at / and 500 unknown assets added %d series, want at most 4 (405 and 404, each in two metrics)", added)
	}
}
