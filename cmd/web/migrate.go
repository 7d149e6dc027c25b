package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/migrations"
)

const migrateUsage = "usage: web migrate [status | down [--yes] | down-to VERSION [--yes]]"

// migrate applies the pending migrations, lists them, or undoes some:
//
//	web migrate                     apply every pending migration
//	web migrate status              list every migration, applied (when) or pending
//	web migrate down [--yes]        undo the newest applied migration
//	web migrate down-to N [--yes]   undo every applied migration after version N (0: all)
//
// Undoing prints what it drops (tables and columns, with their rows) and, without
// --yes, stops there. None of them applies a pending migration first, and all
// refuse a SQLite file that does not exist.
func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var yes bool
	cfg, fs, err := parseConfigWith("migrate", nil, getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&yes, "yes", false, "down, down-to: undo, after printing what it drops; without it nothing changes")
	})
	if err != nil {
		return err
	}
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if err := cfg.check(); err != nil {
		return err
	}
	verb := ""
	if len(words) > 0 {
		verb = words[0]
	}
	switch {
	case verb == "" && len(words) == 0:
	case verb == "status" && len(words) == 1:
	case verb == "down" && len(words) == 1:
	case verb == "down-to" && len(words) == 2:
	case verb == "down" && len(words) == 2:
		return fmt.Errorf("web migrate down undoes the newest migration and takes no version; to undo every migration after version %s: web migrate down-to %s", words[1], words[1])
	default:
		return errors.New(migrateUsage)
	}
	if yes && verb != "down" && verb != "down-to" {
		return errors.New("--yes goes with down and down-to only; " + migrateUsage)
	}
	store, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	switch verb {
	case "status":
		return migrateStatus(ctx, store, stdout)
	case "down":
		plan, err := store.Schema().PlanDown(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", store.Location(), err)
		}
		return undo(ctx, store, plan, "web migrate down", yes, stdout)
	case "down-to":
		version, err := strconv.Atoi(words[1])
		if err != nil || version < 0 {
			return fmt.Errorf("migrate down-to: VERSION must be a number ≥ 0, got %q", words[1])
		}
		plan, err := store.Schema().PlanDownTo(ctx, version)
		if err != nil {
			return fmt.Errorf("%s: %w", store.Location(), err)
		}
		return undo(ctx, store, plan, "web migrate down-to "+words[1], yes, stdout)
	}
	if err := migrateUp(ctx, store, cfg.logger(stdout)); err != nil {
		return err
	}
	if err := store.CheckSchema(ctx); err != nil {
		return fmt.Errorf("%s: %w", store.Location(), err)
	}
	return nil
}

// undo prints the plan, and carries it out when the operator said --yes.
func undo(ctx context.Context, store *models.Store, plan migrations.Plan, command string, yes bool, stdout io.Writer) error {
	fmt.Fprintf(stdout, "database: %s, schema at %s\n", store.Location(), version(plan.From))
	if len(plan.Steps) == 0 {
		fmt.Fprintln(stdout, "nothing to undo")
		return nil
	}
	if !yes {
		fmt.Fprint(stdout, plan.Describe("would undo"))
		fmt.Fprintf(stdout, "Nothing was changed. Take a backup first (README, \"Backup and restore\"), then: %s --yes\n", command)
		return fmt.Errorf("%s refused without --yes; nothing was changed", strings.TrimPrefix(command, "web "))
	}
	fmt.Fprint(stdout, plan.Describe("undoing"))
	if err := store.Schema().Undo(ctx, plan); err != nil {
		return fmt.Errorf("%s: %w", store.Location(), err)
	}
	fmt.Fprintf(stdout, "undone: the schema is at %s. Instances of this release now answer /readyz with 503, "+
		"and one that starts applies the migrations again (with empty tables): run the release that matches %s.\n",
		version(plan.To), version(plan.To))
	return nil
}

// migrateStatus prints each migration and whether the database has it,
// without changing anything.
func migrateStatus(ctx context.Context, store *models.Store, stdout io.Writer) error {
	status, err := store.Schema().Status(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", store.Location(), err)
	}
	fmt.Fprintf(stdout, "database: %s\n", store.Location())
	pending, unknown := 0, 0
	for _, m := range status {
		state := "pending"
		switch {
		case m.Unknown:
			unknown++
			state = "applied, unknown to this binary (a newer release applied it)"
		case m.Applied && m.AppliedAt.IsZero():
			state = "applied"
		case m.Applied:
			state = "applied " + m.AppliedAt.UTC().Format("2006-01-02 15:04:05 UTC")
		default:
			pending++
		}
		fmt.Fprintf(stdout, "%04d  %-24s  %s\n", m.Version, m.Name, state)
	}
	fmt.Fprintf(stdout, "%d migrations, %d pending", len(status)-unknown, pending)
	if unknown > 0 {
		fmt.Fprintf(stdout, ", %d unknown to this binary", unknown)
	}
	fmt.Fprintln(stdout)
	return nil
}

func version(v int) string {
	if v == 0 {
		return "0 (no migration applied)"
	}
	return fmt.Sprintf("%04d", v)
}

// parseInterspersed parses flags that may come before, between or after the
// words of a command ("down-to 7 --yes") and returns the words.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return words, nil
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
