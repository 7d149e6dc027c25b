package models

import (
	"log/slog"
	"os"

	"github.com/gyoryu/gyoryu/models/passcheck"
)

// Password checks run in a worker process at the lowest CPU priority
// (package passcheck): this package's init makes the app's executable,
// started again as the worker, serve the checks with VerifyPassword.
func init() {
	if passcheck.IsWorker() {
		os.Exit(passcheck.Serve(os.Stdin, os.Stdout, func(hash, pw string) bool { return VerifyPassword(hash, pw) == nil }))
	}
}

// passwordWorker is the process's one worker, shared by its stores.
var passwordWorker = passcheck.NewClient()

// workerPasswordCheck is VerifyPassword made in the worker, or in this
// process while there is none.
func workerPasswordCheck(log *slog.Logger, hash, pw string) error {
	match, err := passwordWorker.Check(log, hash, pw)
	if err != nil {
		return VerifyPassword(hash, pw)
	}
	if !match {
		return ErrPasswordMismatch
	}
	return nil
}
