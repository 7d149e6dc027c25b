package modelstest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// kind is what a template holds; each kind is the one before it plus a step.
type kind int

const (
	migrated kind = iota // every migration applied
	seeded               // and the programme data (Store.Seed)
	demo                 // and the demo accounts (Store.SeedDemoAccounts)
	kinds
)

func (k kind) String() string { return [...]string{"migrated", "seeded", "demo"}[k] }

// step brings a store holding the kind before k up to k.
func (k kind) step(ctx context.Context, s *models.Store) error {
	var err error
	switch k {
	case migrated:
		err = s.Migrate(ctx)
	case seeded:
		_, err = s.Seed(ctx)
	case demo:
		_, err = s.SeedDemoAccounts(ctx)
	}
	if err != nil {
		return fmt.Errorf("%s template: %w", k, err)
	}
	if s.Dialect() == models.DialectPostgres {
		// The statistics autovacuum would gather within a minute of the load, copied
		// with the template to every test's database: without them PostgreSQL plans
		// the worklist's subqueries for tables of unknown size.
		if err := s.DB().WithContext(ctx).Exec("ANALYZE").Error; err != nil {
			return fmt.Errorf("%s template: analyze: %w", k, err)
		}
	}
	return nil
}

// template is one kind of store, made once per process: a PostgreSQL database
// (name) or a SQLite file (path).
type template struct {
	mu     sync.Mutex
	built  bool
	err    error
	name   string           // the PostgreSQL database, or the SQLite file
	counts map[string]int64 // rows per table, to tell an untouched copy
}

// templates are a dialect's templates, built on first use.
type templates struct {
	dialect string
	byKind  [kinds]template
	// build makes the template of kind k from the parent's (nil for migrated),
	// returning its name and the store it was made with (closed by the caller).
	build func(k kind, parent *template) (name string, s *models.Store, err error)
	// done finishes a built template once its store is closed.
	done func(name string) error
}

// get returns the template of kind k, building it (and its parents) the first time.
func (ts *templates) get(k kind) (*template, error) {
	tpl := &ts.byKind[k]
	tpl.mu.Lock()
	defer tpl.mu.Unlock()
	if tpl.built {
		return tpl, tpl.err
	}
	tpl.built = true
	var parent *template
	if k > migrated {
		if parent, tpl.err = ts.get(k - 1); tpl.err != nil {
			return tpl, tpl.err
		}
	}
	tpl.err = func() error {
		name, s, err := ts.build(k, parent)
		if s != nil {
			defer s.Close()
		}
		if err != nil {
			return err
		}
		if err := k.step(context.Background(), s); err != nil {
			return err
		}
		if tpl.counts, err = rowCounts(s); err != nil {
			return err
		}
		if s.Dialect() == models.DialectSQLite {
			// Everything into the main file, so that copying it copies it all.
			if err := s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
				return fmt.Errorf("%s template: checkpoint: %w", k, err)
			}
		}
		if err := s.Close(); err != nil {
			return err
		}
		tpl.name = name
		return ts.done(name)
	}()
	return tpl, tpl.err
}

// clone opens a store of kind k of its own for the test.
func clone(t testing.TB, dialect string, k kind) *models.Store {
	t.Helper()
	var s *models.Store
	switch dialect {
	case models.DialectSQLite:
		s = open(t, models.OpenOptions{SQLitePath: sqliteCopy(t, k)})
	case models.DialectPostgres:
		base := baseURL(t)
		p, err := postgres(base)
		if err != nil {
			t.Fatalf("PostgreSQL at TEST_DATABASE_URL: %v", err)
		}
		tpl, err := p.templates.get(k)
		if err != nil {
			t.Fatalf("postgres: %v", err)
		}
		name, err := p.create(tpl.name)
		if err != nil {
			t.Fatalf("postgres: copy the %s template: %v", k, err)
		}
		t.Cleanup(func() { p.drop(name) })
		s = open(t, models.OpenOptions{DatabaseURL: p.url(name)})
	default:
		t.Fatalf("unknown dialect %q", dialect)
	}
	remember(t, s, k)
	return s
}

// MigratedSQLiteFile is a migrated SQLite database file of the test's own, a
// copy of the template migrated once per process, for tests that hand the app
// a file rather than a store (cmd/web's commands).
func MigratedSQLiteFile(t testing.TB) string {
	t.Helper()
	return sqliteCopy(t, migrated)
}

// sqliteCopy copies the SQLite template of kind k into the test's temporary directory.
func sqliteCopy(t testing.TB, k kind) string {
	t.Helper()
	tpl, err := sqliteTemplates().get(k)
	if err != nil {
		t.Fatalf("sqlite: %v", err)
	}
	path := filepath.Join(t.TempDir(), "gyoryu.db")
	if err := copyFile(tpl.name, path); err != nil {
		t.Fatalf("sqlite: copy the %s template: %v", k, err)
	}
	return path
}

// copies are the stores clone made, with the kind each was copied from.
var copies sync.Map // *models.Store → kind

func remember(t testing.TB, s *models.Store, k kind) {
	copies.Store(s, k)
	t.Cleanup(func() { copies.Delete(s) })
}

// SeedDemo gives the store the programme data and the demo accounts, as
// Store.Seed and Store.SeedDemoAccounts do. A store from New, Seeded, Each or
// EachSeeded that no row has been added to or removed from since gets them as
// a copy of a template seeded once per process — its PostgreSQL database made
// again from the template, or the template's file copied over its SQLite file,
// while the store holds no connection — which is the same data without the
// work (hashing the accounts' password alone is slow under -race). Any other
// store is seeded.
func SeedDemo(t testing.TB, s *models.Store) {
	t.Helper()
	if !swapToDemo(t, s) {
		ctx := context.Background()
		if _, err := s.Seed(ctx); err != nil {
			t.Fatalf("seed: %v", err)
		}
		if _, err := s.SeedDemoAccounts(ctx); err != nil {
			t.Fatalf("seed demo accounts: %v", err)
		}
	}
}

// swapToDemo replaces an untouched copy's data with the demo template's and
// reports whether it did.
func swapToDemo(t testing.TB, s *models.Store) bool {
	t.Helper()
	v, ok := copies.Load(s)
	if !ok || v.(kind) == demo {
		return false
	}
	var ts *templates
	if s.Dialect() == models.DialectSQLite {
		ts = sqliteTemplates()
	} else {
		p, err := postgres(baseURL(t))
		if err != nil {
			t.Fatalf("PostgreSQL at TEST_DATABASE_URL: %v", err)
		}
		ts = &p.templates
	}
	from, err := ts.get(v.(kind))
	if err != nil {
		t.Fatal(err)
	}
	if now, err := rowCounts(s); err != nil || !sameCounts(now, from.counts) {
		return false
	}
	to, err := ts.get(demo)
	if err != nil {
		t.Fatal(err)
	}
	db, err := s.DB().DB()
	if err != nil {
		t.Fatal(err)
	}
	// Close the pool's idle connections; one still in use means the store is
	// busy elsewhere, and then it is seeded the ordinary way.
	// models.Open keeps every connection idle: on SQLite the writer and, in a
	// pool of their own, the readers, which must let go of the file too.
	for _, pool := range []*sql.DB{db, s.SQLReads()} {
		idle := pool.Stats().MaxOpenConnections
		pool.SetMaxIdleConns(0)
		defer pool.SetMaxIdleConns(idle)
		if pool.Stats().OpenConnections != 0 {
			return false
		}
	}
	if s.Dialect() == models.DialectSQLite {
		path := s.SQLitePath()
		for _, f := range []string{path + "-wal", path + "-shm"} {
			if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
		if err := copyFile(to.name, path); err != nil {
			t.Fatalf("sqlite: copy the demo template: %v", err)
		}
	} else {
		p, _ := postgres(baseURL(t))
		if err := p.recreate(databaseOf(s), to.name); err != nil {
			t.Fatalf("postgres: copy the demo template: %v", err)
		}
	}
	copies.Store(s, demo)
	return true
}

// rowCounts counts the rows of every table of the store's schema, on the
// store's own connections but not through GORM (so no query counter sees it).
func rowCounts(s *models.Store) (map[string]int64, error) {
	db, err := s.DB().DB()
	if err != nil {
		return nil, err
	}
	list := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	if s.Dialect() == models.DialectPostgres {
		list = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
	}
	tables, err := strings1(db, list)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	counts := map[string]int64{}
	if len(tables) == 0 {
		return counts, nil
	}
	sort.Strings(tables)
	parts := make([]string, len(tables))
	for i, name := range tables {
		parts[i] = fmt.Sprintf(`SELECT '%s', COUNT(*) FROM "%s"`, name, name)
	}
	rows, err := db.Query(strings.Join(parts, " UNION ALL "))
	if err != nil {
		return nil, fmt.Errorf("count rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return nil, err
		}
		counts[name] = n
	}
	return counts, rows.Err()
}

func strings1(db *sql.DB, query string) ([]string, error) {
	rows, err := db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func sameCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
