package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
)

// newMetrics builds the registry the app counts into: the handlers' series, the
// database pool's statistics, and the Go runtime's and process's.
func newMetrics(store *models.Store) (*prometheus.Registry, *handlers.Metrics) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewDBStatsCollector(store.SQL(), store.Dialect()),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return reg, handlers.NewMetrics(reg)
}

// metricsServer serves /metrics on METRICS_ADDR, apart from the public address,
// so only those who can reach that address (the cluster's Prometheus) read it.
func metricsServer(reg *prometheus.Registry, log *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", handlers.MetricsHandler(reg))
	return &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
