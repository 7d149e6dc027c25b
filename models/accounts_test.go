package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// Account management checks the policy in the domain, whoever calls it, and
// nobody deactivates their own account.
func TestOnlyAdministratorsManageAccountsAndNobodyDeactivatesThemself(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		admin, coord, rev := caller(t, s, "admin"), caller(t, s, "moel"), caller(t, s, "reviewer")
		target := mustUser(t, s, "mss")
		in := target.InputOf()
		for name, who := range map[string]models.Actor{"coordinator": coord, "reviewer": rev} {
			if _, err := s.CreateUser(ctx, who, models.UserInput{Login: "new-" + name, DisplayName: "새 계정", Role: models.RoleReviewer}); !errors.Is(err, models.ErrNotAllowed) {
				t.Errorf("CreateUser by a %s: %v, want ErrNotAllowed", name, err)
			}
			if _, err := s.UpdateUser(ctx, who, target.ID, in); !errors.Is(err, models.ErrNotAllowed) {
				t.Errorf("UpdateUser by a %s: %v, want ErrNotAllowed", name, err)
			}
			if err := s.SetUserActive(ctx, who, target.ID, false); !errors.Is(err, models.ErrNotAllowed) {
				t.Errorf("SetUserActive by a %s: %v, want ErrNotAllowed", name, err)
			}
			if _, _, err := s.CreatePasswordReset(ctx, who, target.ID); !errors.Is(err, models.ErrNotAllowed) {
				t.Errorf("CreatePasswordReset by a %s: %v, want ErrNotAllowed", name, err)
			}
			if err := s.ViewPersonalData(ctx, who, target, "/x"); !errors.Is(err, models.ErrNotAllowed) {
				t.Errorf("ViewPersonalData by a %s: %v, want ErrNotAllowed", name, err)
			}
		}
		if err := s.SetUserActive(ctx, admin, *admin.UserID, false); !errors.Is(err, models.ErrDeactivateSelf) || !errors.Is(err, models.ErrWrongState) {
			t.Errorf("an administrator deactivating themself: %v, want ErrDeactivateSelf", err)
		}
		if err := s.SetUserActive(ctx, admin, target.ID, false); err != nil {
			t.Errorf("an administrator deactivating another account: %v", err)
		}
		if _, _, err := s.CreatePasswordReset(ctx, admin, target.ID); err != nil {
			t.Errorf("an administrator making a reset link: %v", err)
		}
	})
}

func mustUser(t *testing.T, s *models.Store, login string) models.User {
	t.Helper()
	var u models.User
	if err := s.DB().Where("login = ?", login).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return u
}
