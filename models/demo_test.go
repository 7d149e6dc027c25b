package models_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

func demoLogins(t *testing.T, s *models.Store) (active, inactive []string) {
	t.Helper()
	accounts, err := s.DemoAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accounts {
		if a.Active {
			active = append(active, a.Login)
		} else {
			inactive = append(inactive, a.Login)
		}
	}
	return active, inactive
}

// TestDemoAccountsOfOlderDatabasesAreFoundByTheirDemoNames: migration 0012
// marks the demo logins that still carry their demo names, and no other.
func TestDemoAccountsOfOlderDatabasesAreFoundByTheirDemoNames(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "chief", DisplayName: "총괄 관리자", Role: models.RoleAdmin}); err != nil {
			t.Fatal(err)
		}
		if err := s.MigrateDown(ctx, 9); err != nil { // before 0012: demo accounts were not marked
			t.Fatal(err)
		}
		if err := s.DB().Exec("UPDATE users SET display_name = '김담당' WHERE login = 'mss'").Error; err != nil {
			t.Fatal(err) // a real coordinator took over the demo account and renamed it
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		active, _ := demoLogins(t, s)
		if len(active) != 21 || slices.Contains(active, "mss") || slices.Contains(active, "chief") || !slices.Contains(active, "admin") {
			t.Errorf("demo accounts after 0012: %v, want the 22 demo logins but mss", active)
		}
		own, n, err := s.OwnAccounts(ctx, 5)
		if err != nil || n != 2 || !slices.Equal(own, []string{"chief", "mss"}) {
			t.Errorf("own accounts: %v of %d (%v), want chief and mss", own, n, err)
		}
	})
}

// TestRemovingDemoAccountsDeletesThemOrDeactivatesThoseRecordsName: moel signed
// in (the audit log names it), so it stays for the record, inactive and
// without a password; the others go.
func TestRemovingDemoAccountsDeletesThemOrDeactivatesThoseRecordsName(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		moel, err := s.Authenticate(ctx, models.Credentials{Login: "moel", Password: models.DemoPassword}, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.StartSession(ctx, moel.ID, "192.0.2.1", "test"); err != nil {
			t.Fatal(err)
		}
		rep, err := s.RemoveDemoAccounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Deleted) != 21 || !slices.Equal(rep.Deactivated, []string{"moel"}) {
			t.Errorf("deleted %v, deactivated %v; want 21 deleted and moel deactivated", rep.Deleted, rep.Deactivated)
		}
		active, inactive := demoLogins(t, s)
		if len(active) != 0 || !slices.Equal(inactive, []string{"moel"}) {
			t.Errorf("demo accounts left: active %v, inactive %v", active, inactive)
		}
		u, err := s.UserByID(ctx, moel.ID)
		if err != nil || u.Active || u.PasswordHash != "" {
			t.Errorf("moel after removal: active %v, password hash %q (%v)", u.Active, u.PasswordHash, err)
		}
		var sessions int64
		s.DB().Model(&models.Session{}).Where("user_id = ?", moel.ID).Count(&sessions)
		if sessions != 0 {
			t.Errorf("moel still has %d sessions", sessions)
		}
		if _, err := s.Authenticate(ctx, models.Credentials{Login: "moel", Password: models.DemoPassword}, "192.0.2.1"); err == nil {
			t.Error("moel signs in with the demo password after removal")
		}
		var deletions int64
		s.DB().Model(&models.AuditEvent{}).Where("action = ? AND record_type = 'user'", models.AuditDelete).Count(&deletions)
		if deletions != 21 {
			t.Errorf("%d deletions audited, want 21", deletions)
		}
	})
}
