package migrations

import (
	"context"
	"fmt"

	"github.com/pressly/goose/v3/database"
)

// legacyTable is where gyoryu's own migration runner recorded applied versions
// before goose took over.
const legacyTable = "schema_migrations"

// adoptLegacyVersions moves the versions recorded by the former runner into
// goose's table, so a database migrated before goose is not migrated again. It
// runs in one transaction (under the migration lock on PostgreSQL), and drops the
// former table once its versions are in goose's.
func (s *Schema) adoptLegacyVersions(ctx context.Context) error {
	if ok, err := hasTable(ctx, s.db, s.dialect, legacyTable); err != nil || !ok {
		return err
	}
	dialect := database.DialectSQLite3
	if s.dialect == Postgres {
		dialect = database.DialectPostgres
	}
	versions, err := database.NewStore(dialect, versionTable)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("adopt %s: %w", legacyTable, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if s.dialect == Postgres {
		key, err := advisoryLockKey(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", key); err != nil {
			return fmt.Errorf("take migration lock: %w", err)
		}
	}
	// Another instance may have adopted the table while this one waited.
	if ok, err := hasTable(ctx, tx, s.dialect, legacyTable); err != nil || !ok {
		return err
	}
	legacy, err := readVersions(ctx, tx, "SELECT version FROM "+legacyTable)
	if err != nil {
		return fmt.Errorf("read %s: %w", legacyTable, err)
	}
	if ok, err := hasTable(ctx, tx, s.dialect, versionTable); err != nil {
		return err
	} else if !ok {
		if err := versions.CreateVersionTable(ctx, tx); err != nil {
			return fmt.Errorf("create %s: %w", versionTable, err)
		}
		if err := versions.Insert(ctx, tx, database.InsertRequest{Version: 0}); err != nil {
			return fmt.Errorf("insert version 0: %w", err)
		}
	}
	rows, err := versions.ListMigrations(ctx, tx)
	if err != nil {
		return fmt.Errorf("read %s: %w", versionTable, err)
	}
	known := map[int64]bool{}
	for _, r := range rows {
		known[r.Version] = r.IsApplied
	}
	for _, v := range legacy {
		if !known[v] {
			if err := versions.Insert(ctx, tx, database.InsertRequest{Version: v}); err != nil {
				return fmt.Errorf("adopt version %d: %w", v, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE "+legacyTable); err != nil {
		return fmt.Errorf("drop %s: %w", legacyTable, err)
	}
	return tx.Commit()
}

func readVersions(ctx context.Context, q querier, query string) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
