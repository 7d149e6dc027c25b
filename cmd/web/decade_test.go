package main

import (
	"context"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestSeedYearsWritesSyntheticYearsThatThePagesShow: web seed --years 1
// --scale 0.01 makes and migrates a missing SQLite file (or fills an empty
// PostgreSQL schema) with the programme data, the demo accounts and a year of
// synthetic records in the counts it promises; the busy pages answer 200 on
// them; a second run, a database of real accounts and a non-empty database
// without --onto-existing are refused.
func TestSeedYearsWritesSyntheticYearsThatThePagesShow(t *testing.T) {
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			vars := map[string]string{"SQLITE_PATH": migratedSQLite(t)}
			if dialect == models.DialectPostgres {
				vars = map[string]string{"DATABASE_URL": modelstest.PostgresURL(t)}
			}
			if out, err := web(t, vars, "seed", "--years", "1", "--scale", "0.01"); err != nil {
				t.Fatalf("seed --years 1: %v\n%s", err, out)
			} else if !strings.Contains(out, "wrote synthetic years") || !strings.Contains(out, "audit_events=1000 ") {
				t.Errorf("seed --years 1 said:\n%s", out)
			}
			s, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: vars["DATABASE_URL"], SQLitePath: vars["SQLITE_PATH"], MustExist: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			synthetic := "%" + models.DecadeSuffix
			for _, c := range []struct {
				what  string
				query string
				want  int64
			}{
				{"rounds", "SELECT COUNT(*) FROM rounds WHERE title LIKE ?", 2},
				{"pairs", "SELECT COUNT(*) FROM exchange_pairs p JOIN rounds r ON r.id = p.round_id WHERE r.title LIKE ?", 2},
				{"tasks", "SELECT COUNT(*) FROM collaboration_tasks t JOIN exchange_pairs p ON p.id = t.pair_id JOIN rounds r ON r.id = p.round_id WHERE r.title LIKE ?", 20},
				{"outcomes", "SELECT COUNT(*) FROM outcomes WHERE summary LIKE '합성 데이터%' AND ? <> ''", 20},
				{"nominations", "SELECT COUNT(*) FROM nominations WHERE exchangee_name LIKE '가상 교류자%' AND ? <> ''", 10},
				{"nominations standing per position", "SELECT COUNT(*) FROM nominations WHERE status <> 'revoked' AND ? <> ''", 4},
				{"evaluation cycles", "SELECT COUNT(*) FROM evaluation_cycles WHERE name LIKE ?", 4},
				// every finalized one but the newest is decided in full, and marked so (the worklist skips it)
				{"cycles with incentives settled", "SELECT COUNT(*) FROM evaluation_cycles WHERE name LIKE ? AND incentives_settled_at IS NOT NULL", 2},
				{"access records", "SELECT COUNT(*) FROM access_records WHERE reason LIKE '%' AND ? <> ''", 1000},
			} {
				var n int64
				if err := s.DB().Raw(c.query, synthetic).Scan(&n).Error; err != nil || n != c.want {
					t.Errorf("%s: %d (%v), want %d", c.what, n, err, c.want)
				}
			}

			handlerstest.SeedAccounts(t, s) // remembers the demo password's check
			e := handlerstest.NewRouter(t, s, handlers.Config{})
			pages := handlerstest.BusyPages(t, s)
			clients := handlerstest.BusyClients(t, e, pages)
			for _, p := range pages {
				p.Open(t, clients)
			}

			if _, err := web(t, vars, "seed", "--years", "1", "--scale", "0.01", "--onto-existing"); err == nil || !strings.Contains(err.Error(), "already holds synthetic years") {
				t.Errorf("a second run: %v", err)
			}
		})
	}
}

// TestSeedYearsRefusesDatabasesThatAreNotItsOwn: a database of the programme
// data needs --onto-existing, one with an account of its own is refused even
// with it, and --scale without --years is a mistake.
func TestSeedYearsRefusesDatabasesThatAreNotItsOwn(t *testing.T) {
	vars := map[string]string{"SQLITE_PATH": migratedSQLite(t)}
	if _, err := web(t, vars, "seed"); err != nil {
		t.Fatal(err)
	}
	if _, err := web(t, vars, "seed", "--years", "1", "--scale", "0.01"); err == nil || !strings.Contains(err.Error(), "--onto-existing") {
		t.Errorf("onto the programme data without --onto-existing: %v", err)
	}
	if _, err := web(t, vars, "seed", "--scale", "0.5"); err == nil || !strings.Contains(err.Error(), "go with --years") {
		t.Errorf("--scale without --years: %v", err)
	}
	if err := run(context.Background(), []string{"user", "create", "--role", "admin", "--login", "chief"}, env(vars),
		strings.NewReader("the chief's own passphrase\n"), &strings.Builder{}, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	if _, err := web(t, vars, "seed", "--years", "1", "--scale", "0.01", "--onto-existing"); err == nil || !strings.Contains(err.Error(), "1 account of its own (chief)") {
		t.Errorf("beside a real account: %v", err)
	}
}
