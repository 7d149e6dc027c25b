package passcheck_test

import (
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models/passcheck"
)

// The test binary is its own worker: started again with passcheck.Env, it
// serves checks where "right" is the password of every hash, and "hang"
// is never answered.
func TestMain(m *testing.M) {
	if passcheck.IsWorker() {
		os.Exit(passcheck.Serve(os.Stdin, os.Stdout, func(hash, pw string) bool {
			if pw == "hang" {
				select {}
			}
			return pw == "right"
		}))
	}
	os.Exit(m.Run())
}

// niceOfThreads is the nice value of each thread of process pid (field 19
// of /proc/PID/task/TID/stat).
func niceOfThreads(t *testing.T, pid int) []string {
	t.Helper()
	stats, err := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "stat"))
	if err != nil || len(stats) == 0 {
		t.Fatalf("threads of %d: %v, %v", pid, stats, err)
	}
	var nice []string
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // a thread gone meanwhile
		}
		// The command name (field 2) is in parentheses and may hold spaces.
		fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
		nice = append(nice, fields[16]) // field 19 of the line
	}
	return nice
}

func check(t *testing.T, c *passcheck.Client, pw string) (bool, error) {
	t.Helper()
	return c.Check(slog.Default(), "hash", pw)
}

// Checks made at once are each answered, by a worker process whose every
// thread runs at nice 19 while the app's keep their priority.
func TestChecksAtOnceAreAnsweredByAWorkerAtTheLowestPriority(t *testing.T) {
	c := passcheck.NewClient()
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			pw := []string{"right", "wrong"}[i%2]
			match, err := check(t, c, pw)
			if err != nil || match != (pw == "right") {
				t.Errorf("%s: %v, %v", pw, match, err)
			}
		})
	}
	wg.Wait()
	if got := c.Answers(); got != 40 {
		t.Errorf("the worker answered %d of 40 checks", got)
	}
	pid := c.PID()
	if pid == 0 || pid == os.Getpid() {
		t.Fatalf("worker process %d (this one %d)", pid, os.Getpid())
	}
	if nice := niceOfThreads(t, pid); len(nice) < 2 || strings.Count(strings.Join(nice, " "), "19") != len(nice) {
		t.Errorf("the worker's threads run at nice %v, want 19 each", nice)
	}
	own := niceOfThreads(t, os.Getpid())
	for _, n := range own {
		if n != own[0] || n == "19" {
			t.Errorf("the app's threads run at nice %v: lowered with the worker's", own)
			break
		}
	}
}

// A worker killed is replaced once Retry has passed; until then a check is
// told there is no worker, so that its caller checks in its own process.
func TestAWorkerThatStopsIsReplaced(t *testing.T) {
	c := passcheck.NewClient()
	c.SetRetry(time.Hour) // no new worker until the test says so
	if match, err := check(t, c, "right"); !match || err != nil {
		t.Fatalf("right: %v, %v", match, err)
	}
	pid := c.PID()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for c.PID() == pid { // the reader sees the pipe close
		if time.Now().After(deadline) {
			t.Fatalf("worker %d killed, still the client's", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := check(t, c, "right"); err != passcheck.ErrNoWorker {
		t.Errorf("a check before Retry has passed: %v, want ErrNoWorker", err)
	}
	c.SetRetry(0)
	if match, err := check(t, c, "right"); !match || err != nil {
		t.Fatalf("right, after Retry: %v, %v", match, err)
	}
	if p := c.PID(); p == 0 || p == pid {
		t.Errorf("worker %d after %d was killed", p, pid)
	}
}

// A worker that does not answer within Timeout is retired: the check is
// told there is no worker, and the next is answered by a new one.
func TestAWorkerThatHangsIsRetired(t *testing.T) {
	c := passcheck.NewClient()
	c.SetRetry(0)
	if match, err := check(t, c, "right"); !match || err != nil {
		t.Fatalf("right: %v, %v", match, err)
	}
	pid := c.PID()
	// Short only for the check that hangs: a worker starting on a machine
	// busy with the rest of the suite, at nice 19, may take longer to answer.
	c.SetTimeout(500 * time.Millisecond)
	began := time.Now()
	if _, err := check(t, c, "hang"); err != passcheck.ErrNoWorker {
		t.Errorf("a check never answered: %v, want ErrNoWorker", err)
	}
	if waited := time.Since(began); waited > 5*time.Second {
		t.Errorf("the check waited %v for a worker that hangs", waited)
	}
	c.SetTimeout(passcheck.NewClient().Timeout)
	if match, err := check(t, c, "right"); !match || err != nil {
		t.Fatalf("right, after the hang: %v, %v", match, err)
	}
	if p := c.PID(); p == 0 || p == pid {
		t.Errorf("worker %d after %d hung", p, pid)
	}
}
