package views

// EvaluationListPage lists evaluation cycles (실적 점검·평가).
type EvaluationListPage struct {
	Chrome
	NewURL      string // "" for those who may not create cycles
	UpgradesURL string // the tasks marked for upgrade (고도화)
	ScalesURL   string // the grades of each year's 정부업무평가, for administrators
	Rows        []EvaluationRow
	Pager       Pager
}

// EvaluationRow is one cycle in the list.
type EvaluationRow struct {
	URL, Name, Period, Rounds string
	Stage                     Badge
}

// EvaluationFormPage creates or edits a cycle.
type EvaluationFormPage struct {
	Chrome
	Heading, Action, CancelURL string
	Form                       Form // models.CycleInput, with blank rows to fill in
	Rounds                     []Option
}

// EvaluationPage is a cycle: its settings, its stage, its tasks with their
// self-assessments and results, and after 확정 the incentive candidates.
type EvaluationPage struct {
	Chrome
	Name, Period, Rounds, Criteria, Scale, Bands, Incentive, SelfDue, ReviewDue string
	Rounding                                                                    string
	Stage                                                                       Badge
	Stages                                                                      []RoundStage
	EditURL, ListURL, ReportURL, XLSXURL                                        string
	ContributionsURL                                                            string // 기여도 평가 of the period's people
	GradesURL, GradesLabel                                                      string // publishing the grade distribution, once 확정
	Advance                                                                     *EvaluationAdvance
	Tasks                                                                       []EvaluationTaskRow
	Incentives                                                                  []IncentiveRow
	Finalized                                                                   bool
	Finalize                                                                    string       // the gaps and reason 확정 was given with
	IncentiveKinds                                                              string       // the cycle's list, in a line
	KindsForm                                                                   *SummaryForm // the administrator's form of the list
	Notice                                                                      string
}

// EvaluationAdvance is the button that moves the cycle to its next stage.
type EvaluationAdvance struct {
	Action, Label, Confirm, CSRFToken string // Confirm: what moving on means, beside the button
	Version                           int
	Gaps                              string // 확정 with gaps: what is missing, and that a reason is asked
	Form                              Form   // models.StageInput
}

// EvaluationTaskRow is one task of a cycle.
type EvaluationTaskRow struct {
	URL, Title, Pair, Ministries string
	Self                         Badge  // 제출, 지연 제출, 미제출
	SubmittedAt                  string // "" when not submitted
	Reviewers                    int
	Score, Grade                 string // 미입력 when not scored
}

// IncentiveRow is an incentive candidate with the form of the decision.
type IncentiveRow struct {
	ID                         string // incentive-<nomination id>[-<companion id>]
	Exchangee, Role, Pair      string // Role: 교류자 or 동반 교류자
	Result, Sentence, Reaches  string // the person's result, how it was computed, and "우대 기준(85.0점) 이상" or ""
	RecordURL                  string
	Decision, Note, DecidedNow string
	Form                       *InPlace // nil for those who may not decide; Fields: models.IncentiveInput
	Options                    []Option
}

// EvaluationTaskPage is one task in a cycle: the self-assessment, the reviews
// with the computed score and how it was computed, and the forms of the stage.
type EvaluationTaskPage struct {
	Chrome
	Cycle, CycleURL, Task, TaskURL, Pair, Stage string
	Self                                        SelfView
	SelfForm                                    *SelfFormView
	Reviews                                     []ReviewView
	ShowReviews                                 bool        // reviewers and administrators: each reviewer's scores and comments
	Mine                                        *ScoreSheet // the signed-in reviewer's own sheet
	Computation                                 ComputationView
	Summary                                     string       // the summary comment (종합 의견), 미입력, or 확정 후 공개
	SummaryForm                                 *SummaryForm // the administrator's, in 심사
	Government                                  GovernmentEvaluationView
}

// SummaryForm is the form of a task's summary comment.
type SummaryForm struct {
	Action, CSRFToken string
	Form              Form // models.SummaryInput
}

// SelfView is a submitted self-assessment, or Missing.
type SelfView struct {
	Missing                        bool
	Narrative, Outcomes, Submitted string
	Late                           bool
	Links                          []string
}

// SelfFormView is the self-assessment form.
type SelfFormView struct {
	Form     InPlace // its Fields: models.SelfAssessmentInput
	Note     string
	Conflict bool
}

// ReviewView is one reviewer's scores.
type ReviewView struct {
	Reviewer string
	Rows     []ScoreRowView
	Weighted string // the reviewer's weighted score, e.g. 85.5점 (미완료 when a criterion lacks a score)
}

// ScoreRowView is one criterion's score and comment.
type ScoreRowView struct{ Criterion, Weight, Score, Comment string }

// ScoreSheet is the signed-in reviewer's scores of a task, shown or edited in
// place (id score-sheet).
type ScoreSheet struct {
	ID       string
	Mode     EditMode
	EditURL  string
	Form     InPlace
	Rows     []ScoreInputRow
	Review   ReviewView
	Conflict bool
	Empty    bool
	CanEdit  bool
}

// ScoreInputRow is one criterion of the score form.
type ScoreInputRow struct {
	CriterionID, Criterion, Weight, Max, Score, Comment, ErrorKey string
}

// ComputationView shows how a task's score was computed.
type ComputationView struct {
	Later        string // set: the results are not shown yet (확정 후 공개)
	Scored       bool
	Lines        []string // one per reviewer: (85×30 + 90×40 + 80×30) ÷ 100 = 85.5
	Mean         string   // (85.5 + 82.9) ÷ 2 = 84.2
	Score, Grade string
	Rule         string
	Bands        string
}

// RecordIncentive is a decision about an exchangee, on their record.
type RecordIncentive struct {
	Cycle, CycleURL, Decision, Note string
	Stage                           string   // the cycle's stage
	Score, Grade, Sentence          string   // the person's result in the cycle; Score "" when not shown
	Contributions                   []string // each side's 기여도 평가 as the reader may see it
	Companions                      []string // each companion's own incentive decision in the cycle, a line each
}

// EvaluationReportPage is a cycle's results by grade, pair and ministry, for screen and A4 print.
type EvaluationReportPage struct {
	Name, Period, Rounds, Stage, Rule, BackURL, XLSXURL string
	Finalize                                            string // the gaps and reason 확정 was given with
	Chart                                               GradeChart
	Grades                                              []string
	ByPair, ByMinistry                                  []ReportRow
	People                                              []PersonRow
	PersonRule                                          string
}

// PersonRow is one exchangee's or companion's result in the report.
type PersonRow struct {
	Name, Role, RecordURL, Sending, Pair, Position string
	Tasks, Scored                                  int
	Score, Grade                                   string   // 미입력 when no task is scored
	Sentence                                       string   // how it was computed
	Incentive, Note                                string   // the incentive decided (미입력 before)
	Contributions                                  []string // 기여도 평가 of the sending, then the receiving ministry: the level, and the comment
}

// GradeChart is the grade distribution as bars, with the same numbers as text.
type GradeChart struct {
	Bars     []GradeBar
	Unscored int
	Total    int
	Height   int // of the drawing, in SVG units
}

// GradeBar is one grade's bar.
type GradeBar struct {
	Grade        string
	Tasks        int
	Y, Width, TY int // bar top, bar width and the text baseline, in SVG units
}

// ReportRow is one pair or ministry in the report.
type ReportRow struct {
	Label         string
	Tasks, Scored int
	Mean          string // 미입력 when nothing was scored
	Grades        []int  // tasks per grade, in the page's grade order
}

// ContributionPage is a cycle's 기여도 평가: the people of its period, both sides.
type ContributionPage struct {
	Chrome
	Name, Stage, BackURL string
	Levels               string // the fixed list, as one line
	Rule, Note           string // who reads what; that it changes no score
	Notice               string
	People               []ContributionPerson
}

// ContributionPerson is one exchangee or companion with both sides' 기여도 평가.
type ContributionPerson struct {
	ID                                   string // contribution-<nomination>[-<companion>]
	Name, Role, Sending, Pair, RecordURL string
	Sides                                []ContributionSideView
}

// ContributionSideView is one side's entry as the reader may see it, and its form for that side's coordinators.
type ContributionSideView struct {
	Side, Label    string // sending|receiving (a class), 보내는 부처 (중기부)
	Level, Comment string // Level: the level, 미입력, or why it is not shown
	Saved          string
	Form           *InPlace // Fields: models.ContributionInput
	Options        []Option
}
