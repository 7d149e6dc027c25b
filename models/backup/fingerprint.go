package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

// auditTable is the append-only audit log: a copy taken while the app writes
// holds exactly the source's events up to its own last one.
const auditTable = "audit_events"

// Fingerprint is what a copy is compared with its source by: the rows of
// every table, and the audit log up to an event.
type Fingerprint struct {
	Counts      map[string]int64 // table → rows
	AuditEvents int64            // events with id ≤ the bound
	AuditDigest string           // SHA-256 of those events, every column, in id order
}

// FingerprintOf counts every table's rows of db ("postgres" or "sqlite") and
// digests its audit log up to the event auditUpTo (0: all of it).
func FingerprintOf(ctx context.Context, db *sql.DB, dialect string, auditUpTo int64) (Fingerprint, error) {
	f := Fingerprint{}
	var (
		tables []string
		err    error
	)
	if dialect == "postgres" {
		tables, err = postgresTables(ctx, db)
	} else {
		tables, err = sqliteTables(ctx, db, "main")
	}
	if err != nil {
		return f, err
	}
	if f.Counts, err = countRows(ctx, db, "", tables); err != nil {
		return f, err
	}
	query := "SELECT * FROM " + auditTable + " ORDER BY id"
	args := []any{}
	if auditUpTo > 0 {
		query = "SELECT * FROM " + auditTable + " WHERE id <= ? ORDER BY id"
		if dialect == "postgres" {
			query = "SELECT * FROM " + auditTable + " WHERE id <= $1 ORDER BY id"
		}
		args = append(args, auditUpTo)
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return f, fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return f, err
	}
	values := make([]any, len(columns))
	pointers := make([]any, len(columns))
	for i := range values {
		pointers[i] = &values[i]
	}
	h := sha256.New()
	for rows.Next() {
		if err := rows.Scan(pointers...); err != nil {
			return f, err
		}
		f.AuditEvents++
		for _, v := range values {
			switch t := v.(type) {
			case []byte:
				v = string(t)
			case time.Time:
				v = t.UTC().Format(time.RFC3339Nano)
			}
			fmt.Fprintf(h, "%v|", v)
		}
		h.Write([]byte{'\n'})
	}
	f.AuditDigest = hex.EncodeToString(h.Sum(nil))
	return f, rows.Err()
}

// LastAuditID is the newest audit event's id (0 when there is none).
func LastAuditID(ctx context.Context, db *sql.DB) (int64, error) {
	var id int64
	err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+auditTable).Scan(&id)
	return id, err
}
