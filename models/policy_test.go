package models_test

import (
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

func TestPolicy(t *testing.T) {
	moel, mss := int64(1), int64(2)
	admin := &models.User{Role: models.RoleAdmin, Active: true}
	rev := &models.User{Role: models.RoleReviewer, Active: true}
	coord := &models.User{Role: models.RoleCoordinator, MinistryID: &moel, Active: true}
	inactive := &models.User{Role: models.RoleAdmin, Active: false}
	tests := []struct {
		name       string
		u          *models.User
		action     models.Action
		ministries []int64
		want       bool
	}{
		{"anonymous", nil, models.ActWorkspace, nil, false},
		{"inactive admin", inactive, models.ActManageAccounts, nil, false},
		{"admin manages accounts", admin, models.ActManageAccounts, nil, true},
		{"reviewer does not manage accounts", rev, models.ActManageAccounts, nil, false},
		{"coordinator does not read the audit log", coord, models.ActViewAudit, nil, false},
		{"coordinator sees own ministry's pair", coord, models.ActViewPair, []int64{moel, mss}, true},
		{"coordinator does not see another ministry's pair", coord, models.ActViewPair, []int64{mss, 3}, false},
		{"reviewer sees any pair", rev, models.ActViewPair, []int64{mss, 3}, true},
		{"unknown action", admin, models.Action("no.such"), nil, false},
	}
	for _, tt := range tests {
		if got := models.May(tt.u, tt.action, tt.ministries...); got != tt.want {
			t.Errorf("%s: May = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !models.MayAtAll(coord, models.ActViewPair) || models.MayAtAll(coord, models.ActManageAccounts) {
		t.Error("MayAtAll disagrees with the policy for a coordinator")
	}
}
