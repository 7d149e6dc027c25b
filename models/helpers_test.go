package models_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// eachWithAccounts is modelstest.EachSeeded with the demo accounts as well.
func eachWithAccounts(t *testing.T, fn func(t *testing.T, s *models.Store)) {
	t.Helper()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		if _, err := s.SeedDemoAccounts(context.Background()); err != nil {
			t.Fatal(err)
		}
		fn(t, s)
	})
}

// caller is a demo account acting from a test address.
func caller(t *testing.T, s *models.Store, login string) models.Actor {
	t.Helper()
	var u models.User
	if err := s.DB().Preload("Ministry").Where("login = ?", login).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return models.ActorOf(&u, "192.0.2.1")
}

func ministry(t *testing.T, s *models.Store, code string) models.Ministry {
	t.Helper()
	var m models.Ministry
	if err := s.DB().Where("code = ?", code).Take(&m).Error; err != nil {
		t.Fatalf("ministry %s: %v", code, err)
	}
	return m
}

// openRound makes a round open for proposals.
func openRound(t *testing.T, s *models.Store, number int) models.Round {
	t.Helper()
	ctx := context.Background()
	admin := caller(t, s, "admin")
	r, err := s.CreateRound(ctx, admin, models.RoundInput{Number: strconv.Itoa(number), Title: "시험 차수", PlannedDivisionDirector: "4"})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = s.AdvanceRound(ctx, admin, r.ID, models.RoundProposals); err != nil {
		t.Fatal(err)
	}
	return r
}

func auditCount(t *testing.T, s *models.Store, recordType string, id int64) int64 {
	t.Helper()
	var n int64
	if err := s.DB().Model(&models.AuditEvent{}).Where("record_type = ? AND record_id = ?", recordType, id).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// proposalRound opens round 3 for proposals and returns it with the
// coordinators of 고용노동부 and 중소벤처기업부 and an administrator: who
// proposes a pair, who agrees to it and who selects it.
func proposalRound(t *testing.T, s *models.Store) (r models.Round, moel, mss, admin models.Actor) {
	t.Helper()
	return openRound(t, s, 3), caller(t, s, "moel"), caller(t, s, "mss"), caller(t, s, "admin")
}
