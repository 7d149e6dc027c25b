package models_test

import (
	"context"
	"errors"
	"fmt"
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

// Thirty people of one office, behind one address, sign in at nine with their
// right passwords: the address counts failures, not attempts, so nobody is
// locked out; wrong passwords from that address still lock it after five.
func TestAnOfficeBehindOneAddressSignsInAtOnce(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		hash, err := models.HashPassword("office-password-1")
		if err != nil {
			t.Fatal(err)
		}
		var mss models.Ministry
		if err := s.DB().Where("code = ?", "mss").Take(&mss).Error; err != nil {
			t.Fatal(err)
		}
		for i := range 30 {
			u := models.User{Login: fmt.Sprintf("office-%02d", i), DisplayName: "직원", Role: models.RoleCoordinator,
				MinistryID: &mss.ID, PasswordHash: hash, Active: true}
			if err := s.DB().Create(&u).Error; err != nil {
				t.Fatal(err)
			}
		}
		s.SetPasswordCheck(func(hash, pw string) error {
			if pw != "office-password-1" {
				return models.ErrBadCredentials
			}
			return nil
		})
		s.SetPasswordCheckLimit(64)
		var wg sync.WaitGroup
		errs := make(chan error, 30)
		for i := range 30 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.Authenticate(ctx, models.Credentials{Login: fmt.Sprintf("office-%02d", i), Password: "office-password-1"}, "203.0.113.9")
				if err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("a right password from the office was refused: %v", err)
		}
		for i := range 5 {
			if _, err := s.Authenticate(ctx, models.Credentials{Login: fmt.Sprintf("office-%02d", i), Password: "guess"}, "203.0.113.9"); !errors.Is(err, models.ErrBadCredentials) {
				t.Fatalf("wrong password %d: %v, want ErrBadCredentials", i+1, err)
			}
		}
		var throttled *models.ThrottledError
		if _, err := s.Authenticate(ctx, models.Credentials{Login: "office-29", Password: "office-password-1"}, "203.0.113.9"); !errors.As(err, &throttled) {
			t.Errorf("after five wrong passwords from the address: %v, want it locked", err)
		}
	})
}
