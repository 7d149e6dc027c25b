package models_test

import (
	"context"
	"reflect"
	"sort"
	"sync"
	"testing"

	"gorm.io/gorm/schema"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// allModels is every GORM model backed by a migrated table.
var allModels = []any{
	&models.Ministry{}, &models.Round{}, &models.Position{}, &models.ExchangePair{},
	&models.CollaborationTask{}, &models.Outcome{}, &models.OfficeContact{},
	&models.User{}, &models.Session{}, &models.LoginThrottle{}, &models.PasswordReset{}, &models.AuditEvent{},
	&models.PairStatusEvent{}, &models.PublicVersion{},
	&models.EvaluationCycle{}, &models.EvaluationCriterion{}, &models.GradeBand{}, &models.SelfAssessment{},
	&models.EvaluationReview{}, &models.EvaluationScore{}, &models.IncentiveDecision{}, &models.GovernmentEvaluation{},
	&models.RoundCondition{}, &models.Nomination{}, &models.NominationCompanion{}, &models.NominationCondition{},
	&models.NominationApproval{}, &models.NominationReportOutcome{}, &models.NominationEvent{}, &models.Notification{},
	&models.EvaluationSummary{}, &models.GovernmentScale{}, &models.Contribution{},
}

func TestMigrationsMatchModels(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		assertSchemaMatchesModels(t, s)
	})
}

func TestMigrateDownAndUpAgain(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		all, err := migrations.List(s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.MigrateDown(ctx, 0); err != nil {
			t.Fatalf("migrate down to 0: %v", err)
		}
		if applied, _ := s.AppliedMigrations(ctx); len(applied) != 0 {
			t.Fatalf("after migrating down, applied = %v, want none", applied)
		}
		for _, m := range allModels {
			if s.DB().Migrator().HasTable(m) {
				t.Errorf("table of %T still exists after migrating down", m)
			}
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("migrate up again: %v", err)
		}
		applied, _ := s.AppliedMigrations(ctx)
		if len(applied) != len(all) {
			t.Fatalf("applied %v, want %d migrations", applied, len(all))
		}
		assertSchemaMatchesModels(t, s)
		if _, err := s.Seed(ctx); err != nil {
			t.Fatalf("seed after down/up: %v", err)
		}
	})
}

func TestMigrateConcurrentInstances(t *testing.T) {
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			first := modelstest.Unmigrated(t, dialect)
			opts := reopenOptions(t, first)
			const instances = 6
			var wg sync.WaitGroup
			errs := make(chan error, instances)
			for range instances {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s, err := models.Open(context.Background(), opts)
					if err != nil {
						errs <- err
						return
					}
					defer s.Close()
					errs <- s.Migrate(context.Background())
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("instance failed to migrate: %v", err)
				}
			}
			applied, err := first.AppliedMigrations(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			all, _ := migrations.List(dialect)
			if len(applied) != len(all) {
				t.Fatalf("applied %v, want each of %d migrations exactly once", applied, len(all))
			}
		})
	}
}

// reopenOptions returns options that open the same database as s.
func reopenOptions(t *testing.T, s *models.Store) models.OpenOptions {
	t.Helper()
	if s.Dialect() == models.DialectPostgres {
		return models.OpenOptions{DatabaseURL: s.URL()}
	}
	return models.OpenOptions{SQLitePath: s.SQLitePath()}
}

// assertSchemaMatchesModels fails when a model's fields and its table's columns
// disagree in name or in nullability (pointer fields are the nullable ones).
func assertSchemaMatchesModels(t *testing.T, s *models.Store) {
	t.Helper()
	for _, m := range allModels {
		sch, err := schema.Parse(m, &sync.Map{}, s.DB().NamingStrategy)
		if err != nil {
			t.Fatalf("parse %T: %v", m, err)
		}
		cols, err := s.DB().Migrator().ColumnTypes(m)
		if err != nil {
			t.Fatalf("columns of %s: %v", sch.Table, err)
		}
		dbCols := map[string]bool{} // name → nullable
		for _, c := range cols {
			nullable, _ := c.Nullable()
			dbCols[c.Name()] = nullable
		}
		var modelCols []string
		for _, f := range sch.Fields {
			if f.DBName == "" {
				continue
			}
			modelCols = append(modelCols, f.DBName)
			nullable, ok := dbCols[f.DBName]
			if !ok {
				t.Errorf("%s.%s: the model has it, the schema does not", sch.Table, f.DBName)
				continue
			}
			wantNullable := f.FieldType.Kind() == reflect.Pointer
			if nullable != wantNullable && !f.PrimaryKey {
				t.Errorf("%s.%s: nullable in schema = %v, but the model field %s is %s", sch.Table, f.DBName, nullable, f.Name, f.FieldType)
			}
		}
		sort.Strings(modelCols)
		for name := range dbCols {
			if i := sort.SearchStrings(modelCols, name); i == len(modelCols) || modelCols[i] != name {
				t.Errorf("%s.%s: the schema has it, the model does not", sch.Table, name)
			}
		}
	}
}
