package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// querier is a *sql.DB, *sql.Conn or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// versionTable is where goose records the applied migrations.
const versionTable = "goose_db_version"

// tableColumns lists the tables of the current schema (PostgreSQL) or file
// (SQLite), each with its columns.
func tableColumns(ctx context.Context, q querier, dialect string) (map[string][]string, error) {
	query := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY m.name, p.cid`
	if dialect == Postgres {
		query = `SELECT c.table_name, c.column_name FROM information_schema.columns c
			JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
			WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
			ORDER BY c.table_name, c.ordinal_position`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	tables := map[string][]string{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			return nil, err
		}
		tables[table] = append(tables[table], column)
	}
	return tables, rows.Err()
}

// hasTable reports whether the schema has the table.
func hasTable(ctx context.Context, q querier, dialect, table string) (bool, error) {
	query := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
	if dialect == Postgres {
		query = `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`
	}
	var n int
	if err := q.QueryRowContext(ctx, query, table).Scan(&n); err != nil {
		return false, fmt.Errorf("look for table %s: %w", table, err)
	}
	return n > 0, nil
}

// countRows counts the rows of each table.
func countRows(ctx context.Context, q querier, tables []string) (map[string]int64, error) {
	counts := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+quote(t)).Scan(&n); err != nil {
			return nil, fmt.Errorf("count rows of %s: %w", t, err)
		}
		counts[t] = n
	}
	return counts, nil
}

// countValues counts the rows of table whose column holds a value (not NULL).
func countValues(ctx context.Context, q querier, table, column string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, "SELECT count("+quote(column)+") FROM "+quote(table)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count values of %s.%s: %w", table, column, err)
	}
	return n, nil
}

// quote makes an identifier safe in SQL on both dialects.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
