package models_test

import (
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The store's tests run without the race detector; those whose names match the
// Makefile's RACE_RUN run again under it (.ci/go-test). modelstest.CheckRaceRule
// holds what makes that sound.
func TestTestsThatDoThingsAtOnceRunUnderTheRaceDetector(t *testing.T) {
	t.Parallel()
	if n := modelstest.CheckRaceRule(t, "../Makefile"); n == 0 {
		t.Error("found no test that starts goroutines: the check would pass on anything")
	}
}
