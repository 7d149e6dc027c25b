// Command web is gyoryu: the web app of Korea's strategic personnel exchange.
//
//	web [serve]       run the web server (default); creates a new SQLite file, applies migrations
//	web migrate       apply the schema migrations (status; down, down-to N: print what they drop, --yes to do it)
//	web seed          load the programme's published data (--years N: synthetic years for measurements)
//	web backup FILE   copy the SQLite database while it runs, and check the copy
//	web user create   create an account (the first administrator)
//	web demo remove   take the demo accounts out of a database
//	web healthcheck   exit 0 when the server at ADDR answers /healthz
//	web erase-contacts  erase exchangees' contact details past the retention period
//
// Every command but serve refuses a SQLite file that does not exist, and says
// which database it used.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return // "web serve -h" printed its flags
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
}

// run is the whole program, with its inputs passed in so tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		cmd = "help"
	} else if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, args, getenv, stdout, stderr)
	case "seed":
		return seed(ctx, args, getenv, stdout, stderr)
	case "backup":
		return backupCommand(ctx, args, getenv, stdout, stderr)
	case "user":
		return userCommand(ctx, args, getenv, stdin, stdout, stderr)
	case "healthcheck":
		return healthcheck(ctx, args, getenv, stderr)
	case "erase-contacts":
		return eraseContacts(ctx, args, getenv, stdout, stderr)
	case "prune-access-log":
		return pruneAccessLog(ctx, args, getenv, stdout, stderr)
	case "demo":
		return demoCommand(ctx, args, getenv, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q (try: web help)", cmd)
}

const usage = `web — gyoryu, the strategic personnel exchange (전략적 인사교류) web app

Commands (each says which database it used; all but serve refuse a SQLite file that does not exist):
  web serve         run the web server (the default): creates the SQLite file if missing, applies pending
                    migrations, and refuses a database whose demo accounts do not fit DEMO
  web migrate       apply the pending schema migrations (goose)
  web migrate status          list every migration, applied (when) or pending
  web migrate down [--yes]    undo the newest applied migration
  web migrate down-to N [--yes]  undo every applied migration after version N (0: all)
                    down and down-to print each step with the tables, columns and rows it drops, and
                    without --yes change nothing; neither applies a pending migration first
  web seed          load the programme's published data (idempotent)
  web seed --years N [--scale F] [--onto-existing]
                    write N synthetic years for measurements (issue 25): two rounds, 200 pairs, 2,000
                    tasks with outcomes, 1,000 nominations with histories, four evaluation cycles, 100,000
                    audit events and 100,000 access records a year (--scale 0.01: a hundredth of the pairs
                    and events). Made-up people ("가상 교류자 00001") and rounds ("… (가상)") on the real
                    ministries, made by the demo accounts, which it creates: serve the result with DEMO=1.
                    Makes a missing SQLite file and migrates; refuses a database with accounts of its own
                    or synthetic years already, and one that is not empty without --onto-existing.
                    Dated in the N years up to the end of 2026; the same N and F write the same rows;
                    ten years take a few minutes.
  web backup FILE   copy the SQLite database to FILE while the app runs (VACUUM INTO), then check the
                    copy: same tables, same rows; PostgreSQL: use pg_dump (README, "Backup and restore")
  web user create   create an account: --role admin --login NAME [--name NAME] [--ministry CODE];
                    the password is read from standard input
  web demo remove [--yes]  delete the demo accounts (or deactivate, without a password, those that
                    records name); without --yes list them
  web healthcheck   exit 0 when the server at ADDR answers /healthz (for container health checks)
  web erase-contacts  erase exchangees' phone and e-mail CONTACT_RETENTION_DAYS (default 365) days
                    after their return, audited; schedule it daily
  web prune-access-log  delete access records (접속기록) older than ACCESS_LOG_RETENTION (default and
                    least 2y), the one delete the database lets through; schedule it daily

Configuration (environment variable, or the flag of the same name in lower case):
  DATABASE_URL   -database-url   postgres://user:pass@host:5432/db?sslmode=disable
                                 empty: the embedded SQLite file at SQLITE_PATH
  SQLITE_PATH    -sqlite-path    the embedded database file (default data/gyoryu.db)
  ADDR           -addr           listen address (default 127.0.0.1:8080)
  METRICS_ADDR   -metrics-addr   listen address of the Prometheus /metrics, apart from ADDR
                                 (e.g. 0.0.0.0:9090); empty: no metrics
  DEMO           -demo           1: demo mode; seed the programme data on an empty database,
                                 create the demo accounts (published password), show the 데모 banner
  DB_MAX_CONNS   -db-max-conns   PostgreSQL connections per instance, open and kept idle (default 10)
  LOG_FORMAT     -log-format     text or json (default text)
  SESSION_IDLE   -session-idle   sign out after this long idle (default 30m)
  SESSION_MAX    -session-max    sign out this long after sign-in (default 12h)
  SESSION_IDLE_PERSONAL -session-idle-personal  sign out accounts that may reveal exchangees'
                                 contact details after this long idle (default 15m)
  COOKIE_SECURE  -cookie-secure  1: cookies only over HTTPS, and HSTS (set it behind TLS)
  TRUST_PROXY    -trust-proxy    1: client address from X-Forwarded-For (behind a reverse proxy)
  SMTP_URL       -smtp-url       the relay notification mail goes through: smtp://user:pass@host:587
                                 (STARTTLS), smtps://…:465, smtp://127.0.0.1:1025?tls=none (this
                                 machine only); empty: no mail (the 알림 page still shows everything)
  MAIL_FROM      -mail-from      the From of notification mail (needed with SMTP_URL)
  BASE_URL       -base-url       the app's public address, which mails link to (needed with SMTP_URL)
  NOMINATION_WAIT_DAYS -nomination-wait-days  administrators see nominations waiting longer
                                 than this for a decision (default 14)
  ACCESS_LOG_RETENTION -access-log-retention  keep access records this long: 2y, 1000d
                                 (default and least 2y)
  MFA_ROLES                      roles that sign in with a second factor (TOTP), separated by
                                 commas, or none (default admin,reviewer; in demo mode none)

Run "web COMMAND -h" for a command's flags.
`
