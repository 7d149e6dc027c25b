package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/static"
)

// shutdownGrace is how long in-flight requests may take to finish on SIGTERM.
const shutdownGrace = 20 * time.Second

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("serve", args, getenv, stderr)
	if err != nil {
		return err
	}
	log := cfg.logger(stdout)
	// The address first: a taken port stops the start before it touches the database.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on ADDR %s: %w", cfg.Addr, err)
	}
	defer ln.Close()
	var mln net.Listener
	if cfg.MetricsAddr != "" {
		if mln, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			return fmt.Errorf("listen on METRICS_ADDR %s: %w", cfg.MetricsAddr, err)
		}
		defer mln.Close()
	}
	store, err := models.Open(ctx, models.OpenOptions{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath, MaxConns: cfg.DBMaxConns})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := migrateUp(ctx, store, log); err != nil {
		return err
	}
	if err := store.CheckSchema(ctx); err != nil {
		// A newer release migrated the database: this instance starts, but is
		// not ready (/readyz says why) until it is replaced or the schema is.
		log.Warn("the schema is not this release's: /readyz answers 503", "database", store.Location(), "reason", err.Error())
	}
	if err := demoOnlyWhenAsked(ctx, store, cfg.Demo); err != nil {
		return err
	}
	if cfg.Demo {
		if err := seedDemo(ctx, store, log); err != nil {
			return err
		}
	} else if n, err := store.ActiveAdministrators(ctx); err == nil && n == 0 {
		log.Warn("no active administrator yet: create one with web user create --role admin --login NAME (README, \"Running on PostgreSQL\")",
			"database", store.Location())
	}
	assets, err := static.New()
	if err != nil {
		return err
	}
	reg, metrics, err := newMetrics(store)
	if err != nil {
		return err
	}
	h := handlers.New(store, assets, log, handlers.Config{
		Metrics:       metrics,
		Demo:          cfg.Demo,
		Sessions:      models.SessionLimits{Idle: cfg.SessionIdle, Absolute: cfg.SessionMax},
		CookieSecure:  cfg.CookieSec,
		TrustProxy:    cfg.TrustProxy,
		PublicRecheck: cfg.PublicRecheck,
	})
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           h.Router(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("gyoryu is listening", "url", "http://"+ln.Addr().String(), "database", store.Location(), "demo", cfg.Demo)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if mln != nil {
		msrv := metricsServer(reg, log)
		defer msrv.Close()
		log.Info("metrics are listening", "metrics_url", "http://"+mln.Addr().String()+"/metrics")
		go func() { _ = msrv.Serve(mln) }()
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
