package migrations_test

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestMain drops the template databases modelstest made for this package's tests.
func TestMain(m *testing.M) { modelstest.Main(m) }

func exec(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func count(t *testing.T, db *sql.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }

// schemaOf is the store's tables and their columns, printed.
func schemaOf(t *testing.T, s *models.Store) string {
	t.Helper()
	cols, err := migrations.TableColumns(context.Background(), s.SQL(), s.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(cols)
}

func has(t *testing.T, s *models.Store, table string) bool {
	t.Helper()
	cols, err := migrations.TableColumns(context.Background(), s.SQL(), s.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	_, ok := cols[table]
	return ok
}
