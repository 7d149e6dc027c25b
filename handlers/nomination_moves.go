package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// moveNomination answers one move of the transition table: the domain decides
// whether this user may, from this state, on the version they saw. A missing
// reason or date shows the move's form again (422); someone deciding first
// gives the conflict page or fragment (409).
func (h *Handlers) moveNomination(move models.NominationMove) echo.HandlerFunc {
	return func(c echo.Context) error {
		n, err := h.nominationParam(c)
		if err != nil {
			return err
		}
		return postForm(h, c, formPost[models.MoveInput]{
			Save: func(in *models.MoveInput) (saved, error) {
				now, err := h.store.MoveNomination(c.Request().Context(), actor(c), n.ID, move, *in)
				now.Ministry = n.Ministry                                                   // the sending ministry, named in what comes next
				now.Pair.MinistryA, now.Pair.MinistryB = n.Pair.MinistryA, n.Pair.MinistryB // and the receiving one
				return saved{next: urlsOf(c).to("nomination", n.ID), say: moveMessage(now, move)}, err
			},
			Form: func(status int, in *models.MoveInput, errs views.Errors) error {
				page, err := h.nominationPage(c, n, false)
				if err != nil {
					return err
				}
				f := h.moveForm(c, n, models.MoveOption(move), *in, errs)
				return render(c, status, views.NominationMovePage(page, f), views.NominationMoveView(f, page.CSRFToken))
			},
			Conflict: func(status int, in *models.MoveInput, _ error) error {
				return h.moveOvertaken(c, n.ID, move, *in)
			},
		})
	}
}

// moveOvertaken answers a move someone else overtook: the browser goes
// to the nomination as it is now (header, history and the forms that still
// apply), whose status line says who did what first and that this move was
// not recorded; htmx gets 409 with the same address to go to, so that no
// browser stays on the move's address.
func (h *Handlers) moveOvertaken(c echo.Context, id int64, move models.NominationMove, in models.MoveInput) error {
	ctx := c.Request().Context()
	n, err := h.store.NominationByID(ctx, id)
	if err != nil {
		return err
	}
	history, err := h.store.NominationHistory(ctx, id)
	if err != nil {
		return err
	}
	h.flash(c, conflictMessage(n, history, move, in))
	url := urlsOf(c).to("nomination", id)
	if isHTMX(c) {
		setHTMXRedirect(c, url)
		return c.NoContent(http.StatusConflict)
	}
	return c.Redirect(http.StatusSeeOther, url)
}

// nominationConflict answers 409 with the nomination as it is now: a page, or
// the message alone for htmx.
func (h *Handlers) nominationConflict(c echo.Context, id int64, msg string) error {
	n, err := h.store.NominationByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	title := nominationTitle(n)
	p := views.NominationConflictPage{Chrome: h.chrome(c, "다른 사람이 먼저 처리했습니다"), Title: title,
		URL: urlsOf(c).to("nomination", id), Status: nominationBadge(n), Message: msg}
	return render(c, http.StatusConflict, views.NominationConflict(p), views.NominationConflictFragment(p))
}

// NominationSubmit submits a draft or a returned nomination for review.
func (h *Handlers) NominationSubmit(c echo.Context) error {
	return h.moveNomination(models.MoveSubmit)(c)
}

// NominationConsent is the receiving ministry agreeing to the nominee (받는 부처 동의).
func (h *Handlers) NominationConsent(c echo.Context) error {
	return h.moveNomination(models.MoveConsent)(c)
}

// NominationDecline is the receiving ministry declining the nominee with a
// reason (거절): the nomination goes back to the sending ministry.
func (h *Handlers) NominationDecline(c echo.Context) error {
	return h.moveNomination(models.MoveDecline)(c)
}

// NominationApprove is a reviewer's (or administrator's) approval.
func (h *Handlers) NominationApprove(c echo.Context) error {
	return h.moveNomination(models.MoveApprove)(c)
}

// NominationReturn returns a nomination to its ministry with a reason (반려).
func (h *Handlers) NominationReturn(c echo.Context) error {
	return h.moveNomination(models.MoveReturn)(c)
}

// NominationRevoke is an administrator revoking an approval with a reason.
func (h *Handlers) NominationRevoke(c echo.Context) error {
	return h.moveNomination(models.MoveRevoke)(c)
}

// NominationStart marks the exchange started, on its actual start date.
func (h *Handlers) NominationStart(c echo.Context) error {
	return h.moveNomination(models.MoveStart)(c)
}

// NominationExtend extends the exchange to a new end date, with a reason.
func (h *Handlers) NominationExtend(c echo.Context) error {
	return h.moveNomination(models.MoveExtend)(c)
}

// NominationEnd marks the exchangee returned (복귀) on a date.
func (h *Handlers) NominationEnd(c echo.Context) error { return h.moveNomination(models.MoveEnd)(c) }

// NominationReport saves the sending ministry's completion report.
func (h *Handlers) NominationReport(c echo.Context) error {
	return h.moveNomination(models.MoveReport)(c)
}

// NominationAcknowledge is a reviewer acknowledging the completion report.
func (h *Handlers) NominationAcknowledge(c echo.Context) error {
	return h.moveNomination(models.MoveAcknowledge)(c)
}
