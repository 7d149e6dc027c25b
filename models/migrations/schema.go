package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Schema is one database as the migrations see it. Each migration runs in its
// own transaction and is recorded in goose's goose_db_version table; several
// instances may migrate at once (see lock.go).
type Schema struct {
	db      *sql.DB
	dialect string
	// lockPath is the file whose flock serialises SQLite migrations across
	// processes; PostgreSQL uses an advisory lock instead.
	lockPath string
}

// New returns the schema of db, a "postgres" or "sqlite" database; sqlitePath
// is the SQLite file (its migration lock lies beside it), empty on PostgreSQL.
func New(db *sql.DB, dialect, sqlitePath string) *Schema {
	s := &Schema{db: db, dialect: dialect}
	if dialect == SQLite {
		s.lockPath = sqlitePath + ".migrate-lock"
	}
	return s
}

// Up applies every migration not yet applied, in order, and returns those it
// applied (none when the schema was current).
func (s *Schema) Up(ctx context.Context) ([]Migration, error) {
	if err := s.adoptLegacyVersions(ctx); err != nil {
		return nil, err
	}
	all, err := List(s.dialect)
	if err != nil {
		return nil, err
	}
	p, err := s.provider(ctx, all)
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	applied := make([]Migration, 0, len(results))
	for _, r := range results {
		applied = append(applied, byVersion(all)[int(r.Source.Version)])
	}
	return applied, nil
}

// State is one migration as `web migrate status` shows it.
type State struct {
	Migration
	Applied   bool
	AppliedAt time.Time // zero when pending, or when the database does not say
	// Unknown marks a version the database has and this binary does not: a
	// newer release applied it. Its Migration has only the Version.
	Unknown bool
}

// Status lists every migration of this binary and whether the database has it,
// then the versions the database has that this binary does not know. It
// changes nothing.
func (s *Schema) Status(ctx context.Context) ([]State, error) {
	all, err := List(s.dialect)
	if err != nil {
		return nil, err
	}
	applied, err := s.appliedAt(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]State, 0, len(all))
	known := map[int]bool{}
	for _, m := range all {
		at, ok := applied[m.Version]
		out = append(out, State{Migration: m, Applied: ok, AppliedAt: at})
		known[m.Version] = true
	}
	for _, v := range sortedVersions(applied) {
		if !known[v] {
			out = append(out, State{Migration: Migration{Version: v}, Applied: true, AppliedAt: applied[v], Unknown: true})
		}
	}
	return out, nil
}

// Applied returns the versions the database has, in order.
func (s *Schema) Applied(ctx context.Context) ([]int, error) {
	applied, err := s.appliedAt(ctx)
	if err != nil {
		return nil, err
	}
	return sortedVersions(applied), nil
}

// MismatchError says how a database's schema differs from this binary's.
type MismatchError struct {
	Pending []Migration // this binary's migrations the database lacks: it is behind
	Unknown []int       // versions the database has and this binary does not: it is ahead
}

func (e *MismatchError) Error() string {
	var parts []string
	if len(e.Pending) > 0 {
		labels := make([]string, len(e.Pending))
		for i, m := range e.Pending {
			labels[i] = m.Label()
		}
		parts = append(parts, fmt.Sprintf("the schema is behind this binary: %s not applied (web migrate applies them)",
			strings.Join(labels, ", ")))
	}
	if len(e.Unknown) > 0 {
		versions := make([]string, len(e.Unknown))
		for i, v := range e.Unknown {
			versions[i] = fmt.Sprintf("%04d", v)
		}
		parts = append(parts, fmt.Sprintf("the schema is ahead of this binary: version %s applied, which this binary does not know (a newer release migrated the database)",
			strings.Join(versions, ", ")))
	}
	return strings.Join(parts, "; ")
}

// Check returns a *MismatchError when the database's applied migrations are
// not exactly this binary's: an instance must not serve a schema it was not
// built for. It reads one small table and changes nothing.
func (s *Schema) Check(ctx context.Context) error {
	all, err := List(s.dialect)
	if err != nil {
		return err
	}
	applied, err := s.appliedAt(ctx)
	if err != nil {
		return err
	}
	var e MismatchError
	for _, m := range all {
		if _, ok := applied[m.Version]; !ok {
			e.Pending = append(e.Pending, m)
		}
	}
	known := byVersion(all)
	for _, v := range sortedVersions(applied) {
		if _, ok := known[v]; !ok {
			e.Unknown = append(e.Unknown, v)
		}
	}
	if len(e.Pending) > 0 || len(e.Unknown) > 0 {
		return &e
	}
	return nil
}

// appliedAt reads the applied versions and when each was applied; a database
// without goose's table has none.
func (s *Schema) appliedAt(ctx context.Context) (map[int]time.Time, error) {
	ok, err := hasTable(ctx, s.db, s.dialect, versionTable)
	if err != nil || !ok {
		return map[int]time.Time{}, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT version_id, tstamp FROM "+versionTable+" WHERE version_id > 0")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", versionTable, err)
	}
	defer rows.Close()
	applied := map[int]time.Time{}
	for rows.Next() {
		var (
			version int
			at      any
		)
		if err := rows.Scan(&version, &at); err != nil {
			return nil, fmt.Errorf("read %s: %w", versionTable, err)
		}
		applied[version] = asTime(at)
	}
	return applied, rows.Err()
}

// asTime reads goose's tstamp: a time on PostgreSQL, text on SQLite.
func asTime(v any) time.Time {
	switch t := v.(type) {
	case time.Time:
		return t
	case string:
		at, _ := time.Parse(time.DateTime, t)
		return at
	case []byte:
		at, _ := time.Parse(time.DateTime, string(t))
		return at
	}
	return time.Time{}
}

// provider builds the goose provider over the migrations, each a Go migration
// that runs its SQL file in a transaction, under the migration lock.
func (s *Schema) provider(ctx context.Context, all []Migration) (*goose.Provider, error) {
	steps := make([]*goose.Migration, 0, len(all))
	for _, m := range all {
		steps = append(steps, goose.NewGoMigration(int64(m.Version),
			&goose.GoFunc{RunTx: runScript(m.Up)}, &goose.GoFunc{RunTx: runScript(m.Down)}))
	}
	opts := []goose.ProviderOption{
		goose.WithGoMigrations(steps...),
		goose.WithDisableGlobalRegistry(true),
		goose.WithLogger(goose.NopLogger()),
	}
	dialect := goose.DialectSQLite3
	switch s.dialect {
	case Postgres:
		dialect = goose.DialectPostgres
		key, err := advisoryLockKey(ctx, s.db)
		if err != nil {
			return nil, err
		}
		// Waiting instances retry every second, for up to five minutes.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(key), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	case SQLite:
		opts = append(opts, goose.WithLocker(&fileLocker{path: s.lockPath}))
	default:
		return nil, fmt.Errorf("unknown dialect %q", s.dialect)
	}
	return goose.NewProvider(dialect, s.db, nil, opts...)
}

// runScript runs a migration file as one multi-statement script; both drivers
// accept that, so trigger and function bodies need no statement splitting.
func runScript(script string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, script)
		return err
	}
}

func byVersion(all []Migration) map[int]Migration {
	m := make(map[int]Migration, len(all))
	for _, mg := range all {
		m[mg.Version] = mg
	}
	return m
}

func sortedVersions(applied map[int]time.Time) []int {
	return slices.Sorted(maps.Keys(applied))
}
