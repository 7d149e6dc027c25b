package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startServe runs "web serve" with vars until the test ends and returns its log
// once every pattern has matched it.
func startServe(t *testing.T, vars map[string]string, patterns ...*regexp.Regexp) (out *syncBuffer, matches [][]string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env(vars), nil, out, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	})
	deadline := time.Now().Add(2 * time.Minute) // a guard against a start that never comes, not a measure
	for _, p := range patterns {
		for {
			if m := p.FindStringSubmatch(out.String()); m != nil {
				matches = append(matches, m)
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("serve did not log %s; log:\n%s", p, out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return out, matches
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

var metricsListening = regexp.MustCompile(`metrics_url=(http://[0-9.:]+/metrics)`)

func TestMetricsAreServedOnlyOnMetricsAddr(t *testing.T) {
	vars := map[string]string{"ADDR": "127.0.0.1:0", "METRICS_ADDR": "127.0.0.1:0", "SQLITE_PATH": migratedSQLite(t), "DEMO": "1"}
	_, m := startServe(t, vars, listening, metricsListening)
	base, metricsURL := m[0][1], m[1][1]

	if code, _ := fetch(t, base+"/"); code != http.StatusOK {
		t.Fatalf("GET / = %d", code)
	}
	if code, _ := fetch(t, base+"/metrics"); code != http.StatusNotFound {
		t.Errorf("the public address answers /metrics with %d, want 404", code)
	}
	code, body := fetch(t, metricsURL)
	if code != http.StatusOK {
		t.Fatalf("GET %s = %d", metricsURL, code)
	}
	for _, want := range []string{
		`gyoryu_http_requests_total{method="GET",route="home",status="200"} 1`,
		`gyoryu_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`gyoryu_logins_total{outcome="throttled"} 0`,
		`go_sql_max_open_connections{db_name="sqlite"}`,
		`go_sql_wait_duration_seconds_total{db_name="sqlite"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestWithoutMetricsAddrNothingListensForMetrics(t *testing.T) {
	vars := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": migratedSQLite(t)}
	out, m := startServe(t, vars, listening)
	if code, _ := fetch(t, m[0][1]+"/metrics"); code != http.StatusNotFound {
		t.Errorf("GET /metrics = %d, want 404", code)
	}
	if strings.Contains(out.String(), "metrics_url") {
		t.Errorf("a metrics listener started without METRICS_ADDR:\n%s", out.String())
	}
}
