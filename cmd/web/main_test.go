package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/backup"
)

// syncBuffer is a bytes.Buffer safe to read while the server writes its log.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

var listening = regexp.MustCompile(`url=(http://[0-9.:]+)`)

func TestServeDemoOnEmbeddedSQLiteAndShutDownGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan error, 1)
	vars := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": filepath.Join(t.TempDir(), "demo.db"), "DEMO": "1"}
	go func() { done <- run(ctx, []string{"serve"}, env(vars), nil, &out, io.Discard) }()

	var base string
	// A guard against a server that never starts, not a measure of its start: under
	// -race beside the browser tests, the demo's accounts alone take seconds.
	deadline := time.Now().Add(2 * time.Minute)
	for base == "" {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("the server did not start; log:\n%s", out.String())
		} else {
			time.Sleep(20 * time.Millisecond)
		}
	}
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "기업일자리지원과장") {
		t.Fatalf("GET / = %d; the demo data is not shown", res.StatusCode)
	}

	cancel() // as SIGTERM does
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after shutdown, want nil (exit 0)", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the server still answers after shutdown")
	}
	if !strings.Contains(out.String(), "path=/") || !strings.Contains(out.String(), "id=") {
		t.Errorf("request log lines with a request id are missing:\n%s", out.String())
	}
}

func TestWrongConfigurationStopsWithOneClearLine(t *testing.T) {
	tests := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"not a postgres URL", map[string]string{"DATABASE_URL": "mysql://root@localhost/db"}, "DATABASE_URL must be a postgres:// URL"},
		{"unreachable PostgreSQL", map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, "cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/none"},
		// Without sslmode pgx tries with TLS and without: two attempts, each once on a line of its own.
		{"unreachable PostgreSQL, no sslmode", map[string]string{"DATABASE_URL": "postgres://nobody:pw@127.0.0.1:1/none?connect_timeout=2"}, "cannot reach PostgreSQL at postgres://nobody:xxxxx@127.0.0.1:1/none"},
		{"bad address", map[string]string{"ADDR": "8080"}, "ADDR must be host:port"},
		{"bad demo flag", map[string]string{"DEMO": "yes please"}, "DEMO must be 1 or 0"},
		{"bad wait", map[string]string{"NOMINATION_WAIT_DAYS": "0"}, "NOMINATION_WAIT_DAYS must be a number of days"},
		{"access records kept one year", map[string]string{"ACCESS_LOG_RETENTION": "1y"}, "ACCESS_LOG_RETENTION must be at least two years"},
		{"access records kept a while", map[string]string{"ACCESS_LOG_RETENTION": "a while"}, "ACCESS_LOG_RETENTION must be a period such as 2y"},
		{"mail relay of another kind", map[string]string{"SMTP_URL": "http://relay.example"}, "SMTP_URL must start with smtp:// or smtps://"},
		{"mail in clear over a network", map[string]string{"SMTP_URL": "smtp://u:secret@relay.example?tls=none"}, "tls=none is only for a relay on this machine"},
		{"mail without links", map[string]string{"SMTP_URL": "smtp://relay.example", "MAIL_FROM": "noreply@example.go.kr"}, "BASE_URL must be"},
		{"mail without a sender", map[string]string{"SMTP_URL": "smtp://relay.example", "BASE_URL": "https://gyoryu.example.go.kr"}, "MAIL_FROM must be set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.vars["SQLITE_PATH"] = migratedSQLite(t)
			err := run(context.Background(), []string{"serve"}, env(tt.vars), nil, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the message spans several lines: %q", err)
			}
		})
	}
}

// TestATakenAddressStopsTheStartBeforeTheDatabase: the port is checked first,
// so a second instance started by mistake neither creates nor migrates anything.
func TestATakenAddressStopsTheStartBeforeTheDatabase(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	path := filepath.Join(t.TempDir(), "never.db")
	err = run(context.Background(), []string{"serve"}, env(map[string]string{"ADDR": taken.Addr().String(), "SQLITE_PATH": path}), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "listen on ADDR "+taken.Addr().String()) {
		t.Fatalf("serve on a taken address: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the database was created before the address was found taken")
	}
}

func TestSeedCommandIsIdempotent(t *testing.T) {
	vars := map[string]string{"SQLITE_PATH": migratedSQLite(t)}
	for i, want := range []string{"created=51", "created=0"} {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"seed"}, env(vars), nil, &out, io.Discard); err != nil {
			t.Fatalf("seed run %d: %v", i+1, err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("seed run %d logged %q, want %s", i+1, out.String(), want)
		}
	}
}

func TestUserCreateCommandMakesTheFirstAdministrator(t *testing.T) {
	vars := map[string]string{"SQLITE_PATH": migratedSQLite(t)}
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "create", "--role", "admin", "--login", "chief", "--name", "총괄 관리자"},
		env(vars), strings.NewReader("a long enough password\n"), &out, io.Discard)
	if err != nil {
		t.Fatalf("user create: %v", err)
	}
	if !strings.Contains(out.String(), `created admin account "chief" (id 1) in the SQLite file `+vars["SQLITE_PATH"]) {
		t.Errorf("output = %q", out.String())
	}
	err = run(context.Background(), []string{"user", "create", "--role", "admin", "--login", "chief2"},
		env(vars), strings.NewReader("short\n"), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "password") {
		t.Errorf("a short password was accepted: %v", err)
	}
	err = run(context.Background(), []string{"user", "create", "--role", "coordinator", "--login", "c1", "--ministry", "nope"},
		env(vars), strings.NewReader("a long enough password\n"), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `no ministry with the code "nope"`) {
		t.Errorf("an unknown ministry was accepted: %v", err)
	}
}

func TestHelpListsEveryConfigurationVariable(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, env(nil), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"DATABASE_URL", "SQLITE_PATH", "ADDR", "DEMO", "SESSION_IDLE", "SESSION_MAX", "COOKIE_SECURE", "TRUST_PROXY", "METRICS_ADDR", "SMTP_URL", "MAIL_FROM", "BASE_URL", "NOMINATION_WAIT_DAYS", "ACCESS_LOG_RETENTION", "prune-access-log", "web user create"} {
		if !strings.Contains(out.String(), v) {
			t.Errorf("web --help does not mention %s", v)
		}
	}
}

func TestWithoutDemoModeNoAccountExists(t *testing.T) {
	vars := map[string]string{"SQLITE_PATH": migratedSQLite(t)}
	if err := run(context.Background(), []string{"seed"}, env(vars), nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	store, err := models.Open(context.Background(), models.OpenOptions{SQLitePath: vars["SQLITE_PATH"]})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if n, _ := store.CountUsersWithLogin(context.Background(), "admin"); n != 0 {
		t.Error("an admin account exists outside demo mode")
	}
}

func TestBackupCopiesTheSQLiteDatabaseThatThenServes(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"SQLITE_PATH": migratedSQLite(t)}
	if err := run(context.Background(), []string{"seed"}, env(vars), nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "copy.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", copyPath}, env(vars), nil, &out, io.Discard); err != nil {
		t.Fatalf("backup: %v", err)
	}
	if !regexp.MustCompile(`backed up and checked the copy.* from="the SQLite file [^"]+" to=\S+copy.db tables=\d+ rows=\d+`).MatchString(out.String()) {
		t.Errorf("backup said %q", out.String())
	}
	if fi, err := os.Stat(copyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the copy (personal data) has mode %v (%v), want 0600", fi.Mode(), err)
	}
	if err := run(context.Background(), []string{"backup", copyPath}, env(vars), nil, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("a second backup over the first: %v", err)
	}
	ctx := context.Background()
	live, _ := models.Open(ctx, models.OpenOptions{SQLitePath: vars["SQLITE_PATH"]})
	defer live.Close()
	restored, err := models.Open(ctx, models.OpenOptions{SQLitePath: copyPath})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	a, err := backup.FingerprintOf(ctx, live.SQL(), live.Dialect(), 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := backup.FingerprintOf(ctx, restored.SQL(), restored.Dialect(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) || a.Counts["ministries"] == 0 || a.AuditEvents == 0 {
		t.Errorf("the copy differs:\n live %v\n copy %v", a, b)
	}
	if err := restored.Migrate(ctx); err != nil {
		t.Errorf("the copy does not migrate (start) cleanly: %v", err)
	}
}
