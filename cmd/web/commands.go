package main

// The subcommands that look after a deployment: migrate, seed and
// healthcheck (serve is in serve.go, user in user.go).

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseConfig("migrate", args, getenv, stderr)
	if err != nil {
		return err
	}
	log := cfg.logger(stdout)
	if rest := fs.Args(); len(rest) > 0 {
		if rest[0] != "down" || len(rest) != 2 {
			return fmt.Errorf("usage: web migrate [down VERSION]")
		}
		version, err := strconv.Atoi(rest[1])
		if err != nil || version < 0 {
			return fmt.Errorf("migrate down: VERSION must be a number ≥ 0, got %q", rest[1])
		}
		store, err := openMigrated(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer store.Close()
		if err := store.MigrateDown(ctx, version); err != nil {
			return err
		}
		log.Info("migrated down", "to", version)
		return nil
	}
	store, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	return store.Close()
}

func seed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("seed", args, getenv, stderr)
	if err != nil {
		return err
	}
	log := cfg.logger(stdout)
	store, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.Seed(ctx)
	if err != nil {
		return err
	}
	log.Info("seeded the programme data", "created", rep.Total(), "ministries", rep.Ministries, "rounds", rep.Rounds,
		"pairs", rep.Pairs, "tasks", rep.Tasks, "outcomes", rep.Outcomes, "contacts", rep.Contacts)
	return nil
}

// healthcheck asks a running server for /healthz; containers without curl use it.
func healthcheck(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	cfg, _, err := parseConfig("healthcheck", args, getenv, stderr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+cfg.Addr+"/healthz", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: /healthz answered %s", res.Status)
	}
	return nil
}
