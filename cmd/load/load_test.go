package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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
	// Every person signs in with the demo password under one hash: checked once,
	// as in the HTTP tests, instead of an argon2id check of seconds under -race
	// for each sign-in (which starved the run's sign-ins beside the suite).
	modelstest.RememberPasswordChecks(s)
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handlers.New(s, assets, slog.New(slog.NewTextHandler(io.Discard, nil)), handlers.Config{}).Router())
	defer srv.Close()

	// The run ends once every kind has been answered (-until), within 60 s: about
	// 15 s alone, longer under -race beside the rest of the suite, where the
	// nominators take longest to reach 제출 and 동의.
	kinds := []string{"public.home", "login", "workspace", "pair", "task.form", "task.save", "proposal.create", "pair.agree",
		"nominations", "nomination", "nomination.create", "nomination.submit", "nomination.consent", "nomination.approve", "nomination.return"}
	var out bytes.Buffer
	err = run(ctx, []string{"-base", srv.URL, "-database-url", s.URL(), "-clients", "6", "-duration", "60s", "-until", strings.Join(kinds, ","),
		"-think", "10ms", "-nomination-pairs", "30"}, &out)
	if err != nil {
		t.Fatalf("load: %v\n%s", err, out.String())
	}
	for _, kind := range kinds {
		if !strings.Contains(out.String(), "\n"+kind+" ") {
			t.Errorf("the run did not drive %s:\n%s", kind, out.String())
		}
	}
	t.Log(out.String())
	if !strings.Contains(out.String(), "load: OK") {
		t.Errorf("no OK line:\n%s", out.String())
	}
}

// The burst's comparison takes the signed-in pages of the same length of time
// before the burst and during it, and leaves out the public's pages, the
// sign-ins and the burst's own requests.
func TestABurstComparesTheSignedInPagesBeforeAndDuringIt(t *testing.T) {
	start := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	b := &burstWindow{start: start, end: start.Add(4 * time.Second), signedIn: 3}
	at := func(s float64) time.Time { return start.Add(time.Duration(s * float64(time.Second))) }
	var samples []sample
	for i := range 100 {
		samples = append(samples,
			sample{kind: "workspace", status: 200, took: 10 * time.Millisecond, at: at(-9 + float64(i)*0.08)}, // before: p99 10 ms
			sample{kind: "pair", status: 200, took: 25 * time.Millisecond, at: at(float64(i) * 0.035)},        // during: p99 25 ms
			sample{kind: "public.home", status: 200, took: time.Second, at: at(float64(i) * 0.035)},           // the public's
			sample{kind: burstKind + "workspace", status: 200, took: time.Second, at: at(float64(i) * 0.035)}, // the burst's own
			sample{kind: "login", status: 303, took: time.Second, at: at(-5 + float64(i)*0.05)},               // a sign-in
			sample{kind: "workspace", status: 200, took: time.Second, at: at(-11 - float64(i))})               // before the window
	}
	var out bytes.Buffer
	if ratio := printBurst(&out, samples, b, 4); ratio != 2.5 {
		t.Errorf("ratio %.2f, want 2.50 (25 ms during, 10 ms before)\n%s", ratio, out.String())
	}
	if !strings.Contains(out.String(), "3 of 4 people signed in within 4s") || !strings.Contains(out.String(), "(100 pages) vs 10.0ms in the 10s before (100 pages)") {
		t.Errorf("the line does not say what was compared:\n%s", out.String())
	}
	if printBurst(io.Discard, samples, nil, 4) != 0 {
		t.Error("a run that ended before its burst has a ratio")
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

// verify finds a decision acknowledged but lost, a rejected one that was saved,
// and a nomination decided twice.
func TestVerifyFindsLostRejectedAndDoubleDecisions(t *testing.T) {
	s := modelstest.New(t, models.DialectPostgres)
	ctx := context.Background()
	if _, err := s.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedDemoAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	fx, err := prepare(ctx, s, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	var reviewer models.User
	if err := s.DB().Preload("Ministry").Where("login = ?", "reviewer").Take(&reviewer).Error; err != nil {
		t.Fatal(err)
	}
	var id int64
	s.DB().Raw("SELECT n.id FROM nominations n JOIN exchange_pairs p ON p.id = n.pair_id WHERE p.round_id = ? ORDER BY n.id LIMIT 1",
		fx.nominations.roundID).Scan(&id)
	// version 3: created, submitted, agreed to by the receiving ministry
	if _, err := s.MoveNomination(ctx, models.ActorOf(&reviewer, "127.0.0.1"), id, models.MoveApprove, models.MoveInput{Reason: "부하 승인 1", Version: 3}); err != nil {
		t.Fatal(err)
	}
	check := func(writes ...write) []string { return verify(ctx, io.Discard, s, fx, writes) }
	if p := check(write{kind: "nomination.approve", marker: "부하 승인 1", id: id, outcome: "acked"}); len(p) != 0 {
		t.Errorf("a saved approval: %q", p)
	}
	if p := check(write{kind: "nomination.approve", marker: "부하 승인 2", id: id, outcome: "acked"}); len(p) != 1 {
		t.Errorf("an acknowledged approval that is not there: %q, want one problem", p)
	}
	if p := check(write{kind: "nomination.approve", marker: "부하 승인 1", id: id, outcome: "rejected"}); len(p) != 1 {
		t.Errorf("a rejected approval that was saved: %q, want one problem", p)
	}
	// A second reviewer's return saved beside the approval.
	if err := s.DB().Exec("INSERT INTO nomination_events (nomination_id, move, to_status, reason, at) VALUES (?, 'return', 'returned', '부하 반려 1', ?)",
		id, time.Now()).Error; err != nil {
		t.Fatal(err)
	}
	if p := check(); len(p) != 1 || !strings.Contains(p[0], "nomination") {
		t.Errorf("a nomination decided twice: %q, want one problem", p)
	}
}
