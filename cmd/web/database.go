package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
)

// Which command may do what to a database:
//   - web serve creates a missing SQLite file and applies pending migrations;
//   - web migrate applies them to an existing database;
//   - every other command works on an existing database whose schema is this
//     binary's, and refuses anything else, saying which database it found.

// openExisting opens the configured database, refusing a SQLite file that does
// not exist: a command run with the wrong SQLITE_PATH, or without DATABASE_URL,
// must not succeed on a new empty file.
func openExisting(ctx context.Context, cfg config) (*models.Store, error) {
	return models.Open(ctx, models.OpenOptions{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath,
		MaxConns: cfg.DBMaxConns, MustExist: true})
}

// openCurrent opens an existing database whose schema is exactly this
// binary's: the commands that read and write records need it.
func openCurrent(ctx context.Context, cfg config) (*models.Store, error) {
	store, err := openExisting(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := store.CheckSchema(ctx); err != nil {
		store.Close()
		return nil, fmt.Errorf("%s: %w", store.Location(), err)
	}
	return store, nil
}

// openForServing opens the server's database, creating a missing SQLite file,
// applies the pending migrations, and refuses accounts that do not fit the
// mode (demo.go). A schema newer than this release is served unready.
func openForServing(ctx context.Context, cfg config, log *slog.Logger) (*models.Store, error) {
	store, err := models.Open(ctx, models.OpenOptions{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath, MaxConns: cfg.DBMaxConns, Logger: log})
	if err != nil {
		return nil, err
	}
	if err := prepareForServing(ctx, store, cfg.Demo, log); err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}

func prepareForServing(ctx context.Context, store *models.Store, demo bool, log *slog.Logger) error {
	if err := migrateUp(ctx, store, log); err != nil {
		return err
	}
	if err := store.CheckSchema(ctx); err != nil {
		// A newer release migrated the database: this instance starts, but is
		// not ready (/readyz says why) until it is replaced or the schema is.
		log.Warn("the schema is not this release's: /readyz answers 503", "database", store.Location(), "reason", err.Error())
	}
	if err := demoOnlyWhenAsked(ctx, store, demo); err != nil {
		return err
	}
	if demo {
		return seedDemo(ctx, store, log)
	}
	if n, err := store.ActiveAdministrators(ctx); err == nil && n == 0 {
		log.Warn("no active administrator yet: create one with web user create --role admin --login NAME (README, \"Running on PostgreSQL\")",
			"database", store.Location())
	}
	return nil
}

// migrateUp applies the pending migrations and logs what it applied. The
// schema may still not be this binary's (a newer release applied migrations
// it does not know): the caller checks.
func migrateUp(ctx context.Context, store *models.Store, log *slog.Logger) error {
	schema := store.Schema()
	applied, err := schema.Up(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", store.Location(), err)
	}
	versions, _ := schema.Applied(ctx)
	at := "none"
	if len(versions) > 0 {
		at = fmt.Sprintf("%04d", versions[len(versions)-1])
	}
	if len(applied) == 0 {
		log.Info("the schema is current; nothing to apply", "database", store.Location(), "version", at)
		return nil
	}
	log.Info("applied migrations", "database", store.Location(), "applied", len(applied),
		"migrations", labels(applied), "version", at)
	return nil
}

func labels(ms []migrations.Migration) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Label()
	}
	return strings.Join(out, ", ")
}
