package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// PasswordForm shows the form to change one's own password.
func (h *Handlers) PasswordForm(c echo.Context) error {
	return render(c, http.StatusOK, views.Password(views.PasswordPage{Chrome: h.chrome(c, "비밀번호 변경")}), nil)
}

// PasswordSubmit changes one's own password; every session ends and a new one starts here.
func (h *Handlers) PasswordSubmit(c echo.Context) error {
	u := currentUser(c)
	ctx := c.Request().Context()
	err := h.store.ChangePassword(ctx, actor(c), u.ID, c.FormValue("current_password"), c.FormValue("new_password"))
	if errs := fieldErrors(err); errs != nil {
		page := views.PasswordPage{Chrome: h.chrome(c, "비밀번호 변경"), Errors: errs}
		return render(c, http.StatusUnprocessableEntity, views.Password(page), nil)
	}
	if err != nil {
		return err
	}
	token, _, err := h.store.StartSession(ctx, u.ID, c.RealIP(), c.Request().UserAgent())
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token)
	return redirect(c, "/workspace")
}

// ResetForm shows the form behind a one-time reset link.
func (h *Handlers) ResetForm(c echo.Context) error {
	token := c.Param("token")
	page := views.ResetPage{Chrome: h.chrome(c, "비밀번호 설정"), Token: token}
	u, err := h.store.PasswordResetUser(c.Request().Context(), token)
	if err != nil {
		page.Invalid = true
		return render(c, http.StatusNotFound, views.Reset(page), nil)
	}
	page.Login = u.Login
	page.CSRFToken = h.csrfToken(c)
	return render(c, http.StatusOK, views.Reset(page), nil)
}

// ResetSubmit sets the new password and sends the person to sign in.
func (h *Handlers) ResetSubmit(c echo.Context) error {
	token := c.Param("token")
	_, err := h.store.UsePasswordReset(c.Request().Context(), token, c.FormValue("new_password"), c.RealIP())
	switch {
	case errors.Is(err, models.ErrResetLinkInvalid):
		page := views.ResetPage{Chrome: h.chrome(c, "비밀번호 설정"), Invalid: true}
		return render(c, http.StatusNotFound, views.Reset(page), nil)
	case fieldErrors(err) != nil:
		page := views.ResetPage{Chrome: h.chrome(c, "비밀번호 설정"), Token: token, Errors: fieldErrors(err)}
		if ru, rerr := h.store.PasswordResetUser(c.Request().Context(), token); rerr == nil {
			page.Login = ru.Login
		}
		page.CSRFToken = h.csrfToken(c)
		return render(c, http.StatusUnprocessableEntity, views.Reset(page), nil)
	case err != nil:
		return err
	}
	return redirect(c, "/login")
}
