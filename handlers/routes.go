package handlers

import (
	"compress/gzip"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/static"
	"github.com/gyoryu/gyoryu/views"
)

// Public marks a route anyone may use, signed in or not.
const Public models.Action = "public"

// Route is one entry of the route table: what it answers and who may call it.
type Route struct {
	Method string
	Path   string
	Name   string
	Access models.Action // Public, or the policy action the caller's role must be granted
	Handle echo.HandlerFunc
	Bare   bool // assets and probes: no session lookup, no CSRF check
	// Kept marks a public page built by h.public: kept in memory per public
	// version, with its own gzip bytes (the gzip middleware leaves it alone).
	Kept bool
	// BodyLimit replaces the global request body limit for this route (e.g. "6M"
	// for spreadsheet uploads); empty keeps the global one.
	BodyLimit string
	// Form is the struct the route's form is bound to, which declares its
	// fields (models/form); every form on every page that posts here shows
	// only those (TestEveryFormOfTheRouteTableMatchesItsStruct).
	Form any
	// Personal marks a route whose answer may carry exchangees' names or
	// contact details, with the kind of access record it writes (접속기록,
	// access_records.go); TestEveryPageThatNamesAnExchangeeWritesOneAccessRecord
	// holds the table to what the pages show.
	Personal models.AccessKind
}

// Routes is the whole HTTP surface of the app, in one table. Every address the
// app shows is built from a route's Name (urls.go). Records that belong to
// ministries are checked again, against the route's Access, by the handler's
// record loader (authorize) and by the domain.
func (h *Handlers) Routes() []Route {
	return []Route{
		// The public site.
		{Method: http.MethodGet, Path: "/", Name: "home", Access: Public, Handle: h.public(h.Home), Kept: true},
		{Method: http.MethodGet, Path: "/rounds/:number", Name: "round", Access: Public, Handle: h.public(h.PublicRound), Kept: true},
		{Method: http.MethodGet, Path: "/p/:round/:key", Name: "public.pair", Access: Public, Handle: h.public(h.PublicPair), Kept: true},
		{Method: http.MethodGet, Path: "/ministries/:code", Name: "public.ministry", Access: Public, Handle: h.public(h.PublicMinistry), Kept: true},
		{Method: http.MethodGet, Path: "/results", Name: "results", Access: Public, Handle: h.public(h.Results), Kept: true, Form: resultsFilter{}},
		{Method: http.MethodGet, Path: "/about", Name: "about", Access: Public, Handle: h.public(h.About), Kept: true},
		{Method: http.MethodGet, Path: "/privacy", Name: "privacy", Access: Public, Handle: h.public(h.Privacy), Kept: true},
		{Method: http.MethodGet, Path: "/copyright", Name: "copyright", Access: Public, Handle: h.public(h.Copyright), Kept: true},
		{Method: http.MethodGet, Path: "/data", Name: "data", Access: Public, Handle: h.public(h.DataGuide), Kept: true},
		{Method: http.MethodGet, Path: "/data/pairs.:format", Name: "data.pairs", Access: Public, Handle: h.public(h.PublicPairs), Kept: true},
		{Method: http.MethodGet, Path: "/data/outcomes.:format", Name: "data.outcomes", Access: Public, Handle: h.public(h.PublicOutcomes), Kept: true},
		{Method: http.MethodGet, Path: "/data/grades.:format", Name: "data.grades", Access: Public, Handle: h.public(h.PublicGrades), Kept: true},
		// The public site in English (public_lang.go): "en." + the Korean route's name, "/en" + its path.
		{Method: http.MethodGet, Path: "/en/", Name: "en.home", Access: Public, Handle: h.publicIn(views.English, h.Home), Kept: true},
		{Method: http.MethodGet, Path: "/en/rounds/:number", Name: "en.round", Access: Public, Handle: h.publicIn(views.English, h.PublicRound), Kept: true},
		{Method: http.MethodGet, Path: "/en/p/:round/:key", Name: "en.public.pair", Access: Public, Handle: h.publicIn(views.English, h.PublicPair), Kept: true},
		{Method: http.MethodGet, Path: "/en/ministries/:code", Name: "en.public.ministry", Access: Public, Handle: h.publicIn(views.English, h.PublicMinistry), Kept: true},
		{Method: http.MethodGet, Path: "/en/results", Name: "en.results", Access: Public, Handle: h.publicIn(views.English, h.Results), Kept: true, Form: resultsFilter{}},
		{Method: http.MethodGet, Path: "/en/about", Name: "en.about", Access: Public, Handle: h.publicIn(views.English, h.About), Kept: true},
		{Method: http.MethodGet, Path: "/en/privacy", Name: "en.privacy", Access: Public, Handle: h.publicIn(views.English, h.Privacy), Kept: true},
		{Method: http.MethodGet, Path: "/en/copyright", Name: "en.copyright", Access: Public, Handle: h.publicIn(views.English, h.Copyright), Kept: true},
		{Method: http.MethodGet, Path: "/en/data", Name: "en.data", Access: Public, Handle: h.publicIn(views.English, h.DataGuide), Kept: true},
		{Method: http.MethodGet, Path: "/healthz", Name: "healthz", Access: Public, Handle: h.Healthz, Bare: true},
		{Method: http.MethodGet, Path: "/readyz", Name: "readyz", Access: Public, Handle: h.Readyz, Bare: true},
		{Method: http.MethodGet, Path: "/favicon.ico", Name: "favicon", Access: Public, Handle: echo.WrapHandler(h.assets.ServeNamed("img/favicon.ico")), Bare: true},
		{Method: http.MethodGet, Path: static.Prefix + "*", Name: "static", Access: Public, Handle: echo.WrapHandler(h.assets), Bare: true},

		// Signing in and out, and one's own account.
		{Method: http.MethodGet, Path: "/login", Name: "login", Access: Public, Handle: h.LoginForm},
		{Method: http.MethodPost, Path: "/login", Name: "login.submit", Access: Public, Handle: h.LoginSubmit, Form: loginForm{}},
		{Method: http.MethodGet, Path: "/login/code", Name: "login.code", Access: Public, Handle: h.LoginCode},
		{Method: http.MethodPost, Path: "/login/code", Name: "login.code.submit", Access: Public, Handle: h.LoginCodeSubmit, Form: models.SecondFactorCode{}},
		{Method: http.MethodGet, Path: "/login/enrol", Name: "login.enrol", Access: Public, Handle: h.LoginEnrol},
		{Method: http.MethodPost, Path: "/login/enrol", Name: "login.enrol.submit", Access: Public, Handle: h.LoginEnrolSubmit, Form: models.SecondFactorCode{}},
		{Method: http.MethodPost, Path: "/logout", Name: "logout", Access: models.ActOwnAccount, Handle: h.Logout},
		{Method: http.MethodGet, Path: "/account/password", Name: "password", Access: models.ActOwnAccount, Handle: h.PasswordForm},
		{Method: http.MethodPost, Path: "/account/password", Name: "password.submit", Access: models.ActOwnAccount, Handle: h.PasswordSubmit, Form: models.PasswordChange{}},
		{Method: http.MethodGet, Path: "/account/second-factor", Name: "second_factor", Access: models.ActOwnAccount, Handle: h.SecondFactorPage},
		{Method: http.MethodPost, Path: "/account/second-factor", Name: "second_factor.enrol", Access: models.ActOwnAccount, Handle: h.SecondFactorEnrol, Form: models.SecondFactorCode{}},
		{Method: http.MethodPost, Path: "/account/second-factor/recovery-codes", Name: "second_factor.codes", Access: models.ActOwnAccount, Handle: h.SecondFactorCodes, Form: models.SecondFactorCode{}},
		{Method: http.MethodPost, Path: "/account/second-factor/remove", Name: "second_factor.remove", Access: models.ActOwnAccount, Handle: h.SecondFactorRemove, Form: models.SecondFactorCode{}},
		{Method: http.MethodGet, Path: "/notifications", Name: "notifications", Access: models.ActOwnAccount, Handle: h.Notifications},
		{Method: http.MethodPost, Path: "/notifications/read", Name: "notifications.read", Access: models.ActOwnAccount, Handle: h.NotificationsRead},
		{Method: http.MethodPost, Path: "/notifications/:id/read", Name: "notification.read", Access: models.ActOwnAccount, Handle: h.NotificationRead},
		{Method: http.MethodPost, Path: "/notifications/settings", Name: "notifications.settings", Access: models.ActOwnAccount, Handle: h.NotificationSettings, Form: models.NotifyMailInput{}},
		{Method: http.MethodGet, Path: "/reset/:token", Name: "reset", Access: Public, Handle: h.ResetForm},
		{Method: http.MethodPost, Path: "/reset/:token", Name: "reset.submit", Access: Public, Handle: h.ResetSubmit, Form: models.NewPassword{}},

		// The workspace.
		{Method: http.MethodGet, Path: "/workspace", Name: "workspace", Access: models.ActWorkspace, Handle: h.Workspace},
		{Method: http.MethodGet, Path: "/pairs", Name: "pairs", Access: models.ActViewPair, Handle: h.PairList, Form: pairFilter{}},
		{Method: http.MethodGet, Path: "/pairs/new", Name: "proposal.new", Access: models.ActProposePair, Handle: h.ProposalNew},
		{Method: http.MethodPost, Path: "/pairs", Name: "proposal.create", Access: models.ActProposePair, Handle: h.ProposalCreate, Form: models.ProposalInput{}},
		{Method: http.MethodGet, Path: "/pairs/:id", Name: "pair", Access: models.ActViewPair, Handle: h.PairShow, Personal: models.AccessView},
		{Method: http.MethodPost, Path: "/pairs/:id/agree", Name: "pair.agree", Access: models.ActRespondPair, Handle: h.PairAgree, Form: reasonForm{}},
		{Method: http.MethodPost, Path: "/pairs/:id/decline", Name: "pair.decline", Access: models.ActRespondPair, Handle: h.PairDecline, Form: reasonForm{}},
		{Method: http.MethodPost, Path: "/pairs/:id/withdraw", Name: "pair.withdraw", Access: models.ActWithdrawPair, Handle: h.PairWithdraw, Form: reasonForm{}},
		{Method: http.MethodPost, Path: "/pairs/:id/select", Name: "pair.select", Access: models.ActSelectPair, Handle: h.PairSelect, Form: reasonForm{}},
		{Method: http.MethodPost, Path: "/pairs/:id/reject", Name: "pair.reject", Access: models.ActSelectPair, Handle: h.PairReject, Form: reasonForm{}},
		{Method: http.MethodGet, Path: "/progress", Name: "progress", Access: models.ActViewProgress, Handle: h.Progress, Form: progressFilter{}},

		// Collaboration tasks, edited in place on their pair's page (htmx fragments, or full pages without JavaScript).
		{Method: http.MethodGet, Path: "/pairs/:id/tasks/new", Name: "task.new", Access: models.ActEditTasks, Handle: h.TaskNew, Personal: models.AccessView},
		{Method: http.MethodPost, Path: "/pairs/:id/tasks", Name: "task.create", Access: models.ActEditTasks, Handle: h.TaskCreate, Form: models.TaskInput{}},
		{Method: http.MethodGet, Path: "/tasks/:id", Name: "task", Access: models.ActViewPair, Handle: h.TaskShow},
		{Method: http.MethodGet, Path: "/tasks/:id/edit", Name: "task.edit", Access: models.ActEditTasks, Handle: h.TaskEdit, Personal: models.AccessView},
		{Method: http.MethodPost, Path: "/tasks/:id", Name: "task.update", Access: models.ActEditTasks, Handle: h.TaskUpdate, Form: models.TaskInput{}},
		{Method: http.MethodGet, Path: "/tasks/:id/delete", Name: "task.delete.confirm", Access: models.ActEditTasks, Handle: h.TaskDeleteConfirm},
		{Method: http.MethodPost, Path: "/tasks/:id/delete", Name: "task.delete", Access: models.ActEditTasks, Handle: h.TaskDelete, Form: versionForm{}},
		{Method: http.MethodGet, Path: "/tasks/:id/publish", Name: "task.publish.preview", Access: models.ActPublishTasks, Handle: h.PublishPreview},
		{Method: http.MethodPost, Path: "/tasks/:id/publish", Name: "task.publish", Access: models.ActPublishTasks, Handle: h.Publish, Form: publishForm{}},
		{Method: http.MethodPost, Path: "/tasks/:id/unpublish", Name: "task.unpublish", Access: models.ActPublishTasks, Handle: h.Unpublish},

		// Outcomes of a task, edited in place inside it.
		{Method: http.MethodGet, Path: "/tasks/:id/outcomes/new", Name: "outcome.new", Access: models.ActEditTasks, Handle: h.OutcomeNew},
		{Method: http.MethodPost, Path: "/tasks/:id/outcomes", Name: "outcome.create", Access: models.ActEditTasks, Handle: h.OutcomeCreate, Form: models.OutcomeInput{}},
		{Method: http.MethodGet, Path: "/outcomes/:id", Name: "outcome", Access: models.ActViewPair, Handle: h.OutcomeShow},
		{Method: http.MethodGet, Path: "/outcomes/:id/edit", Name: "outcome.edit", Access: models.ActEditTasks, Handle: h.OutcomeEdit},
		{Method: http.MethodPost, Path: "/outcomes/:id", Name: "outcome.update", Access: models.ActEditTasks, Handle: h.OutcomeUpdate, Form: models.OutcomeInput{}},
		{Method: http.MethodGet, Path: "/outcomes/:id/delete", Name: "outcome.delete.confirm", Access: models.ActEditTasks, Handle: h.OutcomeDeleteConfirm},
		{Method: http.MethodPost, Path: "/outcomes/:id/delete", Name: "outcome.delete", Access: models.ActEditTasks, Handle: h.OutcomeDelete, Form: versionForm{}},

		// Exchangee selection (교류자 선발) and the exchange's life; each move is one route with its access rule.
		{Method: http.MethodGet, Path: "/nominations", Name: "nominations", Access: models.ActViewNominations, Handle: h.NominationList, Form: nominationFilter{}, Personal: models.AccessView},
		{Method: http.MethodGet, Path: "/pairs/:id/positions/:position/nominations/new", Name: "nomination.new", Access: models.ActNominate, Handle: h.NominationNew},
		{Method: http.MethodPost, Path: "/pairs/:id/positions/:position/nominations", Name: "nomination.create", Access: models.ActNominate, Handle: h.NominationCreate, Form: models.NominationInput{}},
		// An exchange that began outside the app (round 1), registered by an administrator straight into 교류 중.
		{Method: http.MethodGet, Path: "/pairs/:id/positions/:position/registration", Name: "registration.new", Access: models.ActRegisterExchange, Handle: h.RegistrationNew},
		{Method: http.MethodPost, Path: "/pairs/:id/positions/:position/registration", Name: "registration.create", Access: models.ActRegisterExchange, Handle: h.RegistrationCreate, Form: models.RegistrationInput{}},
		{Method: http.MethodGet, Path: "/nominations/:id", Name: "nomination", Access: models.ActViewNominations, Handle: h.NominationShow, Personal: models.AccessView},
		{Method: http.MethodGet, Path: "/nominations/:id/record", Name: "nomination.record", Access: models.ActViewNominations, Handle: h.NominationRecord, Personal: models.AccessView},
		{Method: http.MethodGet, Path: "/nominations/:id/contact", Name: "nomination.contact", Access: models.ActViewExchangeeContact, Handle: h.NominationContact, Personal: models.AccessReveal},
		{Method: http.MethodGet, Path: "/nominations/:id/edit", Name: "nomination.edit", Access: models.ActNominate, Handle: h.NominationEdit, Personal: models.AccessView},
		{Method: http.MethodPost, Path: "/nominations/:id", Name: "nomination.update", Access: models.ActNominate, Handle: h.NominationUpdate, Form: models.NominationInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/submit", Name: "nomination.submit", Access: models.ActNominate, Handle: h.NominationSubmit, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/consent", Name: "nomination.consent", Access: models.ActConsentNomination, Handle: h.NominationConsent, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/decline", Name: "nomination.decline", Access: models.ActConsentNomination, Handle: h.NominationDecline, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/approve", Name: "nomination.approve", Access: models.ActReviewNominations, Handle: h.NominationApprove, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/return", Name: "nomination.return", Access: models.ActReviewNominations, Handle: h.NominationReturn, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/companions/:companion/remove", Name: "nomination.companion.remove", Access: models.ActReviewNominations, Handle: h.CompanionRemove, Form: models.CompanionRemovalInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/revoke", Name: "nomination.revoke", Access: models.ActRevokeNomination, Handle: h.NominationRevoke, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/start", Name: "nomination.start", Access: models.ActManageExchange, Handle: h.NominationStart, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/extend", Name: "nomination.extend", Access: models.ActManageExchange, Handle: h.NominationExtend, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/extension/agree", Name: "nomination.extend_agree", Access: models.ActConsentNomination, Handle: h.moveNomination(models.MoveExtendAgree), Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/extension/decline", Name: "nomination.extend_decline", Access: models.ActConsentNomination, Handle: h.moveNomination(models.MoveExtendDecline), Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/extension/approve", Name: "nomination.extend_approve", Access: models.ActReviewNominations, Handle: h.moveNomination(models.MoveExtendApprove), Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/extension/return", Name: "nomination.extend_return", Access: models.ActReviewNominations, Handle: h.moveNomination(models.MoveExtendReturn), Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/end", Name: "nomination.end", Access: models.ActManageExchange, Handle: h.NominationEnd, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/report", Name: "nomination.report", Access: models.ActNominate, Handle: h.NominationReport, Form: models.MoveInput{}},
		{Method: http.MethodPost, Path: "/nominations/:id/acknowledge", Name: "nomination.acknowledge", Access: models.ActReviewNominations, Handle: h.NominationAcknowledge, Form: models.MoveInput{}},

		// Performance evaluations (실적 점검·평가): cycles, self-assessments, scores edited in place, incentives.
		{Method: http.MethodGet, Path: "/evaluations", Name: "evaluations", Access: models.ActViewEvaluations, Handle: h.EvaluationList},
		{Method: http.MethodGet, Path: "/evaluations/new", Name: "evaluation.new", Access: models.ActManageEvaluations, Handle: h.EvaluationNew},
		{Method: http.MethodPost, Path: "/evaluations", Name: "evaluation.create", Access: models.ActManageEvaluations, Handle: h.EvaluationCreate, Form: models.CycleInput{}},
		// 정부업무평가 by year (government_evaluation.go, government_scale.go): the upgrade list, and the
		// grades of each year. Before /evaluations/:id, whose pattern their addresses also fit.
		{Method: http.MethodGet, Path: "/evaluations/upgrades", Name: "evaluation.upgrades", Access: models.ActViewEvaluations, Handle: h.UpgradeList, Form: upgradeFilter{}},
		{Method: http.MethodGet, Path: "/evaluations/government-scales", Name: "government.scales", Access: models.ActManageEvaluations, Handle: h.GovernmentScales},
		{Method: http.MethodGet, Path: "/evaluations/government-scales/new", Name: "government.scale.new", Access: models.ActManageEvaluations, Handle: h.GovernmentScaleNew},
		{Method: http.MethodPost, Path: "/evaluations/government-scales", Name: "government.scale.create", Access: models.ActManageEvaluations, Handle: h.GovernmentScaleCreate, Form: models.GovernmentScaleInput{}},
		{Method: http.MethodGet, Path: "/evaluations/government-scales/:year", Name: "government.scale", Access: models.ActManageEvaluations, Handle: h.GovernmentScaleEdit},
		{Method: http.MethodPost, Path: "/evaluations/government-scales/:year", Name: "government.scale.update", Access: models.ActManageEvaluations, Handle: h.GovernmentScaleUpdate, Form: models.GovernmentScaleInput{}},
		{Method: http.MethodGet, Path: "/evaluations/:id", Name: "evaluation", Access: models.ActViewEvaluations, Handle: h.EvaluationShow, Personal: models.AccessView},
		{Method: http.MethodGet, Path: "/evaluations/:id/edit", Name: "evaluation.edit", Access: models.ActManageEvaluations, Handle: h.EvaluationEdit},
		{Method: http.MethodPost, Path: "/evaluations/:id", Name: "evaluation.update", Access: models.ActManageEvaluations, Handle: h.EvaluationUpdate, Form: models.CycleInput{}},
		{Method: http.MethodPost, Path: "/evaluations/:id/stage", Name: "evaluation.advance", Access: models.ActManageEvaluations, Handle: h.EvaluationAdvance, Form: models.StageInput{}},
		{Method: http.MethodGet, Path: "/evaluations/:id/tasks/:task", Name: "evaluation.task", Access: models.ActViewEvaluations, Handle: h.EvaluationTask},
		{Method: http.MethodPost, Path: "/evaluations/:id/tasks/:task/self", Name: "evaluation.self", Access: models.ActSelfAssess, Handle: h.SelfAssessmentSubmit, Form: models.SelfAssessmentInput{}},
		{Method: http.MethodGet, Path: "/evaluations/:id/tasks/:task/scores/edit", Name: "evaluation.score.edit", Access: models.ActScoreTasks, Handle: h.ScoreEdit},
		{Method: http.MethodPost, Path: "/evaluations/:id/tasks/:task/scores", Name: "evaluation.score", Access: models.ActScoreTasks, Handle: h.ScoreSave, Form: models.ReviewInput{}},
		{Method: http.MethodPost, Path: "/evaluations/:id/tasks/:task/summary", Name: "evaluation.summary", Access: models.ActManageEvaluations, Handle: h.SummarySave, Form: models.SummaryInput{}},
		{Method: http.MethodGet, Path: "/evaluations/:id/report", Name: "evaluation.report", Access: models.ActReportEvaluations, Handle: h.EvaluationReport, Personal: models.AccessView},
		{Method: http.MethodGet, Path: "/evaluations/:id/report/download", Name: "evaluation.report.download", Access: models.ActReportEvaluations, Handle: h.EvaluationReportDownloadForm},
		{Method: http.MethodPost, Path: "/evaluations/:id/report.xlsx", Name: "evaluation.report.xlsx", Access: models.ActReportEvaluations, Handle: h.EvaluationReportXLSX, Form: models.DownloadReason{}, Personal: models.AccessExport},
		{Method: http.MethodGet, Path: "/tasks/:id/government-evaluation", Name: "task.government", Access: models.ActEditTasks, Handle: h.GovernmentEvaluationEdit},
		{Method: http.MethodPost, Path: "/tasks/:id/government-evaluation", Name: "task.government.update", Access: models.ActEditTasks, Handle: h.GovernmentEvaluationSave, Form: models.GovernmentEvaluationInput{}},
		{Method: http.MethodPost, Path: "/evaluations/:id/incentive-kinds", Name: "evaluation.incentive_kinds", Access: models.ActManageEvaluations, Handle: h.IncentiveKindsSave, Form: models.IncentiveKindsInput{}},
		{Method: http.MethodGet, Path: "/evaluations/:id/grades/publish", Name: "evaluation.grades.preview", Access: models.ActPublishGrades, Handle: h.GradeDistributionPreview},
		{Method: http.MethodPost, Path: "/evaluations/:id/grades/publish", Name: "evaluation.grades.publish", Access: models.ActPublishGrades, Handle: h.GradeDistributionPublish, Form: publishForm{}},
		{Method: http.MethodPost, Path: "/evaluations/:id/grades/withdraw", Name: "evaluation.grades.withdraw", Access: models.ActPublishGrades, Handle: h.GradeDistributionWithdraw},
		// 기여도 평가 (evaluation_contribution.go): the sending and receiving ministries' word about each person of the period.
		{Method: http.MethodGet, Path: "/evaluations/:id/contributions", Name: "evaluation.contributions", Access: models.ActViewEvaluations, Handle: h.Contributions, Personal: models.AccessView},
		{Method: http.MethodPost, Path: "/evaluations/:id/contributions/:nomination", Name: "evaluation.contribution", Access: models.ActAssessContribution, Handle: h.ContributionSave, Form: models.ContributionInput{}},
		{Method: http.MethodPost, Path: "/evaluations/:id/incentives/:nomination", Name: "evaluation.incentive", Access: models.ActDecideIncentives, Handle: h.IncentiveDecide, Form: models.IncentiveInput{}},

		// Administration.
		{Method: http.MethodGet, Path: "/admin/users", Name: "users", Access: models.ActManageAccounts, Handle: h.UserList, Form: userFilter{}},
		{Method: http.MethodGet, Path: "/admin/users/new", Name: "user.new", Access: models.ActManageAccounts, Handle: h.UserNew},
		{Method: http.MethodPost, Path: "/admin/users", Name: "user.create", Access: models.ActManageAccounts, Handle: h.UserCreate, Form: models.UserInput{}},
		{Method: http.MethodGet, Path: "/admin/users/:id", Name: "user", Access: models.ActManageAccounts, Handle: h.UserEdit, Personal: models.AccessReveal},
		{Method: http.MethodPost, Path: "/admin/users/:id", Name: "user.update", Access: models.ActManageAccounts, Handle: h.UserUpdate, Form: models.UserInput{}},
		{Method: http.MethodPost, Path: "/admin/users/:id/active", Name: "user.active", Access: models.ActManageAccounts, Handle: h.UserSetActive, Form: activeForm{}},
		{Method: http.MethodPost, Path: "/admin/users/:id/reset", Name: "user.reset", Access: models.ActManageAccounts, Handle: h.UserResetLink},
		{Method: http.MethodGet, Path: "/admin/audit", Name: "audit", Access: models.ActViewAudit, Handle: h.AuditList, Form: auditForm{}, Personal: models.AccessView},
		// 접속기록 (access_log.go): reviewed by those who review the audit log.
		{Method: http.MethodGet, Path: "/admin/access", Name: "access", Access: models.ActViewAudit, Handle: h.AccessList, Form: accessFilterForm{}},
		{Method: http.MethodPost, Path: "/admin/access/export", Name: "access.export", Access: models.ActViewAudit, Handle: h.AccessExport, Form: accessExportForm{}, Personal: models.AccessExport},
		{Method: http.MethodPost, Path: "/admin/users/:id/second-factor/reset", Name: "user.second_factor.reset", Access: models.ActManageAccounts, Handle: h.UserSecondFactorReset},
		{Method: http.MethodGet, Path: "/admin/sign-in-limits", Name: "throttles", Access: models.ActManageAccounts, Handle: h.ThrottleList},
		{Method: http.MethodPost, Path: "/admin/sign-in-limits/clear", Name: "throttle.clear", Access: models.ActManageAccounts, Handle: h.ThrottleClear, Form: models.ThrottleClear{}},
		{Method: http.MethodGet, Path: "/admin/rounds", Name: "rounds", Access: models.ActManageRounds, Handle: h.RoundList},
		{Method: http.MethodGet, Path: "/admin/rounds/new", Name: "round.new", Access: models.ActManageRounds, Handle: h.RoundNew},
		{Method: http.MethodPost, Path: "/admin/rounds", Name: "round.create", Access: models.ActManageRounds, Handle: h.RoundCreate, Form: models.RoundInput{}},
		{Method: http.MethodGet, Path: "/admin/rounds/:id", Name: "round.edit", Access: models.ActManageRounds, Handle: h.RoundEdit},
		{Method: http.MethodPost, Path: "/admin/rounds/:id", Name: "round.update", Access: models.ActManageRounds, Handle: h.RoundUpdate, Form: models.RoundInput{}},
		{Method: http.MethodPost, Path: "/admin/rounds/:id/status", Name: "round.advance", Access: models.ActManageRounds, Handle: h.RoundAdvance, Form: roundAdvanceForm{}},
		{Method: http.MethodGet, Path: "/admin/rounds/:id/selection", Name: "round.selection", Access: models.ActManageRounds, Handle: h.RoundSelectionForm},
		{Method: http.MethodPost, Path: "/admin/rounds/:id/selection", Name: "round.selection.update", Access: models.ActManageRounds, Handle: h.RoundSelectionUpdate, Form: models.SelectionInput{}},
		{Method: http.MethodGet, Path: "/admin/rounds/:id/import", Name: "round.import", Access: models.ActManageRounds, Handle: h.ImportForm},
		{Method: http.MethodPost, Path: "/admin/rounds/:id/import", Name: "round.import.preview", Access: models.ActManageRounds, Handle: h.ImportPreview, BodyLimit: uploadBodyLimit, Form: importUpload{}},
		{Method: http.MethodPost, Path: "/admin/rounds/:id/import/confirm", Name: "round.import.confirm", Access: models.ActManageRounds, Handle: h.ImportConfirm, BodyLimit: uploadBodyLimit, Form: importConfirmForm{}},
		{Method: http.MethodGet, Path: "/admin/rounds/:id/pairs.xlsx", Name: "round.export.xlsx", Access: models.ActExportRound, Handle: h.ExportXLSX},
		{Method: http.MethodGet, Path: "/admin/rounds/:id/nominations", Name: "round.nominations.download", Access: models.ActExportRound, Handle: h.ExportNominationsForm},
		{Method: http.MethodPost, Path: "/admin/rounds/:id/nominations.xlsx", Name: "round.nominations.xlsx", Access: models.ActExportRound, Handle: h.ExportNominationsXLSX, Form: models.DownloadReason{}, Personal: models.AccessExport},
		{Method: http.MethodGet, Path: "/admin/rounds/:id/pairs.csv", Name: "round.export.csv", Access: models.ActExportRound, Handle: h.ExportCSV},
		{Method: http.MethodGet, Path: "/admin/ministries", Name: "ministries", Access: models.ActManageMinistries, Handle: h.MinistryList},
		{Method: http.MethodGet, Path: "/admin/ministries/new", Name: "ministry.new", Access: models.ActManageMinistries, Handle: h.MinistryNew},
		{Method: http.MethodPost, Path: "/admin/ministries", Name: "ministry.create", Access: models.ActManageMinistries, Handle: h.MinistryCreate, Form: models.MinistryInput{}},
		{Method: http.MethodGet, Path: "/admin/ministries/:id", Name: "ministry.edit", Access: models.ActManageMinistries, Handle: h.MinistryEdit},
		{Method: http.MethodPost, Path: "/admin/ministries/:id", Name: "ministry.update", Access: models.ActManageMinistries, Handle: h.MinistryUpdate, Form: models.MinistryInput{}},
		{Method: http.MethodPost, Path: "/admin/ministries/:id/active", Name: "ministry.active", Access: models.ActManageMinistries, Handle: h.MinistrySetActive, Form: activeForm{}},
	}
}

// Router builds the echo router with the middleware and every route of the table.
func (h *Handlers) Router() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = h.handleError
	if h.cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently,
		Skipper: func(c echo.Context) bool { return c.Request().URL.Path == englishPrefix+"/" }})) // /en/ is the English home
	routes := h.Routes()
	names := make(map[string]string, len(routes))
	for _, r := range routes {
		names[r.Method+" "+r.Path] = r.Name
	}
	e.Use(h.requestID)
	e.Use(h.observe(names))
	e.Use(h.logRequests(names))
	e.Use(middleware.Recover())
	e.Use(h.securityHeaders)
	// The gzip middleware leaves alone the kept public pages and the bare routes:
	// the pages and the assets carry their own gzip bytes, made once, and the
	// probes answer a few bytes. Everything else is compressed as it is
	// answered, at the fastest level: the workspace (14.5 KB) compresses to
	// 3.8 KB at level 1 and 3.4 KB at level 5, in 76 µs instead of 131 µs
	// (level 5 clears 640 KB of match tables for every response).
	uncompressed := map[string]bool{}
	for _, r := range routes {
		uncompressed[r.Path] = uncompressed[r.Path] || r.Kept || r.Bare
	}
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, Skipper: func(c echo.Context) bool {
		return uncompressed[c.Path()]
	}}))
	e.Use(h.forgetPublicVersionAfterChanges)
	for _, r := range routes {
		handle := h.guard(r.Access, h.noteAccess(r.Personal, r.Handle))
		if !r.Bare {
			handle = h.loadSession(h.noStore(h.csrf(handle)))
		}
		handle = h.refuseBrokenInput(handle)
		if r.BodyLimit != "" {
			handle = h.limitBody(r.BodyLimit, uploadTooLarge)(handle)
		} else {
			handle = h.limitBody(h.cfg.BodyLimit, "")(handle)
		}
		e.Add(r.Method, r.Path, handle).Name = r.Name
		if r.Method == http.MethodGet {
			e.Add(http.MethodHead, r.Path, handle).Name = r.Name + ".head"
		}
	}
	keepRoutePaths(e)
	return e
}
