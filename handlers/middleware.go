package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

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
