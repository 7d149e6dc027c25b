package models_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

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

// A store checks passwords in a worker process whose every thread runs at
// the lowest priority (nice 19), the app's own threads untouched; checks
// answer as VerifyPassword does; a worker killed is replaced, and the checks
// meanwhile are made in the app (issue 25: a burst of sign-ins takes only
// what the pages leave of the cores).
func TestPasswordChecksRunInAWorkerAtTheLowestPriority(t *testing.T) {
	hash, err := models.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	check := func() {
		t.Helper()
		if err := models.PasswordWorkerCheck(hash, "correct horse battery"); err != nil {
			t.Errorf("the right password: %v", err)
		}
		if err := models.PasswordWorkerCheck(hash, "correct horse batterz"); !errors.Is(err, models.ErrPasswordMismatch) {
			t.Errorf("a wrong password: %v, want ErrPasswordMismatch", err)
		}
	}

	// A sign-in through a store, with the store's own check.
	s := modelstest.New(t, models.DialectSQLite)
	if _, err := s.SeedDemoAccounts(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := models.PasswordWorkerAnswers()
	if _, err := s.Authenticate(context.Background(), models.Credentials{Login: "admin", Password: models.DemoPassword}, "192.0.2.7"); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	if got := models.PasswordWorkerAnswers(); got != before+1 {
		t.Errorf("the worker answered %d checks for one sign-in", got-before)
	}
	check()
	pid := models.PasswordWorkerPID()
	if pid == 0 || pid == os.Getpid() {
		t.Fatalf("worker process %d (this one %d)", pid, os.Getpid())
	}
	for _, n := range niceOfThreads(t, pid) {
		if n != "19" {
			t.Errorf("a thread of the worker runs at nice %s, want 19 (all: %v)", n, niceOfThreads(t, pid))
			break
		}
	}
	own := niceOfThreads(t, os.Getpid())
	for _, n := range own {
		if n != own[0] || n == "19" {
			t.Errorf("the app's threads run at nice %v: lowered with the worker's", own)
			break
		}
	}

	// Killed: the checks go on, in the app until another worker starts.
	retry := models.SetPasswordWorkerRetry(200 * time.Millisecond)
	t.Cleanup(func() { models.SetPasswordWorkerRetry(retry) })
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	check()
	deadline := time.Now().Add(10 * time.Second)
	for {
		check()
		if p := models.PasswordWorkerPID(); p != 0 && p != pid {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no worker replaced %d", pid)
		}
		time.Sleep(200 * time.Millisecond)
	}
	answered := models.PasswordWorkerAnswers()
	check()
	if got := models.PasswordWorkerAnswers(); got != answered+2 {
		t.Errorf("the new worker answered %d of 2 checks", got-answered)
	}
}
