// Package modelstest gives tests a fresh, migrated store on every database
// gyoryu supports: the embedded SQLite file and a real PostgreSQL server.
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

// Each runs fn once per database, as subtests named "sqlite" and "postgres",
// each with its own freshly migrated store. PostgreSQL needs TEST_DATABASE_URL;
// without it the PostgreSQL subtest is skipped, except in CI, where it fails.
func Each(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			fn(t, New(t, dialect))
		})
	}
}

// EachSeeded is Each with the programme data seeded.
func EachSeeded(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	Each(t, func(t *testing.T, s *models.Store) {
		if _, err := s.Seed(context.Background()); err != nil {
			t.Fatalf("seed: %v", err)
		}
		fn(t, s)
	})
}

// New opens a fresh, migrated store on one database.
func New(t testing.TB, dialect string) *models.Store {
	t.Helper()
	s := Unmigrated(t, dialect)
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return s
}

// Unmigrated opens a fresh, empty store on one database.
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
	s, err := models.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var announce sync.Once

// PostgresURL gives the test a schema of its own on the TEST_DATABASE_URL server
// (dropped afterwards) and returns a URL whose search_path points at it.
func PostgresURL(t testing.TB) string {
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
	admin, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: base})
	if err != nil {
		t.Fatalf("PostgreSQL at TEST_DATABASE_URL: %v", err)
	}
	schema := "t_" + randomHex(8)
	if err := admin.DB().Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.DB().Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
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
