package models

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

//go:embed migrations
var migrationFiles embed.FS

// migrationLockKey is the PostgreSQL advisory lock that serialises migrations
// when several app instances start at once ("gyoryu" in ASCII).
const migrationLockKey = 0x6779_6f72_7975

// Migration is one versioned schema change, with the SQL that undoes it.
type Migration struct {
	Version int
	Name    string
	Up      string
	Down    string
}

// Migrations lists the migrations for a dialect ("postgres" or "sqlite") in order.
func Migrations(dialect string) ([]Migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations for %s: %w", dialect, err)
	}
	byVersion := map[int]*Migration{}
	for _, e := range entries {
		name := e.Name()
		base, direction, ok := cutDirection(name)
		if !ok {
			return nil, fmt.Errorf("migration file %s: want NNNN_name.up.sql or .down.sql", name)
		}
		num, label, _ := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration file %s: version %q is not a number", name, num)
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		m := byVersion[version]
		if m == nil {
			m = &Migration{Version: version, Name: label}
			byVersion[version] = m
		}
		if direction == "up" {
			m.Up = string(body)
		} else {
			m.Down = string(body)
		}
	}
	list := make([]Migration, 0, len(byVersion))
	for _, m := range byVersion {
		if m.Up == "" || m.Down == "" {
			return nil, fmt.Errorf("migration %04d_%s needs both an up and a down file", m.Version, m.Name)
		}
		list = append(list, *m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Version < list[j].Version })
	return list, nil
}

func cutDirection(name string) (base, direction string, ok bool) {
	if b, found := strings.CutSuffix(name, ".up.sql"); found {
		return b, "up", true
	}
	if b, found := strings.CutSuffix(name, ".down.sql"); found {
		return b, "down", true
	}
	return "", "", false
}

// Migrate applies every migration not yet applied. It holds a lock for the whole
// run, so concurrent callers (several instances starting together) apply each
// migration exactly once.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrateTo(ctx, -1)
}

// MigrateDown undoes applied migrations until only those up to version remain (0: all).
func (s *Store) MigrateDown(ctx context.Context, version int) error {
	return s.migrateTo(ctx, version)
}

// AppliedMigrations returns the versions recorded in schema_migrations.
func (s *Store) AppliedMigrations(ctx context.Context) ([]int, error) {
	var versions []int
	err := s.db.WithContext(ctx).Raw("SELECT version FROM schema_migrations ORDER BY version").Scan(&versions).Error
	return versions, err
}

// migrateTo moves the schema up to the newest migration (target < 0) or down to target.
// PostgreSQL runs everything in one transaction under an advisory lock (its DDL is
// transactional); SQLite takes the database write lock with the first statement.
func (s *Store) migrateTo(ctx context.Context, target int) error {
	migrations, err := Migrations(s.dialect)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if s.dialect == DialectPostgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrationLockKey).Error; err != nil {
				return fmt.Errorf("take migration lock: %w", err)
			}
		}
		if err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`).Error; err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		var applied []int
		if err := tx.Raw("SELECT version FROM schema_migrations ORDER BY version").Scan(&applied).Error; err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		done := map[int]bool{}
		for _, v := range applied {
			done[v] = true
		}
		if target < 0 {
			for _, m := range migrations {
				if done[m.Version] {
					continue
				}
				if err := execScript(tx, m.Up); err != nil {
					return fmt.Errorf("apply migration %04d_%s: %w", m.Version, m.Name, err)
				}
				if err := tx.Exec("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", m.Version, m.Name).Error; err != nil {
					return fmt.Errorf("record migration %04d: %w", m.Version, err)
				}
			}
			return nil
		}
		for i := len(migrations) - 1; i >= 0; i-- {
			m := migrations[i]
			if m.Version <= target || !done[m.Version] {
				continue
			}
			if err := execScript(tx, m.Down); err != nil {
				return fmt.Errorf("undo migration %04d_%s: %w", m.Version, m.Name, err)
			}
			if err := tx.Exec("DELETE FROM schema_migrations WHERE version = ?", m.Version).Error; err != nil {
				return fmt.Errorf("forget migration %04d: %w", m.Version, err)
			}
		}
		return nil
	})
}

// execScript runs a migration file as one multi-statement script; both drivers
// accept that, so trigger and function bodies need no statement splitting.
func execScript(tx *gorm.DB, script string) error {
	return tx.Exec(script).Error
}
