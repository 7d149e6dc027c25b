package models

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrationFiles embed.FS

// migrationLockKey is the PostgreSQL advisory lock that serialises migrations
// when several app instances start at once ("gyoryu" in ASCII). goose holds it
// as a session lock for a whole run.
const migrationLockKey = 0x6779_6f72_7975

// Migration is one versioned schema change, with the SQL that undoes it.
type Migration struct {
	Version int
	Name    string
	Up      string
	Down    string
}

// Migrations lists the migrations for a dialect ("postgres" or "sqlite") in order.
func Migrations(dialect string) ([]Migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations for %s: %w", dialect, err)
	}
	byVersion := map[int]*Migration{}
	for _, e := range entries {
		name := e.Name()
		base, direction, ok := cutDirection(name)
		if !ok {
			return nil, fmt.Errorf("migration file %s: want NNNN_name.up.sql or .down.sql", name)
		}
		num, label, _ := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration file %s: version %q is not a number", name, num)
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		m := byVersion[version]
		if m == nil {
			m = &Migration{Version: version, Name: label}
			byVersion[version] = m
		}
		if direction == "up" {
			m.Up = string(body)
		} else {
			m.Down = string(body)
		}
	}
	list := make([]Migration, 0, len(byVersion))
	for _, m := range byVersion {
		if m.Up == "" || m.Down == "" {
			return nil, fmt.Errorf("migration %04d_%s needs both an up and a down file", m.Version, m.Name)
		}
		list = append(list, *m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Version < list[j].Version })
	return list, nil
}

func cutDirection(name string) (base, direction string, ok bool) {
	if b, found := strings.CutSuffix(name, ".up.sql"); found {
		return b, "up", true
	}
	if b, found := strings.CutSuffix(name, ".down.sql"); found {
		return b, "down", true
	}
	return "", "", false
}

// The migrations are run by goose (github.com/pressly/goose/v3), which records
// them in its goose_db_version table. The SQL files stay as they are
// (NNNN_name.up.sql and .down.sql per dialect); each pair becomes a goose Go
// migration that runs its file in a transaction.

// Migrate applies every migration not yet applied. Several instances may call it
// at once: on PostgreSQL goose holds an advisory session lock for the run, on
// SQLite a lock on a file beside the database.
func (s *Store) Migrate(ctx context.Context) error {
	if err := s.adoptLegacyVersions(ctx); err != nil {
		return err
	}
	p, err := s.migrationProvider()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// MigrateDown undoes applied migrations until only those up to version remain (0: all).
func (s *Store) MigrateDown(ctx context.Context, version int) error {
	if err := s.adoptLegacyVersions(ctx); err != nil {
		return err
	}
	p, err := s.migrationProvider()
	if err != nil {
		return err
	}
	if _, err := p.DownTo(ctx, int64(version)); err != nil {
		return fmt.Errorf("migrate down to %d: %w", version, err)
	}
	return nil
}

// MigrationState is one migration as `web migrate status` shows it.
type MigrationState struct {
	Version   int
	Name      string
	Applied   bool
	AppliedAt time.Time // zero when pending
}

// MigrationStatus lists every migration and whether the database has it.
func (s *Store) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	if err := s.adoptLegacyVersions(ctx); err != nil {
		return nil, err
	}
	migrations, err := Migrations(s.dialect)
	if err != nil {
		return nil, err
	}
	p, err := s.migrationProvider()
	if err != nil {
		return nil, err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	byVersion := map[int64]*goose.MigrationStatus{}
	for _, st := range status {
		byVersion[st.Source.Version] = st
	}
	out := make([]MigrationState, 0, len(migrations))
	for _, m := range migrations {
		st := MigrationState{Version: m.Version, Name: m.Name}
		if g := byVersion[int64(m.Version)]; g != nil && g.State == goose.StateApplied {
			st.Applied, st.AppliedAt = true, g.AppliedAt
		}
		out = append(out, st)
	}
	return out, nil
}

// AppliedMigrations returns the versions the database has, in order.
func (s *Store) AppliedMigrations(ctx context.Context) ([]int, error) {
	status, err := s.MigrationStatus(ctx)
	if err != nil {
		return nil, err
	}
	var versions []int
	for _, st := range status {
		if st.Applied {
			versions = append(versions, st.Version)
		}
	}
	return versions, nil
}

// migrationProvider builds the goose provider over the embedded migrations.
func (s *Store) migrationProvider() (*goose.Provider, error) {
	migrations, err := Migrations(s.dialect)
	if err != nil {
		return nil, err
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, err
	}
	steps := make([]*goose.Migration, 0, len(migrations))
	for _, m := range migrations {
		steps = append(steps, goose.NewGoMigration(int64(m.Version),
			&goose.GoFunc{RunTx: runScript(m.Up)}, &goose.GoFunc{RunTx: runScript(m.Down)}))
	}
	opts := []goose.ProviderOption{
		goose.WithGoMigrations(steps...),
		goose.WithDisableGlobalRegistry(true),
		goose.WithLogger(goose.NopLogger()),
	}
	dialect := goose.DialectSQLite3
	if s.dialect == DialectPostgres {
		dialect = goose.DialectPostgres
		// Waiting instances retry every second, for up to five minutes.
		key, err := s.migrationLockKey(sqlDB)
		if err != nil {
			return nil, err
		}
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(key), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	} else {
		opts = append(opts, goose.WithLocker(&fileLocker{path: s.sqlitePath + ".migrate-lock"}))
	}
	return goose.NewProvider(dialect, sqlDB, nil, opts...)
}

// migrationLockKey is the advisory lock of this schema's migrations. Advisory
// locks are per database, so the schema's name is mixed in: instances of one
// deployment share a schema and wait for each other, while other schemas of the
// same database (other apps, parallel tests) do not.
func (s *Store) migrationLockKey(sqlDB *sql.DB) (int64, error) {
	var schema string
	if err := sqlDB.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
		return 0, fmt.Errorf("read the current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte(schema))
	return migrationLockKey ^ int64(h.Sum64()>>16), nil
}

// runScript runs a migration file as one multi-statement script; both drivers
// accept that, so trigger and function bodies need no statement splitting.
func runScript(script string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, script)
		return err
	}
}
