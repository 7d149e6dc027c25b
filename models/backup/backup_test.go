package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/backup"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestMain(m *testing.M) { modelstest.Main(m) }

// TestACopyTakenWhileTheAppWritesHoldsOneMomentOfTheSource: a writer inserts
// rows as fast as it can while the copy is taken; the copy equals the source's
// counts at its moment (checked by SQLite itself before it returns), and the
// writer, held during the copy, never fails.
func TestACopyTakenWhileTheAppWritesHoldsOneMomentOfTheSource(t *testing.T) {
	ctx := context.Background()
	s := modelstest.Seeded(t, models.DialectSQLite)
	writer, err := models.Open(ctx, models.OpenOptions{SQLitePath: s.SQLitePath()}) // another pool, as the app's
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	var written atomic.Int64
	stop, done := make(chan struct{}), make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := writer.SQL().Exec("INSERT INTO login_throttles (key, failures, updated_at) VALUES (?, 0, ?)",
				fmt.Sprintf("ip:192.0.2.%d", i), time.Now()); err != nil {
				done <- err
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 20 {
		time.Sleep(time.Millisecond)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	rep, err := backup.SQLite(ctx, s.SQL(), s.SQLReads(), path)
	time.Sleep(20 * time.Millisecond) // the writer goes on after the copy
	close(stop)
	if werr := <-done; werr != nil {
		t.Fatalf("a write failed during the backup: %v", werr)
	}
	if err != nil {
		t.Fatal(err)
	}
	copied, err := models.Open(ctx, models.OpenOptions{SQLitePath: path, MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	f, err := backup.FingerprintOf(ctx, copied.SQL(), models.DialectSQLite, 0)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(f.Counts) != fmt.Sprint(rep.Rows) || rep.Rows["ministries"] == 0 {
		t.Errorf("the copy holds %v, the report says %v", f.Counts, rep.Rows)
	}
	if n := rep.Rows["login_throttles"]; n < 20 || n >= written.Load() {
		t.Errorf("the copy holds %d of the writer's rows, want its moment's: at least 20, fewer than all %d", n, written.Load())
	}
	t.Logf("copied %d tables, %d rows; writers waited %s", rep.Tables(), rep.TotalRows(), rep.Held)
}

func TestADatabaseWithoutTablesIsNotBackedUp(t *testing.T) {
	ctx := context.Background()
	s := modelstest.Unmigrated(t, models.DialectSQLite)
	path := filepath.Join(t.TempDir(), "copy.db")
	if _, err := backup.SQLite(ctx, s.SQL(), s.SQLReads(), path); err == nil || !strings.Contains(err.Error(), "holds no table") {
		t.Errorf("backup of an empty database: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a copy of an empty database was written")
	}
}
