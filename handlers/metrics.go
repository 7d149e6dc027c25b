package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the app's Prometheus series. They live in the registry passed to
// NewMetrics, which is served on its own address (METRICS_ADDR), never on the
// public router.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	logins   *prometheus.CounterVec
	imports  *prometheus.CounterVec
}

// Login outcomes counted by gyoryu_logins_total.
const (
	loginSucceeded = "succeeded"
	loginFailed    = "failed"
	loginThrottled = "throttled"
)

// NewMetrics creates the app's series and registers them in reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gyoryu_http_requests_total",
			Help: "HTTP requests answered, by route name, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gyoryu_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route name and status.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "status"}),
		logins: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gyoryu_logins_total",
			Help: "Sign-in attempts by outcome: succeeded, failed (bad credentials) or throttled.",
		}, []string{"outcome"}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gyoryu_imports_total",
			Help: "Confirmed spreadsheet imports of pairs, by outcome: saved or refused.",
		}, []string{"outcome"}),
	}
	reg.MustRegister(m.requests, m.latency, m.logins, m.imports)
	for _, o := range []string{loginSucceeded, loginFailed, loginThrottled} {
		m.logins.WithLabelValues(o) // show zeros before the first attempt
	}
	return m
}

// MetricsHandler serves a registry in the Prometheus text format.
func MetricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}

// observe counts each request and its latency under its route's name. Every
// label is bounded whatever clients send: the route is a name of the table or
// "unmatched" (URLs never become label values), the method one of HTTP's or
// "other", the status one the app answered.
func (h *Handlers) observe(names map[string]string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			route := routeName(names, c)
			status := strconv.Itoa(c.Response().Status)
			h.metrics.requests.WithLabelValues(route, methodLabel(c.Request().Method), status).Inc()
			h.metrics.latency.WithLabelValues(route, status).Observe(time.Since(start).Seconds())
			return err
		}
	}
}

func (h *Handlers) countLogin(outcome string) { h.metrics.logins.WithLabelValues(outcome).Inc() }

func (h *Handlers) countImport(outcome string) { h.metrics.imports.WithLabelValues(outcome).Inc() }
