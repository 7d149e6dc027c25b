package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// ThrottleList shows the accounts, addresses and browsers whose sign-ins are
// being slowed down, for an administrator to clear.
func (h *Handlers) ThrottleList(c echo.Context) error {
	return h.renderThrottles(c, http.StatusOK, nil)
}

func (h *Handlers) renderThrottles(c echo.Context, status int, errs views.Errors) error {
	list, err := h.store.Throttles(c.Request().Context())
	if err != nil {
		return err
	}
	page := views.ThrottlesPage{Chrome: h.chrome(c, "로그인 제한"), UsersURL: urlsOf(c).to("users"),
		ClearURL: urlsOf(c).to("throttle.clear"), Form: views.NewForm(models.ThrottleClear{}, errs)}
	for _, t := range list {
		row := views.ThrottleRow{Key: t.Key, Kind: t.Kind, Name: t.Name, Failures: t.Failures, Updated: t.UpdatedAt.In(models.Seoul).Format(minuteLayout)}
		if t.LockedUntil != nil {
			row.LockedUntil = t.LockedUntil.In(models.Seoul).Format(secondLayout)
		}
		page.Rows = append(page.Rows, row)
	}
	return render(c, status, views.Throttles(page), nil)
}

// ThrottleClear forgets one throttle's failures and lock (audited).
func (h *Handlers) ThrottleClear(c echo.Context) error {
	return postForm(h, c, formPost[models.ThrottleClear]{
		Save: func(in *models.ThrottleClear) (saved, error) {
			err := h.store.ClearThrottle(c.Request().Context(), actor(c), *in)
			if errors.Is(err, models.ErrNoThrottle) {
				err = models.FieldErrors{"": "이미 해제된 제한입니다. 성공한 로그인이나 다른 관리자가 먼저 해제했습니다."}.Err()
			}
			return saved{next: urlsOf(c).to("throttles"), say: "로그인 제한을 해제했습니다."}, err
		},
		Form: func(status int, _ *models.ThrottleClear, errs views.Errors) error {
			return h.renderThrottles(c, status, errs)
		},
	})
}
