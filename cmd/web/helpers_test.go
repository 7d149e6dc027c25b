package main

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// migratedSQLite makes a migrated SQLite database file for the test, as a
// first start of web serve leaves it (no command but serve makes one): a copy
// of one file migrated once per test process. Migrating the embedded SQLite is
// half of this package's CPU under the race detector, and the tests that are
// about migrating start from a file of their own.
func migratedSQLite(t *testing.T) string {
	t.Helper()
	template := migratedTemplate(t)
	b, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gyoryu.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

var theTemplate struct {
	once sync.Once
	path string
	err  error
}

// TestMain removes the template file when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if theTemplate.path != "" {
		os.RemoveAll(filepath.Dir(theTemplate.path))
	}
	os.Exit(code)
}

// migratedTemplate migrates the process's template file on first use; the
// store is closed before it is copied, so the file holds the whole schema
// (SQLite folds its write-ahead log into the file on the last close).
func migratedTemplate(t *testing.T) string {
	t.Helper()
	tt := &theTemplate
	tt.once.Do(func() {
		dir, err := os.MkdirTemp("", "gyoryu-web-template-")
		if err != nil {
			tt.err = err
			return
		}
		tt.path = filepath.Join(dir, "gyoryu.db")
		s, err := models.Open(context.Background(), models.OpenOptions{SQLitePath: tt.path})
		if err != nil {
			tt.err = err
			return
		}
		defer s.Close()
		tt.err = s.Migrate(context.Background())
	})
	if tt.err != nil {
		t.Fatalf("migrate the SQLite template: %v", tt.err)
	}
	return tt.path
}
