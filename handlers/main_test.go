package handlers_test

import (
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestMain drops the template databases modelstest made for this package's tests.
func TestMain(m *testing.M) { modelstest.Main(m) }
