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

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/notify"
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
	store, err := openForServing(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	assets, err := static.New()
	if err != nil {
		return err
	}
	reg, metrics := newMetrics(store)
	h := handlers.New(store, assets, log, handlers.Config{
		Metrics:           metrics,
		Demo:              cfg.Demo,
		Sessions:          models.SessionLimits{Idle: cfg.SessionIdle, Absolute: cfg.SessionMax, IdlePersonal: cfg.SessionIdlePersonal},
		CookieSecure:      cfg.CookieSec,
		TrustProxy:        cfg.TrustProxy,
		PublicRecheck:     cfg.PublicRecheck,
		MailOn:            cfg.SMTPURL != "",
		LongWaitDays:      cfg.LongWaitDays,
		SecondFactorRoles: cfg.MFARoles,
		AccessRetention:   cfg.AccessRetention,
		BaseURL:           cfg.BaseURL,
	})
	router := h.Router()
	sender, err := newSender(cfg, store, router, reg, log)
	if err != nil {
		return err
	}
	senderCtx, stopSender := context.WithCancel(context.WithoutCancel(ctx))
	senderDone := make(chan struct{})
	go func() { defer close(senderDone); sender.Run(senderCtx) }()
	defer func() { stopSender(); <-senderDone }()
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           router,
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

// newSender makes the notification sender: reminders always, mail through
// SMTP_URL when it is set.
func newSender(cfg config, store *models.Store, router *echo.Echo, reg prometheus.Registerer, log *slog.Logger) (*notify.Sender, error) {
	nc := notify.Config{From: cfg.MailFrom, BaseURL: cfg.BaseURL, RecordPath: handlers.RecordPath(router),
		NotificationsPath: router.Reverse("notifications"), Log: log.With("component", "mail"), Metrics: reg}
	if cfg.SMTPURL != "" {
		relay, err := notify.ParseRelay(cfg.SMTPURL)
		if err != nil {
			return nil, err
		}
		nc.Relay = &relay
	}
	return notify.New(store, nc)
}
