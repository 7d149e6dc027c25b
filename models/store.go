// Package models holds gyoryu's domain: the programme's records, the rules that
// govern them, their queries and the seed data. The schema migrations are in
// models/migrations, backups in models/backup: they work on any *sql.DB.
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
	"strings"
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
	sqlDB      *sql.DB // the pool under db: on SQLite the one writer connection
	readDB     *sql.DB // reads outside a transaction: on SQLite a read-only pool, else sqlDB
	dialect    string
	location   string // which database, for messages (Location)
	url        string
	sqlitePath string
	passwords  *passwordChecker

	stmtMu      sync.Mutex
	versionStmt *sql.Stmt // prepared on first use (the table may not exist at Open)

	flagDays accessFlagDays // AccessFlags of days that are over
	reports  *reportCache   // finalized cycles' reports (EvaluationReport)
}

// OpenOptions says where the data lives.
type OpenOptions struct {
	DatabaseURL string // postgres:// URL; empty means the embedded SQLite file
	SQLitePath  string // the SQLite file when DatabaseURL is empty
	Logger      *slog.Logger
	// MaxConns caps the PostgreSQL pool (open and kept idle); 0 means DefaultMaxConns.
	MaxConns int
	// MustExist refuses a SQLite file that does not exist instead of creating
	// it: only the server makes a new database; a command on a missing file has
	// the wrong path (or forgot DATABASE_URL).
	MustExist bool
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
			return nil, fmt.Errorf("DATABASE_URL must be a postgres:// URL, got %q", RedactURL(opts.DatabaseURL))
		}
		dialect = DialectPostgres
		db, err = gorm.Open(postgres.Open(sessionSettings(u)), cfg)
	default:
		path := opts.SQLitePath
		if path == "" {
			return nil, errors.New("SQLITE_PATH is empty and DATABASE_URL is not set")
		}
		if opts.MustExist {
			if _, err := os.Stat(path); err != nil {
				return nil, fmt.Errorf("the SQLite file %s does not exist (SQLITE_PATH, used when DATABASE_URL is not set): "+
					"set DATABASE_URL or SQLITE_PATH to the app's database; only web serve creates a new one", absolute(path))
			}
		} else if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create the folder for SQLITE_PATH %s: %w", path, err)
			}
		}
		dialect = DialectSQLite
		db, err = gorm.Open(sqlite.Open(sqliteDSN(path, opts.MustExist)), cfg)
	}
	where := "the SQLite file " + absolute(opts.SQLitePath)
	if dialect == DialectPostgres {
		where = "PostgreSQL at " + RedactURL(opts.DatabaseURL)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot reach %s: %w", where, oneLine(err))
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, sqlDB: sqlDB, readDB: sqlDB, dialect: dialect, url: opts.DatabaseURL, location: where, passwords: newPasswordChecker(opts.Logger),
		reports: &reportCache{}}
	if dialect == DialectSQLite {
		s.sqlitePath = opts.SQLitePath
		// One writer at a time is SQLite's rule: one writer connection, and
		// readers beside it (sqlite_pool.go).
		sqlDB.SetMaxOpenConns(1)
		sqlDB.SetMaxIdleConns(1)
		sqlDB.SetConnMaxIdleTime(0)
		// The writer connects first, so that the file exists in WAL mode
		// before a read-only connection opens it.
		if err := sqlDB.PingContext(ctx); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("cannot reach %s: %w", where, oneLine(err))
		}
		if s.readDB, err = openSQLiteReaders(db, opts.SQLitePath); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("cannot reach %s: %w", where, oneLine(err))
		}
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
		s.Close()
		return nil, fmt.Errorf("cannot reach %s: %w", where, oneLine(err))
	}
	return s, nil
}

// sessionSettings is the URL with the PostgreSQL settings the store's
// sessions need, each unless the URL names it itself. pgx sends an unknown
// URL parameter as a run-time setting of the session.
//   - jit=off: the planner's estimates for the worklist's correlated counts run
//     to millions, above jit_above_cost, and compiling them took 7 s of its
//     7.8 s at ten years (issue 25), for queries that read a few thousand rows.
//   - random_page_cost=1.1: the default, 4, prices a lookup by index as a seek
//     on a spinning disk; the app's data sits on SSD and mostly in memory. At
//     ten years it made PostgreSQL read one cycle's scores by scanning every
//     score of the history (237,000 rows, 36 ms of the report page) rather
//     than look up the cycle's 2,000 reviews' (4 ms); the coordinator's pages
//     fell from 10 to 7 ms. 1.1 is the value usually advised for SSD.
func sessionSettings(u *url.URL) string {
	q := u.Query()
	for name, value := range map[string]string{"jit": "off", "random_page_cost": "1.1"} {
		if !q.Has(name) {
			q.Set(name, value)
		}
	}
	v := *u
	v.RawQuery = q.Encode()
	return v.String()
}

// withGenericPlan runs read, on PostgreSQL in a transaction that makes its
// prepared statements keep their generic plan (plan_cache_mode, set local to
// the transaction).
// For the worklist and the menu's count, one statement of a dozen sources:
// pgx prepares each statement once per connection, and PostgreSQL planned
// that statement anew at each call at ten years (10–20 ms of planning for a
// coordinator, because its generic plan priced worse) where the generic plan
// reads it in 2.5 ms (issue 25). Only for them: as every session's setting
// it made the other statements' plans blind to their values, and a status
// shared by a few rows was read by scanning the table (the nomination queue's
// count of the open nominations: 0.25 → 5 ms at ten years).
//
// The same transaction turns hash and merge joins off. Every source of the
// worklist is a few records reached by index (a cycle's rounds, their pairs,
// their tasks, a review of each), and PostgreSQL's estimates for a chain of
// them are far off: to list a reviewer's tasks to score it hashed every task
// and pair of the history with every cycle's rounds (20,000 tasks at ten
// years) to keep one cycle's 2,000, where nested loops over the indexes read
// only those (the reviewer's workspace at ten years 20 → 11 ms, issue 25).
func (s *Store) withGenericPlan(ctx context.Context, read func(db *gorm.DB) error) error {
	db := s.db.WithContext(ctx)
	if s.dialect != DialectPostgres {
		return read(db)
	}
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)," +
			" set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)").Error; err != nil {
			return err
		}
		return read(tx)
	})
}

// absolute is path made absolute, to say plainly which file is meant.
func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// oneLine joins the lines of a driver's error (pgx lists every address and
// TLS mode it tried on a line of its own) so that a message stays one line.
func oneLine(err error) error {
	if !strings.Contains(err.Error(), "\n") {
		return err
	}
	return oneLineError{err}
}

type oneLineError struct{ err error }

// Error joins the lines, each said once: without sslmode pgx tries with TLS
// and without, and the two attempts usually fail alike.
func (e oneLineError) Error() string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, line := range strings.Split(e.err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || seen[line] {
			continue
		}
		seen[line] = true
		if b.Len() > 0 {
			if strings.HasSuffix(b.String(), ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

func (e oneLineError) Unwrap() error { return e.err }

func sqliteDSN(path string, mustExist bool) string {
	q := url.Values{}
	if mustExist {
		q.Set("mode", "rw") // never create the file, even if it went away since it was checked
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Every transaction takes the write lock at BEGIN, so two writers queue
	// instead of failing on a lock upgrade.
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// sqliteReaderDSN opens the file for reading only: a write sent to a reader by
// mistake fails at once instead of taking the lock beside the writer.
func sqliteReaderDSN(path string) string {
	q := url.Values{}
	q.Set("mode", "rw")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "query_only(1)")
	q.Add("_pragma", "foreign_keys(1)")
	return "file:" + path + "?" + q.Encode()
}

// RedactURL hides the passwords of a database URL for messages and logs: the
// one after the user name, and those pgx also reads from the query string.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(not shown: not a URL)"
	}
	q := u.Query()
	for _, key := range []string{"password", "sslpassword"} {
		if q.Has(key) {
			q.Set(key, "xxxxx")
			u.RawQuery = q.Encode()
		}
	}
	return u.Redacted()
}

// Dialect is "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// DB exposes the connection for tests and tools that need raw access.
func (s *Store) DB() *gorm.DB { return s.db }

// SQL is the connection pool, for the operations that work on any database
// (migrations, backups) and the pool's metrics.
func (s *Store) SQL() *sql.DB { return s.sqlDB }

// SQLReads is the pool for reads outside a transaction: on SQLite the
// read-only connections beside the one writer (SQL), else SQL itself.
func (s *Store) SQLReads() *sql.DB { return s.readDB }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.sqlDB.PingContext(ctx); err != nil {
		return err
	}
	return s.readDB.PingContext(ctx)
}

// Close releases the connection pools.
func (s *Store) Close() error {
	err := s.sqlDB.Close()
	if s.readDB != s.sqlDB {
		err = errors.Join(err, s.readDB.Close())
	}
	return err
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

// Location says which database the store is: "PostgreSQL at postgres://app:xxxxx@db/gyoryu"
// (the password hidden) or "the SQLite file /srv/gyoryu/data/gyoryu.db".
func (s *Store) Location() string { return s.location }

// URL is the PostgreSQL URL the store was opened with (empty on SQLite).
func (s *Store) URL() string { return s.url }

// SQLitePath is the SQLite file the store was opened on (empty on PostgreSQL).
func (s *Store) SQLitePath() string { return s.sqlitePath }
