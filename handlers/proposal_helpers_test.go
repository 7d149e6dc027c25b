package handlers_test

import (
	"context"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// as is a demo account acting through the store, for setting up tests.
func as(t *testing.T, s *models.Store, login string) models.Actor {
	t.Helper()
	var u models.User
	if err := s.DB().Preload("Ministry").Where("login = ?", login).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return models.ActorOf(&u, "192.0.2.1")
}

// openRound makes a round open for proposals.
func openRound(t *testing.T, s *models.Store, number int) models.Round {
	t.Helper()
	ctx := context.Background()
	r, err := s.CreateRound(ctx, as(t, s, "admin"), models.RoundInput{Number: itoa(number), Title: itoa(number) + "차 전략적 인사교류"})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = s.AdvanceRound(ctx, as(t, s, "admin"), r.ID, models.RoundProposals); err != nil {
		t.Fatal(err)
	}
	return r
}

// propose makes ministry from's coordinator propose a pair with ministry to.
func propose(t *testing.T, s *models.Store, from, to string, roundID int64) models.ExchangePair {
	t.Helper()
	var counterpart models.Ministry
	if err := s.DB().Where("code = ?", to).Take(&counterpart).Error; err != nil {
		t.Fatal(err)
	}
	p, err := s.ProposePair(context.Background(), as(t, s, from), models.ProposalInput{RoundID: roundID,
		Grade: models.GradeDivisionDirector, Title: from + " 과장", CounterpartMinistryID: counterpart.ID,
		CounterpartTitle: to + " 과장", Theme: from + "–" + to + " 협업", Rationale: "협업이 필요합니다."})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
