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

	"github.com/gyoryu/gyoryu/models"
)

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseConfig("migrate", args, getenv, stderr)
	if err != nil {
		return err
	}
	log := cfg.logger(stdout)
	if rest := fs.Args(); len(rest) == 1 && rest[0] == "status" {
		return migrateStatus(ctx, cfg, stdout)
	}
	if rest := fs.Args(); len(rest) > 0 {
		if rest[0] != "down" || len(rest) != 2 {
			return fmt.Errorf("usage: web migrate [status | down VERSION]")
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

// migrateStatus prints each migration and whether the database has it, without
// changing anything.
func migrateStatus(ctx context.Context, cfg config, stdout io.Writer) error {
	store, err := models.Open(ctx, models.OpenOptions{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath})
	if err != nil {
		return err
	}
	defer store.Close()
	status, err := store.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	pending := 0
	for _, m := range status {
		state := "pending"
		if m.Applied {
			state = "applied " + m.AppliedAt.UTC().Format("2006-01-02 15:04:05 UTC")
		} else {
			pending++
		}
		fmt.Fprintf(stdout, "%04d  %-16s  %s\n", m.Version, m.Name, state)
	}
	fmt.Fprintf(stdout, "%d migrations, %d pending (%s)\n", len(status), pending, store.Dialect())
	return nil
}

// backup copies the SQLite database, consistent and online, to a new file.
func backup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseConfig("backup", args, getenv, stderr)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: web backup FILE")
	}
	store, err := models.Open(ctx, models.OpenOptions{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.BackupTo(ctx, fs.Arg(0)); err != nil {
		return err
	}
	cfg.logger(stdout).Info("backed up", "from", cfg.SQLitePath, "to", fs.Arg(0))
	return nil
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
