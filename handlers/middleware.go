package handlers

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// logRequests writes one structured line per request, with its request id.
func (h *Handlers) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err) // let the error handler set the status before we log it
		}
		req, res := c.Request(), c.Response()
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("id", res.Header().Get(echo.HeaderXRequestID)),
			slog.String("method", req.Method),
			slog.String("path", req.URL.Path),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Duration("duration", time.Since(start)),
			slog.String("remote", c.RealIP()),
		}
		if err != nil && res.Status >= 500 {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		h.log.LogAttrs(req.Context(), level, "request", attrs...)
		return nil
	}
}

// forgetPublicVersionAfterChanges makes this instance read the public version
// again after any request that may have changed something, so its own changes
// show on the next request whatever PublicRecheck is.
func (h *Handlers) forgetPublicVersionAfterChanges(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if m := c.Request().Method; m != http.MethodGet && m != http.MethodHead {
			h.site.forget()
		}
		return err
	}
}
