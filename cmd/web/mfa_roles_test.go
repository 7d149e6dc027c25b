package main

import (
	"slices"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// TestMFARolesDefaultToAdministratorsAndReviewersOutsideTheDemo: unset,
// MFA_ROLES is admin,reviewer, and none in demo mode; "none" and lists are
// read; an unknown role is refused.
func TestMFARolesDefaultToAdministratorsAndReviewersOutsideTheDemo(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  string
		demo bool
		want []models.Role
		bad  bool
	}{
		{"", false, []models.Role{models.RoleAdmin, models.RoleReviewer}, false},
		{"", true, nil, false},
		{"none", false, nil, false},
		{"admin, reviewer,coordinator", true, []models.Role{models.RoleAdmin, models.RoleReviewer, models.RoleCoordinator}, false},
		{"admin,root", false, nil, true},
	} {
		got, err := mfaRoles(c.env, c.demo)
		if (err != nil) != c.bad || !slices.Equal(got, c.want) {
			t.Errorf("MFA_ROLES=%q demo=%v: %v, %v; want %v (error %v)", c.env, c.demo, got, err, c.want, c.bad)
		}
	}
}
