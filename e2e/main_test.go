// Package e2e_test holds the browser tests: the real router served on a
// loopback port and driven through one headless Chromium per test process
// (helpers_test.go), each test in a browser context of its own. They live
// apart from the HTTP tests (handlers) so that go test runs the two packages
// side by side. Without Chromium they skip, except in CI, where they fail.
package e2e_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestMain stops the package's Chromium (failing if any of its processes
// outlives it) and drops the template databases
// modelstest made for this package's tests.
func TestMain(m *testing.M) {
	code := modelstest.Run(m)
	if err := stopBrowser(); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
