package handlers_test

import (
	"context"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// The exchangee tests make up: no real person is named anywhere in the app.
const (
	testExchangee = "가나다교류자"
	testPhone     = "044-555-1234"
	testEmail     = "exchangee.test@korea.kr"
	testCompanion = "라마바동반자"
)

// testNomination is a complete nomination of the made-up exchangee with one companion.
func testNomination(submit bool) models.NominationInput {
	in := models.NominationInput{ExchangeeName: testExchangee, CurrentPosition: "인력정책과 서기관", Rank: "서기관",
		WorkPhone: testPhone, Email: testEmail, PlannedStart: "2025-01-15", PlannedEnd: "2026-01-14",
		Statement: "중소기업 인력 지원 사업 연계", CompanionNames: []string{testCompanion}, CompanionRanks: []string{"사무관"},
		CompanionRoles: []string{"사업 실무"}}
	if submit {
		in.Intent = "submit"
	}
	return in
}

// nominate makes login's ministry nominate the test exchangee into a position of a pair.
func nominate(t *testing.T, s *models.Store, login string, pairID, positionID int64, submit bool) models.Nomination {
	t.Helper()
	n, err := s.CreateNomination(context.Background(), as(t, s, login), pairID, positionID, testNomination(submit))
	if err != nil {
		t.Fatalf("nominate: %v", err)
	}
	return n
}

// round2Pair1 is round 2's first pair: 고용부 기업일자리지원과장 ↔ 중기부 인력정책과장.
func round2Pair1(t *testing.T, s *models.Store) models.ExchangePair {
	t.Helper()
	var p models.ExchangePair
	if err := s.DB().Where("number = 1 AND round_id = (SELECT id FROM rounds WHERE number = 2)").Take(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p
}
