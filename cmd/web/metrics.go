package main

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
)

// newMetrics builds the registry the app counts into: the handlers' series, the
// database pool's statistics, and the Go runtime's and process's.
func newMetrics(store *models.Store) (*prometheus.Registry, *handlers.Metrics, error) {
	reg := prometheus.NewRegistry()
	sqlDB, err := store.DB().DB()
	if err != nil {
		return nil, nil, err
	}
	reg.MustRegister(
		collectors.NewDBStatsCollector(sqlDB, store.Dialect()),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return reg, handlers.NewMetrics(reg), nil
}

// listenMetrics serves /metrics on METRICS_ADDR, apart from the public address,
// so only those who can reach that address (the cluster's Prometheus) read it.
func listenMetrics(addr string, reg *prometheus.Registry, log *slog.Logger) (*http.Server, net.Listener, error) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", handlers.MetricsHandler(reg))
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen on METRICS_ADDR %s: %w", addr, err)
	}
	log.Info("metrics are listening", "metrics_url", "http://"+ln.Addr().String()+"/metrics")
	return srv, ln, nil
}
