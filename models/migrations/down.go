package migrations

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Undoing migrations drops what they made, data included. It is done in two
// moves, so that nobody undoes anything without first reading what it costs:
// a Plan runs the down files in a transaction that is rolled back and reports
// what they would drop, and Undo then undoes exactly the migrations of that
// plan. Neither applies a pending migration first.

// Plan is what undoing migrations would do to the database.
type Plan struct {
	From  int    // the newest applied version now (0: none)
	To    int    // the newest applied version after undoing
	Steps []Step // the migrations to undo, newest first; none when there is nothing to undo
}

// Step is one migration to undo and the data it would drop.
type Step struct {
	Migration
	DroppedTables  []TableRows    // tables dropped, with the rows they hold
	DroppedColumns []ColumnValues // columns dropped from tables that stay, with the rows holding a value
	ChangedTables  []RowChange    // tables that stay but gain or lose rows
}

// TableRows is a table and its rows.
type TableRows struct {
	Table string
	Rows  int64
}

// ColumnValues is a column and the rows holding a value (not NULL) in it.
type ColumnValues struct {
	Table, Column string
	Values        int64
}

// RowChange is a table's row count before and after a step.
type RowChange struct {
	Table         string
	Before, After int64
}

// PlanDown plans undoing the newest applied migration (goose's "down").
func (s *Schema) PlanDown(ctx context.Context) (Plan, error) {
	applied, err := s.Applied(ctx)
	if err != nil {
		return Plan{}, err
	}
	switch len(applied) {
	case 0:
		return Plan{}, nil
	case 1:
		return s.plan(ctx, applied, 0)
	}
	return s.plan(ctx, applied, applied[len(applied)-2])
}

// PlanDownTo plans undoing every applied migration after version, which must
// be applied (or 0, to undo them all).
func (s *Schema) PlanDownTo(ctx context.Context, version int) (Plan, error) {
	applied, err := s.Applied(ctx)
	if err != nil {
		return Plan{}, err
	}
	return s.plan(ctx, applied, version)
}

// DownTo undoes every applied migration after version (0: all of them) at
// once, without a plan: for tests and tools that know what they drop. People
// undo through PlanDownTo and Undo.
func (s *Schema) DownTo(ctx context.Context, version int) error {
	applied, err := s.Applied(ctx)
	if err != nil {
		return err
	}
	p, err := s.undoList(applied, version)
	if err != nil {
		return err
	}
	return s.Undo(ctx, p)
}

// plan finds the migrations to undo down to target and what undoing them drops.
func (s *Schema) plan(ctx context.Context, applied []int, target int) (Plan, error) {
	p, err := s.undoList(applied, target)
	if err != nil || len(p.Steps) == 0 {
		return p, err
	}
	undo := make([]Migration, len(p.Steps))
	for i, st := range p.Steps {
		undo[i] = st.Migration
	}
	p.Steps, err = s.dryRun(ctx, undo)
	return p, err
}

// undoList is the plan down to target without what it drops: the applied
// migrations after target, newest first.
func (s *Schema) undoList(applied []int, target int) (Plan, error) {
	if target != 0 && !slices.Contains(applied, target) {
		return Plan{}, fmt.Errorf("version %04d is not applied (applied: %s): down-to takes an applied version, or 0 to undo every migration",
			target, versionList(applied))
	}
	p := Plan{To: target}
	if len(applied) > 0 {
		p.From = applied[len(applied)-1]
	}
	all, err := List(s.dialect)
	if err != nil {
		return p, err
	}
	known := byVersion(all)
	for _, v := range slices.Backward(applied) {
		if v <= target {
			break
		}
		m, ok := known[v]
		if !ok {
			return p, fmt.Errorf("version %04d is applied but this binary does not know it: undo it with the release that applied it", v)
		}
		p.Steps = append(p.Steps, Step{Migration: m})
	}
	return p, nil
}

// dryRun runs the down files of steps, newest first, in one transaction and
// rolls it back, comparing the tables, columns and row counts around each step.
func (s *Schema) dryRun(ctx context.Context, undo []Migration) ([]Step, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // always rolled back: a plan changes nothing
	if s.dialect == Postgres {
		// The down files lock what they drop until the rollback; a table busy
		// for longer fails the plan instead of holding the app's queries.
		if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '2s'"); err != nil {
			return nil, fmt.Errorf("plan: %w", err)
		}
	}
	before, err := snapshot(ctx, tx, s.dialect)
	if err != nil {
		return nil, err
	}
	steps := make([]Step, 0, len(undo))
	for _, m := range undo {
		if _, err := tx.ExecContext(ctx, "SAVEPOINT plan_step"); err != nil {
			return nil, fmt.Errorf("plan: %w", err)
		}
		if _, err := tx.ExecContext(ctx, m.Down); err != nil {
			return nil, fmt.Errorf("plan: undoing %s fails: %w", m.Label(), err)
		}
		after, err := snapshot(ctx, tx, s.dialect)
		if err != nil {
			return nil, err
		}
		step := Step{Migration: m}
		for _, t := range sortedTables(before.columns) {
			cols, stays := after.columns[t]
			switch {
			case !stays:
				step.DroppedTables = append(step.DroppedTables, TableRows{Table: t, Rows: before.rows[t]})
				continue
			case before.rows[t] != after.rows[t]:
				step.ChangedTables = append(step.ChangedTables, RowChange{Table: t, Before: before.rows[t], After: after.rows[t]})
			}
			for _, c := range before.columns[t] {
				if !slices.Contains(cols, c) {
					step.DroppedColumns = append(step.DroppedColumns, ColumnValues{Table: t, Column: c})
				}
			}
		}
		if len(step.DroppedColumns) > 0 {
			// The values of a dropped column are counted where it still exists:
			// back before the step, then the step again.
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT plan_step"); err != nil {
				return nil, fmt.Errorf("plan: %w", err)
			}
			for i, c := range step.DroppedColumns {
				if step.DroppedColumns[i].Values, err = countValues(ctx, tx, c.Table, c.Column); err != nil {
					return nil, err
				}
			}
			if _, err := tx.ExecContext(ctx, m.Down); err != nil {
				return nil, fmt.Errorf("plan: undoing %s fails: %w", m.Label(), err)
			}
		}
		if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT plan_step"); err != nil {
			return nil, fmt.Errorf("plan: %w", err)
		}
		steps = append(steps, step)
		before = after
	}
	return steps, nil
}

// state is a schema's tables with their columns and rows.
type state struct {
	columns map[string][]string
	rows    map[string]int64
}

func snapshot(ctx context.Context, q querier, dialect string) (state, error) {
	columns, err := tableColumns(ctx, q, dialect)
	if err != nil {
		return state{}, err
	}
	delete(columns, versionTable) // goose's bookkeeping, not data
	rows, err := countRows(ctx, q, sortedTables(columns))
	return state{columns: columns, rows: rows}, err
}

// Undo undoes exactly the migrations of plan, newest first, each in its own
// transaction under the migration lock. A migration that is no longer applied
// (someone undid it meanwhile) stops it with an error.
func (s *Schema) Undo(ctx context.Context, plan Plan) error {
	all, err := List(s.dialect)
	if err != nil {
		return err
	}
	p, err := s.provider(ctx, all)
	if err != nil {
		return err
	}
	for _, st := range plan.Steps {
		if _, err := p.ApplyVersion(ctx, int64(st.Version), false); err != nil {
			return fmt.Errorf("undo %s: %w", st.Label(), err)
		}
	}
	return nil
}

// Describe writes the plan for people: each migration with what it drops.
func (p Plan) Describe(verb string) string {
	var b strings.Builder
	for _, st := range p.Steps {
		fmt.Fprintf(&b, "%s %s:\n", verb, st.Label())
		if sum := st.Summary(); sum != "" {
			fmt.Fprintf(&b, "  its down file says: %s\n", sum)
		}
		lines := 0
		for _, t := range st.DroppedTables {
			fmt.Fprintf(&b, "  drops table %s (%s)\n", t.Table, rows(t.Rows))
			lines++
		}
		for _, c := range st.DroppedColumns {
			fmt.Fprintf(&b, "  drops column %s.%s (%s holding a value)\n", c.Table, c.Column, rows(c.Values))
			lines++
		}
		for _, c := range st.ChangedTables {
			fmt.Fprintf(&b, "  changes table %s from %s to %s\n", c.Table, rows(c.Before), rows(c.After))
			lines++
		}
		if lines == 0 {
			b.WriteString("  drops no table or column, and no table gains or loses rows\n")
		}
	}
	return b.String()
}

// LostRows counts the rows of the tables the plan drops.
func (p Plan) LostRows() int64 {
	var n int64
	for _, st := range p.Steps {
		for _, t := range st.DroppedTables {
			n += t.Rows
		}
	}
	return n
}

func rows(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

func versionList(applied []int) string {
	if len(applied) == 0 {
		return "none"
	}
	parts := make([]string, len(applied))
	for i, v := range applied {
		parts[i] = fmt.Sprintf("%04d", v)
	}
	return strings.Join(parts, ", ")
}

func sortedTables(columns map[string][]string) []string {
	return slices.Sorted(maps.Keys(columns))
}
