package handlers

import (
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
	return postForm(h, c, formPost[models.PasswordChange]{
		Save: func(in *models.PasswordChange) (saved, error) {
			ctx, u := c.Request().Context(), currentUser(c)
			if err := h.store.ChangePassword(ctx, actor(c), u.ID, *in); err != nil {
				return saved{}, err
			}
			token, _, err := h.store.StartSession(ctx, u.ID, c.RealIP(), c.Request().UserAgent())
			if err != nil {
				return saved{}, err
			}
			h.setSessionCookie(c, token)
			return saved{next: urlsOf(c).to("workspace"), say: "비밀번호를 바꿨습니다. 다른 기기의 로그인은 모두 끝났습니다."}, nil
		},
		Form: func(status int, in *models.PasswordChange, errs views.Errors) error {
			return render(c, status, views.Password(h.passwordPage(c, errs)), nil)
		},
	})
}

func (h *Handlers) passwordPage(c echo.Context, errs views.Errors) views.PasswordPage {
	// What was typed is never shown again.
	return views.PasswordPage{Chrome: h.chrome(c, "비밀번호 변경"), Action: urlsOf(c).to("password.submit"), Form: views.NewForm(models.PasswordChange{}, errs)}
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
	ru, err := h.store.PasswordResetUser(c.Request().Context(), token)
	if err != nil {
		return render(c, http.StatusNotFound, views.Reset(h.resetPage(c, "", nil)), nil)
	}
	return postForm(h, c, formPost[models.NewPassword]{
		Save: func(in *models.NewPassword) (saved, error) {
			_, err := h.store.UsePasswordReset(c.Request().Context(), token, *in, c.RealIP())
			return saved{next: urlsOf(c).to("login"), say: "비밀번호를 정했습니다. 새 비밀번호로 로그인하십시오."}, err
		},
		Form: func(status int, in *models.NewPassword, errs views.Errors) error {
			return render(c, status, views.Reset(h.resetPage(c, ru.Login, errs)), nil)
		},
	})
}

// resetPage is the reset form for the account login; without one, the link no longer works.
func (h *Handlers) resetPage(c echo.Context, login string, errs views.Errors) views.ResetPage {
	page := views.ResetPage{Chrome: h.chrome(c, "비밀번호 설정"), Login: login, Invalid: login == "", Form: views.NewForm(models.NewPassword{}, errs)}
	if !page.Invalid {
		page.Action = urlsOf(c).to("reset.submit", c.Param("token"))
		page.CSRFToken = h.csrfToken(c)
	}
	return page
}
