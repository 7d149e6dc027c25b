package models

import (
	"context"

	"github.com/gyoryu/gyoryu/models/migrations"
)

// Schema is the store's database as its migrations see it: apply, list,
// check, and undo with a plan (package migrations).
func (s *Store) Schema() *migrations.Schema {
	return migrations.New(s.sqlDB, s.dialect, s.sqlitePath)
}

// Migrate applies every migration not yet applied. Several instances may call
// it at once: they take turns under the migration lock.
func (s *Store) Migrate(ctx context.Context) error {
	_, err := s.Schema().Up(ctx)
	return err
}

// MigrateDown undoes the applied migrations after version (0: all of them),
// without a plan: for tests that need an older schema.
func (s *Store) MigrateDown(ctx context.Context, version int) error {
	return s.Schema().DownTo(ctx, version)
}

// AppliedMigrations returns the versions the database has, in order.
func (s *Store) AppliedMigrations(ctx context.Context) ([]int, error) {
	return s.Schema().Applied(ctx)
}

// CheckSchema returns a *migrations.MismatchError when the database's
// migrations are not exactly this binary's.
func (s *Store) CheckSchema(ctx context.Context) error {
	return s.Schema().Check(ctx)
}
