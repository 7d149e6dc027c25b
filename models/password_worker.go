package models

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"runtime/debug"
	"sync"
	"time"
)

// Password checks run in a process of their own at the lowest CPU priority
// (nice 19), so that a burst of sign-ins takes only what the people already
// at work leave of the cores. In the app's process an argon2id check's 19
// MiB and tens of milliseconds of a core competed with every page: the
// slots and their rest (password_check.go) bounded how many ran, not whom
// the cores served first, and the p99 of the pages of the signed-in rose
// up to three times during a burst on two cores (issue 25). The kernel now
// serves the pages first and gives the checks the idle time; the garbage of
// each check is the other process's too.
//
// The worker is the app's own executable started again with
// GYORYU_PASSWORD_WORKER=1 (this package's init serves it and exits), one
// for the whole process, started at the first check. It takes requests on
// its standard input and answers on its standard output, each check in a
// goroutine of its own; the slots of the store bound how many there are.
// It ends with its input, and on Linux with the app (parent death signal).
// A worker that cannot start or stops answering is replaced at a check ten
// seconds later; meanwhile checks run in the app's process as before, so
// that sign-ins never depend on it.

// passwordWorkerEnv, set to 1, makes the process a password check worker.
const passwordWorkerEnv = "GYORYU_PASSWORD_WORKER"

func init() {
	if os.Getenv(passwordWorkerEnv) == "1" {
		os.Exit(servePasswordChecks(os.Stdin, os.Stdout))
	}
}

type checkRequest struct {
	ID             uint64
	Hash, Password string
}

type checkReply struct {
	ID    uint64
	Match bool
}

// servePasswordChecks is the worker: it lowers its priority, then checks
// each request read from in and writes the reply to out, until in ends.
func servePasswordChecks(in io.Reader, out io.Writer) int {
	if err := lowestPriority(); err != nil {
		fmt.Fprintln(os.Stderr, "password worker:", err)
		return 1
	}
	dec := gob.NewDecoder(bufio.NewReader(in))
	w := bufio.NewWriter(out)
	enc := gob.NewEncoder(w)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for {
		var req checkRequest
		if err := dec.Decode(&req); err != nil {
			wg.Wait()
			if errors.Is(err, io.EOF) {
				return 0
			}
			fmt.Fprintln(os.Stderr, "password worker:", err)
			return 1
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			match := VerifyPassword(req.Hash, req.Password) == nil
			mu.Lock()
			if enc.Encode(checkReply{ID: req.ID, Match: match}) == nil {
				_ = w.Flush()
			}
			mu.Unlock()
			debug.FreeOSMemory() // the check's 19 MiB back to the system while idle
		}()
	}
}

// passwordWorker is the app's side of a worker process.
type passwordWorker struct {
	mu      sync.Mutex
	cmd     *exec.Cmd
	enc     *gob.Encoder
	stdin   io.WriteCloser
	next    uint64
	pending map[uint64]chan bool
	log     *slog.Logger
	failed  time.Time // when the last worker failed: the next starts passwordWorkerRetry later
	answers int64     // checks answered by workers, for the tests
}

// passwordWorkerRetry is how long after a worker failed the next is started:
// a worker that cannot run (a sandbox refusing nice, say) costs a try and a
// line of log that often, not at every sign-in.
var passwordWorkerRetry = 10 * time.Second

// passwordWorkers is the process's one worker.
var passwordWorkers = &passwordWorker{}

// errNoWorker says the check could not be made in the worker.
var errNoWorker = errors.New("no password worker")

// workerPasswordCheck is VerifyPassword made in the worker, or in this
// process while there is none.
func workerPasswordCheck(log *slog.Logger, hash, pw string) error {
	match, err := passwordWorkers.check(log, hash, pw)
	if err != nil {
		return VerifyPassword(hash, pw)
	}
	if !match {
		return ErrPasswordMismatch
	}
	return nil
}

// check sends one check to the worker, starting one if needed, and waits
// for its answer.
func (w *passwordWorker) check(log *slog.Logger, hash, pw string) (bool, error) {
	w.mu.Lock()
	if w.cmd == nil {
		if !w.failed.IsZero() && time.Since(w.failed) < passwordWorkerRetry {
			w.mu.Unlock()
			return false, errNoWorker
		}
		if err := w.start(log); err != nil {
			w.failed = time.Now()
			w.mu.Unlock()
			log.Warn("password checks run in the app's process: the worker did not start", "reason", err, "retry_in", passwordWorkerRetry)
			return false, errNoWorker
		}
	}
	w.next++
	id, reply := w.next, make(chan bool, 1)
	w.pending[id] = reply
	cmd := w.cmd
	err := w.enc.Encode(checkRequest{ID: id, Hash: hash, Password: pw})
	w.mu.Unlock()
	if err != nil {
		w.fail(cmd, err)
	}
	match, ok := <-reply
	if !ok {
		return false, errNoWorker
	}
	return match, nil
}

// start runs a worker and reads its answers (w.mu held); log is told when it stops.
func (w *passwordWorker) start(log *slog.Logger) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe)
	cmd.Env = []string{passwordWorkerEnv + "=1"}
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = workerProcAttr()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	w.cmd, w.stdin, w.enc, w.pending, w.log = cmd, stdin, gob.NewEncoder(stdin), map[uint64]chan bool{}, log
	go w.read(cmd, stdout)
	return nil
}

// read hands each answer of the worker cmd to its check, until it stops.
func (w *passwordWorker) read(cmd *exec.Cmd, stdout io.Reader) {
	dec := gob.NewDecoder(bufio.NewReader(stdout))
	for {
		var r checkReply
		if err := dec.Decode(&r); err != nil {
			w.fail(cmd, err)
			return
		}
		w.mu.Lock()
		if ch := w.pending[r.ID]; ch != nil && w.cmd == cmd {
			ch <- r.Match
			delete(w.pending, r.ID)
			w.answers++
		}
		w.mu.Unlock()
	}
}

// fail retires the worker cmd: its checks waiting are told there is no
// answer (and are made in this process), and the next check starts another.
func (w *passwordWorker) fail(cmd *exec.Cmd, reason error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cmd != cmd {
		return // already retired
	}
	w.log.Warn("password worker stopped: checks run in the app's process until another starts", "reason", reason, "retry_in", passwordWorkerRetry)
	for id, ch := range w.pending {
		close(ch)
		delete(w.pending, id)
	}
	_ = w.stdin.Close()
	_ = cmd.Process.Kill()
	go func() { _ = cmd.Wait() }()
	w.cmd, w.failed = nil, time.Now()
}
