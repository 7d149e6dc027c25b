package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/backup"
	"github.com/gyoryu/gyoryu/models/migrations"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// databases gives the test a migrated database of each dialect, as the
// variables a command reads.
func databases(t *testing.T, fn func(t *testing.T, vars map[string]string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, map[string]string{"SQLITE_PATH": migratedSQLite(t)}) })
	t.Run("postgres", func(t *testing.T) {
		url := modelstest.PostgresURL(t)
		s, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: url})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		fn(t, map[string]string{"DATABASE_URL": url})
	})
}

// web runs a command and returns what it printed and its error.
func web(t *testing.T, vars map[string]string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, env(vars), strings.NewReader(""), &out, io.Discard)
	return out.String(), err
}

// inspect opens the database of vars and returns its applied versions and fingerprint.
func inspect(t *testing.T, vars map[string]string) ([]int, backup.Fingerprint) {
	t.Helper()
	ctx := context.Background()
	s, err := models.Open(ctx, models.OpenOptions{DatabaseURL: vars["DATABASE_URL"], SQLitePath: vars["SQLITE_PATH"], MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	applied, err := s.AppliedMigrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := backup.FingerprintOf(ctx, s.SQL(), s.Dialect(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return applied, f
}

func TestMigrateDownSaysWhatItDropsAndUndoesOneStepOnlyWithYes(t *testing.T) {
	databases(t, func(t *testing.T, vars map[string]string) {
		if _, err := web(t, vars, "seed"); err != nil {
			t.Fatal(err)
		}
		applied, before := inspect(t, vars)
		dialect := models.DialectSQLite
		if vars["DATABASE_URL"] != "" {
			dialect = models.DialectPostgres
		}
		all, _ := migrations.List(dialect)
		newest := all[len(all)-1]

		out, err := web(t, vars, "migrate", "down")
		if err == nil || !strings.Contains(err.Error(), "migrate down refused without --yes; nothing was changed") {
			t.Errorf("migrate down without --yes: err = %v", err)
		}
		for _, want := range []string{"database: ", "would undo " + newest.Label() + ":", "Nothing was changed", "web migrate down --yes"} {
			if !strings.Contains(out, want) {
				t.Errorf("migrate down without --yes does not say %q:\n%s", want, out)
			}
		}
		if got, f := inspect(t, vars); !slices.Equal(got, applied) || fmt.Sprint(f) != fmt.Sprint(before) {
			t.Fatalf("migrate down without --yes changed the database: applied %v, was %v", got, applied)
		}

		if _, err := web(t, vars, "migrate", "down", "3"); err == nil || !strings.Contains(err.Error(), "web migrate down-to 3") {
			t.Errorf("migrate down 3 (the old form): %v, want a pointer to down-to", err)
		}
		if _, err := web(t, vars, "migrate", "down-to", "99", "--yes"); err == nil || !strings.Contains(err.Error(), "0099 is not applied") {
			t.Errorf("migrate down-to 99: %v", err)
		}
		if got, _ := inspect(t, vars); !slices.Equal(got, applied) {
			t.Fatalf("refused commands changed the database: applied %v", got)
		}

		out, err = web(t, vars, "migrate", "down", "--yes")
		if err != nil {
			t.Fatalf("migrate down --yes: %v\n%s", err, out)
		}
		if !strings.Contains(out, "undoing "+newest.Label()+":") || !strings.Contains(out, "undone: the schema is at ") {
			t.Errorf("migrate down --yes said:\n%s", out)
		}
		if got, _ := inspect(t, vars); !slices.Equal(got, applied[:len(applied)-1]) {
			t.Fatalf("after migrate down --yes, applied = %v, want %v (one step)", got, applied[:len(applied)-1])
		}
		// The undone migration is pending, and down-to a version not applied is still refused.
		if _, err := web(t, vars, "migrate", "down-to", fmt.Sprint(newest.Version)); err == nil || !strings.Contains(err.Error(), "is not applied") {
			t.Errorf("down-to the undone version: %v", err)
		}
		out, err = web(t, vars, "migrate", "down-to", fmt.Sprint(applied[len(applied)-2]), "--yes")
		if err != nil || !strings.Contains(out, "nothing to undo") {
			t.Errorf("down-to the newest applied version: %v\n%s", err, out)
		}
		status, err := web(t, vars, "migrate", "status")
		if err != nil || !regexp.MustCompile(fmt.Sprintf(`(?m)^%04d  %s\s+pending$`, newest.Version, newest.Name)).MatchString(status) ||
			!strings.Contains(status, fmt.Sprintf("%d migrations, 1 pending", len(all))) {
			t.Errorf("migrate status after down (%v):\n%s", err, status)
		}
		out, err = web(t, vars, "migrate")
		if err != nil || !strings.Contains(out, "applied migrations") || !strings.Contains(out, "applied=1 ") {
			t.Errorf("migrate after down (%v): %s", err, out)
		}
		if out, _ := web(t, vars, "migrate"); !strings.Contains(out, "nothing to apply") {
			t.Errorf("migrate with nothing pending said %s", out)
		}
	})
}

// TestAnInstanceWhoseSchemaIsBehindOrAheadIsNotReady: migrations undone under a
// running instance, or applied by a newer release, make /readyz answer 503 and
// the instance say why, on the probe's one log line.
func TestAnInstanceWhoseSchemaIsBehindOrAheadIsNotReady(t *testing.T) {
	vars := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": migratedSQLite(t)}
	out, m := startServe(t, vars, listening)
	base := m[0][1]
	if code, _ := fetch(t, base+"/readyz"); code != http.StatusOK {
		t.Fatalf("/readyz = %d on a current schema", code)
	}
	if _, err := web(t, vars, "migrate", "down", "--yes"); err != nil {
		t.Fatal(err)
	}
	if code, body := fetch(t, base+"/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "schema") {
		t.Errorf("/readyz = %d %q with a schema behind the binary, want 503", code, body)
	}
	lines := regexp.MustCompile(`(?m)^.*route=readyz.*status=503.*$`).FindAllString(out.String(), -1)
	if len(lines) != 1 || !strings.Contains(lines[0], `reason="the schema is behind this binary: `) {
		t.Errorf("the 503 from /readyz logged %d lines, want one saying why:\n%s", len(lines), out.String())
	}
	if _, err := web(t, vars, "migrate"); err != nil {
		t.Fatal(err)
	}
	if code, _ := fetch(t, base+"/readyz"); code != http.StatusOK {
		t.Errorf("/readyz = %d after migrating again", code)
	}

	s, err := models.Open(context.Background(), models.OpenOptions{SQLitePath: vars["SQLITE_PATH"]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SQL().Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)"); err != nil {
		t.Fatal(err)
	}
	if code, _ := fetch(t, base+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with a schema ahead of the binary, want 503", code)
	}
	if !strings.Contains(out.String(), `reason="the schema is ahead of this binary: version 9999 applied`) {
		t.Errorf("the log does not say the schema is ahead:\n%s", out.String())
	}
}

// TestAnInstanceOfAnOlderReleaseStartsUnreadyOnANewerSchema: a pod of the
// previous release restarting during a rollout waits unready; web migrate
// with that release refuses the database.
func TestAnInstanceOfAnOlderReleaseStartsUnreadyOnANewerSchema(t *testing.T) {
	vars := map[string]string{"ADDR": "127.0.0.1:0", "SQLITE_PATH": migratedSQLite(t)}
	s, err := models.Open(context.Background(), models.OpenOptions{SQLitePath: vars["SQLITE_PATH"]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SQL().Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := web(t, vars, "migrate"); err == nil || !strings.Contains(err.Error(), "ahead of this binary: version 9999") {
		t.Errorf("web migrate on a newer schema: %v", err)
	}
	out, m := startServe(t, vars, listening)
	if code, _ := fetch(t, m[0][1]+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d on a newer schema, want 503", code)
	}
	if !strings.Contains(out.String(), `level=WARN msg="the schema is not this release's: /readyz answers 503"`) {
		t.Errorf("the start-up log does not warn:\n%s", out.String())
	}
}
