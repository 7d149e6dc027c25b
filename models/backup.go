package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
)

// BackupTo writes a consistent copy of the SQLite database to path while the app
// keeps running (VACUUM INTO reads one snapshot). PostgreSQL is backed up with
// pg_dump instead.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	if s.dialect != DialectSQLite {
		return errors.New("web backup copies the SQLite file; back PostgreSQL up with pg_dump (see README)")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists already; choose a new file", path)
	}
	if err := s.db.WithContext(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// Fingerprint is what a backup is checked against: the rows of every table, and
// the audit log up to an event.
type Fingerprint struct {
	Counts      map[string]int64 // table → rows
	AuditEvents int64            // events with id ≤ the bound
	AuditDigest string           // SHA-256 of those events, in id order
}

// Fingerprint counts every table's rows and digests the audit log up to
// auditUpTo (0: all of it).
func (s *Store) Fingerprint(ctx context.Context, auditUpTo int64) (Fingerprint, error) {
	db := s.db.WithContext(ctx)
	f := Fingerprint{Counts: map[string]int64{}}
	tables, err := db.Migrator().GetTables()
	if err != nil {
		return f, fmt.Errorf("list tables: %w", err)
	}
	sort.Strings(tables)
	for _, t := range tables {
		var n int64
		if err := db.Table(t).Count(&n).Error; err != nil {
			return f, fmt.Errorf("count %s: %w", t, err)
		}
		f.Counts[t] = n
	}
	q := db.Model(&AuditEvent{}).Order("id")
	if auditUpTo > 0 {
		q = q.Where("id <= ?", auditUpTo)
	}
	rows, err := q.Rows()
	if err != nil {
		return f, fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var e AuditEvent
		if err := db.ScanRows(rows, &e); err != nil {
			return f, err
		}
		f.AuditEvents++
		fmt.Fprintf(h, "%d|%s|%v|%s|%s|%s|%s|%v|%v|%v\n", e.ID, e.At.UTC().Format("2006-01-02T15:04:05.000000"),
			deref(e.UserID), e.Actor, e.IP, e.Action, e.RecordType, deref(e.RecordID), deref(e.Before), deref(e.After))
	}
	f.AuditDigest = hex.EncodeToString(h.Sum(nil))
	return f, rows.Err()
}

// LastAuditID is the newest audit event's id (0 when there is none).
func (s *Store) LastAuditID(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.WithContext(ctx).Model(&AuditEvent{}).Select("COALESCE(MAX(id), 0)").Scan(&id).Error
	return id, err
}
