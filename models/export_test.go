package models

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"gorm.io/gorm"
)

// WorklistPlan is PostgreSQL's plan of u's worklist, explained as Worklist
// runs it (withGenericPlan), a line a node.
func (s *Store) WorklistPlan(ctx context.Context, u *User) (string, error) {
	q, args := worklistQuery(u, s.db.NowFunc(), 5, WorkOptions{})
	var lines []string
	err := s.withGenericPlan(ctx, func(db *gorm.DB) error {
		return db.Raw("EXPLAIN "+q, args...).Scan(&lines).Error
	})
	return strings.Join(lines, "\n"), err
}

// PasswordWorkerCheck is a password check as a store makes it: in the worker.
func PasswordWorkerCheck(hash, pw string) error { return workerPasswordCheck(slog.Default(), hash, pw) }

// PasswordWorkerPID is the worker's process ID, 0 while there is none.
func PasswordWorkerPID() int {
	passwordWorkers.mu.Lock()
	defer passwordWorkers.mu.Unlock()
	if passwordWorkers.cmd == nil {
		return 0
	}
	return passwordWorkers.cmd.Process.Pid
}

// PasswordWorkerAnswers is how many checks workers have answered.
func PasswordWorkerAnswers() int64 {
	passwordWorkers.mu.Lock()
	defer passwordWorkers.mu.Unlock()
	return passwordWorkers.answers
}

// SetPasswordWorkerRetry sets how long after a worker failed the next starts,
// returning the setting before.
func SetPasswordWorkerRetry(d time.Duration) time.Duration {
	passwordWorkers.mu.Lock()
	defer passwordWorkers.mu.Unlock()
	before := passwordWorkerRetry
	passwordWorkerRetry = d
	return before
}
