package models_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// Several people signing in to one account at once (the load harness's
// coordinators and nominators share the demo logins): a success deletes the
// account's throttle row while another attempt is between creating it (it
// existed: nothing to do) and reading it. Every attempt must still be counted
// and answered (signed in, throttled or busy), never fail with "record not found".
func TestSimultaneousSignInsToOneAccountAreAllAnswered(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for i := range 64 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ip := "192.0.2." + string(rune('1'+i%8))
				_, err := s.Authenticate(ctx, models.Credentials{Login: "mss", Password: models.DemoPassword}, ip)
				var throttled *models.ThrottledError // many at once count as failures until checked, by design
				if err != nil && !errors.Is(err, models.ErrBusy) && !errors.As(err, &throttled) {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("sign-in: %v", err)
		}
	})
}
