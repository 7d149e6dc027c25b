package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// server is a web binary started for the run.
type server struct {
	cmd  *exec.Cmd
	base string
	done chan error
}

func startServer(ctx context.Context, binary string, db models.OpenOptions, logPath string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	if logPath == "" {
		f, err := os.CreateTemp("", "gyoryu-load-*.log")
		if err != nil {
			return nil, err
		}
		logPath = f.Name()
		f.Close()
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "ADDR="+addr, "DATABASE_URL="+db.DatabaseURL, "SQLITE_PATH="+db.SQLitePath, "DEMO=1", "LOG_FORMAT=json")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", binary, err)
	}
	s := &server{cmd: cmd, base: "http://" + addr, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait(); logFile.Close() }()
	deadline := time.Now().Add(90 * time.Second)
	for {
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				fmt.Printf("load: started %s on %s (log: %s)\n", binary, s.base, logPath)
				return s, nil
			}
		}
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("%s exited before it was ready (%v); see %s", binary, err, logPath)
		case <-ctx.Done():
			s.kill()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.kill()
			return nil, fmt.Errorf("%s was not ready within 90 s; see %s", binary, logPath)
		}
	}
}

// terminate sends SIGTERM, as a deploy does.
func (s *server) terminate() error { return s.cmd.Process.Signal(syscall.SIGTERM) }

// wait returns the exit error once the process ends, or an error after limit.
func (s *server) wait(limit time.Duration) error {
	select {
	case err := <-s.done:
		s.done <- err // kill and later waits see it too
		if err != nil {
			return fmt.Errorf("the server exited with %v, want exit status 0", err)
		}
		return nil
	case <-time.After(limit):
		return errors.New("the server did not exit within its grace period")
	}
}

// stop ends the server with SIGTERM and checks it exits 0.
func (s *server) stop() error {
	if err := s.terminate(); err != nil {
		return err
	}
	return s.wait(30 * time.Second)
}

func (s *server) kill() {
	select {
	case err := <-s.done:
		s.done <- err
	default:
		_ = s.cmd.Process.Kill()
	}
}
