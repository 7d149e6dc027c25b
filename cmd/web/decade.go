package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// seedYears writes synthetic years for measurements (issue 25):
//
//	web seed --years N [--scale F] [--onto-existing]
//
// It makes a missing SQLite file and applies pending migrations first, like
// serve. It refuses a database holding accounts of its own (real people:
// synthetic exchangees have no place there) or synthetic years already, and a
// database holding anything else (the demo, the programme data) unless
// --onto-existing says so. It writes the programme data and the demo accounts
// too: the synthetic records are made by them, and the database is then
// served only with DEMO=1, with its 데모 banner.
func seedYears(ctx context.Context, cfg config, years int, scale float64, onto bool, stdout io.Writer) error {
	log := cfg.logger(stdout)
	store, err := models.Open(ctx, models.OpenOptions{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath, MaxConns: cfg.DBMaxConns})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := migrateUp(ctx, store, log); err != nil {
		return err
	}
	if err := store.CheckSchema(ctx); err != nil {
		return fmt.Errorf("%s: %w", store.Location(), err)
	}
	if err := mayHoldSyntheticYears(ctx, store, onto); err != nil {
		return err
	}
	began := time.Now()
	rep, err := store.SeedDecade(ctx, models.DecadeOptions{Years: years, Scale: scale})
	if err != nil {
		return fmt.Errorf("seed %d synthetic years into %s: %w", years, store.Location(), err)
	}
	log.Info("wrote synthetic years (volume data, not the programme's: serve it with DEMO=1)", "database", store.Location(),
		"years", years, "scale", scale, "rows", rep.Total(), "took", time.Since(began).Round(time.Second),
		"rounds", rep.Rounds, "pairs", rep.Pairs, "tasks", rep.Tasks, "outcomes", rep.Outcomes,
		"nominations", rep.Nominations, "nomination_events", rep.NominationEvents, "evaluation_cycles", rep.Cycles,
		"reviews", rep.Reviews, "self_assessments", rep.SelfAssessments, "incentive_decisions", rep.IncentiveDecisions, "audit_events", rep.AuditEvents, "access_records", rep.AccessRecords)
	return nil
}

// mayHoldSyntheticYears says why a database may not receive synthetic years.
func mayHoldSyntheticYears(ctx context.Context, store *models.Store, onto bool) error {
	if there, err := store.HasDecade(ctx); err != nil {
		return err
	} else if there {
		return fmt.Errorf("%s: %w; start again on an empty database", store.Location(), models.ErrDecadeThere)
	}
	own, n, err := store.OwnAccounts(ctx, 5)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%s holds %s of its own (%s): synthetic years go on a database of their own, never beside real records",
			store.Location(), plural(int(n), "account"), sample(own, 5))
	}
	empty, err := store.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty && !onto {
		return errors.New(store.Location() + " is not empty (it holds the programme data, or the demo): " +
			"add --onto-existing to write the synthetic years beside what it holds, or use an empty database")
	}
	return nil
}

// yearsFlags are seed's flags for synthetic years.
func yearsFlags(years *int, scale *float64, onto *bool) func(*flag.FlagSet) {
	return func(fs *flag.FlagSet) {
		fs.IntVar(years, "years", 0, "write this many synthetic years (volume data for measurements) instead of the programme data alone")
		fs.Float64Var(scale, "scale", 1, "with --years: pairs a round and events a year as a share of the full 100 and 100,000 (e.g. 0.01 for a quick try)")
		fs.BoolVar(onto, "onto-existing", false, "with --years: write them into a database that already holds the programme data or the demo")
	}
}
