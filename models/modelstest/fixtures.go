package modelstest

import (
	"context"
	"strconv"
	"testing"

	"gorm.io/gorm/clause"

	"github.com/gyoryu/gyoryu/models"
)

// Records that tests set up through the store, shared by the HTTP tests
// (handlers) and the browser tests (e2e). They expect the demo data
// (SeedDemo): the press release's rounds and the demo accounts.

// The exchangee tests make up: no real person is named anywhere in the app.
const (
	TestExchangee = "가나다교류자"
	TestPhone     = "044-555-1234"
	TestEmail     = "exchangee.test@korea.kr"
	TestCompanion = "라마바동반자"
)

// As is a demo account acting through the store, for setting up tests.
func As(t testing.TB, s *models.Store, login string) models.Actor {
	t.Helper()
	var u models.User
	if err := s.DB().Preload("Ministry").Where("login = ?", login).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return models.ActorOf(&u, "192.0.2.1")
}

// MinistryByCode is the ministry of an English code (moel, mss…).
func MinistryByCode(t testing.TB, s *models.Store, code string) models.Ministry {
	t.Helper()
	var m models.Ministry
	if err := s.DB().Where("code = ?", code).Take(&m).Error; err != nil {
		t.Fatalf("ministry %s: %v", code, err)
	}
	return m
}

// OpenRound makes a round open for proposals.
func OpenRound(t testing.TB, s *models.Store, number int) models.Round {
	t.Helper()
	ctx := context.Background()
	n := strconv.Itoa(number)
	r, err := s.CreateRound(ctx, As(t, s, "admin"), models.RoundInput{Number: n, Title: n + "차 전략적 인사교류"})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = s.AdvanceRound(ctx, As(t, s, "admin"), r.ID, models.RoundProposals); err != nil {
		t.Fatal(err)
	}
	return r
}

// Propose makes ministry from's coordinator propose a pair with ministry to.
func Propose(t testing.TB, s *models.Store, from, to string, roundID int64) models.ExchangePair {
	t.Helper()
	p, err := s.ProposePair(context.Background(), As(t, s, from), models.ProposalInput{RoundID: roundID,
		Grade: models.GradeDivisionDirector, Title: from + " 과장", CounterpartMinistryID: MinistryByCode(t, s, to).ID,
		CounterpartTitle: to + " 과장", Theme: from + "–" + to + " 협업", Rationale: "협업이 필요합니다."})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Round2Pair is the round-2 pair of two ministries, by code, in the
// attachment's order (Round2Pair(t, s, "moel", "mss") is its first pair).
func Round2Pair(t testing.TB, s *models.Store, a, b string) models.ExchangePair {
	t.Helper()
	var pair models.ExchangePair
	err := s.DB().Joins("JOIN ministries a ON a.id = exchange_pairs.ministry_a_id").
		Joins("JOIN ministries b ON b.id = exchange_pairs.ministry_b_id").
		Joins("JOIN rounds ON rounds.id = exchange_pairs.round_id").
		Where("a.code = ? AND b.code = ? AND rounds.number = 2", a, b).Take(&pair).Error
	if err != nil {
		t.Fatalf("pair %s–%s: %v", a, b, err)
	}
	return pair
}

// TestNomination is a complete nomination of the made-up exchangee with one
// companion, to be submitted at once or saved as a draft.
func TestNomination(submit bool) models.NominationInput {
	in := models.NominationInput{ExchangeeName: TestExchangee, CurrentPosition: "인력정책과 서기관", Rank: "서기관",
		WorkPhone: TestPhone, Email: TestEmail, PlannedStart: "2025-01-15", PlannedEnd: "2026-01-14",
		Statement: "중소기업 인력 지원 사업 연계", CompanionNames: []string{TestCompanion}, CompanionRanks: []string{"사무관"},
		CompanionRoles: []string{"사업 실무"}}
	if submit {
		in.Intent = "submit"
	}
	return in
}

// NewCycle makes an evaluation cycle in 준비 over rounds, with the example
// criteria (협업 노력도 30, 성과 달성도 40, 국민 체감도 30) and bands (S 90, A 80, B 70, C 0)
// and an incentive score of 85.
func NewCycle(t testing.TB, s *models.Store, roundIDs ...int64) models.EvaluationCycle {
	t.Helper()
	in := models.NewCycleInput()
	in.Name, in.PeriodStart, in.PeriodEnd = "2025년 상반기 실적 점검", "2025-01-01", "2025-06-30"
	in.RoundIDs, in.Incentive, in.SelfDue = nil, "85", "2025-07-15"
	for _, id := range roundIDs {
		in.RoundIDs = append(in.RoundIDs, strconv.FormatInt(id, 10))
	}
	c, err := s.CreateEvaluationCycle(context.Background(), models.System, in)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Evaluated is round 2 with two pairs, three tasks and an exchangee in the
// exchange on each side of the first pair and one in the second: what an
// evaluation cycle runs over.
type Evaluated struct {
	Round          models.Round
	Task1, Task2   models.CollaborationTask // moel–mss
	Task3          models.CollaborationTask // moef–motie
	Kim, Lee, Park models.Nomination        // Kim and Lee in moel–mss, Park in moef–motie
}

// EvaluationRecords makes the records of Evaluated.
func EvaluationRecords(t testing.TB, s *models.Store) Evaluated {
	t.Helper()
	ctx := context.Background()
	var f Evaluated
	var err error
	if f.Round, err = s.RoundByNumber(ctx, 2); err != nil {
		t.Fatal(err)
	}
	p1, p2 := Round2Pair(t, s, "moel", "mss"), Round2Pair(t, s, "moef", "motie")
	task := func(pair models.ExchangePair, title string) models.CollaborationTask {
		tk, err := s.CreateTask(ctx, models.System, pair.ID, models.TaskInput{Title: title, Category: "public_benefit", Status: "in_progress"})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	f.Task1, f.Task2, f.Task3 = task(p1, "빈 일자리 매칭"), task(p1, "채용 설명회 공동 개최"), task(p2, "국내 복귀 기업 지원")
	exchangee := func(pair models.ExchangePair, into, from int64, name string) models.Nomination {
		n := models.Nomination{PairID: pair.ID, PositionID: into, MinistryID: from, Status: models.NominationActive, ExchangeeName: name, Version: 1}
		if err := s.DB().Omit(clause.Associations).Create(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	f.Kim = exchangee(p1, p1.PositionAID, p1.MinistryBID, "김교류")
	f.Lee = exchangee(p1, p1.PositionBID, p1.MinistryAID, "이교류")
	f.Park = exchangee(p2, p2.PositionAID, p2.MinistryBID, "박교류")
	return f
}

// CountPairs is how many pairs a round holds.
func CountPairs(t testing.TB, s *models.Store, roundID int64) int64 {
	t.Helper()
	var n int64
	if err := s.DB().Model(&models.ExchangePair{}).Where("round_id = ?", roundID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Consent makes the receiving ministry's coordinator agree to the
// nomination's current submission (받는 부처 동의), as reviewers need
// before they decide; it returns the nomination after the move.
func Consent(t testing.TB, s *models.Store, n models.Nomination) models.Nomination {
	t.Helper()
	ctx := context.Background()
	full, err := s.NominationByID(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.MoveNomination(ctx, As(t, s, full.ReceivingMinistry().Code), n.ID, models.MoveConsent, models.MoveInput{Version: full.Version})
	if err != nil {
		t.Fatalf("the receiving ministry agrees to nomination %d: %v", n.ID, err)
	}
	return after
}
