package models_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"gorm.io/gorm"
)

// TestConcurrentWritersOnSQLiteNeverSeeBusy has many writers (single writes and
// transactions) and readers at once on SQLite: every write lands, none is told
// the database is busy or locked, and the reads never wait for the writer.
func TestConcurrentWritersOnSQLiteNeverSeeBusy(t *testing.T) {
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		if s.Dialect() != models.DialectSQLite {
			t.Skip("SQLite's writer and readers")
		}
		ctx := context.Background()
		const writers, each = 48, 15
		start := make(chan struct{})
		errs := make(chan error, 3*writers*each)
		var wg sync.WaitGroup
		for i := range writers {
			wg.Go(func() {
				<-start
				for j := range each {
					if err := s.Audit(ctx, models.System, models.AuditSeed, "test", int64(i*each+j+1), nil); err != nil {
						errs <- fmt.Errorf("writer %d single write %d: %w", i, j, err)
					}
					err := s.DB().WithContext(ctx).Transaction(func(tx *gorm.DB) error {
						var n int64
						if err := tx.Model(&models.AuditEvent{}).Count(&n).Error; err != nil {
							return err
						}
						return tx.Exec("INSERT INTO audit_events (at, actor, ip, action, record_type) VALUES (?, 'system', '', 'seed', 'test.tx')", time.Now().UTC()).Error
					})
					if err != nil {
						errs <- fmt.Errorf("writer %d transaction %d: %w", i, j, err)
					}
					var n int64
					if err := s.DB().WithContext(ctx).Model(&models.AuditEvent{}).Count(&n).Error; err != nil {
						errs <- fmt.Errorf("reader %d read %d: %w", i, j, err)
					}
				}
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err) // SQLITE_BUSY / database is locked would show here
		}
		var single, inTx int64
		s.DB().Model(&models.AuditEvent{}).Where("record_type = 'test'").Count(&single)
		s.DB().Model(&models.AuditEvent{}).Where("record_type = 'test.tx'").Count(&inTx)
		if single != writers*each || inTx != writers*each {
			t.Errorf("saved %d single writes and %d transactions, want %d of each", single, inTx, writers*each)
		}
	})
}

// TestConcurrentSQLiteReadsDoNotWaitForTheWriter holds the one writer connection in a
// transaction and reads meanwhile: the read is served by a reader.
func TestConcurrentSQLiteReadsDoNotWaitForTheWriter(t *testing.T) {
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		if s.Dialect() != models.DialectSQLite {
			t.Skip("SQLite's writer and readers")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		held, release := make(chan struct{}), make(chan struct{})
		done := make(chan error, 1)
		go func() {
			done <- s.DB().WithContext(ctx).Transaction(func(tx *gorm.DB) error {
				if err := tx.Exec("INSERT INTO audit_events (at, actor, ip, action, record_type) VALUES (?, 'system', '', 'seed', 'held')", time.Now().UTC()).Error; err != nil {
					return err
				}
				close(held)
				<-release
				return nil
			})
		}()
		<-held
		var n int64
		if err := s.DB().WithContext(ctx).Model(&models.AuditEvent{}).Where("record_type = 'held'").Count(&n).Error; err != nil {
			t.Fatalf("read while the writer is held: %v", err)
		}
		if n != 0 {
			t.Errorf("a reader saw %d uncommitted rows", n)
		}
		if got := s.SQL().Stats().MaxOpenConnections; got != 1 {
			t.Errorf("the writer pool has %d connections, want 1", got)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := s.DB().WithContext(ctx).Exec("UPDATE audit_events SET actor = actor WHERE 1 = 0").Error; err != nil {
			t.Errorf("a write outside a transaction: %v", err)
		}
	})
}
