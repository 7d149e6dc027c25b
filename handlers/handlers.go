// Package handlers is gyoryu's HTTP surface: the route table, the middleware,
// and one file per area that parses requests, calls the store and renders views.
package handlers

import (
	"log/slog"

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
}

// withDefaults fills what a caller left unset.
func (c Config) withDefaults() Config {
	if c.Sessions.Idle == 0 {
		c.Sessions.Idle = 30 * 60e9
	}
	if c.Sessions.Absolute == 0 {
		c.Sessions.Absolute = 12 * 3600e9
	}
	if c.BodyLimit == "" {
		c.BodyLimit = "1M"
	}
	return c
}

// Handlers holds the dependencies every handler uses.
type Handlers struct {
	store  *models.Store
	assets *static.Assets
	log    *slog.Logger
	cfg    Config
	access map[string]models.Action // each route's access rule, by route name
}

// New builds the handlers from their dependencies.
func New(store *models.Store, assets *static.Assets, log *slog.Logger, cfg Config) *Handlers {
	h := &Handlers{store: store, assets: assets, log: log, cfg: cfg.withDefaults(), access: map[string]models.Action{}}
	for _, r := range h.Routes() {
		h.access[r.Name] = r.Access
	}
	return h
}
