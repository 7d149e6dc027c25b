package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/backup"
)

// With -backup the run takes a backup halfway through the load (pg_dump, or
// web backup for SQLite), and another once the load has stopped; each is
// restored into an empty database, the app is started on it, and it is compared
// with the source: the copy taken under load holds exactly the source's audit log
// up to its last event, the quiet copy holds every row of every table.

type backupCopy struct {
	name, file string
	took       time.Duration
}

func takeBackup(o options, dir, name string) (backupCopy, error) {
	b := backupCopy{name: name}
	start := time.Now()
	var cmd *exec.Cmd
	if o.sqlitePath != "" {
		b.file = filepath.Join(dir, name+".db")
		cmd = exec.Command(o.app, "backup", "-sqlite-path", o.sqlitePath, b.file)
	} else {
		b.file = filepath.Join(dir, name+".dump")
		cmd = exec.Command(filepath.Join(os.Getenv("TEST_PG_BIN"), "pg_dump"), "--format=custom", "--file", b.file, o.databaseURL)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return b, fmt.Errorf("%s: %v: %s", cmd, err, out)
	}
	b.took = time.Since(start)
	return b, nil
}

// restore makes an empty database from the copy and returns how to open it.
func restore(ctx context.Context, o options, source *models.Store, b backupCopy) (models.OpenOptions, error) {
	if o.sqlitePath != "" {
		return models.OpenOptions{SQLitePath: b.file}, nil // the copy is a database file
	}
	db := fmt.Sprintf("gyoryu_restore_%s_%d", b.name, time.Now().UnixNano()%1e6)
	if err := source.DB().WithContext(ctx).Exec("CREATE DATABASE " + db).Error; err != nil {
		return models.OpenOptions{}, err
	}
	u, err := url.Parse(o.databaseURL)
	if err != nil {
		return models.OpenOptions{}, err
	}
	u.Path = "/" + db
	cmd := exec.Command(filepath.Join(os.Getenv("TEST_PG_BIN"), "pg_restore"), "--no-owner", "--exit-on-error", "--dbname", u.String(), b.file)
	if out, err := cmd.CombinedOutput(); err != nil {
		return models.OpenOptions{}, fmt.Errorf("pg_restore: %v: %s", err, out)
	}
	return models.OpenOptions{DatabaseURL: u.String()}, nil
}

// checkBackup restores a copy, serves it, and compares it with the source.
func checkBackup(ctx context.Context, out io.Writer, o options, source *models.Store, b backupCopy, whole bool) []string {
	fail := func(format string, args ...any) []string {
		return []string{fmt.Sprintf("backup %s: "+format, append([]any{b.name}, args...)...)}
	}
	opts, err := restore(ctx, o, source, b)
	if err != nil {
		return fail("restore: %v", err)
	}
	copyStore, err := models.Open(ctx, opts)
	if err != nil {
		return fail("open the restored copy: %v", err)
	}
	defer copyStore.Close()
	got, err := backup.FingerprintOf(ctx, copyStore.SQL(), copyStore.Dialect(), 0)
	if err != nil {
		return fail("%v", err)
	}
	last, _ := backup.LastAuditID(ctx, copyStore.SQL())
	bound := last
	if whole {
		bound = 0
	}
	want, err := backup.FingerprintOf(ctx, source.SQL(), source.Dialect(), bound)
	if err != nil {
		return fail("%v", err)
	}
	var problems []string
	if got.AuditEvents == 0 || got.AuditEvents != want.AuditEvents || got.AuditDigest != want.AuditDigest {
		problems = append(problems, fail("audit log: %d events (digest %.12s), the source has %d (%.12s) up to event %d",
			got.AuditEvents, got.AuditDigest, want.AuditEvents, want.AuditDigest, last)...)
	}
	if whole && fmt.Sprint(got.Counts) != fmt.Sprint(want.Counts) {
		problems = append(problems, fail("row counts differ:\n  copy   %v\n  source %v", got.Counts, want.Counts)...)
	}
	// The app starts on the copy (its start-up migration finds nothing to do) and serves it.
	app, err := startServer(ctx, o.app, opts, "")
	if err != nil {
		return append(problems, fail("start the app on the copy: %v", err)...)
	}
	res, err := http.Get(app.base + "/rounds/1")
	if err != nil || res.StatusCode != http.StatusOK {
		problems = append(problems, fail("the app on the copy does not serve /rounds/1: %v %v", err, res)...)
	}
	if res != nil {
		res.Body.Close()
	}
	if err := app.stop(); err != nil {
		problems = append(problems, fail("%v", err)...)
	}
	rows := int64(0)
	for _, n := range got.Counts {
		rows += n
	}
	fmt.Fprintf(out, "backup %-6s taken in %s: %d tables, %d rows, %d audit events = the source's up to event %d (sha256 %.12s); the app served the restored copy\n",
		b.name, ms(b.took), len(got.Counts), rows, got.AuditEvents, last, got.AuditDigest)
	return problems
}
