package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// The request log promises no secrets: a line names the route's pattern
// (/reset/:token), never the path as sent, which may carry a reset token; it
// holds no query string, cookie, header or form value; its request id is one
// the app made, or a client's that is short and plain.

// ctxLogReason holds why a request failed, for its log line (e.g. /readyz).
const ctxLogReason = "log_reason"

// logReason puts why the request failed on its log line.
func logReason(c echo.Context, reason string) { c.Set(ctxLogReason, reason) }

// logRequests writes one structured line per request, with its request id.
func (h *Handlers) logRequests(names map[string]string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
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
			route := routeName(names, c)
			attrs := []slog.Attr{
				slog.String("id", res.Header().Get(echo.HeaderXRequestID)),
				slog.String("method", methodLabel(req.Method)),
				slog.String("route", route),
			}
			if route != unmatchedRoute {
				attrs = append(attrs, slog.String("path", c.Path()))
			}
			attrs = append(attrs,
				slog.Int("status", res.Status),
				slog.Int64("bytes", res.Size),
				slog.Duration("duration", time.Since(start)),
				slog.String("remote", c.RealIP()),
			)
			if reason, ok := c.Get(ctxLogReason).(string); ok {
				attrs = append(attrs, slog.String("reason", reason))
			}
			if err != nil && res.Status >= 500 {
				attrs = append(attrs, slog.String("error", err.Error()))
			}
			h.log.LogAttrs(req.Context(), level, "request", attrs...)
			return nil
		}
	}
}

// unmatchedRoute names requests that match no route of the table, in the log
// and the metrics: their paths are whatever a client sent.
const unmatchedRoute = "unmatched"

// routeName is the request's route in the table (HEAD counts as its GET), or
// unmatchedRoute.
func routeName(names map[string]string, c echo.Context) string {
	method := c.Request().Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	if name, ok := names[method+" "+c.Path()]; ok {
		return name
	}
	return unmatchedRoute
}

// methodLabel is the request's method if it is one of HTTP's, else "other":
// a client can send any token as a method.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// maxRequestIDLength bounds a client's request id.
const maxRequestIDLength = 64

// requestID gives every request an id, sent back in X-Request-Id and written on
// its log line: the one a proxy in front sent, when it is short and made of
// letters, digits and - _ . : only, or else a new random one.
func (h *Handlers) requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !plainRequestID(id) {
			id = newRequestID()
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func plainRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLength {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.', r == ':':
		default:
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
