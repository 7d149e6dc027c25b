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
	q, args := worklistQuery(s.workSources(u, WorkOptions{}), 5, u.ID)
	var lines []string
	err := s.withGenericPlan(ctx, func(db *gorm.DB) error {
		return db.Raw("EXPLAIN "+q, args...).Scan(&lines).Error
	})
	return strings.Join(lines, "\n"), err
}

// PasswordWorkerCheck is a password check as a store makes it: in the worker.
func PasswordWorkerCheck(hash, pw string) error { return workerPasswordCheck(slog.Default(), hash, pw) }

// PasswordWorkerPID is the worker's process ID, 0 while there is none.
func PasswordWorkerPID() int { return passwordWorker.PID() }

// PasswordWorkerAnswers is how many checks workers have answered.
func PasswordWorkerAnswers() int64 { return passwordWorker.Answers() }

// SetPasswordWorkerTimeout sets how long a check waits for the worker.
func SetPasswordWorkerTimeout(d time.Duration) { passwordWorker.SetTimeout(d) }
