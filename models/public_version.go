package models

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// PublicVersion counts the changes to what the public site shows; instances
// compare it to know whether the pages they keep in memory are current.
type PublicVersion struct {
	ID        int64
	Version   int64
	ChangedAt time.Time
}

// publicRecords are the record types a public page or data file shows; a
// change to any of them the public can see (changesPublic) bumps the public
// version in the same transaction.
var publicRecords = map[string]bool{
	"round": true, "pair": true, "ministry": true, "task": true, "outcome": true, "programme": true,
	"nomination":         true, // a pair's stage and companion count (public_progress.go)
	"grade_distribution": true, // a finalized cycle's published grades (grade_distribution.go)
}

// ShownToPublic reports whether the public site counts the nomination in its
// pair's stage: drafts are the sending ministry's alone.
func (n Nomination) ShownToPublic() bool { return n.Status != NominationDraft }

// publicShown is a record that can tell whether the public site shows it.
type publicShown interface{ ShownToPublic() bool }

// ShownToPublic reports whether the public site can show the task: only
// published tasks are (PublicView).
func (t CollaborationTask) ShownToPublic() bool { return t.Published }

// ShownToPublic reports whether the public site can show the pair: only
// selected pairs are (PublicView); proposals and agreements are not.
func (p ExchangePair) ShownToPublic() bool { return p.Status == PairSelected }

// changesPublic reports whether a change from before to after (nil when
// created or deleted) can change what the public sees: a record that cannot
// tell (a map, another type) always can. Under load most changes are drafts
// and proposals; bumping the version for them would make every instance read
// the whole public view again only to find it the same.
func changesPublic(before, after any) bool {
	for _, v := range []any{before, after} {
		if v == nil {
			continue
		}
		shown, ok := v.(publicShown)
		if !ok || shown.ShownToPublic() {
			return true
		}
	}
	return false
}

// bumpPublicVersion marks, inside tx, that what the public sees may have changed.
func bumpPublicVersion(tx *gorm.DB) error {
	err := tx.Model(&PublicVersion{}).Where("id = ?", 1).
		Updates(map[string]any{"version": gorm.Expr("version + 1"), "changed_at": tx.NowFunc()}).Error
	if err != nil {
		return fmt.Errorf("bump the public version: %w", err)
	}
	return nil
}

// PublicVersion reads the public version: one single-row read by primary key,
// with a prepared statement, since public pages ask for it on every request.
func (s *Store) PublicVersion(ctx context.Context) (PublicVersion, error) {
	stmt, err := s.publicVersionStmt(ctx)
	if err != nil {
		return PublicVersion{}, err
	}
	v := PublicVersion{ID: 1}
	if err := stmt.QueryRowContext(ctx).Scan(&v.Version, &v.ChangedAt); err != nil {
		return PublicVersion{}, fmt.Errorf("read the public version: %w", err)
	}
	return v, nil
}

func (s *Store) publicVersionStmt(ctx context.Context) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if s.versionStmt != nil {
		return s.versionStmt, nil
	}
	stmt, err := s.readDB.PrepareContext(ctx, "SELECT version, changed_at FROM public_versions WHERE id = 1")
	if err != nil {
		return nil, fmt.Errorf("prepare the public version read: %w", err)
	}
	s.versionStmt = stmt
	return stmt, nil
}

// ChangedBySQL marks a change written outside the store's own methods (a
// tool or a test writing SQL), which no audit event tells of: it bumps the
// public version, so every instance rebuilds its public pages, drops the
// reports this store keeps (EvaluationReport), and counts every cycle's tasks
// again (cycle_tasks.go).
func (s *Store) ChangedBySQL(ctx context.Context) error {
	if s.reports != nil {
		s.reports.clear()
	}
	if err := keepCycleTasks(s.db.WithContext(ctx), allCycles); err != nil {
		return err
	}
	return bumpPublicVersion(s.db.WithContext(ctx))
}
