package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Healthz says the process is alive; it touches nothing else.
func (h *Handlers) Healthz(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}

// Readyz says whether this instance can serve: the database answers, and its
// schema is the one this binary was built for (a schema migrated down under a
// running instance, or up by a newer release, would fail its pages). 503
// otherwise, with the reason on the request's log line.
func (h *Handlers) Readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := h.store.Ping(ctx); err != nil {
		logReason(c, "the database does not answer: "+err.Error())
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	if err := h.store.CheckSchema(ctx); err != nil {
		logReason(c, err.Error())
		return c.String(http.StatusServiceUnavailable, "the database schema does not match this release\n")
	}
	return c.String(http.StatusOK, "ready\n")
}
