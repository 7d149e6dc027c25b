package handlers_test

import (
	"context"
	"errors"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestTheProgrammeNeverLosesItsLastAdministrator: nobody changes their own
// role, and the last active administrator is neither demoted nor deactivated,
// through the admin pages and in the domain itself.
func TestTheProgrammeNeverLosesItsLastAdministrator(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		ctx := context.Background()
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		admin := handlerstest.NewClient(t, e)
		admin.Login("admin", models.DemoPassword)
		adminID := userID(t, s, "admin")
		role := func(login string) models.Role {
			u, err := s.UserByID(ctx, mustUserID(t, s, login))
			if err != nil {
				t.Fatal(err)
			}
			return u.Role
		}

		// The only administrator demotes themselves: refused next to the role field.
		admin.Get("/admin/users/" + adminID)
		rec := admin.Post("/admin/users/"+adminID, url.Values{"display_name": {"데모 관리자"}, "role": {"reviewer"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("self-demotion = %d, want 422", rec.Code)
		}
		if msg := text(parse(t, rec.Body.String()).Find("#f-role-error")); !strings.Contains(msg, "자신의 역할") {
			t.Errorf("self-demotion message next to the role: %q", msg)
		}
		if role("admin") != models.RoleAdmin {
			t.Fatal("the administrator was demoted")
		}
		// Deactivating oneself: refused with a message on the page.
		rec = admin.Post("/admin/users/"+adminID+"/active", url.Values{"active": {"0"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "자신의 계정은 사용 중지할 수 없습니다") {
			t.Errorf("self-deactivation = %d, want 422 with its message", rec.Code)
		}

		// In the domain, whoever asks: the last active administrator stays one.
		id := mustUserID(t, s, "admin")
		_, err := s.UpdateUser(ctx, models.System, id, models.UserInput{DisplayName: "데모 관리자", Role: models.RoleReviewer})
		var ve *models.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.Fields["role"], "마지막 관리자") {
			t.Errorf("demoting the last administrator: %v", err)
		}
		err = s.SetUserActive(ctx, models.System, id, false)
		if !errors.As(err, &ve) || !strings.Contains(ve.Fields[""], "마지막 관리자") {
			t.Errorf("deactivating the last administrator: %v", err)
		}
		if u, _ := s.UserByID(ctx, id); u.Role != models.RoleAdmin || !u.Active {
			t.Fatalf("the last administrator became %s, active %v", u.Role, u.Active)
		}

		// With a second administrator, one may demote the other (but not themselves).
		if _, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "admin2", DisplayName: "둘째 관리자", Role: models.RoleAdmin}); err != nil {
			t.Fatal(err)
		}
		rec = admin.Post("/admin/users/"+userID(t, s, "admin2"), url.Values{"display_name": {"둘째 관리자"}, "role": {"reviewer"}})
		if rec.Code != http.StatusSeeOther || role("admin2") != models.RoleReviewer {
			t.Errorf("demoting another administrator = %d, role %s", rec.Code, role("admin2"))
		}
	})
}
