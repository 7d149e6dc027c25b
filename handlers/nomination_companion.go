package handlers

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// CompanionRemove is a reviewer removing one companion from a nomination
// under review, with a reason (동반 교류자 제외): the companion stays on the
// record as 제외, the others are decided with the exchangee.
func (h *Handlers) CompanionRemove(c echo.Context) error {
	n, err := h.nominationParam(c)
	if err != nil {
		return err
	}
	cid, err := idParam(c, "companion")
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.CompanionRemovalInput]{
		Save: func(in *models.CompanionRemovalInput) (saved, error) {
			_, cp, err := h.store.RemoveCompanion(c.Request().Context(), actor(c), n.ID, cid, *in)
			say := "동반 교류자 " + models.Particle(cp.Name, "을", "를") + " 이 추천에서 제외했습니다. 나머지 동반 교류자는 교류자와 함께 심사합니다."
			return saved{next: urlsOf(c).to("nomination", n.ID), say: say}, err
		},
		Form: func(status int, in *models.CompanionRemovalInput, errs views.Errors) error {
			page, err := h.nominationPage(c, n, false)
			if err != nil {
				return err
			}
			shown := false
			for i, r := range page.Detail.CompanionRemovals {
				if r.ID == strconv.FormatInt(cid, 10) {
					for _, cp := range n.Companions {
						if cp.ID == cid {
							page.Detail.CompanionRemovals[i], shown = h.companionRemovalForm(c, n, cp, *in, errs), true
						}
					}
				}
			}
			if !shown { // approved, or removed already: no form to hold the message, the page says it
				page.Flash = "동반 교류자를 제외하지 못했습니다. 이미 제외되었거나, 추천이 심사 중이 아닙니다. 지금 기록을 확인해 주십시오."
			}
			return render(c, status, views.Nomination(page), nil)
		},
	})
}

// companionRemovalForm is the removal form of the companion cp of n, holding in with errs.
func (h *Handlers) companionRemovalForm(c echo.Context, n models.Nomination, cp models.NominationCompanion, in models.CompanionRemovalInput, errs views.Errors) views.CompanionRemovalForm {
	id := strconv.FormatInt(cp.ID, 10)
	name := cp.Name
	if cp.Rank != "" {
		name += "(" + cp.Rank + ")"
	}
	form := views.NewForm(in, errs).Scoped("remove-companion-"+id).Relabel("reason", "동반 교류자 "+strings.TrimSpace(name)+" 제외 사유").Acting("동반 교류자 제외")
	return views.CompanionRemovalForm{ID: id, Name: name, URL: urlsOf(c).to("nomination.companion.remove", n.ID, cp.ID), Form: form}
}
