package e2e_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ownGroup starts Chromium as the leader of a process group of its own, which
// it is killed with by the test process's death (Pdeathsig, as chromedp would)
// and by killGroup. A wrapper script such as Debian's
// /usr/bin/chromium-headless-shell runs the browser as its child rather than
// exec'ing it: killing the wrapper alone left the browser running, and an idle
// headless Chromium left behind takes several percent of a core for good.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills every process of the group pgid and waits until none is
// left but zombies, for at most five seconds; it reports the survivors.
func killGroup(pgid int) error {
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	var left []string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if left = liveInGroup(pgid); len(left) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("Chromium's processes still run after SIGKILL to their group %d: %s", pgid, strings.Join(left, ", "))
		}
	}
}

// liveInGroup lists the processes of group pgid that are not zombies, from /proc.
func liveInGroup(pgid int) []string {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var live []string
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // ended meanwhile
		}
		// pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
		fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(fields) < 3 || fields[0] == "Z" || fields[2] != strconv.Itoa(pgid) {
			continue
		}
		live = append(live, filepath.Base(filepath.Dir(f)))
	}
	return live
}
