package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/gyoryu/gyoryu/models"
)

// prepare makes the run's fixture through the store, as an operator's script
// would: a new round at 직위 제안 접수 for proposals, tasks on the moel–mss pair, and a
// round of selected pairs for 교류자 선발 (prepareNominations).
func prepare(ctx context.Context, s *models.Store, tasks, nominationPairs int) (fixture, error) {
	fx := fixture{password: models.DemoPassword}
	var next int
	if err := s.DB().WithContext(ctx).Raw("SELECT COALESCE(MAX(number), 0) + 1 FROM rounds").Scan(&next).Error; err != nil {
		return fx, err
	}
	r, err := s.CreateRound(ctx, models.System, models.RoundInput{Number: strconv.Itoa(next), Title: fmt.Sprintf("부하 시험 %d차", next),
		PlannedDirectorGeneral: "1", PlannedDivisionDirector: "100"})
	if err != nil {
		return fx, fmt.Errorf("create the load round: %w", err)
	}
	if _, err := s.AdvanceRound(ctx, models.System, r.ID, models.RoundProposals); err != nil {
		return fx, fmt.Errorf("open the load round for proposals: %w", err)
	}
	fx.roundID = r.ID
	err = s.DB().WithContext(ctx).Raw(`SELECT p.id FROM exchange_pairs p
		JOIN ministries a ON a.id = p.ministry_a_id JOIN ministries b ON b.id = p.ministry_b_id
		WHERE a.code = 'moel' AND b.code = 'mss' ORDER BY p.id LIMIT 1`).Scan(&fx.pairID).Error
	if err != nil || fx.pairID == 0 {
		return fx, fmt.Errorf("find the moel–mss pair (is the demo data seeded?): %v", err)
	}
	if err := s.DB().WithContext(ctx).Raw("SELECT id FROM ministries WHERE code = 'mss'").Scan(&fx.counterpartID).Error; err != nil {
		return fx, err
	}
	for i := range tasks {
		t, err := s.CreateTask(ctx, models.System, fx.pairID, models.TaskInput{
			Title: fmt.Sprintf("부하 시험 과제 %d", i+1), Category: "public_benefit", Status: "discovered"})
		if err != nil {
			return fx, fmt.Errorf("create a load task: %w", err)
		}
		fx.tasks = append(fx.tasks, t.ID)
	}
	if fx.nominations, err = prepareNominations(ctx, s, nominationPairs, min(20, nominationPairs)); err != nil {
		return fx, err
	}
	return fx, nil
}
