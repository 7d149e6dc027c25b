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
	store, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	if cfg.Demo {
		if err := seedDemo(ctx, store, log); err != nil {
			return err
		}
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
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on ADDR %s: %w", cfg.Addr, err)
	}
	log.Info("gyoryu is listening", "url", "http://"+ln.Addr().String(), "database", store.Dialect(), "demo", cfg.Demo)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if cfg.MetricsAddr != "" {
		msrv, mln, err := listenMetrics(cfg.MetricsAddr, reg, log)
		if err != nil {
			_ = srv.Close()
			return err
		}
		defer msrv.Close()
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

// openMigrated opens the configured database and brings its schema up to date.
func openMigrated(ctx context.Context, cfg config, log *slog.Logger) (*models.Store, error) {
	store, err := models.Open(ctx, models.OpenOptions{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath, MaxConns: cfg.DBMaxConns})
	if err != nil {
		return nil, err
	}
	if err := store.Migrate(ctx); err != nil {
		store.Close()
		return nil, err
	}
	log.Info("schema is up to date", "database", store.Dialect())
	return store, nil
}

// seedDemo loads the programme data into an empty database and makes sure the
// demo accounts exist.
func seedDemo(ctx context.Context, store *models.Store, log *slog.Logger) error {
	empty, err := store.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		rep, err := store.Seed(ctx)
		if err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
		log.Info("demo mode: loaded the programme data", "records", rep.Total())
	}
	n, err := store.SeedDemoAccounts(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("demo mode: created demo accounts", "accounts", n, "password", models.DemoPassword)
	}
	return nil
}
