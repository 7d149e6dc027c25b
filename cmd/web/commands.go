package main

// The subcommands that look after a deployment: seed, backup and healthcheck
// (serve is in serve.go, migrate in migrate.go, user in user.go, demo in
// demo.go, erase-contacts in retention.go).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gyoryu/gyoryu/models/backup"
)

// backupCommand copies the SQLite database, consistent and online, to a new
// file, and checks the copy against the source before it says so.
func backupCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseConfig("backup", args, getenv, stderr)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: web backup FILE")
	}
	if cfg.DatabaseURL != "" {
		return errors.New("web backup copies the SQLite file; back PostgreSQL up with pg_dump (README, \"Backup and restore\")")
	}
	store, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := backup.SQLite(ctx, store.SQL(), store.SQLReads(), fs.Arg(0))
	if err != nil {
		return fmt.Errorf("back up %s: %w", store.Location(), err)
	}
	cfg.logger(stdout).Info("backed up and checked the copy: its tables and rows equal the source's",
		"from", store.Location(), "to", fs.Arg(0), "tables", rep.Tables(), "rows", rep.TotalRows(),
		"writes_waited", rep.Held.Round(time.Millisecond))
	return nil
}

func seed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var years int
	var scale float64
	var onto bool
	cfg, fs, err := parseConfigWith("seed", args, getenv, stderr, yearsFlags(&years, &scale, &onto))
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("usage: web seed [--years N [--scale F] [--onto-existing]]")
	}
	if years != 0 {
		return seedYears(ctx, cfg, years, scale, onto, stdout)
	}
	if scale != 1 || onto {
		return errors.New("--scale and --onto-existing go with --years N")
	}
	store, err := openCurrent(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.Seed(ctx)
	if err != nil {
		return fmt.Errorf("seed %s: %w", store.Location(), err)
	}
	cfg.logger(stdout).Info("seeded the programme data", "database", store.Location(), "created", rep.Total(), "ministries", rep.Ministries, "rounds", rep.Rounds,
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
