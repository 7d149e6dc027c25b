package models

import (
	"database/sql"
	"fmt"
	"runtime"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
)

// SQLite lets one writer in at a time. Eight connections that all might write
// queue on the file's lock (busy_timeout, then SQLITE_BUSY), wake each other up
// and retry; under a crowd the whole pool waits. So the store keeps one writer
// connection, on which every write and every transaction runs (BEGIN
// IMMEDIATE), and beside it a pool of read-only connections for the queries
// made outside a transaction: writes queue in Go for the one connection, in
// order, and never meet a lock; reads go on at once under WAL.

// sqliteReaders is how many read connections the store keeps: reads are CPU
// bound, so a few per core.
func sqliteReaders() int { return max(4, 2*runtime.NumCPU()) }

// openSQLiteReaders opens the read-only pool on the file and registers the
// callbacks that send reads outside a transaction to it.
func openSQLiteReaders(db *gorm.DB, path string) (*sql.DB, error) {
	rdb, err := gorm.Open(sqlite.Open(sqliteReaderDSN(path)), &gorm.Config{})
	if err != nil {
		return nil, err
	}
	readers, err := rdb.DB()
	if err != nil {
		return nil, err
	}
	n := sqliteReaders()
	readers.SetMaxOpenConns(n)
	readers.SetMaxIdleConns(n)
	route := func(tx *gorm.DB) {
		// In a transaction (the *sql.Tx on the writer) a read stays there, to
		// see the transaction's own writes.
		if _, inTx := tx.Statement.ConnPool.(gorm.TxCommitter); inTx {
			return
		}
		if tx.Statement.ConnPool == db.ConnPool {
			tx.Statement.ConnPool = readers
		}
	}
	if err := db.Callback().Query().Before("gorm:query").Register("gyoryu:readers", route); err != nil {
		return nil, fmt.Errorf("register the SQLite reader pool: %w", err)
	}
	if err := db.Callback().Row().Before("gorm:row").Register("gyoryu:readers", route); err != nil {
		return nil, fmt.Errorf("register the SQLite reader pool: %w", err)
	}
	return readers, nil
}
