// Package handlers is gyoryu's HTTP surface: the route table, the middleware,
// and one file per area that parses requests, calls the store and renders views.
package handlers

import (
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/static"
)

// Config is what the handlers need to know about the deployment.
type Config struct {
	Demo         bool                 // demo mode: show the 데모 banner
	Sessions     models.SessionLimits // idle and absolute session lifetimes
	CookieSecure bool                 // mark cookies Secure and send HSTS (served over HTTPS)
	TrustProxy   bool                 // take the client address from X-Forwarded-For
	BodyLimit    string               // largest request body, e.g. "1M"
	Metrics      *Metrics             // where requests, logins and imports are counted; nil: a private registry
	// PublicRecheck is how long a read of the public version stays good for
	// the public pages of this instance; 0 reads it for every request (one
	// read shared by the requests that arrive while it runs).
	PublicRecheck time.Duration
	// MailOn says that notifications are mailed (SMTP_URL is set); the 알림 page says so when not.
	MailOn bool
	// SecondFactorRoles must sign in with a second factor (TOTP), enrolling at
	// their next sign-in if they have none; nil: nobody must (anyone enrolled
	// is still asked). cmd/web sets it from MFA_ROLES (default admin,reviewer).
	SecondFactorRoles []models.Role
	// LongWaitDays: administrators are shown submitted nominations waiting longer than this; 0: models.DefaultLongWaitDays.
	LongWaitDays int
	// AccessRetention is how long access records are kept (ACCESS_LOG_RETENTION), shown on the 접속기록 page; 0: two years.
	AccessRetention time.Duration
	// BaseURL is the app's public address (BASE_URL), which makes the public
	// pages' hreflang links absolute; empty: they are paths.
	BaseURL string
}

// withDefaults fills what a caller left unset.
func (c Config) withDefaults() Config {
	if c.Sessions.Idle == 0 {
		c.Sessions.Idle = 30 * 60e9
	}
	if c.Sessions.Absolute == 0 {
		c.Sessions.Absolute = 12 * 3600e9
	}
	if c.AccessRetention == 0 {
		c.AccessRetention = models.AccessRecordsRetention
	}
	if c.BodyLimit == "" {
		c.BodyLimit = "1M"
	}
	if c.Metrics == nil {
		c.Metrics = NewMetrics(prometheus.NewRegistry())
	}
	return c
}

// Handlers holds the dependencies every handler uses.
type Handlers struct {
	store   *models.Store
	assets  *static.Assets
	log     *slog.Logger
	cfg     Config
	metrics *Metrics
	access  map[string]models.Action // each route's access rule, by route name
	// imports holds the one spreadsheet import this instance reads at a time.
	imports chan struct{}
	site    *publicSite
	// reportPages keeps the body of the kept evaluation reports' pages.
	reportPages reportPages
}

// New builds the handlers from their dependencies.
func New(store *models.Store, assets *static.Assets, log *slog.Logger, cfg Config) *Handlers {
	cfg = cfg.withDefaults()
	h := &Handlers{store: store, assets: assets, log: log, cfg: cfg, metrics: cfg.Metrics, access: map[string]models.Action{},
		imports: make(chan struct{}, 1), site: newPublicSite(store, cfg.PublicRecheck)}
	for _, r := range h.Routes() {
		h.access[r.Name] = r.Access
	}
	return h
}
