package migrations_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestAPlanSaysWhatUndoingDropsAndChangesNothing plans undoing everything after
// 0001 on a database holding the programme data: the plan names the tables and
// columns each step drops with the rows in them, and the database is as before.
func TestAPlanSaysWhatUndoingDropsAndChangesNothing(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		schema, db := s.Schema(), s.SQL()
		before, events, rounds := schemaOf(t, s), count(t, db, "audit_events"), count(t, db, "rounds")
		applied, _ := schema.Applied(ctx)

		plan, err := schema.PlanDownTo(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if plan.From != applied[len(applied)-1] || plan.To != 1 || len(plan.Steps) != len(applied)-1 {
			t.Fatalf("plan from %d to %d in %d steps, want from %d to 1 in %d", plan.From, plan.To, len(plan.Steps), applied[len(applied)-1], len(applied)-1)
		}
		for i, st := range plan.Steps {
			if want := applied[len(applied)-1-i]; st.Version != want {
				t.Errorf("step %d undoes %s, want %04d (newest first)", i, st.Label(), want)
			}
		}
		step := func(version int) migrations.Step {
			for _, st := range plan.Steps {
				if st.Version == version {
					return st
				}
			}
			t.Fatalf("no step undoes %04d", version)
			return migrations.Step{}
		}
		if !slices.Contains(step(2).DroppedTables, migrations.TableRows{Table: "audit_events", Rows: events}) || events == 0 {
			t.Errorf("undoing 0002 drops %v, want audit_events with its %d rows", step(2).DroppedTables, events)
		}
		if !slices.Contains(step(5).DroppedColumns, migrations.ColumnValues{Table: "rounds", Column: "announce_at", Values: rounds}) || rounds == 0 {
			t.Errorf("undoing 0005 drops the columns %v, want rounds.announce_at with %d values", step(5).DroppedColumns, rounds)
		}
		if st := step(9); len(st.DroppedColumns)+len(st.DroppedTables) != 0 {
			t.Errorf("undoing 0009 rebuilds a column and drops nothing, but the plan says %v %v", st.DroppedTables, st.DroppedColumns)
		}
		if text := plan.Describe("undo"); !strings.Contains(text, "undo 0002 accounts:\n") || !strings.Contains(text, "drops table audit_events (") {
			t.Errorf("the plan as printed:\n%s", text)
		}

		if got := schemaOf(t, s); got != before {
			t.Errorf("planning changed the schema:\n got %s\nwant %s", got, before)
		}
		if got := count(t, db, "audit_events"); got != events {
			t.Errorf("planning changed the audit log: %d events, was %d", got, events)
		}
		if err := schema.Check(ctx); err != nil {
			t.Errorf("after a plan: %v", err)
		}
	})
}

// TestUndoUndoesExactlyOneStepAndNeverAppliesWhatIsPending undoes the newest
// migration, then plans again: the next plan undoes the one before, and the
// undone one stays pending.
func TestUndoUndoesExactlyOneStepAndNeverAppliesWhatIsPending(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		schema := s.Schema()
		applied, _ := schema.Applied(ctx)
		newest, previous := applied[len(applied)-1], applied[len(applied)-2]

		plan, err := schema.PlanDown(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Steps) != 1 || plan.Steps[0].Version != newest || plan.To != previous {
			t.Fatalf("down plans %v to %d, want %04d alone, to %04d", plan.Steps, plan.To, newest, previous)
		}
		if err := schema.Undo(ctx, plan); err != nil {
			t.Fatal(err)
		}
		if got, _ := schema.Applied(ctx); !slices.Equal(got, applied[:len(applied)-1]) {
			t.Fatalf("after undoing one step, applied = %v, want %v", got, applied[:len(applied)-1])
		}
		var mismatch *migrations.MismatchError
		if err := schema.Check(ctx); !errors.As(err, &mismatch) || len(mismatch.Pending) != 1 || mismatch.Pending[0].Version != newest ||
			!strings.Contains(err.Error(), "behind") {
			t.Errorf("check after undoing %04d: %v", newest, err)
		}

		next, err := schema.PlanDown(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(next.Steps) != 1 || next.Steps[0].Version != previous {
			t.Errorf("the next down plans %v, want %04d (the pending %04d stays pending)", next.Steps, previous, newest)
		}
		if got, _ := schema.Applied(ctx); len(got) != len(applied)-1 {
			t.Errorf("planning applied something: %v", got)
		}
		// Undoing a plan made before someone else undid its step fails and changes nothing.
		if err := schema.Undo(ctx, plan); err == nil {
			t.Error("a plan whose step is no longer applied was undone again")
		}
	})
}

func TestDownToAVersionThatIsNotAppliedIsRefused(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		schema := s.Schema()
		applied, _ := schema.Applied(ctx)
		if _, err := schema.PlanDownTo(ctx, 9999); err == nil || !strings.Contains(err.Error(), "9999 is not applied") {
			t.Errorf("down-to 9999: %v", err)
		}
		if err := schema.DownTo(ctx, 9999); err == nil {
			t.Error("DownTo 9999 was accepted")
		}
		newest := applied[len(applied)-1]
		if plan, err := schema.PlanDownTo(ctx, newest); err != nil || len(plan.Steps) != 0 {
			t.Errorf("down-to the newest version plans %v (%v), want nothing to undo", plan.Steps, err)
		}
		if got, _ := schema.Applied(ctx); !slices.Equal(got, applied) {
			t.Errorf("a refused down-to changed the database: %v", got)
		}
	})
}

// TestASchemaAheadOfTheBinaryIsReportedAndNotUndone: a newer release applied a
// migration this binary does not know.
func TestASchemaAheadOfTheBinaryIsReportedAndNotUndone(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		schema := s.Schema()
		exec(t, s.SQL(), "INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, true)")
		var mismatch *migrations.MismatchError
		if err := schema.Check(ctx); !errors.As(err, &mismatch) || !slices.Equal(mismatch.Unknown, []int{9999}) ||
			!strings.Contains(err.Error(), "ahead of this binary: version 9999") {
			t.Errorf("check: %v", err)
		}
		if _, err := schema.PlanDown(ctx); err == nil || !strings.Contains(err.Error(), "does not know it") {
			t.Errorf("down with an unknown version on top: %v", err)
		}
		status, err := schema.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if last := status[len(status)-1]; !last.Unknown || last.Version != 9999 || !last.Applied {
			t.Errorf("status ends with %+v, want the unknown 9999", last)
		}
	})
}

// TestAFreshDatabaseIsBehindAndUpSaysWhatItApplied: Check on an empty database
// creates nothing; Up applies every migration and says so, then nothing.
func TestAFreshDatabaseIsBehindAndUpSaysWhatItApplied(t *testing.T) {
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			s := modelstest.Unmigrated(t, dialect)
			schema := s.Schema()
			all, _ := migrations.List(dialect)
			var mismatch *migrations.MismatchError
			if err := schema.Check(ctx); !errors.As(err, &mismatch) || len(mismatch.Pending) != len(all) {
				t.Errorf("check of an empty database: %v", err)
			}
			if has(t, s, "goose_db_version") {
				t.Error("Check created goose's table")
			}
			applied, err := schema.Up(ctx)
			if err != nil || len(applied) != len(all) || applied[0].Label() != "0001 programme" {
				t.Fatalf("up applied %v (%v), want all %d", applied, err, len(all))
			}
			if again, err := schema.Up(ctx); err != nil || len(again) != 0 {
				t.Errorf("a second up applied %v (%v)", again, err)
			}
			if err := schema.Check(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}
