package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
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
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in); fieldError(err, "result") == "" {
			t.Errorf("a result of a year without a scale: %v", err)
		}
		if _, err := s.SaveGovernmentScale(ctx, w.moel, models.GovernmentScaleInput{Year: "2024", Grades: "우수"}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a coordinator sets a scale: %v", err)
		}
		if _, err := s.SaveGovernmentScale(ctx, w.admin, models.GovernmentScaleInput{Year: "2024", Grades: "우수\n우수"}); fieldError(err, "grades") == "" {
			t.Errorf("a grade twice: %v", err)
		}
		if _, err := s.SaveGovernmentScale(ctx, w.admin, models.GovernmentScaleInput{Year: "2024", Grades: "매우 우수\n우수\n보통"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in); fieldError(err, "upgrade_plan") == "" {
			t.Errorf("an upgrade without a plan: %v", err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, models.GovernmentEvaluationInput{Year: "24", Result: "우수"}); fieldError(err, "year") == "" {
			t.Errorf("a two-digit year: %v", err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, models.GovernmentEvaluationInput{Year: "2024", Result: "탁월"}); fieldError(err, "result") == "" {
			t.Errorf("a result off the scale: %v", err)
		}
		in.UpgradePlan = "구인 정보 연계를 지방 고용센터로 넓힌다."
		if _, err := s.SaveGovernmentEvaluation(ctx, w.motie, task.ID, in); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("another ministry's coordinator: %v", err)
		}
		g, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in)
		if err != nil || g.Version != 1 || !g.Upgrade {
			t.Fatalf("save: %+v %v", g, err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.mss, task.ID, in); !errors.Is(err, models.ErrConflict) {
			t.Errorf("a second first entry of 2024 was saved over the first: %v", err)
		}
		if _, err := s.SaveGovernmentScale(ctx, w.admin, models.GovernmentScaleInput{Year: "2024", Grades: "매우 우수\n보통", Version: 1}); fieldError(err, "grades") == "" {
			t.Errorf("우수, held by an entry, taken off the scale: %v", err)
		}
		if _, err := s.SaveGovernmentScale(ctx, w.admin, models.GovernmentScaleInput{Year: "2025", Grades: "A\nB\nC"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.mss, task.ID, models.GovernmentEvaluationInput{Year: "2025", Result: "B"}); err != nil {
			t.Fatalf("the 2025 entry: %v", err)
		}
		list, err := s.GovernmentEvaluationsOf(ctx, task.ID)
		if err != nil || len(list) != 2 || list[0].Year != 2025 || list[0].Result != "B" || list[1].Year != 2024 || list[1].Result != "우수" {
			t.Fatalf("the task's history: %+v %v", list, err)
		}
		mss := ministry(t, s, "mss").ID
		for year, want := range map[int]int64{0: 1, 2024: 1, 2025: 0} {
			list, total, err := s.UpgradeTasks(ctx, models.Page{}, year, mss)
			if err != nil || total != want || (want == 1 && (list[0].Task.Title != "빈 일자리 매칭" || list[0].UpgradePlan != in.UpgradePlan)) {
				t.Errorf("upgrade list of %d for mss: %d %+v %v", year, total, list, err)
			}
		}
		if years, err := s.UpgradeYears(ctx, mss); err != nil || len(years) != 1 || years[0] != 2024 {
			t.Errorf("upgrade years: %v %v", years, err)
		}
		if _, total, _ := s.UpgradeTasks(ctx, models.Page{}, 0, ministry(t, s, "motie").ID); total != 0 {
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
		if got := ev.Record(); got != "빈 일자리 매칭 — 2024년 정부업무평가" {
			t.Errorf("the audit log names the entry %q", got)
		}
	})
}

// TestFreeTextGovernmentEvaluationsSurviveMigration0075: an entry typed as free
// text before the scales keeps its year, result, upgrade and plan; it can be
// saved again with its result unchanged, a new result comes from the year's
// scale, and another year can be added beside it.
func TestFreeTextGovernmentEvaluationsSurviveMigration0075(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newTaskWorld(t, s)
		ctx := context.Background()
		task, err := s.CreateTask(ctx, w.moel, w.pair.ID, validTask("빈 일자리 매칭"))
		if err != nil {
			t.Fatal(err)
		}
		all, err := migrations.List(s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		before := 0
		for _, m := range all {
			if m.Version < 75 {
				before = m.Version
			}
		}
		if err := s.MigrateDown(ctx, before); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().Exec(`INSERT INTO government_evaluations (task_id, year, result, upgrade, upgrade_plan, version, created_at, updated_at)
			VALUES (?, 2024, '우수(장관 표창)', TRUE, '지방 고용센터로 확대', 3, ?, ?)`, task.ID, s.Now(), s.Now()).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		g, err := s.GovernmentEvaluationOf(ctx, task.ID, 2024)
		if err != nil || g == nil || g.Result != "우수(장관 표창)" || !g.Upgrade || g.UpgradePlan != "지방 고용센터로 확대" || g.Version != 3 {
			t.Fatalf("the free-text entry after 0075: %+v %v", g, err)
		}
		if scales, err := s.GovernmentScales(ctx); err != nil || len(scales) != 0 {
			t.Errorf("0075 made scales %+v (%v): they are the administrator's to set", scales, err)
		}
		in := g.InputOf()
		in.UpgradePlan = "지방 고용센터와 대학 일자리센터로 확대"
		kept, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in)
		if err != nil || kept.Result != "우수(장관 표창)" || kept.Version != 4 {
			t.Fatalf("the plan changed, the result kept: %+v %v", kept, err)
		}
		in = kept.InputOf()
		in.Result = "우수"
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in); fieldError(err, "result") == "" {
			t.Errorf("a new result without a scale: %v", err)
		}
		if _, err := s.SaveGovernmentScale(ctx, w.admin, models.GovernmentScaleInput{Year: "2024", Grades: "우수\n보통"}); err != nil {
			t.Fatal(err)
		}
		if g, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, in); err != nil || g.Result != "우수" {
			t.Errorf("a grade of the scale: %+v %v", g, err)
		}
		if _, err := s.SaveGovernmentScale(ctx, w.admin, models.GovernmentScaleInput{Year: "2025", Grades: "우수\n보통"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveGovernmentEvaluation(ctx, w.moel, task.ID, models.GovernmentEvaluationInput{Year: "2025", Result: "보통"}); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.GovernmentEvaluationsOf(ctx, task.ID); len(list) != 2 {
			t.Errorf("two years: %+v", list)
		}
	})
}
