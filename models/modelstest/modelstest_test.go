package modelstest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
)

func TestMain(m *testing.M) { Main(m) }

func TestCopiesAreMigratedAndApart(t *testing.T) {
	ctx := context.Background()
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			all, err := migrations.List(dialect)
			if err != nil {
				t.Fatal(err)
			}
			a, b := New(t, dialect), New(t, dialect)
			for _, s := range []*models.Store{a, b} {
				applied, err := s.AppliedMigrations(ctx)
				if err != nil || len(applied) != len(all) {
					t.Fatalf("applied %v (%v), want %d migrations", applied, err, len(all))
				}
				if empty, err := s.IsEmpty(ctx); err != nil || !empty {
					t.Fatalf("a new store is not empty (%v)", err)
				}
			}
			if _, err := a.Seed(ctx); err != nil {
				t.Fatal(err)
			}
			if empty, _ := a.IsEmpty(ctx); empty {
				t.Fatal("seeding a store left it empty")
			}
			if empty, _ := b.IsEmpty(ctx); !empty {
				t.Fatal("seeding one store filled another")
			}
			if u := Unmigrated(t, dialect); u.DB().Migrator().HasTable(&models.Ministry{}) {
				t.Fatal("Unmigrated gave a migrated store")
			}
		})
	}
}

func TestSeededAndSeedDemoHoldWhatSeedingMakes(t *testing.T) {
	ctx := context.Background()
	Each(t, func(t *testing.T, s *models.Store) {
		// The reference: seeded the ordinary way.
		if _, err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SeedDemoAccounts(ctx); err != nil {
			t.Fatal(err)
		}
		want, err := rowCounts(s)
		if err != nil {
			t.Fatal(err)
		}

		fresh := New(t, s.Dialect())
		SeedDemo(t, fresh)
		if k, _ := copies.Load(fresh); k != demo {
			t.Errorf("an untouched store was seeded, not copied from the demo template (kind %v)", k)
		}
		seededFirst := Seeded(t, s.Dialect())
		SeedDemo(t, seededFirst)
		for name, st := range map[string]*models.Store{"New then SeedDemo": fresh, "Seeded then SeedDemo": seededFirst} {
			got, err := rowCounts(st)
			if err != nil {
				t.Fatal(err)
			}
			if !sameCounts(got, want) {
				t.Errorf("%s: rows %v, want %v", name, got, want)
			}
			if _, err := st.Authenticate(ctx, models.Credentials{Login: "moel", Password: models.DemoPassword}, "192.0.2.1"); err != nil {
				t.Errorf("%s: the demo account cannot sign in: %v", name, err)
			}
			// The copy is writable and the store's pool works again.
			if _, err := st.Seed(ctx); err != nil {
				t.Errorf("%s: seed again: %v", name, err)
			}
		}
	})
}

func TestSeedDemoKeepsWhatATestAddedFirst(t *testing.T) {
	ctx := context.Background()
	Each(t, func(t *testing.T, s *models.Store) {
		in := models.UserInput{Login: "kim", DisplayName: "김담당", Role: models.RoleReviewer, Office: models.OfficeMPM}
		if _, err := s.CreateUser(ctx, models.System, in); err != nil {
			t.Fatal(err)
		}
		SeedDemo(t, s)
		var logins []string
		if err := s.DB().Model(&models.User{}).Order("login").Pluck("login", &logins).Error; err != nil {
			t.Fatal(err)
		}
		if len(logins) < 2 || !contains(logins, "kim") || !contains(logins, "moel") {
			t.Fatalf("users after SeedDemo = %v, want kim and the demo accounts", logins)
		}
	})
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

func TestPostgresDatabasesAreDroppedAndTemplatesClosed(t *testing.T) {
	base := baseURL(t)
	p, err := postgres(base)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	t.Run("copy", func(t *testing.T) {
		name = databaseOf(New(t, models.DialectPostgres))
		if names, _ := p.databases(name); len(names) != 1 {
			t.Fatalf("database %s of the test: found %v", name, names)
		}
	})
	if names, _ := p.databases(name); len(names) != 0 {
		t.Fatalf("database %s outlived its test", name)
	}
	tpl, err := p.templates.get(migrated)
	if err != nil {
		t.Fatal(err)
	}
	var allowed bool
	if err := p.admin.DB().Raw("SELECT datallowconn FROM pg_database WHERE datname = ?", tpl.name).Scan(&allowed).Error; err != nil || allowed {
		t.Fatalf("template %s accepts connections (%v)", tpl.name, err)
	}
}

func TestSweepDropsOnlyDatabasesOlderThanADay(t *testing.T) {
	p, err := postgres(baseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	old := fmt.Sprintf("%s%d_%s_1", dbPrefix, now.Add(-staleAfter-time.Hour).Unix(), randomHex(4))
	recent := fmt.Sprintf("%s%d_%s_1", dbPrefix, now.Add(-staleAfter+time.Hour).Unix(), randomHex(4))
	for _, name := range []string{old, recent} {
		if err := p.exec(`CREATE DATABASE "` + name + `"`); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.drop(name) })
	}
	p.sweep(now)
	if names, _ := p.databases(old); len(names) != 0 {
		t.Errorf("the sweep left %s, made more than a day ago", old)
	}
	if names, _ := p.databases(recent); len(names) != 1 {
		t.Errorf("the sweep dropped %s, made less than a day ago", recent)
	}
	if names, _ := p.databases(p.process); len(names) == 0 {
		t.Errorf("the sweep dropped this process's own databases")
	}
}

func TestMainRemovesTheTemplates(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Skip("PostgreSQL: TEST_DATABASE_URL is not set")
	}
	// cleanUp is what Main runs after the tests; here on templates of their own.
	New(t, models.DialectSQLite)
	p, err := postgres(baseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.templates.get(migrated); err != nil {
		t.Fatal(err)
	}
	process, dir := p.process, sqDir
	cleanUp()
	t.Cleanup(func() {
		// The tests after this one build their templates again.
		if _, err := postgres(baseURL(t)); err != nil {
			t.Fatal(err)
		}
	})
	q, err := postgres(baseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	if names, _ := q.databases(process); len(names) != 0 {
		t.Errorf("after cleanUp the databases %v remain", names)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after cleanUp the template folder %s remains (%v)", dir, err)
	}
}

func TestRememberedPasswordChecksAnswerAsTheRealCheck(t *testing.T) {
	hash, err := models.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second round is answered from memory
		for _, pw := range []string{"correct horse", "wrong horse", ""} {
			if got, want := rememberedCheck(hash, pw), models.VerifyPassword(hash, pw); (got == nil) != (want == nil) {
				t.Errorf("password %q: remembered check %v, real check %v", pw, got, want)
			}
		}
	}
	if rememberedCheck(hash, "wrong horse") == nil {
		t.Error("a wrong password passes the remembered check")
	}
}
