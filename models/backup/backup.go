// Package backup copies the embedded SQLite database while the app runs and
// proves the copy whole, and fingerprints a database of either dialect (the
// rows of every table, a digest of the audit log) so that a restored copy can
// be compared with its source. PostgreSQL is copied with pg_dump.
//
// It works on a *sql.DB and knows nothing of the domain's models.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"
)

// Report says what a backup copied.
type Report struct {
	Rows map[string]int64 // table → rows, the same in the copy as in the source
	// Held is how long the source's writers waited: from the write lock taken
	// before the copy to its release after counting.
	Held time.Duration
}

// Tables is the number of tables copied.
func (r Report) Tables() int { return len(r.Rows) }

// TotalRows is the number of rows copied, over every table.
func (r Report) TotalRows() int64 {
	var n int64
	for _, c := range r.Rows {
		n += c
	}
	return n
}

// SQLite writes a consistent copy of the SQLite database db to path, a new
// file, while the app keeps running, and checks it before returning: the copy
// passes SQLite's integrity check and holds the source's tables, each with the
// source's rows. A copy that fails the check is deleted.
//
// The source holds still while it is copied and counted: a write transaction
// (BEGIN IMMEDIATE) is held open on one connection, so writers wait and
// readers do not, while VACUUM INTO copies the database on another and the
// tables are counted; the counts are those of the copy's moment. The app's
// writers wait up to their busy timeout (10 s). db is where the lock is held
// (the store's writer), readers where the copy is made (its read pool; db
// again if it has more than one connection).
func SQLite(ctx context.Context, db, readers *sql.DB, path string) (Report, error) {
	if _, err := os.Stat(path); err == nil {
		return Report{}, fmt.Errorf("%s exists already; choose a new file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return Report{}, err
	}
	hold, err := db.Conn(ctx)
	if err != nil {
		return Report{}, err
	}
	defer hold.Close()
	start := time.Now()
	// The write lock, taken in SQL so that it does not depend on how db begins
	// its transactions; nothing is written, so it ends with a rollback.
	if _, err := hold.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return Report{}, fmt.Errorf("hold the writers for the copy: %w", err)
	}
	held := true
	release := func() error {
		if !held {
			return nil
		}
		held = false
		_, err := hold.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	defer release() //nolint:errcheck // released below, or here on an early return
	tables, err := sqliteTables(ctx, hold, "main")
	if err != nil {
		return Report{}, err
	}
	if len(tables) == 0 {
		return Report{}, errors.New("the database holds no table; is it the right file?")
	}
	if err := vacuumInto(ctx, readers, path); err != nil {
		os.Remove(path)
		return Report{}, fmt.Errorf("back up to %s: %w", path, err)
	}
	source, err := countRows(ctx, hold, "main", tables)
	if err != nil {
		os.Remove(path)
		return Report{}, err
	}
	if err := release(); err != nil {
		os.Remove(path)
		return Report{}, err
	}
	rep := Report{Rows: source, Held: time.Since(start)}
	if err := os.Chmod(path, 0o600); err != nil { // it holds personal data
		os.Remove(path)
		return rep, err
	}
	if err := verify(ctx, hold, path, source); err != nil {
		os.Remove(path)
		return rep, fmt.Errorf("the copy %s failed its check and was deleted: %w", path, err)
	}
	return rep, nil
}

// vacuumInto copies the database to path on a connection of readers. The
// store's readers are query_only, which refuses VACUUM INTO too (it writes,
// if only another file): the connection lifts it for the copy and sets it again.
func vacuumInto(ctx context.Context, readers *sql.DB, path string) error {
	conn, err := readers.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var queryOnly int
	if err := conn.QueryRowContext(ctx, "PRAGMA query_only").Scan(&queryOnly); err != nil {
		return err
	}
	if queryOnly != 0 {
		if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA query_only = 1") //nolint:errcheck // a failure leaves the connection as the writer's peers are
	}
	_, err = conn.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

// verify attaches the copy to conn and compares it with the source's counts.
func verify(ctx context.Context, conn *sql.Conn, path string, source map[string]int64) error {
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS backup_copy", path); err != nil {
		return fmt.Errorf("open the copy: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "DETACH DATABASE backup_copy") //nolint:errcheck
	var integrity string
	if err := conn.QueryRowContext(ctx, "PRAGMA backup_copy.integrity_check(1)").Scan(&integrity); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if integrity != "ok" {
		return fmt.Errorf("integrity check: %s", integrity)
	}
	tables, err := sqliteTables(ctx, conn, "backup_copy")
	if err != nil {
		return err
	}
	if want := slices.Sorted(maps.Keys(source)); !slices.Equal(tables, want) {
		return fmt.Errorf("the copy has the tables %s, the source %s", strings.Join(tables, ", "), strings.Join(want, ", "))
	}
	copied, err := countRows(ctx, conn, "backup_copy", tables)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if copied[t] != source[t] {
			return fmt.Errorf("table %s: %d rows in the copy, %d in the source", t, copied[t], source[t])
		}
	}
	return nil
}

// querier is a *sql.DB, *sql.Conn or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// sqliteTables lists the tables of an attached SQLite database ("main" for the
// file itself), sorted.
func sqliteTables(ctx context.Context, q querier, schema string) ([]string, error) {
	return strings1(ctx, q, "SELECT name FROM "+schema+`.sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
}

// postgresTables lists the tables of the current schema, sorted.
func postgresTables(ctx context.Context, q querier) ([]string, error) {
	return strings1(ctx, q, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
}

func strings1(ctx context.Context, q querier, query string) ([]string, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// countRows counts the rows of each table of schema ("" for the default).
func countRows(ctx context.Context, q querier, schema string, tables []string) (map[string]int64, error) {
	prefix := ""
	if schema != "" {
		prefix = schema + "."
	}
	counts := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+prefix+quote(t)).Scan(&n); err != nil {
			return nil, fmt.Errorf("count rows of %s: %w", t, err)
		}
		counts[t] = n
	}
	return counts, nil
}

// quote makes an identifier safe in SQL on both dialects.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
