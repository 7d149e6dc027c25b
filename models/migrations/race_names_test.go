package migrations_test

import (
	"testing"

	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The migration runner's tests run without the race detector, and those whose
// names match the Makefile's RACE_RUN under it (.ci/go-test): none starts a
// goroutine today (several instances at once are tested in models).
func TestTestsThatDoThingsAtOnceRunUnderTheRaceDetector(t *testing.T) {
	t.Parallel()
	modelstest.CheckRaceRule(t, "../../Makefile")
}
