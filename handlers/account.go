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
	return render(c, http.StatusOK, views.Password(h.passwordPage(c, nil)), nil)
}

// PasswordSubmit changes one's own password; every session ends and a new one starts here.
func (h *Handlers) PasswordSubmit(c echo.Context) error {
	u := currentUser(c)
	ctx := c.Request().Context()
	var in models.PasswordChange
	if err := bindForm(c, &in); err != nil {
		return err
	}
	err := h.store.ChangePassword(ctx, actor(c), u.ID, in)
	if errs := fieldErrors(err); errs != nil {
		return render(c, http.StatusUnprocessableEntity, views.Password(h.passwordPage(c, errs)), nil)
	}
	if err != nil {
		return err
	}
	token, _, err := h.store.StartSession(ctx, u.ID, c.RealIP(), c.Request().UserAgent())
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token)
	return redirect(c, urlsOf(c).to("workspace"))
}

func (h *Handlers) passwordPage(c echo.Context, errs views.Errors) views.PasswordPage {
	return views.PasswordPage{Chrome: h.chrome(c, "비밀번호 변경"), Action: urlsOf(c).to("password.submit"), Errors: errs}
}

// ResetForm shows the form behind a one-time reset link.
func (h *Handlers) ResetForm(c echo.Context) error {
	token := c.Param("token")
	u, err := h.store.PasswordResetUser(c.Request().Context(), token)
	if err != nil {
		return render(c, http.StatusNotFound, views.Reset(h.resetPage(c, "", nil)), nil)
	}
	return render(c, http.StatusOK, views.Reset(h.resetPage(c, u.Login, nil)), nil)
}

// ResetSubmit sets the new password and sends the person to sign in.
func (h *Handlers) ResetSubmit(c echo.Context) error {
	token := c.Param("token")
	var in models.NewPassword
	if err := bindForm(c, &in); err != nil {
		return err
	}
	_, err := h.store.UsePasswordReset(c.Request().Context(), token, in, c.RealIP())
	switch {
	case errors.Is(err, models.ErrResetLinkInvalid):
		return render(c, http.StatusNotFound, views.Reset(h.resetPage(c, "", nil)), nil)
	case fieldErrors(err) != nil:
		login := ""
		if ru, rerr := h.store.PasswordResetUser(c.Request().Context(), token); rerr == nil {
			login = ru.Login
		}
		return render(c, http.StatusUnprocessableEntity, views.Reset(h.resetPage(c, login, fieldErrors(err))), nil)
	case err != nil:
		return err
	}
	return redirect(c, urlsOf(c).to("login"))
}

// resetPage is the reset form for the account login; without one, the link no longer works.
func (h *Handlers) resetPage(c echo.Context, login string, errs views.Errors) views.ResetPage {
	page := views.ResetPage{Chrome: h.chrome(c, "비밀번호 설정"), Login: login, Invalid: login == "", Errors: errs}
	if !page.Invalid {
		page.Action = urlsOf(c).to("reset.submit", c.Param("token"))
		page.CSRFToken = h.csrfToken(c)
	}
	return page
}
