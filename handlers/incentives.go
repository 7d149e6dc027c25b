package handlers

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Incentives: each cycle keeps its list (평가수당 우대, 성과상여금 등급 우대, …; the
// administrator edits it). After 확정, the cycle's page lists every exchangee of
// its period and each of their companions (decided apart) with their result,
// each with its decision edited in place; the report, its per-ministry sheets
// and the exchangee's record (a line per companion) show the decisions.

// IncentiveDecide records the decision for a candidate: htmx swaps the
// candidate's item, a plain form goes back to the cycle's page.
func (h *Handlers) IncentiveDecide(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	nomination, err := idParam(c, "nomination")
	if err != nil {
		return err
	}
	var typed models.IncentiveInput
	answer := func(status int, in *models.IncentiveInput, errs views.Errors) error {
		a := &incentiveAnswer{key: models.ContributionKey{NominationID: nomination, CompanionID: typed.Companion}, errs: errs, saved: status == http.StatusOK}
		if in != nil {
			a.in, a.key.CompanionID = *in, in.Companion
		}
		return h.renderEvaluation(c, status, cy.ID, evaluationState{answer: a})
	}
	return postForm(h, c, formPost[models.IncentiveInput]{
		Save: func(in *models.IncentiveInput) (saved, error) {
			typed = *in
			_, err := h.store.DecideIncentive(c.Request().Context(), actor(c), cy.ID, nomination, in.Companion, *in)
			return saved{next: urlsOf(c).to("evaluation", cy.ID) + "#" + incentiveID(models.ContributionKey{NominationID: nomination, CompanionID: in.Companion}),
				say: "인사상 특전 결정을 저장했습니다."}, err
		},
		Form: answer,
		Conflict: func(status int, in *models.IncentiveInput, _ error) error {
			return answer(status, in, views.Errors{"": "다른 사람이 먼저 결정했습니다. 저장된 결정을 확인한 뒤 다시 저장해 주십시오."})
		},
		Saved: func(status int) error { return answer(status, nil, nil) },
	})
}

// incentiveAnswer is a decision form's answer to show in its candidate's item.
type incentiveAnswer struct {
	key   models.ContributionKey
	in    models.IncentiveInput
	errs  views.Errors
	saved bool
}

// incentiveID is a candidate's item: incentive-<nomination>[-<companion>].
func incentiveID(k models.ContributionKey) string { return personItemID("incentive", k) }

func (h *Handlers) incentiveRow(c echo.Context, cy models.EvaluationCycle, ic models.IncentiveCandidate, answer *incentiveAnswer) views.IncentiveRow {
	u := urlsOf(c)
	n := ic.Person.Nomination
	exchangeesShown(c, n.ID)
	key := models.KeyOf(ic.Person)
	row := views.IncentiveRow{ID: incentiveID(key), Exchangee: ic.Person.Name(), Role: ic.Person.Role(),
		Pair: pairLabel(n.Pair), RecordURL: u.to("nomination.record", n.ID), Decision: "미입력", Result: "점수 미입력",
		Sentence: ic.Person.Sentence}
	if ic.Person.Scored > 0 {
		row.Result = fmt.Sprintf("%s점 · 등급 %s", ic.Person.Score, ic.Person.Grade)
	}
	if ic.Reaches {
		row.Reaches = "우대 기준(" + cy.IncentiveTenths.String() + "점) 이상"
	}
	form := views.InPlace{ID: row.ID + "-form", Action: u.to("evaluation.incentive", cy.ID, n.ID), Target: row.ID, CSRFToken: h.csrfToken(c)}
	in := models.IncentiveInput{Companion: key.CompanionID}
	if d := ic.Decision; d != nil {
		row.Decision, row.Note = d.Decision, d.Note
		in = models.IncentiveInput{Companion: key.CompanionID, Decision: d.Decision, Note: d.Note, Version: d.Version}
		form.RecordID = d.ID
	}
	var errs views.Errors
	if answer != nil && answer.key == key {
		if answer.saved {
			row.DecidedNow = "저장했습니다."
		} else {
			in, errs = answer.in, answer.errs
			in.Companion = key.CompanionID
		}
	}
	form.Fields = views.NewForm(in, errs).Scoped(row.ID)
	if models.MayAtAll(currentUser(c), models.ActDecideIncentives) {
		row.Options = []views.Option{{Value: "", Label: "선택"}}
		for _, k := range append(cy.IncentiveList(), models.NoIncentive) {
			row.Options = append(row.Options, views.Option{Value: k, Label: k})
		}
		if in.Decision != "" && !slices.ContainsFunc(row.Options, func(o views.Option) bool { return o.Value == in.Decision }) {
			row.Options = append(row.Options, views.Option{Value: in.Decision, Label: in.Decision + " (목록에서 빠짐)"})
		}
		row.Form = &form
	}
	return row
}

// IncentiveKindsSave saves a cycle's list of incentives.
func (h *Handlers) IncentiveKindsSave(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.IncentiveKindsInput]{
		Save: func(in *models.IncentiveKindsInput) (saved, error) {
			_, err := h.store.SaveIncentiveKinds(c.Request().Context(), actor(c), cy.ID, *in)
			return saved{next: urlsOf(c).to("evaluation", cy.ID) + "#incentive-kinds", say: "인사상 특전 목록을 저장했습니다."}, err
		},
		Form: func(status int, in *models.IncentiveKindsInput, errs views.Errors) error {
			return h.renderEvaluation(c, status, cy.ID, evaluationState{kindsInput: in, kindsErrs: errs})
		},
	})
}

// recordIncentives are the incentive decisions about an exchangee, for their record.
func (h *Handlers) recordIncentives(c echo.Context, nominationID int64) ([]views.RecordIncentive, error) {
	ctx := c.Request().Context()
	list, err := h.store.IncentivesOfNomination(ctx, nominationID)
	if err != nil {
		return nil, err
	}
	results, err := h.store.ResultsOfExchangee(ctx, nominationID)
	if err != nil {
		return nil, err
	}
	contributions, err := h.store.ContributionsOfExchangee(ctx, nominationID)
	if err != nil {
		return nil, err
	}
	u, user := urlsOf(c), currentUser(c)
	var out []views.RecordIncentive
	seen := map[int64]bool{}
	for _, r := range results {
		seen[r.Cycle.ID] = true
		ri := views.RecordIncentive{Cycle: r.Cycle.Name, CycleURL: u.to("evaluation", r.Cycle.ID), Stage: r.Cycle.Stage.Label(), Decision: "미입력"}
		if r.Cycle.ResultsShownTo(user) {
			ri.Score, ri.Grade, ri.Sentence = "점수 미입력", "미입력", r.Result.Sentence
			if r.Result.Scored > 0 {
				ri.Score, ri.Grade = r.Result.Score.String()+"점", r.Result.Grade
			}
		}
		if i := slices.IndexFunc(list, func(d models.IncentiveDecision) bool { return d.CycleID == r.Cycle.ID && d.CompanionID == nil }); i >= 0 {
			ri.Decision, ri.Note = list[i].Decision, list[i].Note
		}
		ri.Companions = companionIncentives(list, r.Cycle.ID)
		ri.Contributions = recordContributions(user, r, contributions)
		out = append(out, ri)
	}
	for _, d := range list { // a decision of a cycle that no longer counts the exchangee in its period
		if !seen[d.CycleID] && d.CompanionID == nil {
			out = append(out, views.RecordIncentive{Cycle: d.Cycle.Name, CycleURL: u.to("evaluation", d.CycleID), Stage: d.Cycle.Stage.Label(),
				Decision: d.Decision, Note: d.Note, Companions: companionIncentives(list, d.CycleID)})
		}
	}
	return out, nil
}

// companionIncentives are the lines of the companions' decisions in a cycle,
// for the exchangee's record: "최동반(동반 교류자) 인사상 특전: 기타 (비고)".
func companionIncentives(list []models.IncentiveDecision, cycleID int64) []string {
	var out []string
	for _, d := range list {
		if d.CycleID != cycleID || d.CompanionID == nil {
			continue
		}
		name := "미입력"
		if d.Companion != nil && strings.TrimSpace(d.Companion.Name) != "" {
			name = d.Companion.Name
		}
		line := name + "(동반 교류자) 인사상 특전: " + d.Decision
		if d.Note != "" {
			line += " (" + d.Note + ")"
		}
		out = append(out, line)
	}
	slices.Reverse(out) // the list is newest first; companions read in the order decided
	return out
}
