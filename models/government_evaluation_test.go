package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestGovernmentEvaluationOfATaskAndTheUpgradeList(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("빈 일자리 매칭"))
		if err != nil {
			t.Fatal(err)
		}
		in := models.GovernmentEvaluationInput{Year: "2024", Result: "우수", Upgrade: "1"}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in); fieldError(err, "upgrade_plan") == "" {
			t.Errorf("an upgrade without a plan: %v", err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, models.GovernmentEvaluationInput{Year: "24", Result: "우수"}); fieldError(err, "year") == "" {
			t.Errorf("a two-digit year: %v", err)
		}
		in.UpgradePlan = "구인 정보 연계를 지방 고용센터로 넓힌다."
		if _, err := s.SaveGovernmentEvaluation(ctx, w.motie, task.ID, in); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("another ministry's coordinator: %v", err)
		}
		g, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in)
		if err != nil || g.Version != 1 || !g.Upgrade {
			t.Fatalf("save: %+v %v", g, err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.mss, task.ID, in); err == nil {
			t.Error("a second first entry was saved over the first")
		}
		list, total, err := s.UpgradeTasks(ctx, models.Page{}, ministry(t, s, "mss").ID)
		if err != nil || total != 1 || list[0].Task.Title != "빈 일자리 매칭" || list[0].UpgradePlan != in.UpgradePlan {
			t.Errorf("upgrade list for mss: %d %+v %v", total, list, err)
		}
		if _, total, _ := s.UpgradeTasks(ctx, models.Page{}, ministry(t, s, "motie").ID); total != 0 {
			t.Errorf("motie sees %d upgrade tasks of other ministries", total)
		}
		var ev models.AuditEvent
		if err := s.DB().Where("record_type = ? AND record_id = ?", "government_evaluation", g.ID).Take(&ev).Error; err != nil {
			t.Fatal(err)
		}
		changes := ev.Changes()
		if len(changes) != 4 || changes[0].Label != "정부업무평가 연도" || changes[0].After != "2024" || changes[2].After != "예" {
			t.Errorf("audit changes: %+v", changes)
		}
	})
}
