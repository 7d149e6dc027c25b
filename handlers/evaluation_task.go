package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// One task in a cycle: its page shows the self-assessment (with its form to
// the pair's coordinators in 자체 점검), every reviewer's scores, the computed
// score with its arithmetic, and to a reviewer in 심사 their own score sheet,
// edited in place. Every answer is the page, or for htmx the part it changes
// (the self-assessment section, or the score sheet, id score-sheet).

// EvaluationTask is a task's evaluation page.
func (h *Handlers) EvaluationTask(c echo.Context) error {
	return h.renderEvaluationTask(c, http.StatusOK, evaluationTaskState{})
}

// SelfAssessmentSubmit submits a task's self-assessment.
func (h *Handlers) SelfAssessmentSubmit(c echo.Context) error {
	cy, te, err := h.evaluationTaskParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.SelfAssessmentInput]{
		Save: func(in *models.SelfAssessmentInput) (saved, error) {
			_, err := h.store.SaveSelfAssessment(c.Request().Context(), actor(c), cy.ID, te.Task.ID, *in)
			return saved{next: urlsOf(c).to("evaluation.task", cy.ID, te.Task.ID) + "#self-assessment",
				say: "자체 점검을 제출했습니다. 심사 단계에서 심사자가 점수를 매깁니다."}, err
		},
		Form: func(status int, in *models.SelfAssessmentInput, errs views.Errors) error {
			return h.renderEvaluationTask(c, status, evaluationTaskState{selfInput: in, fragment: "self", selfErrs: errs})
		},
		Conflict: func(status int, in *models.SelfAssessmentInput, err error) error {
			now, ok := stale[models.SelfAssessment](err)
			if !ok {
				return err
			}
			in.Version = now.Version
			return h.renderEvaluationTask(c, status, evaluationTaskState{selfInput: in, fragment: "self", selfConflict: true})
		},
		Saved: func(status int) error {
			return h.renderEvaluationTask(c, status, evaluationTaskState{fragment: "self", selfSaved: true})
		},
	})
}

// ScoreEdit opens the reviewer's score sheet for editing.
func (h *Handlers) ScoreEdit(c echo.Context) error {
	return h.renderEvaluationTask(c, http.StatusOK, evaluationTaskState{fragment: "score", scoreMode: views.Editing})
}

// ScoreSave saves the reviewer's scores: the sheet (200), its form with
// messages (422), or the conflict view (409) when the sheet was saved meanwhile.
func (h *Handlers) ScoreSave(c echo.Context) error {
	cy, te, err := h.evaluationTaskParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.ReviewInput]{
		Save: func(in *models.ReviewInput) (saved, error) {
			_, err := h.store.SaveReview(c.Request().Context(), actor(c), cy.ID, te.Task.ID, *in)
			return saved{next: urlsOf(c).to("evaluation.task", cy.ID, te.Task.ID) + "#my-scores", say: "점수를 저장했습니다."}, err
		},
		Form: func(status int, in *models.ReviewInput, errs views.Errors) error {
			return h.renderEvaluationTask(c, status, evaluationTaskState{fragment: "score", scoreMode: views.Editing, scoreInput: in, scoreErrs: errs})
		},
		Conflict: func(status int, in *models.ReviewInput, err error) error {
			now, ok := stale[models.EvaluationReview](err)
			if !ok {
				return err
			}
			in.Version = now.Version
			return h.renderEvaluationTask(c, status, evaluationTaskState{fragment: "score", scoreMode: views.Conflicting, scoreInput: in})
		},
		Saved: func(status int) error {
			return h.renderEvaluationTask(c, status, evaluationTaskState{fragment: "score", scoreSaved: true})
		},
	})
}

// SummarySave saves a task's summary comment (종합 의견), the one comment the
// pair's coordinators read after 확정.
func (h *Handlers) SummarySave(c echo.Context) error {
	cy, te, err := h.evaluationTaskParam(c)
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[models.SummaryInput]{
		Save: func(in *models.SummaryInput) (saved, error) {
			_, err := h.store.SaveEvaluationSummary(c.Request().Context(), actor(c), cy.ID, te.Task.ID, *in)
			return saved{next: urlsOf(c).to("evaluation.task", cy.ID, te.Task.ID) + "#summary",
				say: "종합 의견을 저장했습니다. 확정 뒤 부처 담당자에게 점수·등급과 함께 보입니다."}, err
		},
		Form: func(status int, in *models.SummaryInput, errs views.Errors) error {
			return h.renderEvaluationTask(c, status, evaluationTaskState{summaryInput: in, summaryErrs: errs})
		},
	})
}

// resultsLater is what those who may not see the reviews read in place of a
// score, a grade or a summary comment before 확정.
const resultsLater = "확정 후 공개"

// evaluationTaskState is what an answer shows beyond the saved records.
type evaluationTaskState struct {
	fragment     string // "self" or "score": the part htmx gets
	selfInput    *models.SelfAssessmentInput
	selfErrs     views.Errors
	selfConflict bool
	selfSaved    bool
	scoreMode    views.EditMode
	scoreInput   *models.ReviewInput
	scoreErrs    views.Errors
	scoreSaved   bool
	summaryInput *models.SummaryInput
	summaryErrs  views.Errors
}

// evaluationTaskParam loads the cycle and the task of the path, and checks the
// user may take the route's action on the task's pair.
func (h *Handlers) evaluationTaskParam(c echo.Context) (models.EvaluationCycle, models.TaskEvaluation, error) {
	cy, err := h.cycleParam(c)
	if err != nil {
		return cy, models.TaskEvaluation{}, err
	}
	taskID, err := idParam(c, "task")
	if err != nil {
		return cy, models.TaskEvaluation{}, err
	}
	te, err := h.store.TaskEvaluationOf(c.Request().Context(), cy, taskID)
	if err != nil {
		return cy, te, err
	}
	return cy, te, authorize(c, te.Task.Ministries()...)
}

func (h *Handlers) renderEvaluationTask(c echo.Context, status int, st evaluationTaskState) error {
	cy, te, err := h.evaluationTaskParam(c)
	if err != nil {
		return err
	}
	u, user := urlsOf(c), currentUser(c)
	p := views.EvaluationTaskPage{Chrome: h.chrome(c, te.Task.Title+" 평가"), Cycle: cy.Name, CycleURL: u.to("evaluation", cy.ID),
		Task: te.Task.Title, TaskURL: u.to("task", te.Task.ID), Pair: pairLabel(te.Task.Pair), Stage: cy.Stage.Label(),
		Self: selfView(cy, te.Self), Computation: computation(cy, te, user), ShowReviews: models.May(user, models.ActViewReviews),
		Summary: "미입력"}
	if te.Summary != nil && te.Summary.Comment != "" {
		p.Summary = te.Summary.Comment
	}
	if !cy.ResultsShownTo(user) {
		p.Summary = resultsLater
	}
	if p.ShowReviews {
		for _, r := range te.Reviews {
			p.Reviews = append(p.Reviews, reviewView(cy, r))
		}
	}
	if cy.Stage == models.StageReview && models.MayAtAll(user, models.ActManageEvaluations) {
		in := models.SummaryInput{}
		if te.Summary != nil {
			in = models.SummaryInput{Comment: te.Summary.Comment, Version: te.Summary.Version}
		}
		if st.summaryInput != nil {
			in = *st.summaryInput
		}
		p.SummaryForm = &views.SummaryForm{Action: u.to("evaluation.summary", cy.ID, te.Task.ID), CSRFToken: h.csrfToken(c),
			Form: views.NewForm(in, st.summaryErrs)}
	}
	if p.Government, err = h.governmentView(c, te.Task, u.to("evaluation.task", cy.ID, te.Task.ID)+"#government-evaluation"); err != nil {
		return err
	}
	if cy.Stage == models.StageSelfAssessment && models.May(user, models.ActSelfAssess, te.Task.Ministries()...) {
		in := models.SelfAssessmentInput{}
		if te.Self != nil {
			in = te.Self.InputOf()
		}
		if st.selfInput != nil {
			in = *st.selfInput
		}
		f := &views.SelfFormView{Conflict: st.selfConflict,
			Form: views.InPlace{ID: "self-form", Action: u.to("evaluation.self", cy.ID, te.Task.ID), Target: "self-section",
				CSRFToken: h.csrfToken(c), Fields: views.NewForm(in, st.selfErrs)}}
		if in.Version != 0 || te.Self != nil {
			f.Form.RecordID = 1 // send the version: there is a saved self-assessment
		}
		if cy.SelfDue != nil {
			f.Note = "마감일: " + dateOrUnset(cy.SelfDue) + ". 마감 뒤 제출도 받으며, 지연 제출로 표시됩니다."
		}
		if st.selfSaved {
			f.Note = "제출했습니다. " + f.Note
		}
		p.SelfForm = f
	}
	if models.MayAtAll(user, models.ActScoreTasks) {
		p.Mine = h.scoreSheet(c, cy, te, st)
	}
	var fragment templ.Component
	switch st.fragment {
	case "self":
		fragment = views.SelfSection(p.Self, p.SelfForm)
	case "score":
		if p.Mine == nil {
			return fmt.Errorf("score sheet: %w", models.ErrForbidden)
		}
		fragment = views.ScoreSheetView(*p.Mine)
		if st.scoreSaved {
			// the score, the grade and the reviews on the page follow the saved sheet
			fragment = views.ScoreSaved(*p.Mine, p.Computation, p.Reviews)
		}
	}
	return render(c, status, views.EvaluationTask(p), fragment)
}

// scoreSheet is the signed-in reviewer's sheet in the state's mode.
func (h *Handlers) scoreSheet(c echo.Context, cy models.EvaluationCycle, te models.TaskEvaluation, st evaluationTaskState) *views.ScoreSheet {
	u, user := urlsOf(c), currentUser(c)
	mine := models.EvaluationReview{}
	for _, r := range te.Reviews {
		if r.ReviewerID == user.ID {
			mine = r
		}
	}
	s := &views.ScoreSheet{ID: "score-sheet", Mode: st.scoreMode, EditURL: u.to("evaluation.score.edit", cy.ID, te.Task.ID),
		Empty: mine.ID == 0, CanEdit: cy.Stage == models.StageReview, Review: reviewView(cy, mine)}
	if !s.CanEdit && st.scoreMode != views.Showing {
		s.Mode = views.Showing
	}
	if s.Mode == views.Showing {
		return s
	}
	in := mine.InputOf(cy)
	if st.scoreInput != nil {
		in = *st.scoreInput
	}
	s.Conflict = st.scoreMode == views.Conflicting
	s.Form = views.InPlace{ID: "score-form", Action: u.to("evaluation.score", cy.ID, te.Task.ID), Target: s.ID,
		CSRFToken: h.csrfToken(c), RecordID: 1, Fields: views.NewForm(in, st.scoreErrs)}
	for row, cr := range cy.Criteria {
		id := strconv.FormatInt(cr.ID, 10)
		row := views.ScoreInputRow{CriterionID: id, Criterion: cr.Name, Weight: strconv.Itoa(cr.Weight), Max: strconv.Itoa(cy.Scale),
			ErrorKey: models.ScoreField(row)}
		for i, x := range in.CriterionIDs {
			if strings.TrimSpace(x) == id {
				row.Score, row.Comment = item(in.Scores, i), item(in.Comments, i)
			}
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

func selfView(cy models.EvaluationCycle, sa *models.SelfAssessment) views.SelfView {
	if sa == nil {
		return views.SelfView{Missing: true}
	}
	return views.SelfView{Narrative: sa.Narrative, Outcomes: sa.Outcomes, Submitted: kstTime(sa.SubmittedAt), Late: sa.Late(cy), Links: sa.Links()}
}

func reviewView(cy models.EvaluationCycle, r models.EvaluationReview) views.ReviewView {
	v := views.ReviewView{Reviewer: orNotEnteredText(r.Reviewer.DisplayName), Weighted: "미완료"}
	complete := true
	sum := 0
	for _, cr := range cy.Criteria {
		row := views.ScoreRowView{Criterion: cr.Name, Weight: strconv.Itoa(cr.Weight), Score: "미입력"}
		if s, ok := r.ScoreOf(cr.ID); ok {
			row.Score, row.Comment = strconv.Itoa(s.Score), s.Comment
			sum += s.Score * cr.Weight
		} else {
			complete = false
		}
		v.Rows = append(v.Rows, row)
	}
	if complete && len(cy.Criteria) > 0 {
		v.Weighted = models.ReviewerScore{Sum: sum}.Explain(cy.Scale)
	}
	return v
}

// computation writes out how the task's score was computed, reviewer by
// reviewer, to those who may see the reviews; others get the final score and
// grade after 확정, and before it that they come then.
func computation(cy models.EvaluationCycle, te models.TaskEvaluation, u *models.User) views.ComputationView {
	v := views.ComputationView{Scored: te.Result.Scored(), Score: te.Result.Score.String(), Grade: te.Result.Grade,
		Rule: models.RoundingRule, Bands: cy.BandsLabel()}
	if !cy.ResultsShownTo(u) {
		return views.ComputationView{Later: resultsLater}
	}
	if !v.Scored || !models.May(u, models.ActViewReviews) {
		return v
	}
	// Each reviewer's weighted score is shown as everywhere, with one decimal
	// (as 환산 점수 in the reviewer's table); the mean is taken of the exact
	// values and rounded once, so it is written from the sums when one of them
	// has more decimals than it shows.
	var sums, raw []string
	exact := true
	for _, rs := range te.Result.Reviewers {
		name := ""
		var terms []string
		for _, r := range te.Reviews {
			if r.ReviewerID != rs.ReviewerID {
				continue
			}
			name = r.Reviewer.DisplayName
			for _, cr := range cy.Criteria {
				s, _ := r.ScoreOf(cr.ID)
				terms = append(terms, fmt.Sprintf("%d×%d", s.Score, cr.Weight))
			}
		}
		shown, eq := rs.Explain(cy.Scale), "="
		if rs.Sum*10%cy.Scale != 0 {
			exact, eq = false, "≈"
		}
		v.Lines = append(v.Lines, fmt.Sprintf("%s: (%s) ÷ %d %s %s", name, strings.Join(terms, " + "), cy.Scale, eq, shown))
		sums = append(sums, strings.TrimSuffix(shown, "점"))
		raw = append(raw, models.FormatNumber(float64(rs.Sum)))
	}
	if exact {
		v.Mean = fmt.Sprintf("평균: (%s) ÷ %d = %s점 → 등급 %s", strings.Join(sums, " + "), len(sums), te.Result.Score, te.Result.Grade)
	} else {
		v.Mean = fmt.Sprintf("평균: (%s) ÷ (%d × %d) = %s점 → 등급 %s", strings.Join(raw, " + "), cy.Scale, len(raw), te.Result.Score, te.Result.Grade)
	}
	return v
}
