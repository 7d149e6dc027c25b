package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// defaultPublicRecheck bounds how late another instance's change shows on this
// one (this instance's own changes show at once): under a spike the public
// version is read at most this often, not once per request.
const defaultPublicRecheck = 50 * time.Millisecond

// config is the app's configuration, read from the environment and then flags.
type config struct {
	DatabaseURL string
	SQLitePath  string
	Addr        string
	MetricsAddr string
	DBMaxConns  int
	Demo        bool
	LogFormat   string
	SessionIdle time.Duration
	SessionMax  time.Duration
	// SessionIdlePersonal: the shorter idle limit of accounts that handle personal data.
	SessionIdlePersonal time.Duration
	CookieSec           bool
	TrustProxy          bool
	// PublicRecheck: how long this instance trusts its last read of the public
	// version; 0 reads it for each public request (shared by concurrent ones).
	PublicRecheck time.Duration
	// Mail: the SMTP relay (empty: no mail), the From address, and the app's
	// public address that mails link to.
	SMTPURL  string
	MailFrom string
	BaseURL  string
	// LongWaitDays: administrators see submitted nominations waiting longer than this.
	LongWaitDays int
	// AccessRetention: how long access records (접속기록) are kept; at least two years.
	AccessRetention time.Duration
	// MFARoles must sign in with a second factor (MFA_ROLES).
	MFARoles []models.Role
}

// parseConfig reads the environment, lets flags override it, and checks the result.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (config, *flag.FlagSet, error) {
	return parseConfigWith(name, args, getenv, stderr, nil)
}

// parseConfigWith is parseConfig with extra flags of a subcommand.
func parseConfigWith(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (config, *flag.FlagSet, error) {
	cfg, fs, err := newConfig(name, getenv, stderr, extra)
	if err != nil {
		return *cfg, nil, err
	}
	if err := fs.Parse(args); err != nil {
		return *cfg, fs, err
	}
	return *cfg, fs, cfg.check()
}

// newConfig reads the environment and declares the flags that override it,
// into the config it returns; the caller parses the flags, then checks.
func newConfig(name string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (*config, *flag.FlagSet, error) {
	cfg := &config{
		DatabaseURL: getenv("DATABASE_URL"),
		SQLitePath:  envOr(getenv, "SQLITE_PATH", "data/gyoryu.db"),
		Addr:        envOr(getenv, "ADDR", "127.0.0.1:8080"),
		MetricsAddr: getenv("METRICS_ADDR"),
		LogFormat:   envOr(getenv, "LOG_FORMAT", "text"),
		SMTPURL:     getenv("SMTP_URL"),
		MailFrom:    getenv("MAIL_FROM"),
		BaseURL:     getenv("BASE_URL"),
	}
	for _, b := range []struct {
		key string
		dst *bool
	}{{"DEMO", &cfg.Demo}, {"COOKIE_SECURE", &cfg.CookieSec}, {"TRUST_PROXY", &cfg.TrustProxy}} {
		if v := getenv(b.key); v != "" {
			var err error
			if *b.dst, err = strconv.ParseBool(v); err != nil {
				return cfg, nil, fmt.Errorf("%s must be 1 or 0, got %q", b.key, v)
			}
		}
	}
	for _, d := range []struct {
		key      string
		dst      *time.Duration
		fallback time.Duration
	}{{"SESSION_IDLE", &cfg.SessionIdle, 30 * time.Minute}, {"SESSION_MAX", &cfg.SessionMax, 12 * time.Hour},
		{"SESSION_IDLE_PERSONAL", &cfg.SessionIdlePersonal, 15 * time.Minute}} {
		*d.dst = d.fallback
		if v := getenv(d.key); v != "" {
			var err error
			if *d.dst, err = time.ParseDuration(v); err != nil || *d.dst <= 0 {
				return cfg, nil, fmt.Errorf("%s must be a duration such as 30m or 12h, got %q", d.key, v)
			}
		}
	}
	if v := getenv("DB_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return cfg, nil, fmt.Errorf("DB_MAX_CONNS must be a number ≥ 1, got %q", v)
		}
		cfg.DBMaxConns = n
	}
	cfg.LongWaitDays = models.DefaultLongWaitDays
	if v := getenv("NOMINATION_WAIT_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return cfg, nil, fmt.Errorf("NOMINATION_WAIT_DAYS must be a number of days ≥ 1, got %q", v)
		}
		cfg.LongWaitDays = n
	}
	cfg.AccessRetention = models.AccessRecordsRetention
	if v := getenv("ACCESS_LOG_RETENTION"); v != "" {
		var err error
		if cfg.AccessRetention, err = parseRetention(v); err != nil {
			return cfg, nil, fmt.Errorf("ACCESS_LOG_RETENTION %w", err)
		}
	}
	var err error
	if cfg.MFARoles, err = mfaRoles(getenv("MFA_ROLES"), cfg.Demo); err != nil {
		return cfg, nil, err
	}
	cfg.PublicRecheck = defaultPublicRecheck
	if v := getenv("PUBLIC_RECHECK"); v != "" {
		var err error
		if cfg.PublicRecheck, err = time.ParseDuration(v); err != nil || cfg.PublicRecheck < 0 {
			return cfg, nil, fmt.Errorf("PUBLIC_RECHECK must be a duration such as 0s or 200ms, got %q", v)
		}
	}
	fs := flag.NewFlagSet("web "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	// Its default comes from DATABASE_URL and is printed by -h (and after any
	// bad flag): shown with the password masked.
	fs.Var((*secretURL)(&cfg.DatabaseURL), "database-url", "PostgreSQL URL (`DATABASE_URL`); empty: embedded SQLite")
	fs.StringVar(&cfg.SQLitePath, "sqlite-path", cfg.SQLitePath, "embedded SQLite file (`SQLITE_PATH`)")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (`ADDR`)")
	fs.StringVar(&cfg.MetricsAddr, "metrics-addr", cfg.MetricsAddr, "listen address of /metrics (`METRICS_ADDR`); empty: no metrics")
	fs.IntVar(&cfg.DBMaxConns, "db-max-conns", cfg.DBMaxConns, "PostgreSQL connections per instance (`DB_MAX_CONNS`; 0: 10)")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "demo mode: seed an empty database (DEMO=1)")
	fs.StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "log format, text or json (`LOG_FORMAT`)")
	fs.DurationVar(&cfg.SessionIdle, "session-idle", cfg.SessionIdle, "sign out after this long idle (`SESSION_IDLE`)")
	fs.DurationVar(&cfg.SessionIdlePersonal, "session-idle-personal", cfg.SessionIdlePersonal, "sign out accounts that handle personal data after this long idle (`SESSION_IDLE_PERSONAL`)")
	fs.DurationVar(&cfg.SessionMax, "session-max", cfg.SessionMax, "sign out this long after sign-in (`SESSION_MAX`)")
	fs.BoolVar(&cfg.CookieSec, "cookie-secure", cfg.CookieSec, "mark cookies Secure and send HSTS (COOKIE_SECURE=1)")
	fs.BoolVar(&cfg.TrustProxy, "trust-proxy", cfg.TrustProxy, "take client addresses from X-Forwarded-For (TRUST_PROXY=1)")
	fs.DurationVar(&cfg.PublicRecheck, "public-recheck", cfg.PublicRecheck, "trust the last read of the public version this long (`PUBLIC_RECHECK`); 0: every request")
	fs.IntVar(&cfg.LongWaitDays, "nomination-wait-days", cfg.LongWaitDays, "administrators see nominations waiting longer than this many days for a decision (`NOMINATION_WAIT_DAYS`)")
	fs.StringVar(&cfg.SMTPURL, "smtp-url", cfg.SMTPURL, "SMTP relay for notification mail (`SMTP_URL`), e.g. smtp://user:pass@relay:587; empty: no mail")
	fs.StringVar(&cfg.MailFrom, "mail-from", cfg.MailFrom, "From address of notification mail (`MAIL_FROM`)")
	fs.StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "the app's public address, for links in mail (`BASE_URL`)")
	fs.Func("access-log-retention", "keep access records this long, e.g. 2y or 1000d (`ACCESS_LOG_RETENTION`; default and least: 2y)", func(v string) error {
		d, err := parseRetention(v)
		cfg.AccessRetention = d
		return err
	})
	if extra != nil {
		extra(fs)
	}
	return cfg, fs, nil
}

// mfaRoles reads MFA_ROLES: roles separated by commas, or "none". Unset, it
// is admin,reviewer, the roles that see exchangees' personal data across
// ministries; in demo mode none, so that the demo accounts are not made to
// enrol (anyone may still enrol from 2단계 인증).
func mfaRoles(v string, demo bool) ([]models.Role, error) {
	switch strings.TrimSpace(v) {
	case "":
		if demo {
			return nil, nil
		}
		return []models.Role{models.RoleAdmin, models.RoleReviewer}, nil
	case "none":
		return nil, nil
	}
	var roles []models.Role
	for _, r := range strings.Split(v, ",") {
		role := models.Role(strings.TrimSpace(r))
		if !role.Valid() {
			return nil, fmt.Errorf("MFA_ROLES must be roles separated by commas (admin, reviewer, coordinator) or none, got %q", v)
		}
		roles = append(roles, role)
	}
	return roles, nil
}

// check refuses a configuration that cannot work, in one line.
func (c config) check() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("ADDR must be host:port, got %q", c.Addr)
	}
	if _, _, err := net.SplitHostPort(c.MetricsAddr); c.MetricsAddr != "" && err != nil {
		return fmt.Errorf("METRICS_ADDR must be host:port, got %q", c.MetricsAddr)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return errors.New("LOG_FORMAT must be text or json")
	}
	return nil
}

// parseRetention reads a retention period: years (2y), days (1000d) or a Go
// duration (17520h); access records are kept at least two years.
func parseRetention(v string) (time.Duration, error) {
	var d time.Duration
	n, err := strconv.Atoi(strings.TrimRight(v, "yd"))
	switch {
	case err == nil && strings.HasSuffix(v, "y") && n > 0:
		d = time.Duration(n) * 365 * 24 * time.Hour
	case err == nil && strings.HasSuffix(v, "d") && n > 0:
		d = time.Duration(n) * 24 * time.Hour
	default:
		if d, err = time.ParseDuration(v); err != nil {
			return 0, fmt.Errorf("must be a period such as 2y, 1000d or 17520h, got %q", v)
		}
	}
	if d < models.AccessRecordsRetention {
		return 0, fmt.Errorf("must be at least two years (2y, 개인정보의 안전성 확보조치 기준), got %q", v)
	}
	return d, nil
}

// secretURL is a flag holding a database URL whose password is never printed
// (flag's usage shows a flag's default through String).
type secretURL string

func (u *secretURL) Set(v string) error { *u = secretURL(v); return nil }

func (u *secretURL) String() string {
	if u == nil || *u == "" {
		return ""
	}
	return models.RedactURL(string(*u))
}

func envOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}

func (c config) logger(w io.Writer) *slog.Logger {
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
