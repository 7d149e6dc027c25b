//go:build !race

package handlers_test

// raceEnabled: this test binary runs under the race detector.
const raceEnabled = false
