package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/static"
)

func TestMetricsCountRequestsByRouteNameAndLoginsButAreNotOnThePublicRouter(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		reg := prometheus.NewRegistry()
		assets, err := static.New()
		if err != nil {
			t.Fatal(err)
		}
		e := handlers.New(s, assets, slog.New(slog.NewTextHandler(io.Discard, nil)),
			handlers.Config{Metrics: handlers.NewMetrics(reg)}).Router()

		if rec := do(t, e, http.MethodGet, "/metrics", nil, nil); rec.Code != http.StatusNotFound {
			t.Errorf("the public router answers /metrics with %d, want 404", rec.Code)
		}
		get(t, e, "/", http.StatusOK)
		get(t, e, "/pairs/12345", http.StatusSeeOther) // signed out: sent to the login page, under the route's name
		c := handlerstest.NewClient(t, e)
		c.Get("/login")
		for range 2 {
			if rec := c.Post("/login", url.Values{"login": {"moel"}, "password": {"wrong password"}}); rec.Code != http.StatusUnauthorized {
				t.Fatalf("a wrong password answered %d", rec.Code)
			}
		}
		c.Login("moel", models.DemoPassword)

		rec := httptest.NewRecorder()
		handlers.MetricsHandler(reg).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		body := rec.Body.String()
		for _, want := range []string{
			`gyoryu_http_requests_total{method="GET",route="home",status="200"} 1`,
			`gyoryu_http_requests_total{method="GET",route="pair",status="303"} 1`,
			`gyoryu_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
			`gyoryu_http_requests_total{method="POST",route="login.submit",status="401"} 2`,
			`gyoryu_http_requests_total{method="POST",route="login.submit",status="303"} 1`,
			`gyoryu_http_request_duration_seconds_count{route="home",status="200"} 1`,
			`gyoryu_logins_total{outcome="failed"} 2`,
			`gyoryu_logins_total{outcome="succeeded"} 1`,
			`gyoryu_logins_total{outcome="throttled"} 0`,
		} {
			if !strings.Contains(body, want+"\n") {
				t.Errorf("/metrics lacks %s\n%s", want, grepLines(body, "gyoryu_"))
			}
		}
	})
}

func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
