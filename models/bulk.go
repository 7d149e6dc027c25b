package models

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// bulkInsert writes rows of one table as multi-row INSERTs inside a
// transaction, a few hundred rows a statement (both databases cap the number
// of parameters of one statement). For volume data (decade.go), not for
// records people enter: it skips the models' hooks and the audit log.
type bulkInsert struct {
	tx      *gorm.DB
	table   string
	columns []string
	rows    int
	args    []any
	written int
	parents []*bulkInsert // written first: the rows this table's foreign keys name
}

// bulkArgs is the most parameters a statement takes: PostgreSQL allows 65535,
// SQLite (modernc) 32766.
const bulkArgs = 30000

func newBulkInsert(tx *gorm.DB, table string, columns ...string) *bulkInsert {
	return &bulkInsert{tx: tx, table: table, columns: columns}
}

// after makes the tables whose rows this one's foreign keys name write their
// queue before this one does.
func (b *bulkInsert) after(parents ...*bulkInsert) *bulkInsert {
	b.parents = append(b.parents, parents...)
	return b
}

// add queues one row, its values in the order of the columns, and writes the
// queue when it is full.
func (b *bulkInsert) add(values ...any) error {
	if len(values) != len(b.columns) {
		return fmt.Errorf("insert into %s: %d values for %d columns", b.table, len(values), len(b.columns))
	}
	b.args = append(b.args, values...)
	b.rows++
	if b.rows >= 500 || len(b.args)+len(b.columns) > bulkArgs {
		return b.flush()
	}
	return nil
}

// flush writes the queued rows.
func (b *bulkInsert) flush() error {
	if b.rows == 0 {
		return nil
	}
	for _, p := range b.parents {
		if err := p.flush(); err != nil {
			return err
		}
	}
	var sb strings.Builder
	sb.WriteString("INSERT INTO ")
	sb.WriteString(b.table)
	sb.WriteString(" (")
	for i, c := range b.columns {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(quoteColumn(c))
	}
	sb.WriteString(") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(b.columns)), ", ") + ")"
	for i := range b.rows {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(row)
	}
	if err := b.tx.Exec(sb.String(), b.args...).Error; err != nil {
		return fmt.Errorf("insert %d rows into %s: %w", b.rows, b.table, err)
	}
	b.written += b.rows
	b.rows, b.args = 0, b.args[:0]
	return nil
}

// quoteColumn quotes the column names that are words of SQL.
func quoteColumn(c string) string {
	if c == "position" {
		return `"position"`
	}
	return c
}

// nextIDs reads the largest id of each table, so that bulk rows can be
// written with their ids known in advance (afterwards, syncSequences).
func nextID(tx *gorm.DB, table string) (int64, error) {
	var max *int64
	if err := tx.Raw("SELECT MAX(id) FROM " + table).Scan(&max).Error; err != nil {
		return 0, fmt.Errorf("largest id of %s: %w", table, err)
	}
	if max == nil {
		return 1, nil
	}
	return *max + 1, nil
}

// syncSequences moves PostgreSQL's id sequences past ids written explicitly;
// SQLite's rowids follow the largest id by themselves.
func syncSequences(tx *gorm.DB, tables ...string) error {
	if tx.Dialector.Name() != DialectPostgres {
		return nil
	}
	for _, t := range tables {
		err := tx.Exec(fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT COALESCE(MAX(id), 1) FROM %s))", t, t)).Error
		if err != nil {
			return fmt.Errorf("move the id sequence of %s: %w", t, err)
		}
	}
	return nil
}
