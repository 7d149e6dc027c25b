package handlers_test

import (
	"os"
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestMain stops the package's Chromium and drops the template databases
// modelstest made for this package's tests.
func TestMain(m *testing.M) {
	code := modelstest.Run(m)
	stopBrowser()
	os.Exit(code)
}
