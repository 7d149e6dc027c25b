package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/gyoryu/gyoryu/models"
)

// Demo mode (DEMO=1) creates accounts whose password is published in the
// README. They belong on a database of their own: an instance started without
// DEMO refuses a database where one of them is active, and one started with
// DEMO refuses a database of real accounts that holds none.

// demoOnlyWhenAsked refuses to serve a database whose accounts do not match the
// mode: published demo passwords outside demo mode, or demo mode on a
// database of real accounts.
func demoOnlyWhenAsked(ctx context.Context, store *models.Store, demo bool) error {
	accounts, err := store.DemoAccounts(ctx)
	if err != nil {
		return err
	}
	var active []string
	for _, a := range accounts {
		if a.Active {
			active = append(active, a.Login)
		}
	}
	if !demo && len(active) > 0 {
		return fmt.Errorf("%s holds %s (%s) that sign in with the password published in the README; "+
			"without DEMO=1 they are not served: remove them with web demo remove (first create your own administrator "+
			"with web user create if you have none), or start with DEMO=1 for a demo", store.Location(), plural(len(active), "demo account"), sample(active, 5))
	}
	if demo && len(active) == 0 {
		own, n, err := store.OwnAccounts(ctx, 5)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("DEMO=1 on %s, which holds %s of its own (%s): demo mode would add accounts with "+
				"a published password to it; run the demo on a database of its own (make run: a SQLite file)",
				store.Location(), plural(int(n), "account"), sample(own, 5))
		}
	}
	return nil
}

// seedDemo loads the programme data into an empty database and makes sure the
// demo accounts exist.
func seedDemo(ctx context.Context, store *models.Store, log *slog.Logger) error {
	empty, err := store.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		rep, err := store.Seed(ctx)
		if err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
		log.Info("demo mode: loaded the programme data", "records", rep.Total())
	}
	n, err := store.SeedDemoAccounts(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("demo mode: created demo accounts (their password is in the README)", "accounts", n)
	}
	return nil
}

// demoCommand takes the demo accounts out of a database:
//
//	web demo remove [--yes]
//
// Each is deleted, or deactivated without a password when records name it.
// Without --yes it lists them and changes nothing.
func demoCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "remove" {
		return errors.New("usage: web demo remove [--yes]")
	}
	var yes bool
	cfg, fs, err := parseConfigWith("demo remove", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&yes, "yes", false, "remove them; without it they are listed and nothing changes")
	})
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("usage: web demo remove [--yes]")
	}
	store, err := openCurrent(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	accounts, err := store.DemoAccounts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database: %s\n", store.Location())
	if len(accounts) == 0 {
		fmt.Fprintln(stdout, "no demo account")
		return nil
	}
	logins := make([]string, len(accounts))
	for i, a := range accounts {
		logins[i] = a.Login
	}
	if !yes {
		fmt.Fprintf(stdout, "%s: %s\n", plural(len(accounts), "demo account"), strings.Join(logins, ", "))
		fmt.Fprintln(stdout, "Nothing was changed. To delete them (or deactivate those that records name): web demo remove --yes")
		return errors.New("demo remove refused without --yes; nothing was changed")
	}
	rep, err := store.RemoveDemoAccounts(ctx)
	fmt.Fprintf(stdout, "deleted %s: %s\n", plural(len(rep.Deleted), "demo account"), strings.Join(rep.Deleted, ", "))
	fmt.Fprintf(stdout, "deactivated %d that records name, without a password or sessions: %s\n", len(rep.Deactivated), strings.Join(rep.Deactivated, ", "))
	if err != nil {
		return fmt.Errorf("%s: %w", store.Location(), err)
	}
	if n, err := store.ActiveAdministrators(ctx); err == nil && n == 0 {
		fmt.Fprintln(stdout, "No active administrator is left: create one with web user create --role admin --login NAME (README, \"Running on PostgreSQL\")")
	}
	return nil
}

// sample is the first n names, and how many more.
func sample(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// plural is "1 account", "2 accounts".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
