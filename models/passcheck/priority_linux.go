package passcheck

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// Supported: on Linux, password checks run in the worker process.
const Supported = true

// lowestPriority sets nice 19 on every thread of the process: Linux keeps a
// priority per thread, and a thread started later takes its starter's.
func lowestPriority() error {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return err
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, 19); err != nil {
			return fmt.Errorf("nice 19 on thread %d: %w", tid, err)
		}
	}
	return nil
}

// workerProcAttr ends the worker with the app.
func workerProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
