package migrations_test

import (
	"context"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestADatabaseMigratedByTheFormerRunnerIsAdoptedNotMigratedAgain builds what the
// former runner left (the schema, and its versions in schema_migrations), then
// migrates with goose: nothing runs twice, the data stays, the table goes.
func TestADatabaseMigratedByTheFormerRunnerIsAdoptedNotMigratedAgain(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		all, err := migrations.List(s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		want := schemaOf(t, s)
		// What the former runner left: its table, and no goose table.
		db := s.SQL()
		for _, q := range []string{
			"DROP TABLE goose_db_version",
			`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
				applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
		} {
			exec(t, db, q)
		}
		for _, m := range all {
			exec(t, db, "INSERT INTO schema_migrations (version, name) VALUES ("+itoa(m.Version)+", '"+m.Name+"')")
		}
		before := count(t, db, "ministries")

		schema := s.Schema()
		if _, err := schema.Up(ctx); err != nil {
			t.Fatalf("migrate a database of the former runner: %v", err) // re-running 0001 would fail: its tables exist
		}
		if err := schema.Check(ctx); err != nil {
			t.Fatalf("after adoption: %v", err)
		}
		if after := count(t, db, "ministries"); before == 0 || after != before {
			t.Errorf("ministries: %d before, %d after adoption", before, after)
		}
		if has(t, s, "schema_migrations") {
			t.Error("schema_migrations is still there after adoption")
		}
		// And it stays a normal goose database: down one step and up again.
		plan, err := schema.PlanDown(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Undo(ctx, plan); err != nil {
			t.Fatalf("down after adoption: %v", err)
		}
		if _, err := schema.Up(ctx); err != nil {
			t.Fatalf("up after adoption: %v", err)
		}
		if got := schemaOf(t, s); got != want {
			t.Errorf("the schema after adoption, down and up differs:\n got %s\nwant %s", got, want)
		}
	})
}

// TestAPartlyMigratedFormerDatabaseGetsOnlyTheRest: the former runner had applied
// the first migration only; goose applies the others.
func TestAPartlyMigratedFormerDatabaseGetsOnlyTheRest(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		want := schemaOf(t, s)
		schema := s.Schema()
		if err := schema.DownTo(ctx, 1); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"DROP TABLE goose_db_version",
			"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
			"INSERT INTO schema_migrations (version, name) VALUES (1, 'programme')",
		} {
			exec(t, s.SQL(), q)
		}
		applied, err := schema.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		all, _ := migrations.List(s.Dialect())
		if len(applied) != len(all)-1 || applied[0].Version == 1 {
			t.Fatalf("applied %v, want every migration but the first", applied)
		}
		if err := schema.Check(ctx); err != nil {
			t.Fatal(err)
		}
		if got := schemaOf(t, s); got != want {
			t.Errorf("the schema differs from a migrated one:\n got %s\nwant %s", got, want)
		}
	})
}
