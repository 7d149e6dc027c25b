// Package migrations holds gyoryu's schema migrations, one SQL file per
// direction and dialect (postgres/NNNN_name.up.sql, sqlite/NNNN_name.down.sql),
// and moves a database between them with goose (github.com/pressly/goose/v3):
// apply what is pending, list what is applied, check that a database matches
// this binary, and undo migrations only after saying what that drops.
//
// It works on a *sql.DB and knows nothing of the domain's models.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Dialects the migrations are written for.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

//go:embed postgres sqlite
var files embed.FS

// Migration is one versioned schema change, with the SQL that undoes it.
type Migration struct {
	Version int
	Name    string
	Up      string
	Down    string
}

// Label is the migration as people read it: "0009 task_progress_unknown".
func (m Migration) Label() string { return fmt.Sprintf("%04d %s", m.Version, m.Name) }

// Summary is the first paragraph of the down file's leading comment: what
// undoing the migration does, in words.
func (m Migration) Summary() string {
	var lines []string
	for _, line := range strings.Split(m.Down, "\n") {
		text, ok := strings.CutPrefix(strings.TrimSpace(line), "--")
		if !ok || strings.TrimSpace(text) == "" {
			break
		}
		lines = append(lines, strings.TrimSpace(text))
	}
	return strings.Join(lines, " ")
}

// List returns the migrations of a dialect ("postgres" or "sqlite") in order.
func List(dialect string) ([]Migration, error) {
	entries, err := fs.ReadDir(files, dialect)
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
		if err != nil || version < 1 {
			return nil, fmt.Errorf("migration file %s: version %q is not a number from 1", name, num)
		}
		body, err := fs.ReadFile(files, path.Join(dialect, name))
		if err != nil {
			return nil, err
		}
		m := byVersion[version]
		if m == nil {
			m = &Migration{Version: version, Name: label}
			byVersion[version] = m
		}
		if m.Name != label {
			return nil, fmt.Errorf("migration %04d has two names, %s and %s", version, m.Name, label)
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
			return nil, fmt.Errorf("migration %s needs both an up and a down file", m.Label())
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
