package main

import (
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestMain removes the template databases and files modelstest made.
func TestMain(m *testing.M) { modelstest.Main(m) }

// migratedSQLite is a migrated SQLite database file for the test, as a first
// start of web serve leaves it (no command but serve makes one): a copy of
// modelstest's template, migrated once per process. Migrating the embedded
// SQLite anew was half of this package's CPU under the race detector; the
// tests about migrating on start start from an empty file of their own.
func migratedSQLite(t *testing.T) string {
	t.Helper()
	return modelstest.MigratedSQLiteFile(t)
}
