// Package models holds gyoryu's domain: the programme's records, the rules that
// govern them, their queries, the schema migrations and the seed data.
package models

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialects the store speaks.
const (
	DialectPostgres = "postgres"
	DialectSQLite   = "sqlite"
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("record not found")

// Store is the programme's storage: every query the app runs is a method on it.
type Store struct {
	db         *gorm.DB
	dialect    string
	url        string
	sqlitePath string
	passwords  *passwordChecker

	stmtMu      sync.Mutex
	versionStmt *sql.Stmt // prepared on first use (the table may not exist at Open)
}

// OpenOptions says where the data lives.
type OpenOptions struct {
	DatabaseURL string // postgres:// URL; empty means the embedded SQLite file
	SQLitePath  string // the SQLite file when DatabaseURL is empty
	Logger      *slog.Logger
	// MaxConns caps the PostgreSQL pool (open and kept idle); 0 means DefaultMaxConns.
	MaxConns int
}

// DefaultMaxConns is the PostgreSQL pool size when none is configured: enough
// to keep a 2-core server's database busy, small enough that requests wait in
// the pool rather than in PostgreSQL, and every connection stays warm.
const DefaultMaxConns = 10

// Open connects to PostgreSQL when DatabaseURL is set and to the embedded SQLite
// file otherwise, and checks that the database answers.
func Open(ctx context.Context, opts OpenOptions) (*Store, error) {
	cfg := &gorm.Config{
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		TranslateError: true,
	}
	var (
		db      *gorm.DB
		dialect string
		err     error
	)
	switch {
	case opts.DatabaseURL != "":
		u, perr := url.Parse(opts.DatabaseURL)
		if perr != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return nil, fmt.Errorf("DATABASE_URL must be a postgres:// URL, got %q", redactURL(opts.DatabaseURL))
		}
		dialect = DialectPostgres
		db, err = gorm.Open(postgres.Open(opts.DatabaseURL), cfg)
	default:
		path := opts.SQLitePath
		if path == "" {
			return nil, errors.New("SQLITE_PATH is empty and DATABASE_URL is not set")
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create the folder for SQLITE_PATH %s: %w", path, err)
			}
		}
		dialect = DialectSQLite
		db, err = gorm.Open(sqlite.Open(sqliteDSN(path)), cfg)
	}
	where := "the SQLite file " + opts.SQLitePath
	if dialect == DialectPostgres {
		where = "PostgreSQL at " + redactURL(opts.DatabaseURL)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot reach %s: %w", where, err)
	}
	s := &Store{db: db, dialect: dialect, url: opts.DatabaseURL, passwords: newPasswordChecker()}
	if dialect == DialectSQLite {
		s.sqlitePath = opts.SQLitePath
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if dialect == DialectSQLite {
		// One writer at a time is SQLite's rule; a small pool keeps readers concurrent under WAL.
		sqlDB.SetMaxOpenConns(8)
	} else {
		// database/sql keeps only 2 idle connections by default: under load every
		// other request would open (and PostgreSQL fork) a new one.
		n := cmp.Or(opts.MaxConns, DefaultMaxConns)
		sqlDB.SetMaxOpenConns(n)
		sqlDB.SetMaxIdleConns(n)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.Ping(pingCtx); err != nil {
		return nil, fmt.Errorf("cannot reach %s: %w", where, err)
	}
	return s, nil
}

func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Every transaction takes the write lock at BEGIN, so two writers queue
	// instead of failing on a lock upgrade.
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// redactURL hides the password of a database URL for messages and logs.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// Dialect is "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// DB exposes the connection for tests and tools that need raw access.
func (s *Store) DB() *gorm.DB { return s.db }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// IsEmpty reports whether the programme has no ministries yet (a fresh database).
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&Ministry{}).Count(&n).Error; err != nil {
		return false, fmt.Errorf("count ministries: %w", err)
	}
	return n == 0, nil
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}

// URL is the PostgreSQL URL the store was opened with (empty on SQLite).
func (s *Store) URL() string { return s.url }

// SQLitePath is the SQLite file the store was opened on (empty on PostgreSQL).
func (s *Store) SQLitePath() string { return s.sqlitePath }
