// Package notify delivers the app's notifications: it writes the reminders
// whose time has come and sends the outbox (the notifications table) as e-mail
// through an SMTP relay, at least once, from every instance of the web process
// at once without sending a mail twice (each mail is claimed by one instance).
package notify

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	gomail "github.com/wneessen/go-mail"

	"github.com/gyoryu/gyoryu/models"
)

// Config is how the sender works; zero values take the defaults.
type Config struct {
	// Relay is the SMTP server; nil sends nothing (the 알림 page still works
	// and reminders are still written).
	Relay *Relay
	From  string // the From address, e.g. "전략적 인사교류 <noreply@gyoryu.go.kr>"
	// BaseURL is the app's public address; mails link to BaseURL + a record's path.
	BaseURL string
	// RecordPath is the path of a notification's record page.
	RecordPath func(recordType string, id int64) string
	// NotificationsPath is the path of the 알림 page.
	NotificationsPath string

	Interval         time.Duration // how often the outbox is read (default 10 s)
	ReminderInterval time.Duration // how often reminders are looked for (default 10 min)
	RetryBase        time.Duration // the pause after a first failure, doubled after each (default 1 min)
	RetryMax         time.Duration // the longest pause (default 1 h)
	MaxAttempts      int           // then the mail is given up (default 12: about half a day)
	Lease            time.Duration // how long a claimed mail is this instance's (default 5 min)
	Timeout          time.Duration // one SMTP conversation (default 30 s)
	Batch            int           // notifications claimed at once (default 50)
	DigestHour       int           // the hour (Seoul) of the daily digest (default 8)
	MaxAge           time.Duration // pending notifications older than this are not mailed (default 3 days)
	Log              *slog.Logger
	// Metrics, when set, gets gyoryu_mails_total{outcome="sent"|"retried"|"failed"}.
	Metrics prometheus.Registerer
}

func (c Config) withDefaults() Config {
	c.Interval = cmp.Or(c.Interval, 10*time.Second)
	c.ReminderInterval = cmp.Or(c.ReminderInterval, 10*time.Minute)
	c.RetryBase = cmp.Or(c.RetryBase, time.Minute)
	c.RetryMax = cmp.Or(c.RetryMax, time.Hour)
	c.MaxAttempts = cmp.Or(c.MaxAttempts, 12)
	c.Lease = cmp.Or(c.Lease, 5*time.Minute)
	c.Timeout = cmp.Or(c.Timeout, 30*time.Second)
	c.Batch = cmp.Or(c.Batch, 50)
	c.DigestHour = cmp.Or(c.DigestHour, 8)
	c.MaxAge = cmp.Or(c.MaxAge, 72*time.Hour)
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// Sender writes reminders and delivers mail.
type Sender struct {
	store *models.Store
	cfg   Config
	base  *url.URL
	host  string // the Message-ID's right side
	now   func() time.Time
	mails *prometheus.CounterVec
}

// New makes a sender; with a relay it needs BaseURL and From.
func New(store *models.Store, cfg Config) (*Sender, error) {
	cfg = cfg.withDefaults()
	s := &Sender{store: store, cfg: cfg, now: time.Now, host: "gyoryu.invalid",
		mails: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "gyoryu_mails_total",
			Help: "Notification mails, by outcome: sent, retried (a failed attempt to be tried again) or failed (given up)."}, []string{"outcome"})}
	for _, o := range []string{"sent", "retried", "failed"} {
		s.mails.WithLabelValues(o) // zeros before the first mail
	}
	if cfg.Metrics != nil {
		if err := cfg.Metrics.Register(s.mails); err != nil {
			return nil, err
		}
	}
	if cfg.Relay == nil {
		return s, nil
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("BASE_URL must be the app's address, e.g. https://gyoryu.example.go.kr, for the links in mails")
	}
	if cfg.From == "" {
		return nil, errors.New("MAIL_FROM must be set when SMTP_URL is, e.g. 전략적 인사교류 <noreply@example.go.kr>")
	}
	s.base, s.host = u, u.Hostname()
	return s, nil
}

// SetClock replaces the sender's clock (tests).
func (s *Sender) SetClock(now func() time.Time) { s.now = now }

// Run writes reminders and sends mail until ctx ends.
func (s *Sender) Run(ctx context.Context) {
	if s.cfg.Relay == nil {
		s.cfg.Log.Info("SMTP_URL is not set: notifications are not mailed (the 알림 page shows them)")
	} else {
		s.cfg.Log.Info("mailing notifications", "relay", s.cfg.Relay.String())
	}
	tick := time.NewTicker(s.cfg.Interval)
	defer tick.Stop()
	var lastReminders time.Time
	for {
		if now := s.now(); now.Sub(lastReminders) >= s.cfg.ReminderInterval {
			if _, err := s.Remind(ctx); err != nil && ctx.Err() == nil {
				s.cfg.Log.Warn("reminders not written", "error", err)
			} else {
				lastReminders = now
			}
		}
		if _, err := s.Deliver(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Log.Warn("mail not delivered", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Remind writes the reminders due now.
func (s *Sender) Remind(ctx context.Context) (int64, error) {
	n, err := s.store.QueueReminders(ctx, s.now())
	if n > 0 {
		s.cfg.Log.Info("reminders written", "count", n)
	}
	return n, err
}

// Report is what one round of delivery did.
type Report struct {
	Sent, Retried, Failed int
}

// Deliver claims the mails due now and sends them, until none is left or a
// round sends nothing; without a relay it does nothing.
func (s *Sender) Deliver(ctx context.Context) (Report, error) {
	var total Report
	if s.cfg.Relay == nil {
		return total, nil
	}
	for ctx.Err() == nil {
		r, claimed, err := s.deliverOnce(ctx)
		total.Sent, total.Retried, total.Failed = total.Sent+r.Sent, total.Retried+r.Retried, total.Failed+r.Failed
		s.mails.WithLabelValues("sent").Add(float64(r.Sent))
		s.mails.WithLabelValues("retried").Add(float64(r.Retried))
		s.mails.WithLabelValues("failed").Add(float64(r.Failed))
		if err != nil || claimed == 0 || r.Sent == 0 {
			return total, err
		}
	}
	return total, ctx.Err()
}

func (s *Sender) deliverOnce(ctx context.Context) (Report, int, error) {
	var r Report
	now := s.now()
	mails, err := s.store.ClaimMails(ctx, models.MailClaim{Now: now, Lease: s.cfg.Lease, Limit: s.cfg.Batch,
		DigestCutoff: digestCutoff(now, s.cfg.DigestHour), MaxAge: s.cfg.MaxAge})
	if err != nil || len(mails) == 0 {
		return r, 0, err
	}
	var ready []models.Mail
	msgs := make([]*gomail.Msg, 0, len(mails))
	for _, m := range mails {
		msg, err := s.message(m)
		if err != nil { // an address the relay would refuse as well: give up at once
			s.cfg.Log.Warn("mail not sent", "mail", m.ID, "error", err)
			r.Failed++
			if err := s.store.MailNotSent(ctx, m.ID, err.Error(), nil); err != nil {
				return r, len(mails), err
			}
			continue
		}
		ready = append(ready, m)
		msgs = append(msgs, msg)
	}
	outcomes := s.cfg.Relay.send(ctx, s.cfg.Timeout, msgs)
	for i, m := range ready {
		o := outcomes[i]
		switch {
		case o.err == nil:
			r.Sent++
			err = s.store.MailSent(ctx, m.ID)
		case o.temp && m.Attempt < s.cfg.MaxAttempts:
			r.Retried++
			at := now.Add(s.backoff(m.Attempt))
			s.cfg.Log.Info("mail to be tried again", "mail", m.ID, "attempt", m.Attempt, "at", at, "error", o.err)
			err = s.store.MailNotSent(ctx, m.ID, o.err.Error(), &at)
		default:
			r.Failed++
			s.cfg.Log.Warn("mail given up", "mail", m.ID, "attempt", m.Attempt, "error", o.err)
			err = s.store.MailNotSent(ctx, m.ID, o.err.Error(), nil)
		}
		if err != nil {
			return r, len(mails), err
		}
	}
	return r, len(mails), nil
}

// backoff is the pause after the attempt-th failure: RetryBase, doubled each
// time, at most RetryMax.
func (s *Sender) backoff(attempt int) time.Duration {
	d := s.cfg.RetryBase
	for i := 1; i < attempt && d < s.cfg.RetryMax; i++ {
		d *= 2
	}
	return min(d, s.cfg.RetryMax)
}

// digestCutoff is the latest digest time at or before now: today's hour in
// Seoul, or yesterday's before it.
func digestCutoff(now time.Time, hour int) time.Time {
	t := now.In(models.Seoul)
	cut := time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, models.Seoul)
	if cut.After(now) {
		cut = cut.AddDate(0, 0, -1)
	}
	return cut.UTC()
}
