// Command load drives a gyoryu server with simulated people, then checks the
// database against what the server answered. It talks to loopback addresses only
// and stops by itself (-duration, -max-requests, -until).
//
//	go run ./cmd/load -app bin/web -database-url postgres://… [-clients 100 -duration 60s]
//
// With -app it starts that binary (web serve, demo data) on a free loopback port
// and stops it with SIGTERM at the end; with -base it uses a running server.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

type options struct {
	base, app, databaseURL, logPath string
	sqlitePath                      string
	backup                          bool
	clients, tasks, maxRequests     int
	nominationPairs                 int
	duration, think, timeout        time.Duration
	fault                           string
	burst                           int
	until                           []string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.StringVar(&o.base, "base", "", "URL of a running server (loopback only)")
	fs.StringVar(&o.app, "app", "", "the web binary to start instead (web serve with DEMO=1)")
	fs.StringVar(&o.databaseURL, "database-url", os.Getenv("TEST_DATABASE_URL"), "the server's PostgreSQL, for set-up and checks")
	fs.StringVar(&o.logPath, "app-log", "", "where the started server's log goes (default: a temp file)")
	fs.IntVar(&o.clients, "clients", 100, "simulated people at once")
	fs.DurationVar(&o.duration, "duration", 60*time.Second, "how long the load runs (at most 10m)")
	fs.DurationVar(&o.think, "think", 250*time.Millisecond, "mean pause between one person's requests")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "a request's time limit")
	fs.IntVar(&o.maxRequests, "max-requests", 1_000_000, "stop after this many requests")
	fs.Func("until", "stop once every one of these kinds (comma-separated, e.g. login,task.save) has been answered", func(v string) error {
		o.until = strings.Split(v, ",")
		return nil
	})
	fs.IntVar(&o.tasks, "tasks", 20, "tasks the coordinators edit")
	fs.IntVar(&o.nominationPairs, "nomination-pairs", 300, "selected pairs whose positions the coordinators nominate exchangees into")
	fs.StringVar(&o.sqlitePath, "sqlite-path", "", "run the started server on this SQLite file instead of PostgreSQL")
	fs.BoolVar(&o.backup, "backup", false, "back up under load and after it, restore each copy, serve it and compare (needs -app)")
	fs.IntVar(&o.burst, "burst", 0, "this many more people sign in at once halfway through the run: their pages' p99 during the burst is compared with before it")
	fs.StringVar(&o.fault, "fault", "", "a fault during the run: pg-stop, sigterm or read-only (see faults.go)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.duration <= 0 || o.duration > 10*time.Minute || o.clients < 4 || o.clients > 1000 {
		return errors.New("-duration must be in (0, 10m] and -clients in [4, 1000]")
	}
	dbOpts := models.OpenOptions{DatabaseURL: o.databaseURL}
	if o.sqlitePath != "" {
		dbOpts = models.OpenOptions{SQLitePath: o.sqlitePath}
	}
	if dbOpts.DatabaseURL == "" && dbOpts.SQLitePath == "" {
		return errors.New("-database-url (or TEST_DATABASE_URL) or -sqlite-path is needed to set up and check the run")
	}
	if (o.backup || o.fault != "" || o.sqlitePath != "") && o.app == "" {
		return errors.New("-backup, -fault and -sqlite-path need -app: the harness must own the server")
	}
	var app *server
	if o.app != "" {
		var err error
		if app, err = startServer(ctx, o.app, dbOpts, o.logPath); err != nil {
			return err
		}
		defer app.kill()
		o.base = app.base
	}
	if err := loopbackOnly(o.base); err != nil {
		return err
	}
	store, err := models.Open(ctx, dbOpts)
	if err != nil {
		return err
	}
	defer store.Close()
	if o.nominationPairs < 10 || o.nominationPairs > 2000 {
		return errors.New("-nomination-pairs must be in [10, 2000]")
	}
	fx, err := prepare(ctx, store, o.tasks, o.nominationPairs)
	if err != nil {
		return err
	}
	if o.burst < 0 || o.burst > 1000 {
		return errors.New("-burst must be in [0, 1000]")
	}
	if fx.people, err = makePeople(ctx, store, []string{"admin", "moel", "mss", "reviewer"}, o.clients+o.burst); err != nil {
		return err
	}

	rec, led := &recorder{}, &ledger{}
	var copies []backupCopy
	var backupErr error
	backupDir, err := os.MkdirTemp("", "gyoryu-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(backupDir)
	backupDone := make(chan struct{})
	if !o.backup {
		close(backupDone)
	} else {
		go func() {
			defer close(backupDone)
			time.Sleep(o.duration / 2)
			var b backupCopy
			b, backupErr = takeBackup(o, backupDir, "load")
			copies = append(copies, b)
		}()
	}
	elapsed, faultReport, burst, err := drive(ctx, o, fx, rec, led, app)
	<-backupDone
	if err != nil {
		return err
	}
	samples := rec.all()
	fmt.Fprintf(out, "load: %d clients for %s (think %s) against %s\n", o.clients, elapsed.Round(time.Second), o.think, o.base)
	printStats(out, summarise(samples, elapsed), elapsed)
	printSlow(out, samples, 100*time.Millisecond)
	if o.burst > 0 {
		printBurst(out, samples, burst, o.burst)
	}
	var problems []string
	if faultReport != nil {
		problems = append(problems, faultReport(out, samples)...)
	} else {
		busy := 0
		for _, s := range samples {
			if s.busy {
				busy++ // told to come back: the sign-in tries again (see coordinators)
				continue
			}
			if s.status >= 500 || s.status == 0 {
				problems = append(problems, fmt.Sprintf("%s answered %d after %s", s.kind, s.status, ms(s.took)))
			}
		}
	}
	if app != nil && o.fault != "sigterm" {
		if err := app.stop(); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if o.fault == "read-only" {
		for i, wr := range led.writes {
			if wr.status == http.StatusServiceUnavailable {
				led.writes[i].outcome = "rejected" // refused by a read-only database: must have left nothing
			}
		}
	}
	problems = append(problems, verify(context.Background(), out, store, fx, led.writes)...)
	if o.backup {
		quiet, err := takeBackup(o, backupDir, "quiet")
		if err != nil || backupErr != nil || len(copies) != 1 {
			return fmt.Errorf("backup: %v %v", err, backupErr)
		}
		problems = append(problems, checkBackup(ctx, out, o, store, copies[0], false)...)
		problems = append(problems, checkBackup(ctx, out, o, store, quiet, true)...)
	}
	for i, p := range problems {
		if i == 20 {
			fmt.Fprintf(out, "  … and %d more\n", len(problems)-20)
			break
		}
		fmt.Fprintln(out, "  problem:", p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("FAILED: %d problems", len(problems))
	}
	fmt.Fprintln(out, "load: OK (no 5xx outside the fault, every acknowledged write present once, rejected writes left nothing)")
	return nil
}

// drive runs the simulated people until the duration or the request bound is
// reached, or every kind named by -until has been answered.
func drive(ctx context.Context, o options, fx fixture, rec *recorder, led *ledger, app *server) (time.Duration, func(io.Writer, []sample) []string, *burstWindow, error) {
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	transport := &http.Transport{MaxIdleConnsPerHost: o.clients * 2, IdleConnTimeout: 30 * time.Second}
	defer transport.CloseIdleConnections()
	go func() { // the count bound and -until
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				n, driven := rec.count(o.until)
				if n >= o.maxRequests || (len(o.until) > 0 && driven) {
					cancel()
				}
			}
		}
	}()
	var faultReport func(io.Writer, []sample) []string
	var faultErr error
	var faults sync.WaitGroup
	if o.fault != "" {
		faults.Add(1)
		go func() {
			defer faults.Done()
			faultReport, faultErr = inject(ctx, o, app)
		}()
	}
	client := func() *vclient {
		c := newClient(o.base, transport, rec, o.timeout)
		c.people = fx.people
		return c
	}
	// Of the people: 40% the public, 10% the programme office, 10% coordinators
	// nominating (each pair of them two clients), 5% reviewers, the rest
	// coordinators keeping tasks and proposals (two clients each too).
	readers, overseers := o.clients*4/10, max(1, o.clients/10)
	nominating, reviewing := max(1, o.clients/20), max(1, o.clients/20)
	rampUp := min(10*time.Second, o.duration/4)
	var wg sync.WaitGroup
	start := time.Now()
	var burst *burstWindow
	if o.burst > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			burst = signInBurst(ctx, o.duration/2, o.burst, client, fx)
		}()
	}
	for i := range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// People arrive over the first seconds, not all in the same millisecond.
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Duration(i) * rampUp / time.Duration(o.clients)):
			}
			switch {
			case i < readers:
				reader(ctx, client(), o.think)
			case i < readers+overseers:
				overseer(ctx, client(), fx, o.think)
			case i < readers+overseers+nominating:
				nominators(ctx, i, client(), client(), fx, led, o.think)
			case i < readers+overseers+nominating+reviewing:
				reviewer(ctx, i, client(), fx, led, o.think)
			default:
				coordinators(ctx, i, client(), client(), fx, led, o.think)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	faults.Wait()
	return elapsed, faultReport, burst, faultErr
}

// loopbackOnly refuses any target that is not this machine's loopback.
func loopbackOnly(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-base must be a URL such as http://127.0.0.1:8080, got %q", base)
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address: load runs against this machine only", u.Host)
		}
	}
	return nil
}
