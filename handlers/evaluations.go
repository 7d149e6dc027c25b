package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Evaluation cycles (실적 점검·평가): the administrator creates, edits and moves
// a cycle on; everyone who may see it sees its tasks (coordinators only their
// ministry's) with self-assessments and results, and after 확정 the incentive
// candidates with their decisions.

// EvaluationList lists the cycles.
func (h *Handlers) EvaluationList(c echo.Context) error {
	u := urlsOf(c)
	p := pageParam(c)
	list, total, err := h.store.EvaluationCycles(c.Request().Context(), p)
	if err != nil {
		return err
	}
	page := views.EvaluationListPage{Chrome: h.chrome(c, "실적 점검·평가"), UpgradesURL: u.to("evaluation.upgrades"), ScalesURL: scalesURL(c),
		Pager: pager(p, total, func(n int) string { return u.query("evaluations", url.Values{"page": {strconv.Itoa(n)}}) })}
	if models.MayAtAll(currentUser(c), models.ActManageEvaluations) {
		page.NewURL = u.to("evaluation.new")
	}
	for _, cy := range list {
		page.Rows = append(page.Rows, views.EvaluationRow{URL: u.to("evaluation", cy.ID), Name: cy.Name,
			Period: cyclePeriod(cy), Rounds: cy.RoundsLabel(), Stage: stageBadge(cy.Stage)})
	}
	return render(c, http.StatusOK, views.EvaluationList(page), nil)
}

// EvaluationNew is the form of a new cycle, with example criteria and bands.
func (h *Handlers) EvaluationNew(c echo.Context) error {
	return h.renderEvaluationForm(c, http.StatusOK, 0, models.NewCycleInput(), nil)
}

// EvaluationCreate adds a cycle in 준비.
func (h *Handlers) EvaluationCreate(c echo.Context) error {
	return h.postCycle(c, 0, func(in models.CycleInput) (saved, error) {
		cy, err := h.store.CreateEvaluationCycle(c.Request().Context(), actor(c), in)
		return saved{next: urlsOf(c).to("evaluation", cy.ID),
			say: "평가를 만들었습니다. 준비가 끝나면 자체 점검 단계로 옮기십시오."}, err
	})
}

// EvaluationEdit is the form of a cycle's settings.
func (h *Handlers) EvaluationEdit(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return h.renderEvaluationForm(c, http.StatusOK, cy.ID, cy.InputOf(), nil)
}

// EvaluationUpdate saves a cycle's settings; a stale version shows the form again with a notice.
func (h *Handlers) EvaluationUpdate(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return h.postCycle(c, cy.ID, func(in models.CycleInput) (saved, error) {
		_, err := h.store.UpdateEvaluationCycle(c.Request().Context(), actor(c), cy.ID, in)
		return saved{next: urlsOf(c).to("evaluation", cy.ID), say: "평가 설정을 저장했습니다."}, err
	})
}

// postCycle answers the form of cycle id (0: a new one) saved by save.
func (h *Handlers) postCycle(c echo.Context, id int64, save func(models.CycleInput) (saved, error)) error {
	return postForm(h, c, formPost[models.CycleInput]{
		Save: func(in *models.CycleInput) (saved, error) { return save(*in) },
		Form: func(status int, in *models.CycleInput, errs views.Errors) error {
			return h.renderEvaluationForm(c, status, id, *in, errs)
		},
		Conflict: func(status int, in *models.CycleInput, err error) error {
			now, ok := stale[models.EvaluationCycle](err)
			if !ok {
				return err
			}
			in.Version = now.Version
			markInvalid(c)
			return h.renderEvaluationForm(c, status, id, *in,
				views.Errors{"": "다른 사람이 먼저 수정했습니다. 저장된 설정(" + now.CriteriaLabel() + ")을 확인한 뒤 다시 저장해 주십시오."})
		},
	})
}

// EvaluationAdvance moves a cycle to its next stage (확정 locks it).
func (h *Handlers) EvaluationAdvance(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	to, ok := models.NextStage(currentUser(c), cy)
	if !ok {
		return fmt.Errorf("evaluation cycle %d: no next stage: %w", cy.ID, models.ErrWrongState)
	}
	return postForm(h, c, formPost[models.StageInput]{
		Save: func(in *models.StageInput) (saved, error) {
			_, err := h.store.AdvanceEvaluationCycle(c.Request().Context(), actor(c), cy.ID, to, *in)
			return saved{next: urlsOf(c).to("evaluation", cy.ID), say: "평가를 " + models.Particle(to.Label(), "으로", "로") + " 옮겼습니다."}, err
		},
		Form: func(status int, in *models.StageInput, errs views.Errors) error {
			return h.renderEvaluation(c, status, cy.ID, evaluationState{stageInput: in, stageErrs: errs})
		},
		Conflict: func(status int, _ *models.StageInput, _ error) error {
			return h.renderEvaluation(c, status, cy.ID, evaluationState{notice: "다른 사람이 먼저 단계를 바꾸었습니다. 지금 단계를 확인해 주십시오."})
		},
	})
}

// EvaluationShow is a cycle's page.
func (h *Handlers) EvaluationShow(c echo.Context) error {
	cy, err := h.cycleParam(c)
	if err != nil {
		return err
	}
	return h.renderEvaluation(c, http.StatusOK, cy.ID, evaluationState{})
}

// evaluationState is what a cycle's page shows beyond the saved records.
type evaluationState struct {
	notice     string
	answer     *incentiveAnswer // a decision's answer, for its candidate's item
	stageInput *models.StageInput
	stageErrs  views.Errors
	kindsInput *models.IncentiveKindsInput
	kindsErrs  views.Errors
}

// renderEvaluation answers with the cycle's page, or, for a decision, with
// the candidate's item alone to htmx.
func (h *Handlers) renderEvaluation(c echo.Context, status int, id int64, st evaluationState) error {
	notice, answer := st.notice, st.answer
	ctx := c.Request().Context()
	u, user := urlsOf(c), currentUser(c)
	cy, err := h.store.EvaluationCycleByID(ctx, id)
	if err != nil {
		return err
	}
	var mine []int64
	if !models.MayOnEvery(user, models.ActViewEvaluations) && user.MinistryID != nil {
		mine = []int64{*user.MinistryID}
	}
	results, err := h.store.CycleResults(ctx, cy, mine...)
	if err != nil {
		return err
	}
	p := views.EvaluationPage{Chrome: h.chrome(c, cy.Name), Name: cy.Name, Period: cyclePeriod(cy), Rounds: cy.RoundsLabel(),
		Criteria: cy.CriteriaLabel(), Scale: fmt.Sprintf("항목마다 0–%d점", cy.Scale), Bands: cy.BandsLabel(),
		Incentive: cy.IncentiveTenths.String() + "점 이상", SelfDue: dateOrUnset(cy.SelfDue), ReviewDue: dateOrUnset(cy.ReviewDue),
		Rounding: "항목 점수 ÷ 배점 × 가중치의 합(100점 환산)을 심사자별로 구해 평균하고, " + models.RoundingRule,
		Stage:    stageBadge(cy.Stage), ListURL: u.to("evaluations"), Finalized: cy.Locked(), Notice: notice}
	if models.MayAtAll(user, models.ActReportEvaluations) {
		p.ReportURL = u.to("evaluation.report", cy.ID)
	}
	if cy.Stage != models.StagePreparing {
		p.ContributionsURL = u.to("evaluation.contributions", cy.ID)
	}
	if cy.Locked() && models.MayAtAll(user, models.ActPublishGrades) {
		published, err := h.store.GradeDistributionPublished(ctx, cy.ID)
		if err != nil {
			return err
		}
		p.GradesURL, p.GradesLabel = u.to("evaluation.grades.preview", cy.ID), "등급 분포 공개"
		if published {
			p.GradesLabel = "등급 분포 공개 중 · 공개 취소"
		}
	}
	for _, s := range models.EvaluationStages {
		p.Stages = append(p.Stages, views.RoundStage{Value: string(s), Label: s.Label(), Current: s == cy.Stage})
	}
	if models.MayAtAll(user, models.ActManageEvaluations) {
		if cy.Stage == models.StagePreparing || cy.Stage == models.StageSelfAssessment {
			p.EditURL = u.to("evaluation.edit", cy.ID)
		}
		if to, ok := models.NextStage(user, cy); ok {
			p.Advance = &views.EvaluationAdvance{Action: u.to("evaluation.advance", cy.ID), CSRFToken: h.csrfToken(c), Version: cy.Version,
				Label: to.Label() + " 단계로", Confirm: "다음 단계(" + to.Label() + ")로 넘깁니다. 지금 단계의 입력은 더 받지 않습니다."}
			in := models.StageInput{Version: cy.Version}
			if st.stageInput != nil {
				in.Reason = st.stageInput.Reason
			}
			if to == models.StageFinalized {
				p.Advance.Label, p.Advance.Confirm = "평가 확정", "확정하면 평가 설정, 자체 점검과 점수를 더 바꿀 수 없습니다."
				if gaps := models.Gaps(results); !gaps.None() {
					p.Advance.Gaps = gaps.String() + "가 있습니다. 그래도 확정하려면 사유를 입력해 주십시오. 사유는 결과 보고서에 표시됩니다."
				}
			}
			p.Advance.Form = views.NewForm(in, st.stageErrs)
		}
	}
	p.Finalize = finalizeNote(cy)
	p.IncentiveKinds = strings.Join(cy.IncentiveList(), ", ")
	if models.MayAtAll(user, models.ActManageEvaluations) {
		in := models.IncentiveKindsInput{Kinds: cy.IncentiveKinds, Version: cy.Version}
		if st.kindsInput != nil {
			in.Kinds = st.kindsInput.Kinds
		}
		p.KindsForm = &views.SummaryForm{Action: u.to("evaluation.incentive_kinds", cy.ID), CSRFToken: h.csrfToken(c), Form: views.NewForm(in, st.kindsErrs)}
	}
	for _, r := range results {
		row := views.EvaluationTaskRow{URL: u.to("evaluation.task", cy.ID, r.Task.ID), Title: r.Task.Title, Pair: pairLabel(r.Task.Pair),
			Reviewers: len(r.Result.Reviewers), Score: "미입력", Grade: "미입력", Self: views.Badge{Label: "미제출", Tone: views.ToneWarning}}
		if r.Self != nil {
			row.Self, row.SubmittedAt = views.Badge{Label: "제출", Tone: views.ToneSuccess}, kstTime(r.Self.SubmittedAt)
			if r.Self.Late(cy) {
				row.Self = views.Badge{Label: "지연 제출", Tone: views.ToneDanger}
			}
		}
		switch {
		case !cy.ResultsShownTo(user):
			row.Score, row.Grade = resultsLater, resultsLater
		case r.Result.Scored():
			row.Score, row.Grade = r.Result.Score.String(), r.Result.Grade
		}
		p.Tasks = append(p.Tasks, row)
	}
	if cy.Locked() && models.MayAtAll(user, models.ActViewEvaluations) {
		candidates, err := h.store.IncentiveCandidates(ctx, cy)
		if err != nil {
			return err
		}
		var answered templ.Component // the decision's item, for htmx
		for _, ic := range candidates {
			if len(mine) > 0 && !containsAny(ic.Person.Nomination.Pair.Ministries(), mine) {
				continue
			}
			row := h.incentiveRow(c, cy, ic, answer)
			if answer != nil && answer.key == models.KeyOf(ic.Person) {
				answered = views.IncentiveItem(row)
			}
			p.Incentives = append(p.Incentives, row)
		}
		if answered != nil {
			return render(c, status, views.Evaluation(p), answered)
		}
	}
	if answer != nil {
		// not (or no longer) a candidate: the page says why, for htmx too
		p.Notice = answer.errs[""]
		if p.Notice == "" {
			p.Notice = "이 교류자는 이 평가의 평가 대상 기간에 교류 중이 아니었습니다."
		}
		if status == http.StatusOK {
			status = http.StatusNotFound
		}
		setHTMXRedirect(c, urlsOf(c).to("evaluation", cy.ID))
	}
	return render(c, status, views.Evaluation(p), nil)
}

func (h *Handlers) renderEvaluationForm(c echo.Context, status int, id int64, in models.CycleInput, errs views.Errors) error {
	u := urlsOf(c)
	rounds, err := h.store.Rounds(c.Request().Context())
	if err != nil {
		return err
	}
	// Blank rows to fill in under the criteria and bands entered.
	criteria, bands := max(models.CycleRows, len(in.CriterionNames)), max(models.CycleRows, len(in.BandGrades))
	in.CriterionNames, in.CriterionWeights = padRows(in.CriterionNames, criteria), padRows(in.CriterionWeights, criteria)
	in.BandGrades, in.BandMins, in.BandShares = padRows(in.BandGrades, bands), padRows(in.BandMins, bands), padRows(in.BandShares, bands)
	p := views.EvaluationFormPage{Chrome: h.chrome(c, "평가 만들기"), Heading: "평가 만들기", Action: u.to("evaluation.create"),
		CancelURL: u.to("evaluations"), Form: views.NewForm(in, errs)}
	if id != 0 {
		p.Chrome, p.Heading = h.chrome(c, "평가 설정 수정"), "평가 설정 수정"
		p.Action, p.CancelURL = u.to("evaluation.update", id), u.to("evaluation", id)
	}
	for _, r := range rounds {
		p.Rounds = append(p.Rounds, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: roundLabel(r)})
	}
	return render(c, status, views.EvaluationForm(p), nil)
}

// roundLabel names a round once: its title when that starts with its number
// ("1차 전략적 인사교류"), else the number and the title.
func roundLabel(r models.Round) string {
	n := strconv.Itoa(r.Number) + "차"
	if strings.HasPrefix(r.Title, n) {
		return r.Title
	}
	return strings.TrimSpace(n + " " + r.Title)
}

// finalizeNote says with what gaps and for what reason a cycle was finalized; "" when none.
func finalizeNote(cy models.EvaluationCycle) string {
	if !cy.Locked() || (cy.FinalizeGaps == "" && cy.FinalizeReason == "") {
		return ""
	}
	if cy.FinalizeGaps == "" {
		return "확정 메모: " + cy.FinalizeReason
	}
	return "확정 당시 " + cy.FinalizeGaps + "가 있었습니다. 확정 사유: " + cy.FinalizeReason
}

// padRows is rows with empty rows added up to n.
func padRows(rows []string, n int) []string {
	out := append([]string(nil), rows...)
	for len(out) < n {
		out = append(out, "")
	}
	return out
}

// cycleParam loads the cycle of the :id parameter.
func (h *Handlers) cycleParam(c echo.Context) (models.EvaluationCycle, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return models.EvaluationCycle{}, err
	}
	return h.store.EvaluationCycleByID(c.Request().Context(), id)
}

func stageBadge(s models.EvaluationStage) views.Badge {
	tone := views.ToneInformation
	switch s {
	case models.StagePreparing:
		tone = views.ToneGray
	case models.StageFinalized:
		tone = views.ToneSuccess
	}
	return views.Badge{Label: s.Label(), Tone: tone, Class: "evaluation-stage"}
}

func cyclePeriod(cy models.EvaluationCycle) string {
	return cy.PeriodStart.Format(time.DateOnly) + " ~ " + cy.PeriodEnd.Format(time.DateOnly)
}

func dateOrUnset(t *time.Time) string {
	if t == nil {
		return "미정"
	}
	return t.Format(time.DateOnly)
}

func kstTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(models.Seoul).Format("2006-01-02 15:04")
}

func pairLabel(p models.ExchangePair) string {
	return fmt.Sprintf("%s–%s", p.MinistryA.ShortName, p.MinistryB.ShortName)
}

func orNotEnteredText(s string) string {
	if strings.TrimSpace(s) == "" {
		return "미입력"
	}
	return s
}

func containsAny(list, of []int64) bool {
	for _, a := range list {
		for _, b := range of {
			if a == b {
				return true
			}
		}
	}
	return false
}

func item(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}
