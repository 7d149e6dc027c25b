// Package passcheck runs password checks in a process of their own at the
// lowest CPU priority (nice 19), so that a burst of sign-ins takes only what
// the people already at work leave of the cores. In the app's process an
// argon2id check's 19 MiB and tens of milliseconds of a core competed with
// every page: the store's slots bounded how many ran, not whom the cores
// served first, and the p99 of the pages of the signed-in rose up to three
// times during a burst on two cores (issue 25). The kernel now serves the
// pages first and gives the checks the idle time; the garbage of each check
// is the other process's too.
//
// The worker is the app's own executable started again with Env set to 1:
// the program calls Serve when IsWorker (models does, in its init), one
// worker for the whole process, started at the first check. It takes
// requests on its standard input and answers on its standard output, each
// check in a goroutine of its own; the store's slots bound how many there
// are. It ends with its input, and on Linux with the app (parent death
// signal). A worker that cannot start, stops, or leaves a check unanswered
// for Client.Timeout is retired and replaced a while later (Client.Retry);
// meanwhile Check says so and the caller checks in its own process, so that
// sign-ins never depend on the worker.
//
// The package knows nothing of passwords but that a check answers match or
// not: the caller hands Serve the function that checks.
package passcheck

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

// Env, set to 1 in its environment, makes a process a password check worker.
const Env = "GYORYU_PASSWORD_WORKER"

// IsWorker reports whether this process was started as the worker.
func IsWorker() bool { return os.Getenv(Env) == "1" }

type request struct {
	ID             uint64
	Hash, Password string
}

type reply struct {
	ID    uint64
	Match bool
}

// Serve is the worker: it lowers its priority, then answers each request
// read from in with verify's answer written to out, until in ends. It
// returns the process's exit status.
func Serve(in io.Reader, out io.Writer, verify func(hash, pw string) bool) int {
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
		var req request
		if err := dec.Decode(&req); err != nil {
			wg.Wait()
			if errors.Is(err, io.EOF) {
				return 0
			}
			fmt.Fprintln(os.Stderr, "password worker:", err)
			return 1
		}
		wg.Go(func() {
			match := verify(req.Hash, req.Password)
			mu.Lock()
			if enc.Encode(reply{ID: req.ID, Match: match}) == nil {
				_ = w.Flush()
			}
			mu.Unlock()
			debug.FreeOSMemory() // the check's memory back to the system while idle
		})
	}
}

// ErrNoWorker says a check could not be made in a worker: make it here.
var ErrNoWorker = errors.New("no password worker")

// Client is the app's side of a worker process, started at its first check.
type Client struct {
	// Retry is how long after a worker failed the next is started: a worker
	// that cannot run (a sandbox refusing nice, say) costs a try and a line of
	// log that often, not at every sign-in.
	Retry time.Duration
	// Timeout is how long a check waits for the worker's answer before the
	// worker is retired: a worker that hangs must not keep the store's slots,
	// and with them every sign-in, for ever. A check at nice 19 on a machine
	// busy with pages takes longer than in the app, never half a minute.
	Timeout time.Duration

	mu      sync.Mutex
	cmd     *exec.Cmd
	enc     *gob.Encoder
	stdin   io.WriteCloser
	next    uint64
	pending map[uint64]chan bool
	log     *slog.Logger
	failed  time.Time // when the last worker failed
	answers int64
}

// NewClient is a client that starts its worker at the first check.
func NewClient() *Client { return &Client{Retry: 10 * time.Second, Timeout: 30 * time.Second} }

// Check asks the worker whether pw matches hash, starting a worker if there
// is none; ErrNoWorker when there is none to ask. log is told when a worker
// cannot start or stops.
func (c *Client) Check(log *slog.Logger, hash, pw string) (bool, error) {
	c.mu.Lock()
	if c.cmd == nil {
		if !c.failed.IsZero() && time.Since(c.failed) < c.Retry {
			c.mu.Unlock()
			return false, ErrNoWorker
		}
		if err := c.start(log); err != nil {
			c.failed = time.Now()
			c.mu.Unlock()
			log.Warn("password checks run in the app's process: the worker did not start", "reason", err, "retry_in", c.Retry)
			return false, ErrNoWorker
		}
	}
	c.next++
	id, answer := c.next, make(chan bool, 1)
	c.pending[id] = answer
	cmd, timeout := c.cmd, c.Timeout
	err := c.enc.Encode(request{ID: id, Hash: hash, Password: pw})
	c.mu.Unlock()
	if err != nil {
		c.fail(cmd, err)
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case match, ok := <-answer:
		if !ok {
			return false, ErrNoWorker
		}
		return match, nil
	case <-timer.C:
		c.fail(cmd, fmt.Errorf("no answer in %v", timeout))
		return false, ErrNoWorker
	}
}

// PID is the worker's process ID, 0 while there is none.
func (c *Client) PID() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmd == nil {
		return 0
	}
	return c.cmd.Process.Pid
}

// Answers is how many checks the client's workers have answered.
func (c *Client) Answers() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.answers
}

// SetRetry sets Retry under the client's lock, returning the setting before.
func (c *Client) SetRetry(d time.Duration) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	before := c.Retry
	c.Retry = d
	return before
}

// SetTimeout sets Timeout under the client's lock.
func (c *Client) SetTimeout(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Timeout = d
}

// start runs a worker and reads its answers (c.mu held).
func (c *Client) start(log *slog.Logger) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe)
	cmd.Env = []string{Env + "=1"} // nothing of the app's configuration
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
	c.cmd, c.stdin, c.enc, c.pending, c.log = cmd, stdin, gob.NewEncoder(stdin), map[uint64]chan bool{}, log
	go c.read(cmd, stdout)
	return nil
}

// read hands each answer of the worker cmd to its check, until it stops.
func (c *Client) read(cmd *exec.Cmd, stdout io.Reader) {
	dec := gob.NewDecoder(bufio.NewReader(stdout))
	for {
		var r reply
		if err := dec.Decode(&r); err != nil {
			c.fail(cmd, err)
			return
		}
		c.mu.Lock()
		if answer := c.pending[r.ID]; answer != nil && c.cmd == cmd {
			answer <- r.Match
			delete(c.pending, r.ID)
			c.answers++
		}
		c.mu.Unlock()
	}
}

// fail retires the worker cmd: its checks waiting are told there is no
// answer (and are made by their callers), and a check Retry later starts
// another.
func (c *Client) fail(cmd *exec.Cmd, reason error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmd != cmd {
		return // already retired
	}
	c.log.Warn("password worker stopped: checks run in the app's process until another starts", "reason", reason, "retry_in", c.Retry)
	for id, answer := range c.pending {
		close(answer)
		delete(c.pending, id)
	}
	_ = c.stdin.Close()
	_ = cmd.Process.Kill()
	go func() { _ = cmd.Wait() }()
	c.cmd, c.failed = nil, time.Now()
}
