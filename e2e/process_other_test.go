//go:build !linux

package e2e_test

import "os/exec"

// ownGroup leaves the command as chromedp would start it (see process_linux_test.go).
func ownGroup(*exec.Cmd) {}

// killGroup has nothing to do where Chromium was not started in a group of its own.
func killGroup(int) error { return nil }
