package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/static"
)

// TestASmokeRunDrivesEveryKindAndChecksTheWrites runs the harness for a few
// seconds against the real router on PostgreSQL.
func TestASmokeRunDrivesEveryKindAndChecksTheWrites(t *testing.T) {
	s := modelstest.New(t, models.DialectPostgres)
	ctx := context.Background()
	if _, err := s.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedDemoAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handlers.New(s, assets, slog.New(slog.NewTextHandler(io.Discard, nil)), handlers.Config{}).Router())
	defer srv.Close()

	var out bytes.Buffer
	err = run(ctx, []string{"-base", srv.URL, "-database-url", s.URL(), "-clients", "6", "-duration", "10s", "-think", "10ms", "-nomination-pairs", "30"}, &out)
	if err != nil {
		t.Fatalf("load: %v\n%s", err, out.String())
	}
	for _, kind := range []string{"public.home", "login", "workspace", "pair", "task.form", "task.save", "proposal.create", "pair.agree",
		"nominations", "nomination", "nomination.create", "nomination.submit", "nomination.approve", "nomination.return"} {
		if !strings.Contains(out.String(), "\n"+kind+" ") {
			t.Errorf("the run did not drive %s:\n%s", kind, out.String())
		}
	}
	t.Log(out.String())
	if !strings.Contains(out.String(), "load: OK") {
		t.Errorf("no OK line:\n%s", out.String())
	}
}

func TestOnlyLoopbackTargetsAreAccepted(t *testing.T) {
	for _, base := range []string{"http://10.0.0.1:8080", "http://192.168.1.2", "http://8.8.8.8"} {
		if err := loopbackOnly(base); err == nil {
			t.Errorf("%s was accepted", base)
		}
	}
	for _, base := range []string{"http://127.0.0.1:8080", "http://[::1]:80", "http://localhost:1"} {
		if err := loopbackOnly(base); err != nil {
			t.Errorf("%s: %v", base, err)
		}
	}
}
