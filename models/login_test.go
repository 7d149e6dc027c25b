package models_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// Many people signing in to one account at once (a shared demo account, or a
// load run) meet a throttle row that a success deletes meanwhile: each attempt
// must still be counted or refused, never fail with an error.
func TestSimultaneousSignInsToOneAccountNeverFail(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		s.SetPasswordCheck(func(hash, pw string) error { // fast, so the attempts overlap
			if pw != models.DemoPassword {
				return models.ErrBadCredentials
			}
			return nil
		})
		s.SetPasswordCheckLimit(64)
		for round := range 10 {
			var wg sync.WaitGroup
			errs := make(chan error, 16)
			for i := range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ip := "192.0.2." + string(rune('1'+i%8))
					_, err := s.Authenticate(ctx, models.Credentials{Login: "moel", Password: models.DemoPassword}, ip)
					var throttled *models.ThrottledError
					if err != nil && !errors.As(err, &throttled) && !errors.Is(err, models.ErrBusy) {
						errs <- err
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("round %d: a correct sign-in failed: %v", round, err)
			}
		}
	})
}
