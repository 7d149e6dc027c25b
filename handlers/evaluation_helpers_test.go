package handlers_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// newCycle makes an evaluation cycle in 준비 over rounds, with the example
// criteria (협업 노력도 30, 성과 달성도 40, 국민 체감도 30) and bands (S 90, A 80, B 70, C 0)
// and an incentive score of 85.
func newCycle(t testing.TB, s *models.Store, roundIDs ...int64) models.EvaluationCycle {
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
