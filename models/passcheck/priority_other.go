//go:build !linux

package passcheck

import "syscall"

// Supported: elsewhere than Linux, password checks run in the app's process
// (a thread's priority is not set alike everywhere).
const Supported = false

func lowestPriority() error { return nil }

func workerProcAttr() *syscall.SysProcAttr { return nil }
