package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// 기여도 평가: a cycle's page of the people of its period, each with the
// sending and the receiving ministry's assessment as the reader may see it
// (models.ContributionRule), and the form of the reader's own side, edited in
// place during 자체 점검 and 심사.

// Contributions is a cycle's 기여도 평가 page.
func (h *Handlers) Contributions(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return h.renderContributions(c, http.StatusOK, cy, nil)
}

// ContributionSave records the signed-in coordinator's side about a person:
// htmx swaps the person's item, a plain form goes back to the page.
func (h *Handlers) ContributionSave(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	nomination, err := idParam(c, "nomination")
	if err != nil {
		return err
	}
	var typed models.ContributionInput
	answer := func(status int, in *models.ContributionInput, errs views.Errors) error {
		a := &contributionAnswer{key: models.ContributionKey{NominationID: nomination, CompanionID: typed.Companion}, errs: errs,
			saved: status == http.StatusOK}
		if in != nil {
			a.in, a.key.CompanionID = *in, in.Companion
		}
		return h.renderContributions(c, status, cy, a)
	}
	return postForm(h, c, formPost[models.ContributionInput]{
		Save: func(in *models.ContributionInput) (saved, error) {
			typed = *in
			_, err := h.store.SaveContribution(c.Request().Context(), actor(c), cy.ID, nomination, *in)
			return saved{next: urlsOf(c).to("evaluation.contributions", cy.ID) + "#" + contributionID(models.ContributionKey{NominationID: nomination, CompanionID: in.Companion}),
				say: "기여도 평가를 저장했습니다."}, err
		},
		Form: answer,
		Conflict: func(status int, in *models.ContributionInput, err error) error {
			msg := "다른 사람이 먼저 저장했습니다. 저장된 기여도 평가를 확인한 뒤 다시 저장해 주십시오."
			if errors.Is(err, models.ErrWrongState) {
				msg = "평가가 확정되어 기여도 평가를 더 바꿀 수 없습니다."
			}
			return answer(status, in, views.Errors{"": msg})
		},
		Saved: func(status int) error { return answer(status, nil, nil) },
	})
}

// contributionAnswer is a form's answer to show in its person's item.
type contributionAnswer struct {
	key   models.ContributionKey
	in    models.ContributionInput
	errs  views.Errors
	saved bool
}

func contributionID(k models.ContributionKey) string { return personItemID("contribution", k) }

// personItemID is the id of a person's item on a cycle's page:
// prefix-<nomination> for the exchangee, prefix-<nomination>-<companion> for a companion.
func personItemID(prefix string, k models.ContributionKey) string {
	id := prefix + "-" + strconv.FormatInt(k.NominationID, 10)
	if k.CompanionID != 0 {
		id += "-" + strconv.FormatInt(k.CompanionID, 10)
	}
	return id
}

// renderContributions answers with the page, or with the answered person's item alone to htmx.
func (h *Handlers) renderContributions(c echo.Context, status int, cy models.EvaluationCycle, answer *contributionAnswer) error {
	ctx := c.Request().Context()
	u, user := urlsOf(c), currentUser(c)
	people, err := h.store.CycleExchangees(ctx, cy)
	if err != nil {
		return err
	}
	entries, err := h.store.ContributionsOf(ctx, cy.ID)
	if err != nil {
		return err
	}
	p := views.ContributionPage{Chrome: h.chrome(c, cy.Name+" 기여도 평가"), Name: cy.Name, Stage: cy.Stage.Label(),
		BackURL: u.to("evaluation", cy.ID), Levels: strings.Join(models.ContributionLevels, ", ") + " (점수 없이 고르는 등급)",
		Rule: models.ContributionRule, Note: models.ContributionNote}
	open := cy.Stage == models.StageSelfAssessment || cy.Stage == models.StageReview
	var answered templ.Component
	answerShown := false // the answered person's form is on the page
	for _, pr := range cy.PersonResults(nil, people) {
		n := pr.Nomination
		own := models.SideOf(user, n)
		if !models.MayOnEvery(user, models.ActViewEvaluations) && own == "" {
			continue
		}
		exchangeesShown(c, n.ID)
		key := models.KeyOf(pr)
		row := views.ContributionPerson{ID: contributionID(key), Name: pr.Name(), Role: pr.Role(), Sending: n.Ministry.ShortName,
			Pair: fmt.Sprintf("%d차 %s", n.Pair.Round.Number, pairLabel(n.Pair)), RecordURL: u.to("nomination.record", n.ID)}
		for _, side := range models.ContributionSides {
			sv := views.ContributionSideView{Side: string(side), Label: side.Label() + " (" + sideMinistry(n, side) + ")", Level: "미입력"}
			e := entries.Of(pr, side)
			level, comment := cy.ContributionShown(user, n, side)
			switch {
			case !level:
				sv.Level = "확정 후 공개"
				if side != own {
					sv.Level = "상대 부처의 평가는 확정 후 기여도만 공개합니다."
				}
			case e != nil:
				sv.Level = e.Level
				if comment {
					sv.Comment = e.Comment
				} else if e.Comment != "" {
					sv.Comment = "상대 부처의 의견은 공개하지 않습니다."
				}
			}
			if side == own && open && models.May(user, models.ActAssessContribution, n.Pair.Ministries()...) {
				in := models.ContributionInput{Companion: key.CompanionID}
				form := views.InPlace{ID: row.ID + "-" + string(side) + "-form", Action: u.to("evaluation.contribution", cy.ID, n.ID),
					Target: row.ID, CSRFToken: h.csrfToken(c), Done: "기여도 평가를 저장했습니다."}
				if e != nil {
					in.Level, in.Comment, in.Version = e.Level, e.Comment, e.Version
					form.RecordID = e.ID
				}
				var errs views.Errors
				if answer != nil && answer.key == key {
					answerShown = true
					if answer.saved {
						sv.Saved = "저장했습니다."
					} else {
						in, errs = answer.in, answer.errs
						if in.Version != 0 {
							form.RecordID = max(form.RecordID, 1)
						}
					}
				}
				form.Fields = views.NewForm(in, errs).Scoped(row.ID)
				sv.Options = []views.Option{{Value: "", Label: "선택"}}
				for _, l := range models.ContributionLevels {
					sv.Options = append(sv.Options, views.Option{Value: l, Label: l})
				}
				sv.Form = &form
			}
			row.Sides = append(row.Sides, sv)
		}
		if answer != nil && answer.key == key {
			answered = views.ContributionItem(row)
		}
		p.People = append(p.People, row)
	}
	if answer != nil && !answerShown {
		answered = nil
		p.Notice = answer.errs[""]
		if p.Notice == "" {
			p.Notice = "이 교류자는 이 평가의 평가 대상 기간에 교류 중이 아니었습니다."
		}
		setHTMXRedirect(c, u.to("evaluation.contributions", cy.ID))
	}
	return render(c, status, views.ContributionsPage(p), answered)
}

// sideMinistry is the short name of the ministry that takes the side for the exchange.
func sideMinistry(n models.Nomination, side models.ContributionSide) string {
	if side == models.SideSending {
		return n.Ministry.ShortName
	}
	if n.Pair.MinistryAID == n.MinistryID {
		return n.Pair.MinistryB.ShortName
	}
	return n.Pair.MinistryA.ShortName
}

// recordContributions are both sides' 기여도 평가 of an exchangee in one cycle,
// for their record, as the reader may see them (models.ContributionRule).
func recordContributions(user *models.User, r models.CycleResultOf, entries []models.Contribution) []string {
	n := r.Result.Nomination
	var out []string
	for _, side := range models.ContributionSides {
		line := "기여도 평가(" + side.Label() + " " + sideMinistry(n, side) + "): "
		level, comment := r.Cycle.ContributionShown(user, n, side)
		i := slices.IndexFunc(entries, func(e models.Contribution) bool { return e.CycleID == r.Cycle.ID && e.Side == side })
		switch {
		case !level:
			line += "확정 후 공개"
		case i < 0:
			line += "미입력"
		default:
			line += entries[i].Level
			if comment && entries[i].Comment != "" {
				line += " — " + entries[i].Comment
			}
		}
		out = append(out, line)
	}
	return out
}
