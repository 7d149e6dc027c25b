// Package modelstest gives tests a fresh, migrated store on every database
// gyoryu supports: the embedded SQLite file and a real PostgreSQL server.
//
// Migrating (and seeding) for every test is what made the suite slow, so each
// test process does it once per kind of store, into a template, and every test
// gets a copy of it: on PostgreSQL a database made with CREATE DATABASE …
// TEMPLATE (templates.go), on SQLite a copy of the migrated file. Each test's
// copy is its own and is dropped after the test; the templates are dropped when
// the process ends (Main), and any left by killed runs after a day.
package modelstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// Which database a test runs on says whether the database matters to what it
// proves. Each and EachSeeded run it on both, for behaviour the database can
// change: the store and its queries, constraints, locks and races, query
// budgets, sessions and throttles, the public cache. Any and AnySeeded run it
// once, on SQLite, for everything else (pages, forms, permissions, words);
// the two take the same fn, so moving a test is one word. The rule, and how it
// was measured, is in the README's section on the tests.

// Each runs fn once per database, as subtests named "sqlite" and "postgres",
// each with its own freshly migrated store. PostgreSQL needs TEST_DATABASE_URL;
// without it the PostgreSQL subtest is skipped, except in CI, where it fails.
func Each(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	each(t, migrated, fn)
}

// EachParallel is Each with the two subtests running at the same time
// (t.Parallel), for long tests whose fn touches nothing outside its own store
// and what it builds on it: no process-wide measure (allocations, time), no
// t.Setenv, no package variable written.
func EachParallel(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			fn(t, clone(t, dialect, migrated))
		})
	}
}

// EachSeeded is Each with the programme data seeded.
func EachSeeded(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	each(t, seeded, fn)
}

// Any runs fn once, as a subtest named "sqlite", with a freshly migrated
// store: for a test the database does not matter to.
func Any(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	anyOf(t, migrated, fn)
}

// AnySeeded is Any with the programme data seeded.
func AnySeeded(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	anyOf(t, seeded, fn)
}

// anyOf runs fn on SQLite, or on the database MODELSTEST_ANY names:
// MODELSTEST_ANY=postgres runs the tests of Any on PostgreSQL instead, to
// measure what they would add there (README, "Which database a test runs on").
func anyOf(t *testing.T, k kind, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	dialect := models.DialectSQLite
	if os.Getenv("MODELSTEST_ANY") == models.DialectPostgres {
		dialect = models.DialectPostgres
	}
	t.Run(dialect, func(t *testing.T) { fn(t, clone(t, dialect, k)) })
}

func each(t *testing.T, k kind, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			fn(t, clone(t, dialect, k))
		})
	}
}

// New opens a fresh, migrated store on one database.
func New(t testing.TB, dialect string) *models.Store {
	t.Helper()
	return clone(t, dialect, migrated)
}

// Seeded opens a fresh, migrated store on one database with the programme data
// seeded (models.Store.Seed).
func Seeded(t testing.TB, dialect string) *models.Store {
	t.Helper()
	return clone(t, dialect, seeded)
}

// Unmigrated opens a fresh, empty store on one database: a new SQLite file, or
// on PostgreSQL a schema of its own (PostgresURL). Tests of the migrations
// themselves start here.
func Unmigrated(t testing.TB, dialect string) *models.Store {
	t.Helper()
	var opts models.OpenOptions
	switch dialect {
	case models.DialectSQLite:
		opts.SQLitePath = filepath.Join(t.TempDir(), "gyoryu.db")
	case models.DialectPostgres:
		opts.DatabaseURL = PostgresURL(t)
	default:
		t.Fatalf("unknown dialect %q", dialect)
	}
	return open(t, opts)
}

// open opens a store and closes it when the test ends.
func open(t testing.TB, opts models.OpenOptions) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var announce sync.Once

// baseURL is TEST_DATABASE_URL; without it the test is skipped, or fails in CI.
func baseURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TEST_DATABASE_URL is not set: CI must run the PostgreSQL tests (.ci/with-postgres sets it)")
		}
		announce.Do(func() { fmt.Println("PostgreSQL: TEST_DATABASE_URL is not set; PostgreSQL tests are SKIPPED") })
		t.Skip("PostgreSQL: TEST_DATABASE_URL is not set")
	}
	announce.Do(func() { fmt.Println("PostgreSQL: tests run against", redacted(base)) })
	return base
}

// PostgresURL gives the test an empty schema of its own in the TEST_DATABASE_URL
// database (dropped afterwards) and returns a URL whose search_path points at it.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := baseURL(t)
	p, err := postgres(base)
	if err != nil {
		t.Fatalf("PostgreSQL at TEST_DATABASE_URL: %v", err)
	}
	admin := p.admin
	schema := "t_" + randomHex(8)
	if err := admin.DB().Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() { admin.DB().Exec("DROP SCHEMA " + schema + " CASCADE") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Main runs a package's tests and then removes the templates this process
// made (databases and files). Call it from the package's TestMain:
//
//	func TestMain(m *testing.M) { modelstest.Main(m) }
//
// Without it the tests still pass; the templates are then left until a later
// run drops them, a day on.
func Main(m *testing.M) {
	os.Exit(Run(m))
}

// Run is Main for a TestMain with more to do after the tests: it runs them,
// removes the templates and returns the exit code.
func Run(m *testing.M) int {
	code := m.Run()
	cleanUp()
	return code
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func redacted(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// Reopen opens another store on s's database, as a second instance of the app
// would: its own pool on the same PostgreSQL database or SQLite file.
func Reopen(t testing.TB, s *models.Store) *models.Store {
	t.Helper()
	return open(t, models.OpenOptions{DatabaseURL: s.URL(), SQLitePath: s.SQLitePath()})
}
