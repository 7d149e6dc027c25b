package modelstest

import (
	"sync"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// Clock is a store's clock under a test's control: sessions, audit events and
// every time the store writes read it, and it moves only when told to.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// FakeClock makes the store read the time from a clock that starts now and
// moves only with Advance.
func FakeClock(s *models.Store) *Clock {
	c := &Clock{now: time.Now().UTC().Truncate(time.Microsecond)}
	s.DB().Config.NowFunc = c.Now
	return c
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
