package models_test

import (
	"context"
	"slices"
	"testing"

	"gorm.io/gorm"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestSeedLoadsTheSourceAndIsIdempotent(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		first, err := s.Seed(ctx)
		if err != nil {
			t.Fatalf("first seed: %v", err)
		}
		want := models.SeedReport{Ministries: 19, Rounds: 2, Pairs: 14, Tasks: 5, Outcomes: 7, Contacts: 4}
		if first != want {
			t.Errorf("first seed created %+v, want %+v", first, want)
		}
		if _, n, _ := s.AuditEvents(ctx, models.AuditFilter{Action: models.AuditSeed}); n != 1 {
			t.Errorf("seed audit events = %d, want 1", n)
		}
		before := tableCounts(t, s)
		second, err := s.Seed(ctx)
		if err != nil {
			t.Fatalf("second seed: %v", err)
		}
		if second.Total() != 0 {
			t.Errorf("second seed created %+v, want nothing", second)
		}
		if after := tableCounts(t, s); !slices.Equal(after, before) {
			t.Errorf("row counts changed on the second seed: %v → %v", before, after)
		}

		ov, err := s.Overview(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total, dg, dd := 0, 0, 0
		for _, r := range ov.Rounds {
			total += r.PlannedPositions()
			dg += r.PlannedDirectorGeneral
			dd += r.PlannedDivisionDirector
		}
		if total != 42 || dg != 14 || dd != 28 {
			t.Errorf("positions = %d (국장급 %d, 과장급 %d), want 42 (14, 28)", total, dg, dd)
		}
		if ov.Ministries != 18 {
			t.Errorf("ministries taking part = %d, want 18", ov.Ministries)
		}

		r1, _ := s.RoundByNumber(ctx, 1)
		pairs, err := s.PairsOfRound(ctx, r1.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pairs {
			if p.PositionA.Title != nil || p.PositionB.Title != nil || p.Grade != nil || p.Number != nil {
				t.Errorf("round-1 pair %s–%s has a title, grade or number the source does not give", p.MinistryA.ShortName, p.MinistryB.ShortName)
			}
		}
	})
}

func TestSeededMetricsKeepNumbersUnitsAndDirection(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		tasks, err := s.PublishedTasks(context.Background(), 0)
		if err != nil {
			t.Fatal(err)
		}
		type metric struct {
			before, after float64
			unit          string
			better        models.Better
		}
		want := map[string]metric{
			"환경영향평가 기간 (이전 값은 통상 걸리던 기간)": {12, 4, "개월", models.BetterLower},
			"크루즈관광객": {274000, 860000, "명", models.BetterHigher},
		}
		var amounts []float64
		for _, task := range tasks {
			for _, o := range task.Outcomes {
				switch o.Kind {
				case models.OutcomeMetric:
					w, ok := want[o.Label]
					if !ok {
						t.Errorf("unexpected metric %q", o.Label)
						continue
					}
					got := metric{*o.ValueBefore, *o.ValueAfter, o.Unit, *o.Better}
					// Periods are periods: 통상 (usually) is not one.
					if o.Label != "크루즈관광객" && (o.PeriodBefore != "" || o.PeriodAfter != "") {
						t.Errorf("metric %q has periods %q → %q, want none", o.Label, o.PeriodBefore, o.PeriodAfter)
					}
					if got != w {
						t.Errorf("metric %q = %+v, want %+v", o.Label, got, w)
					}
					if !o.Improved() {
						t.Errorf("metric %q should count as improved", o.Label)
					}
					delete(want, o.Label)
				case models.OutcomeAmount:
					amounts = append(amounts, *o.Amount)
					if o.Unit != "억원" {
						t.Errorf("amount unit = %q, want 억원", o.Unit)
					}
				}
			}
		}
		if len(want) != 0 {
			t.Errorf("metrics missing: %v", want)
		}
		if len(amounts) != 1 || amounts[0] != 3300 {
			t.Errorf("amounts saved = %v, want [3300]", amounts)
		}
	})
}

func TestDatabaseEnforcesProgrammeConstraints(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		db := s.DB()
		var moel, mss models.Ministry
		if err := db.Where("code = ?", "moel").Take(&moel).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Where("code = ?", "mss").Take(&mss).Error; err != nil {
			t.Fatal(err)
		}
		var round models.Round
		if err := db.Where("number = 2").Take(&round).Error; err != nil {
			t.Fatal(err)
		}
		var posMoel, posMss models.Position
		if err := db.Where("ministry_id = ?", moel.ID).Take(&posMoel).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Where("ministry_id = ?", mss.ID).Take(&posMss).Error; err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name string
			sql  string
			args []any
		}{
			{"duplicate ministry short name", "INSERT INTO ministries (code, short_name, name, kind) VALUES ('xx', '고용부', '다른 이름', 'ministry')", nil},
			{"duplicate ministry code", "INSERT INTO ministries (code, short_name, name, kind) VALUES ('moel', '새부', '새로운부', 'ministry')", nil},
			{"pair number repeated in a round", "INSERT INTO exchange_pairs (round_id, number, status, ministry_a_id, position_a_id, ministry_b_id, position_b_id) VALUES (?, 1, 'selected', ?, ?, ?, ?)",
				[]any{round.ID, moel.ID, posMoel.ID, mss.ID, posMss.ID}},
			{"pair within one ministry", "INSERT INTO exchange_pairs (round_id, number, status, ministry_a_id, position_a_id, ministry_b_id, position_b_id) VALUES (?, 99, 'selected', ?, ?, ?, ?)",
				[]any{round.ID, moel.ID, posMoel.ID, moel.ID, posMoel.ID}},
			{"position of another ministry", "INSERT INTO exchange_pairs (round_id, number, status, ministry_a_id, position_a_id, ministry_b_id, position_b_id) VALUES (?, 98, 'selected', ?, ?, ?, ?)",
				[]any{round.ID, moel.ID, posMss.ID, mss.ID, posMoel.ID}},
			{"task of no pair", "INSERT INTO collaboration_tasks (pair_id, title) VALUES (999999, '없는 교류직위')", nil},
			{"unknown grade", "INSERT INTO positions (ministry_id, grade) VALUES (?, '차관급')", []any{moel.ID}},
			{"metric without values", "INSERT INTO outcomes (task_id, kind, summary) SELECT id, 'metric', '수치 없음' FROM collaboration_tasks LIMIT 1", nil},
		}
		for _, tt := range tests {
			err := db.Transaction(func(tx *gorm.DB) error { return tx.Exec(tt.sql, tt.args...).Error })
			if err == nil {
				t.Errorf("%s: the database accepted it", tt.name)
			}
		}
		if err := db.Transaction(func(tx *gorm.DB) error {
			return tx.Exec("INSERT INTO positions (ministry_id) VALUES (?)", moel.ID).Error
		}); err != nil {
			t.Errorf("a position with unknown title and grade should be allowed: %v", err)
		}
	})
}

// counts is the row count of each table of allModels, in that order.
type counts []int64

func tableCounts(t *testing.T, s *models.Store) counts {
	t.Helper()
	c := make(counts, len(allModels))
	for i, m := range allModels {
		if err := s.DB().Model(m).Count(&c[i]).Error; err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestConcurrentDemoStartsSeedEverythingOnce(t *testing.T) {
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			first := modelstest.New(t, dialect)
			opts := reopenOptions(t, first)
			const instances = 4
			errs := make(chan error, instances)
			for range instances {
				go func() {
					s, err := models.Open(context.Background(), opts)
					if err != nil {
						errs <- err
						return
					}
					defer s.Close()
					if _, err := s.Seed(context.Background()); err != nil {
						errs <- err
						return
					}
					_, err = s.SeedDemoAccounts(context.Background())
					errs <- err
				}()
			}
			for range instances {
				if err := <-errs; err != nil {
					t.Errorf("an instance failed to seed: %v", err)
				}
			}
			c := tableCounts(t, first)
			if c[0] != 19 || c[1] != 2 || c[3] != 14 {
				t.Errorf("ministries, rounds, pairs = %d, %d, %d; want 19, 2, 14 exactly once", c[0], c[1], c[3])
			}
			var users int64
			first.DB().Model(&models.User{}).Count(&users)
			if users != 22 {
				t.Errorf("demo accounts = %d, want 22", users)
			}
		})
	}
}

// Databases seeded before migration 0007 stored 통상 as the before period; the migration fixes them.
func TestMigrationFixesTheAssessmentPeriod(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if err := s.MigrateDown(ctx, 4); err != nil {
			t.Fatal(err)
		}
		var o models.Outcome
		if err := s.DB().Where("label = ?", "환경영향평가 기간").Take(&o).Error; err != nil || o.PeriodBefore != "통상" {
			t.Fatalf("after migrating down, the old outcome is %+v (%v)", o, err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().Take(&o, o.ID).Error; err != nil || o.PeriodBefore != "" || o.Label != "환경영향평가 기간 (이전 값은 통상 걸리던 기간)" {
			t.Errorf("after migrating up, the outcome is %q / %q (%v)", o.Label, o.PeriodBefore, err)
		}
	})
}
