package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"os"
	"syscall"
	"time"
)

// migrationLockKey is the PostgreSQL advisory lock that serialises migrations
// when several app instances start at once ("gyoryu" in ASCII). goose holds it
// as a session lock for a whole run.
const migrationLockKey = 0x6779_6f72_7975

// advisoryLockKey is the advisory lock of this schema's migrations. Advisory
// locks are per database, so the schema's name is mixed in: instances of one
// deployment share a schema and wait for each other, while other schemas of the
// same database (other apps, parallel tests) do not.
func advisoryLockKey(ctx context.Context, db querier) (int64, error) {
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return 0, fmt.Errorf("read the current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte(schema))
	return migrationLockKey ^ int64(h.Sum64()>>16), nil
}

// fileLocker serialises migrations of one SQLite database across processes with
// an exclusive flock on a file beside it (SQLite has no advisory locks). goose
// calls Lock before a run and Unlock after it.
type fileLocker struct {
	path string
	f    *os.File
}

// Lock waits for the file lock until ctx ends.
func (l *fileLocker) Lock(ctx context.Context, _ *sql.DB) error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open migration lock %s: %w", l.path, err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			l.f = f
			return nil
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return fmt.Errorf("lock %s: %w", l.path, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Unlock releases the file lock.
func (l *fileLocker) Unlock(context.Context, *sql.DB) error {
	if l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the file releases its flock
	l.f = nil
	return err
}
