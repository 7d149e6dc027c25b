package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Every handler that saves a form answers through postForm, so that every form
// answers alike:
//
//   - what was typed breaks a rule (*models.ValidationError): 422 and the form
//     again, as typed, with the messages; the page's title starts with "오류:"
//     and the error summary takes the focus;
//   - someone changed the record first (models.ErrConflict, a
//     *models.StaleError, or ErrWrongState: another person moved it on): 409
//     with the record as now saved;
//   - saved: a plain form is sent on (303) to the address Save returns, where
//     the flash says what Save says; htmx gets Saved swapped in place (or,
//     without it, goes on to that address) and the page's status line says it.
//
// A handler states only what is its own:
//
//	return postForm(h, c, formPost[models.RoundInput]{
//		Save: func(in *models.RoundInput) (saved, error) {
//			_, err := h.store.UpdateRound(ctx, actor(c), r.ID, *in)
//			return saved{next: urlsOf(c).to("round.edit", r.ID), say: "차수 정보를 저장했습니다."}, err
//		},
//		Form: func(status int, in *models.RoundInput, errs views.Errors) error {…render the form with status…},
//	})
//
// A button (a move without fields) leaves Form nil: its refusals are errors.
// flash(c, msg) alone carries a message over a redirect from any handler.
type formPost[T any] struct {
	// Save hands what was typed to the domain.
	Save func(in *T) (saved, error)
	// Form answers with the form again, with status (422, or 409 when there is
	// no Conflict) and the messages.
	Form func(status int, in *T, errs views.Errors) error
	// Conflict answers 409 with the record as now saved, next to what was
	// typed; nil: Form with staleFormNotice.
	Conflict func(status int, in *T, err error) error
	// Saved answers htmx with the saved record, to swap in place (status 200);
	// nil: htmx goes on to Save's next address as a whole page.
	Saved func(status int) error
}

// saved is where a saved form goes on to, and what its flash says: what
// happened and, where it helps, what comes next.
type saved struct {
	next string
	say  string
	// answer, when set, is the answer itself instead of the redirect: a file
	// to save, after a download's reason (nothing was changed, nothing to say).
	answer func() error
}

// staleFormNotice is the message of a form refused because someone saved first.
const staleFormNotice = "다른 사람이 먼저 저장했습니다. 지금 저장된 내용을 확인한 뒤 다시 저장해 주십시오. 입력한 내용은 저장되지 않았습니다."

// postForm binds the posted form into T, saves it and answers (see formPost).
func postForm[T any](h *Handlers, c echo.Context, p formPost[T]) error {
	var in T
	if err := bindForm(c, &in); err != nil {
		return err
	}
	done, err := p.Save(&in)
	if errs := fieldErrors(err); errs != nil && p.Form != nil {
		markInvalid(c)
		return p.Form(http.StatusUnprocessableEntity, &in, errs)
	}
	if errors.Is(err, models.ErrConflict) || errors.Is(err, models.ErrWrongState) {
		switch {
		case p.Conflict != nil:
			return p.Conflict(http.StatusConflict, &in, err)
		case p.Form != nil:
			markInvalid(c)
			return p.Form(http.StatusConflict, &in, views.Errors{"": staleFormNotice})
		}
	}
	if err != nil {
		return err
	}
	if done.answer != nil {
		return done.answer()
	}
	if isHTMX(c) && p.Saved != nil {
		announce(c, done.say)
		return p.Saved(http.StatusOK)
	}
	h.flash(c, done.say)
	return redirect(c, done.next)
}

// invalidKey marks, in the request's context, an answer with a form's
// messages: its page's title starts with "오류:" (chrome).
const invalidKey = "gyoryu.invalid"

func markInvalid(c echo.Context) { c.Set(invalidKey, true) }

// pageTitle is a page's title, after "오류: " when the page answers a form
// with its messages: screen readers say the title first.
func pageTitle(c echo.Context, title string) string {
	if invalid, _ := c.Get(invalidKey).(bool); invalid {
		return "오류: " + title
	}
	return title
}

// flashCookie carries a flash message over a redirect to the next page shown.
const flashCookie = "gyoryu_flash"

// flash keeps msg for the next whole page this browser is shown, which says
// it at its top (role="status", focused) and forgets it: what happened after
// a form, with or without JavaScript. Any handler may call it before a redirect.
func (h *Handlers) flash(c echo.Context, msg string) {
	if msg == "" {
		return
	}
	c.SetCookie(&http.Cookie{Name: h.cookieName(c, flashCookie), Value: url.QueryEscape(msg), Path: "/", HttpOnly: true,
		Secure: h.secure(c), SameSite: http.SameSiteLaxMode, MaxAge: 300})
}

// takeFlash is the flash kept for this page, forgotten as it is shown.
func (h *Handlers) takeFlash(c echo.Context) string {
	ck, err := c.Cookie(h.cookieName(c, flashCookie))
	if err != nil || ck.Value == "" {
		return ""
	}
	h.clearCookie(c, flashCookie)
	msg, err := url.QueryUnescape(ck.Value)
	if err != nil {
		return ""
	}
	return msg
}
