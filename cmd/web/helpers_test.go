package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// migratedSQLite makes a migrated SQLite database file for the test, as a
// first start of web serve leaves it (no command but serve makes one).
func migratedSQLite(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gyoryu.db")
	s, err := models.Open(context.Background(), models.OpenOptions{SQLitePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return path
}
