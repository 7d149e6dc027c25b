//go:build !linux

package models

import "syscall"

// passwordsInWorker: elsewhere than Linux, password checks run in the app's
// process (a thread's priority is not set alike everywhere).
const passwordsInWorker = false

func lowestPriority() error { return nil }

func workerProcAttr() *syscall.SysProcAttr { return nil }
