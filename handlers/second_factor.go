package handlers

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// The second factor (TOTP): the second step of a sign-in, enrolment at sign-in
// for the roles that must have one (Config.SecondFactorRoles), one's own page
// to enrol, renew recovery codes or turn it off, and an administrator's reset.

// challengeCookie carries a sign-in waiting for its second step.
const challengeCookie = "gyoryu_challenge"

// secondFactorRequired reports whether u's role must sign in with a second factor.
func (h *Handlers) secondFactorRequired(u *models.User) bool {
	return slices.Contains(h.cfg.SecondFactorRoles, u.Role)
}

func (h *Handlers) setChallengeCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{Name: h.cookieName(c, challengeCookie), Value: token, Path: "/", HttpOnly: true,
		Secure: h.secure(c), SameSite: http.SameSiteStrictMode, MaxAge: int(models.ChallengeLifetime.Seconds())})
}

// challenge is the sign-in this browser is at the second step of; without one
// the browser is sent back to sign in (done is true, the answer sent).
func (h *Handlers) challenge(c echo.Context) (token string, u models.User, done bool, err error) {
	if ck, err := c.Cookie(h.cookieName(c, challengeCookie)); err == nil {
		token = ck.Value
	}
	_, u, err = h.store.Challenge(c.Request().Context(), token)
	if errors.Is(err, models.ErrNoChallenge) {
		h.clearCookie(c, challengeCookie)
		h.flash(c, "로그인한 지 5분이 지났거나 로그인하지 않았습니다. 다시 로그인해 주십시오.")
		return "", u, true, redirect(c, urlsOf(c).to("login"))
	}
	return token, u, err != nil, err
}

// challengeGone is the form's message when the sign-in being completed ended
// meanwhile (expired, or its second factor reset by an administrator).
var challengeGone = models.FieldErrors{"": "로그인한 지 5분이 지났거나 2단계 인증이 초기화되었습니다. 처음부터 다시 로그인해 주십시오."}

// throttledCode turns a throttled second step into the code field's message,
// with Retry-After; ok is false for any other error (a sign-in that ended
// meanwhile becomes the form's message).
func (h *Handlers) throttledCode(c echo.Context, err error) (bool, error) {
	var throttled *models.ThrottledError
	if errors.Is(err, models.ErrNoChallenge) {
		return false, challengeGone.Err()
	}
	if !errors.As(err, &throttled) {
		return false, err
	}
	h.countLogin(loginThrottled)
	wait := max((throttled.Until.Sub(h.store.Now()) + time.Second - 1).Truncate(time.Second), time.Second)
	c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
	return true, models.FieldErrors{"code": "인증 코드가 거듭 틀려 잠시 막았습니다. " + koreanDuration(wait) + " 뒤에 다시 입력해 주십시오."}.Err()
}

// LoginCode asks for the second step of a sign-in: a code of the app, or a recovery code.
func (h *Handlers) LoginCode(c echo.Context) error {
	_, u, done, err := h.challenge(c)
	if done {
		return err
	}
	return h.renderLoginCode(c, http.StatusOK, u, nil)
}

func (h *Handlers) renderLoginCode(c echo.Context, status int, u models.User, errs views.Errors) error {
	page := views.LoginCodePage{Chrome: h.chrome(c, "2단계 인증"), Login: u.Login, Action: urlsOf(c).to("login.code.submit"),
		Form: views.NewForm(models.SecondFactorCode{}, errs), LoginURL: urlsOf(c).to("login")}
	page.CSRFToken = h.csrfToken(c)
	return render(c, status, views.LoginCode(page), nil)
}

// LoginCodeSubmit checks the second step and starts the session.
func (h *Handlers) LoginCodeSubmit(c echo.Context) error {
	token, u, done, err := h.challenge(c)
	if done {
		return err
	}
	status := http.StatusUnprocessableEntity
	return postForm(h, c, formPost[models.SecondFactorCode]{
		Save: func(in *models.SecondFactorCode) (saved, error) {
			ch, _, err := h.store.Challenge(c.Request().Context(), token)
			if err != nil {
				_, err = h.throttledCode(c, err)
				return saved{}, err
			}
			signedIn, err := h.store.PassChallenge(c.Request().Context(), token, *in, c.RealIP())
			throttled, err := h.throttledCode(c, err)
			if throttled {
				status = http.StatusTooManyRequests
				return saved{}, err
			}
			if err != nil {
				if fieldErrors(err) != nil {
					h.countLogin(loginFailed)
				}
				return saved{}, err
			}
			if err := h.beginSession(c, signedIn); err != nil {
				return saved{}, err
			}
			h.countLogin(loginSucceeded)
			return saved{next: ch.Next}, nil
		},
		Form: func(_ int, _ *models.SecondFactorCode, errs views.Errors) error {
			return h.renderLoginCode(c, status, u, errs)
		},
	})
}

// beginSession starts the session of a sign-in that passed its second step.
func (h *Handlers) beginSession(c echo.Context, u models.User) error {
	token, _, err := h.store.StartSession(c.Request().Context(), u.ID, c.RealIP(), c.Request().UserAgent())
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token)
	h.clearCookie(c, challengeCookie)
	h.clearCookie(c, csrfCookie)
	return nil
}

// LoginEnrol shows, at sign-in, the QR code of a new secret for an account
// that must have a second factor and has none.
func (h *Handlers) LoginEnrol(c echo.Context) error {
	_, u, done, err := h.challenge(c)
	if done {
		return err
	}
	return h.renderLoginEnrol(c, http.StatusOK, u, nil)
}

func (h *Handlers) renderLoginEnrol(c echo.Context, status int, u models.User, errs views.Errors) error {
	enrol, err := h.enrolment(c, u, urlsOf(c).to("login.enrol.submit"), errs)
	if errors.Is(err, models.ErrWrongState) { // enrolled meanwhile (another browser)
		return redirect(c, urlsOf(c).to("login.code"))
	}
	if err != nil {
		return err
	}
	page := views.LoginEnrolPage{Chrome: h.chrome(c, "2단계 인증 등록"), Login: u.Login, Enrolment: enrol}
	page.CSRFToken = h.csrfToken(c)
	return render(c, status, views.LoginEnrol(page), nil)
}

// enrolment is the QR code and secret of u's pending second factor, with its form.
func (h *Handlers) enrolment(c echo.Context, u models.User, action string, errs views.Errors) (views.Enrolment, error) {
	address, secret, err := h.store.PendingSecondFactor(c.Request().Context(), u)
	if err != nil {
		return views.Enrolment{}, err
	}
	qr, err := views.NewQRCode(address)
	if err != nil {
		return views.Enrolment{}, err
	}
	return views.Enrolment{QR: qr, Secret: views.GroupSecret(secret), Action: action, Form: views.NewForm(models.SecondFactorCode{}, errs)}, nil
}

// LoginEnrolSubmit enrols the second factor with its first code, starts the
// session and shows the recovery codes once.
func (h *Handlers) LoginEnrolSubmit(c echo.Context) error {
	token, u, done, err := h.challenge(c)
	if done {
		return err
	}
	status := http.StatusUnprocessableEntity
	var codes []string
	var next string
	return postForm(h, c, formPost[models.SecondFactorCode]{
		Save: func(in *models.SecondFactorCode) (saved, error) {
			ch, _, err := h.store.Challenge(c.Request().Context(), token)
			if err != nil {
				_, err = h.throttledCode(c, err)
				return saved{}, err
			}
			next = ch.Next
			var signedIn models.User
			signedIn, codes, err = h.store.EnrolAtSignIn(c.Request().Context(), token, *in, c.RealIP())
			throttled, err := h.throttledCode(c, err)
			if throttled {
				status = http.StatusTooManyRequests
				return saved{}, err
			}
			if err != nil {
				return saved{}, err
			}
			h.countLogin(loginSucceeded)
			return saved{answer: func() error {
				return h.renderRecoveryCodes(c, http.StatusOK, codes, next, "2단계 인증을 등록했습니다.")
			}}, h.beginSession(c, signedIn)
		},
		Form: func(_ int, _ *models.SecondFactorCode, errs views.Errors) error {
			return h.renderLoginEnrol(c, status, u, errs)
		},
	})
}

// renderRecoveryCodes shows new recovery codes, this once.
func (h *Handlers) renderRecoveryCodes(c echo.Context, status int, codes []string, next, say string) error {
	if next == "" {
		next = urlsOf(c).to("workspace")
	}
	page := views.RecoveryCodesPage{Chrome: h.chrome(c, "복구 코드"), Codes: codes, Next: next, Said: say}
	return render(c, status, views.RecoveryCodes(page), nil)
}

// SecondFactorPage is one's own second factor: enrol, or renew recovery codes and turn it off.
func (h *Handlers) SecondFactorPage(c echo.Context) error {
	return h.renderSecondFactor(c, http.StatusOK, "", nil)
}

// renderSecondFactor shows one's own second factor page, with errs by the form named failed.
func (h *Handlers) renderSecondFactor(c echo.Context, status int, failed string, errs views.Errors) error {
	u := currentUser(c)
	state, err := h.store.SecondFactorOf(c.Request().Context(), u.ID)
	if err != nil {
		return err
	}
	urls := urlsOf(c)
	page := views.SecondFactorPage{Chrome: h.chrome(c, "2단계 인증"), Required: h.secondFactorRequired(u), Enrolled: state.Enrolled,
		RecoveryLeft: state.RecoveryLeft}
	errsOf := func(name string) views.Errors {
		if failed == name {
			return errs
		}
		return nil
	}
	if state.Enrolled {
		page.Since = state.Since.In(models.Seoul).Format(minuteLayout)
		page.CodesAction, page.CodesForm = urls.to("second_factor.codes"), views.NewForm(models.SecondFactorCode{}, errsOf("codes")).Scoped("codes")
		page.RemoveAction, page.RemoveForm = urls.to("second_factor.remove"), views.NewForm(models.SecondFactorCode{}, errsOf("remove")).Scoped("remove")
	} else {
		if page.Enrolment, err = h.enrolment(c, *u, urls.to("second_factor.enrol"), errsOf("enrol")); err != nil {
			return err
		}
	}
	return render(c, status, views.SecondFactor(page), nil)
}

// SecondFactorEnrol enrols one's own second factor and shows the recovery codes once.
func (h *Handlers) SecondFactorEnrol(c echo.Context) error {
	var codes []string
	return postForm(h, c, formPost[models.SecondFactorCode]{
		Save: func(in *models.SecondFactorCode) (saved, error) {
			var err error
			codes, err = h.store.EnrolSecondFactor(c.Request().Context(), actor(c), currentUser(c).ID, *in)
			return saved{answer: func() error {
				return h.renderRecoveryCodes(c, http.StatusOK, codes, urlsOf(c).to("second_factor"), "2단계 인증을 등록했습니다. 다음 로그인부터 인증 코드를 묻습니다.")
			}}, err
		},
		Form: func(status int, _ *models.SecondFactorCode, errs views.Errors) error {
			return h.renderSecondFactor(c, status, "enrol", errs)
		},
	})
}

// SecondFactorCodes replaces one's own recovery codes and shows them once.
func (h *Handlers) SecondFactorCodes(c echo.Context) error {
	var codes []string
	return postForm(h, c, formPost[models.SecondFactorCode]{
		Save: func(in *models.SecondFactorCode) (saved, error) {
			var err error
			codes, err = h.store.RenewRecoveryCodes(c.Request().Context(), actor(c), currentUser(c).ID, *in)
			return saved{answer: func() error {
				return h.renderRecoveryCodes(c, http.StatusOK, codes, urlsOf(c).to("second_factor"), "복구 코드를 새로 만들었습니다. 전에 받은 복구 코드는 이제 쓸 수 없습니다.")
			}}, err
		},
		Form: func(status int, _ *models.SecondFactorCode, errs views.Errors) error {
			return h.renderSecondFactor(c, status, "codes", errs)
		},
	})
}

// SecondFactorRemove turns one's own second factor off, where the role allows it.
func (h *Handlers) SecondFactorRemove(c echo.Context) error {
	return postForm(h, c, formPost[models.SecondFactorCode]{
		Save: func(in *models.SecondFactorCode) (saved, error) {
			u := currentUser(c)
			if h.secondFactorRequired(u) {
				return saved{}, models.FieldErrors{"": u.Role.Label() + " 계정은 2단계 인증을 끌 수 없습니다. 휴대전화를 잃어버렸다면 관리자에게 초기화를 요청하십시오."}.Err()
			}
			err := h.store.RemoveSecondFactor(c.Request().Context(), actor(c), u.ID, *in)
			return saved{next: urlsOf(c).to("second_factor"), say: "2단계 인증을 껐습니다. 다음 로그인부터 비밀번호만 묻습니다."}, err
		},
		Form: func(status int, _ *models.SecondFactorCode, errs views.Errors) error {
			return h.renderSecondFactor(c, status, "remove", errs)
		},
	})
}

// UserSecondFactorReset is an administrator's reset of an account's second
// factor: its owner enrols again at the next sign-in.
func (h *Handlers) UserSecondFactorReset(c echo.Context) error {
	user, err := h.userParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[struct{}]{Save: func(*struct{}) (saved, error) {
		err := h.store.ResetSecondFactor(c.Request().Context(), actor(c), user.ID)
		return saved{next: urlsOf(c).to("user", user.ID),
			say: "2단계 인증을 초기화했습니다. 이 계정의 로그인은 모두 끝났고, 다음 로그인 때 다시 등록합니다."}, err
	}})
}
