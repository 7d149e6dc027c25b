package models_test

import (
	"context"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestADatabaseMigratedByTheFormerRunnerIsAdoptedNotMigratedAgain builds what the
// former runner left (the schema, and its versions in schema_migrations), then
// migrates with goose: nothing runs twice, the data stays, the table goes.
func TestADatabaseMigratedByTheFormerRunnerIsAdoptedNotMigratedAgain(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		all, err := models.Migrations(s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		// What the former runner left: its table, and no goose table.
		db := s.DB()
		for _, q := range []string{
			"DROP TABLE goose_db_version",
			`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
				applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
		} {
			if err := db.Exec(q).Error; err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		for _, m := range all {
			if err := db.Exec("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", m.Version, m.Name).Error; err != nil {
				t.Fatal(err)
			}
		}
		var before int64
		db.Model(&models.Ministry{}).Count(&before)

		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("migrate a database of the former runner: %v", err) // re-running 0001 would fail: its tables exist
		}
		applied, err := s.AppliedMigrations(ctx)
		if err != nil || len(applied) != len(all) {
			t.Fatalf("applied = %v (%v), want all %d adopted", applied, err, len(all))
		}
		var after int64
		db.Model(&models.Ministry{}).Count(&after)
		if before == 0 || after != before {
			t.Errorf("ministries: %d before, %d after adoption", before, after)
		}
		if db.Migrator().HasTable("schema_migrations") {
			t.Error("schema_migrations is still there after adoption")
		}
		// And it stays a normal goose database: down one step and up again.
		last := all[len(all)-1].Version
		if err := s.MigrateDown(ctx, last-1); err != nil {
			t.Fatalf("down after adoption: %v", err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("up after adoption: %v", err)
		}
		assertSchemaMatchesModels(t, s)
	})
}

// TestAPartlyMigratedFormerDatabaseGetsOnlyTheRest: the former runner had applied
// the first migration only; goose applies the others.
func TestAPartlyMigratedFormerDatabaseGetsOnlyTheRest(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		all, _ := models.Migrations(s.Dialect())
		if err := s.MigrateDown(ctx, 1); err != nil {
			t.Fatal(err)
		}
		db := s.DB()
		for _, q := range []string{
			"DROP TABLE goose_db_version",
			"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
			"INSERT INTO schema_migrations (version, name) VALUES (1, 'programme')",
		} {
			if err := db.Exec(q).Error; err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if applied, _ := s.AppliedMigrations(ctx); len(applied) != len(all) {
			t.Fatalf("applied = %v, want %d", applied, len(all))
		}
		assertSchemaMatchesModels(t, s)
	})
}
