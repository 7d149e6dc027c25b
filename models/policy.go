package models

import "slices"

// Action is something a person may try to do. The policy below is the one
// place that says who may do it; handlers ask it, and so do domain methods.
type Action string

// Actions.
const (
	ActWorkspace        Action = "workspace.view"    // the signed-in home page
	ActOwnAccount       Action = "account.own"       // change one's own password, sign out
	ActViewPair         Action = "pair.view"         // a pair's working page
	ActManageAccounts   Action = "accounts.manage"   // create, edit, deactivate accounts; reset links
	ActViewAudit        Action = "audit.view"        // browse the audit log
	ActViewPersonalData Action = "personal.view"     // see unmasked phone numbers and e-mail addresses
	ActManageRounds     Action = "rounds.manage"     // create and edit rounds, move them on, import their lists
	ActManageMinistries Action = "ministries.manage" // add, edit and deactivate ministries
	ActExportRound      Action = "round.export"      // download a round's list as a spreadsheet
	ActProposePair      Action = "pair.propose"      // propose a pair from one's own ministry (side A)
	ActRespondPair      Action = "pair.respond"      // agree to or decline a proposal as the counterpart (side B)
	ActWithdrawPair     Action = "pair.withdraw"     // withdraw one's own ministry's proposal (side A)
	ActSelectPair       Action = "pair.select"       // select or reject a proposal
	ActEditTasks        Action = "task.edit"         // add, change and delete a pair's tasks and outcomes
	ActPublishTasks     Action = "task.publish"      // publish a task with its outcomes on the public site, or withdraw it
	ActViewProgress     Action = "progress.view"     // the progress overview of tasks by status and category

	ActViewNominations      Action = "nomination.view"        // exchangee selections and records of a pair one may see
	ActNominate             Action = "nomination.edit"        // nominate the sending ministry's exchangee, submit, report completion
	ActReviewNominations    Action = "nomination.review"      // approve or return a selection, acknowledge a completion report
	ActRevokeNomination     Action = "nomination.revoke"      // revoke an approval, with a reason
	ActManageExchange       Action = "exchange.manage"        // mark an exchange started, extended and ended
	ActConsentNomination    Action = "nomination.consent"     // agree or decline as the receiving ministry: a nominee, an extension request
	ActViewExchangeeContact Action = "exchangee_contact.view" // see an exchangee's unmasked phone and e-mail (audited)
	ActRegisterExchange     Action = "exchange.register"      // register an exchange begun outside the app (round 1), without the selection

	ActViewEvaluations   Action = "evaluation.view"      // evaluation cycles and the results of the tasks one may see
	ActManageEvaluations Action = "evaluation.manage"    // create and edit cycles, move them on, finalize; reports
	ActSelfAssess        Action = "evaluation.self"      // submit the self-assessment of a task of one's own ministry's pair
	ActScoreTasks        Action = "evaluation.score"     // score tasks per criterion, with comments
	ActDecideIncentives  Action = "evaluation.incentive" // decide an exchangee's incentive after a finalized cycle
	ActReportEvaluations Action = "evaluation.report"    // a cycle's results of every ministry, on a page and as a spreadsheet
	ActViewReviews       Action = "evaluation.reviews"   // each reviewer's name, item scores and comments, and results before 확정
	ActPublishGrades     Action = "evaluation.publish"   // publish a finalized cycle's grade distribution on the public site, or withdraw it
	// record the 기여도 평가 of one's own ministry's side (sending or receiving) about a person of a cycle
	ActAssessContribution Action = "evaluation.contribution"
)

// grant is how far a role may take an action.
type grant int

const (
	denied      grant = iota
	ownMinistry       // only records that belong to the user's ministry
	anyRecord
)

var policy = map[Action]map[Role]grant{
	ActWorkspace:        {RoleAdmin: anyRecord, RoleReviewer: anyRecord, RoleCoordinator: anyRecord},
	ActOwnAccount:       {RoleAdmin: anyRecord, RoleReviewer: anyRecord, RoleCoordinator: anyRecord},
	ActViewPair:         {RoleAdmin: anyRecord, RoleReviewer: anyRecord, RoleCoordinator: ownMinistry},
	ActManageAccounts:   {RoleAdmin: anyRecord},
	ActViewAudit:        {RoleAdmin: anyRecord},
	ActViewPersonalData: {RoleAdmin: anyRecord},
	ActManageRounds:     {RoleAdmin: anyRecord},
	ActManageMinistries: {RoleAdmin: anyRecord},
	ActExportRound:      {RoleAdmin: anyRecord, RoleReviewer: anyRecord},
	ActProposePair:      {RoleCoordinator: ownMinistry},
	ActRespondPair:      {RoleCoordinator: ownMinistry},
	ActWithdrawPair:     {RoleCoordinator: ownMinistry},
	ActSelectPair:       {RoleAdmin: anyRecord},
	ActEditTasks:        {RoleAdmin: anyRecord, RoleCoordinator: ownMinistry},
	ActPublishTasks:     {RoleAdmin: anyRecord},
	ActViewProgress:     {RoleAdmin: anyRecord, RoleReviewer: anyRecord, RoleCoordinator: ownMinistry},

	// Nominations belong to the pair's two ministries for reading, and to the
	// sending ministry for writing and for the exchangee's contact details.
	ActViewNominations:      {RoleAdmin: anyRecord, RoleReviewer: anyRecord, RoleCoordinator: ownMinistry},
	ActNominate:             {RoleAdmin: anyRecord, RoleCoordinator: ownMinistry},
	ActReviewNominations:    {RoleAdmin: anyRecord, RoleReviewer: anyRecord},
	ActRevokeNomination:     {RoleAdmin: anyRecord},
	ActManageExchange:       {RoleAdmin: anyRecord, RoleCoordinator: ownMinistry},
	ActConsentNomination:    {RoleAdmin: anyRecord, RoleCoordinator: ownMinistry},
	ActViewExchangeeContact: {RoleAdmin: anyRecord, RoleReviewer: anyRecord, RoleCoordinator: ownMinistry},
	ActRegisterExchange:     {RoleAdmin: anyRecord},

	// Evaluations: the administrator runs cycles and decides incentives, the
	// pair's coordinators assess their own tasks, reviewers score.
	ActViewEvaluations:   {RoleAdmin: anyRecord, RoleReviewer: anyRecord, RoleCoordinator: ownMinistry},
	ActManageEvaluations: {RoleAdmin: anyRecord},
	ActSelfAssess:        {RoleCoordinator: ownMinistry},
	ActScoreTasks:        {RoleReviewer: anyRecord},
	ActDecideIncentives:  {RoleAdmin: anyRecord},
	ActReportEvaluations: {RoleAdmin: anyRecord, RoleReviewer: anyRecord},
	// Individual evaluators' scores are not disclosed to the evaluated: the
	// coordinators see a task's final score, grade and summary comment, after 확정.
	ActViewReviews: {RoleAdmin: anyRecord, RoleReviewer: anyRecord},
	// What the public learns of a cycle, in aggregate, is the programme office's to publish.
	ActPublishGrades: {RoleAdmin: anyRecord},
	// 기여도 평가 is the two ministries' own word about the person they sent or received.
	ActAssessContribution: {RoleCoordinator: ownMinistry},
}

// Actions lists every action the policy knows.
func Actions() []Action {
	list := make([]Action, 0, len(policy))
	for a := range policy {
		list = append(list, a)
	}
	slices.Sort(list)
	return list
}

// MayAtAll reports whether the user's role may take the action on some record;
// route guards use it before the record is known.
func MayAtAll(u *User, a Action) bool {
	return u != nil && u.Active && policy[a][u.Role] != denied
}

// MayOnEvery reports whether the user may take the action on every record,
// whichever ministries it belongs to (reviewers and administrators, mostly).
func MayOnEvery(u *User, a Action) bool {
	return u != nil && u.Active && policy[a][u.Role] == anyRecord
}

// May reports whether the user may take the action on a record that belongs to
// the given ministries (a pair belongs to both of its ministries). With no
// ministries it is MayOnEvery: only a role granted every record passes.
func May(u *User, a Action, ministries ...int64) bool {
	if u == nil || !u.Active {
		return false
	}
	switch policy[a][u.Role] {
	case anyRecord:
		return true
	case ownMinistry:
		return u.MinistryID != nil && slices.Contains(ministries, *u.MinistryID)
	}
	return false
}
