package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsRefuseASQLiteFileThatDoesNotExist: without DATABASE_URL, a
// command reads SQLITE_PATH; a file that is not there means the wrong path or
// a forgotten DATABASE_URL, and nothing may be made there (a nightly backup of
// a new empty file "succeeded" every night).
func TestCommandsRefuseASQLiteFileThatDoesNotExist(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "data", "gyoryu.db")
	copyPath := filepath.Join(dir, "backup.db")
	for _, args := range [][]string{
		{"user", "create", "--role", "admin", "--login", "chief"},
		{"backup", copyPath},
		{"erase-contacts"},
		{"migrate"},
		{"migrate", "status"},
		{"migrate", "down", "--yes"},
		{"migrate", "down-to", "0", "--yes"},
		{"seed"},
		{"demo", "remove", "--yes"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), args, env(map[string]string{"SQLITE_PATH": missing}),
				strings.NewReader("a long enough password\n"), &out, &out)
			if err == nil || !strings.Contains(err.Error(), "the SQLite file "+missing+" does not exist") ||
				!strings.Contains(err.Error(), "DATABASE_URL") {
				t.Errorf("err = %v, want a refusal naming the file and DATABASE_URL", err)
			}
			for _, p := range []string{missing, filepath.Dir(missing), copyPath} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s was created", p)
				}
			}
		})
	}
}

// TestBackupRefusesPostgreSQLAndAnExistingFile: web backup copies SQLite only,
// and never over a file.
func TestBackupRefusesPostgreSQLAndAnExistingFile(t *testing.T) {
	target := filepath.Join(t.TempDir(), "copy.db")
	if _, err := web(t, map[string]string{"DATABASE_URL": "postgres://app:pw@127.0.0.1:1/none"}, "backup", target); err == nil ||
		!strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("backup with DATABASE_URL: %v", err)
	}
	if err := os.WriteFile(target, []byte("yesterday's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := web(t, map[string]string{"SQLITE_PATH": migratedSQLite(t)}, "backup", target); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("backup over a file: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "yesterday's backup" {
		t.Error("the existing file was overwritten")
	}
}
