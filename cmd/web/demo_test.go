package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// TestWithoutDemoADatabaseOfDemoAccountsIsRefusedUntilTheyAreRemoved: a
// database that served a demo (its admin signed in once) is started without
// DEMO: the instance refuses, naming web demo remove. After the operator makes
// their own administrator and removes the demo accounts, it starts, and the
// demo password no longer signs in.
func TestWithoutDemoADatabaseOfDemoAccountsIsRefusedUntilTheyAreRemoved(t *testing.T) {
	path := migratedSQLite(t)
	demo := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": path, "DEMO": "1"}
	func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		out := &syncBuffer{}
		done := make(chan error, 1)
		go func() { done <- run(ctx, []string{"serve"}, env(demo), nil, out, io.Discard) }()
		base := waitForURL(t, out)
		admin := newVisitor(t, base)
		admin.get("/login")
		if code, _ := admin.post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}}); code != http.StatusSeeOther {
			t.Fatalf("demo admin sign-in = %d", code)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}()

	vars := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": path}
	err := run(context.Background(), []string{"serve"}, env(vars), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "demo accounts (admin, dapa, fsc, kdca, mafra and 17 more)") ||
		!strings.Contains(err.Error(), "web demo remove") || !strings.Contains(err.Error(), "web user create") {
		t.Fatalf("serve without DEMO on a demo database: %v", err)
	}

	out, err := web(t, vars, "demo", "remove")
	if err == nil || !strings.Contains(out, "22 demo accounts: admin, dapa,") || !strings.Contains(out, "Nothing was changed") {
		t.Errorf("demo remove without --yes (%v):\n%s", err, out)
	}
	if _, err := web(t, vars, "user", "create", "--role", "admin", "--login", "chief"); err == nil {
		t.Error("user create without a password on standard input succeeded")
	}
	var created strings.Builder
	if err := run(context.Background(), []string{"user", "create", "--role", "admin", "--login", "chief"}, env(vars),
		strings.NewReader("the chief's own passphrase\n"), &created, io.Discard); err != nil {
		t.Fatal(err)
	}
	out, err = web(t, vars, "demo", "remove", "--yes")
	if err != nil || !strings.Contains(out, "deleted 21 demo accounts: dapa,") ||
		!strings.Contains(out, "deactivated 1 that records name, without a password or sessions: admin") {
		t.Fatalf("demo remove --yes (%v):\n%s", err, out)
	}
	if strings.Contains(out, "No active administrator") {
		t.Errorf("demo remove warns of no administrator though chief is one:\n%s", out)
	}

	_, m := startServe(t, vars, listening)
	c := newVisitor(t, m[0][1])
	c.get("/login")
	if code, _ := c.post("/login", url.Values{"login": {"admin"}, "password": {models.DemoPassword}}); code != http.StatusUnauthorized {
		t.Errorf("after demo remove, admin/%s signs in: %d", models.DemoPassword, code)
	}
	if code, to := c.post("/login", url.Values{"login": {"chief"}, "password": {"the chief's own passphrase"}}); code != http.StatusSeeOther {
		t.Errorf("the operator's administrator cannot sign in: %d %.200s", code, to)
	}
}

// TestDemoModeRefusesADatabaseOfRealAccounts: DEMO=1 by mistake on a database
// in use would add accounts with a published password to it.
func TestDemoModeRefusesADatabaseOfRealAccounts(t *testing.T) {
	vars := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": migratedSQLite(t)}
	if err := run(context.Background(), []string{"user", "create", "--role", "admin", "--login", "chief"}, env(vars),
		strings.NewReader("the chief's own passphrase\n"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	vars["DEMO"] = "1"
	err := run(context.Background(), []string{"serve"}, env(vars), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "holds 1 account of its own (chief)") {
		t.Fatalf("DEMO=1 on a database of real accounts: %v", err)
	}
	s, err := models.Open(context.Background(), models.OpenOptions{SQLitePath: vars["SQLITE_PATH"]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.CountUsersWithLogin(context.Background(), "admin"); n != 0 {
		t.Error("the refused demo start created the demo admin")
	}
}

// waitForURL waits for serve's "listening" line and returns its address.
func waitForURL(t *testing.T, out *syncBuffer) string {
	t.Helper()
	for range 1500 {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve did not start:\n%s", out.String())
	return ""
}
