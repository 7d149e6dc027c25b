package models

import (
	"strings"
	"time"
)

// The jobs of 교류자 선발 and of the exchange that follows, on today's
// nomination model. Every rule about which nomination waits for whom is in
// this file, so that a change of the nomination's states changes only it.

// Kinds of job, in the order the workspace shows them (worklist.go has the rest).
const (
	WorkProposal       WorkKind = "proposal"       // a proposal waiting for the counterpart's answer
	WorkNominate       WorkKind = "nominate"       // a position of a selected pair with no exchangee nominated
	WorkDraft          WorkKind = "draft"          // a draft to finish and submit
	WorkReturned       WorkKind = "returned"       // a returned nomination to answer
	WorkStart          WorkKind = "start"          // an approved exchangee waiting for 교류 시작
	WorkEnding         WorkKind = "ending"         // an exchange ending within EndingSoonDays: 연장 or 복귀
	WorkReport         WorkKind = "report"         // a completion report due after 복귀
	WorkConsent        WorkKind = "consent"        // a submission waiting for the receiving ministry's consent
	WorkReview         WorkKind = "review"         // a consented submission waiting for the reviewer's office
	WorkAcknowledge    WorkKind = "acknowledge"    // a completion report to acknowledge
	WorkExtendConsent  WorkKind = "extend_consent" // an extension request waiting for the receiving ministry
	WorkExtendReview   WorkKind = "extend_review"  // an agreed extension waiting for the reviewer's office
	WorkSelfAssessment WorkKind = "self"           // a task's self-assessment in 자체 점검
	WorkScore          WorkKind = "score"          // a task to score in 심사
	WorkTaskEmpty      WorkKind = "task_empty"     // a published task with nothing entered
	WorkSelectPair     WorkKind = "select_pair"    // an agreed proposal to select or reject
	WorkRoundStage     WorkKind = "round_stage"    // a round whose stage can move on
	WorkCycleDue       WorkKind = "cycle_due"      // a cycle in a stage whose due date nobody set
	WorkFinalize       WorkKind = "finalize"       // a cycle in 심사 to finalize, with what still blocks it
	WorkIncentive      WorkKind = "incentive"      // incentive decisions pending after 확정
	WorkLongWait       WorkKind = "long_wait"      // submissions waiting longer than LongWaitDays (for the receiving ministry or the reviewers)
)

// WorkKinds lists the kinds in the order the workspace shows them.
var WorkKinds = []WorkKind{WorkReview, WorkExtendReview, WorkConsent, WorkExtendConsent, WorkNominate, WorkReturned, WorkDraft, WorkProposal, WorkStart, WorkEnding, WorkReport,
	WorkAcknowledge, WorkSelfAssessment, WorkScore, WorkTaskEmpty, WorkSelectPair, WorkRoundStage, WorkCycleDue, WorkFinalize, WorkIncentive, WorkLongWait}

// nominationTitleSQL names the nomination x's position p (ministry pm joined): "인력정책과장(중기부)".
const nominationTitleSQL = "COALESCE(pp.title, '직위 미입력') || '(' || pm.short_name || ')'"

// nominationFrom joins a nomination x's position pp, its ministry pm, its pair p with ministries and round.
const nominationFrom = "FROM nominations x JOIN positions pp ON pp.id = x.position_id JOIN ministries pm ON pm.id = pp.ministry_id" +
	" JOIN exchange_pairs p ON p.id = x.pair_id" + pairJoins

// nominationSource is a job on nominations x, named by position and pair.
// The menu counts it over the nominations and their pairs alone: every other
// join of nominationFrom is on a column NOT NULL with its foreign key, so it
// keeps every row, and a coordinator's count of the submissions waiting for
// the ministry's 동의 joined six tables for each of the 67 a full synthetic
// year has waiting (0.65 ms of every coordinator's page on PostgreSQL under
// EXPLAIN ANALYZE, issue 25).
func nominationSource(kind WorkKind, due, where string, args ...any) workSource {
	return workSource{kind: kind, id: "x.id", ref: "0", title: nominationTitleSQL, detail: pairTitleSQL, since: "x.updated_at", due: due,
		from: nominationFrom + " WHERE " + where, args: args,
		count: nominationCountFrom + " WHERE " + where, countArgs: args}
}

// nominationCountFrom counts the nominations x with their pairs p.
const nominationCountFrom = "SELECT COUNT(*) AS n FROM nominations x JOIN exchange_pairs p ON p.id = x.pair_id"

// returnedOn adds the actual return date to a job's detail ("… · 복귀 2026-01-14"):
// after 복귀 that is the date that counts, not the planned end.
func returnedOn(src workSource) workSource {
	src.detail += " || ' · 복귀 ' || COALESCE(SUBSTR(CAST(x.returned_on AS TEXT), 1, 10), '미입력')"
	return src
}

func coordinatorNominationWork(m int64, day time.Time) []workSource {
	return []workSource{
		// The ministry sends its official into the other side's position: B's
		// official into position A, A's into position B.
		{kind: WorkNominate, id: "p.id", ref: "pp.id", title: nominationTitleSQL + " || ' 교류자 추천'", detail: pairTitleSQL,
			since: "p.updated_at", due: "r.exchange_starts_on",
			from: roundPairs + " JOIN positions pp ON pp.id = CASE WHEN p.ministry_b_id = ? THEN p.position_a_id ELSE p.position_b_id END" +
				" JOIN ministries pm ON pm.id = pp.ministry_id" +
				" WHERE r.status IN ? AND p.round_id = r.id AND p.status = ? AND (p.ministry_a_id = ? OR p.ministry_b_id = ?)" +
				" AND NOT EXISTS (SELECT 1 FROM nominations x WHERE x.position_id = pp.id AND x.status <> ?)",
			args: []any{m, []RoundStatus{RoundSelected, RoundActive}, PairSelected, m, m, NominationRevoked}},
		nominationSource(WorkDraft, "CAST(NULL AS DATE)", "x.ministry_id = ? AND x.status = ?", m, NominationDraft),
		nominationSource(WorkReturned, "CAST(NULL AS DATE)", "x.ministry_id = ? AND x.status = ?", m, NominationReturned),
		nominationSource(WorkStart, "x.planned_start", "x.ministry_id = ? AND x.status = ?", m, NominationApproved),
		nominationSource(WorkEnding, "x.planned_end", "x.ministry_id = ? AND x.status IN ? AND x.planned_end <= ?", m, live, day.AddDate(0, 0, EndingSoonDays)),
		returnedOn(nominationSource(WorkReport, "CAST(NULL AS DATE)", "x.ministry_id = ? AND x.status = ? AND x.report = ''", m, NominationCompleted)),
		// The receiving ministry (the pair's side that does not send) answers a submission, and an extension request.
		// The status written in (codeText): PostgreSQL's generic plan then knows
		// how few nominations are submitted and starts from them, where it read
		// every pair of the ministry's history (1.1 ms at ten years).
		nominationSource(WorkConsent, "x.planned_start", "x.status = "+codeText(NominationSubmitted)+" AND x.consented_submission <> x.submission"+
			" AND x.ministry_id <> ? AND (p.ministry_a_id = ? OR p.ministry_b_id = ?)", m, m, m),
		extensionSource(WorkExtendConsent, "x.ministry_id <> ? AND (p.ministry_a_id = ? OR p.ministry_b_id = ?)", ExtensionRequested, m, m, m),
	}
}

// extensionSource is a job on the open extension request of nominations x in
// status st, due on the end it asks for.
func extensionSource(kind WorkKind, where string, st ExtensionStatus, args ...any) workSource {
	src := nominationSource(kind, "e.requested_end", "x.status IN ? AND "+where, append([]any{live}, args...)...)
	extension := " JOIN nomination_extensions e ON e.nomination_id = x.id AND e.status = " + codeText(st) + " WHERE "
	src.from = strings.Replace(src.from, " WHERE ", extension, 1)
	src.count = strings.Replace(src.count, " WHERE ", extension, 1)
	src.since = "e.requested_at"
	return src
}

func reviewerNominationWork(u *User) []workSource {
	var list []workSource
	if office, ok := approvalOffice(u); ok {
		list = append(list, nominationSource(WorkReview, "CAST(NULL AS DATE)", "x.status = ? AND x.consented_submission = x.submission AND NOT EXISTS (SELECT 1 FROM nomination_approvals a"+
			" WHERE a.nomination_id = x.id AND a.submission = x.submission AND a.office = ?)", NominationSubmitted, office))
	}
	if office, ok := approvalOffice(u); ok {
		list = append(list, extensionSource(WorkExtendReview, "NOT EXISTS (SELECT 1 FROM nomination_extension_approvals ea"+
			" WHERE ea.extension_id = e.id AND ea.office = ?)", ExtensionAgreed, office))
	}
	return append(list, returnedOn(nominationSource(WorkAcknowledge, "CAST(NULL AS DATE)", "x.status = ? AND x.report <> ''", NominationCompleted)))
}

func adminNominationWork(now time.Time, o WorkOptions) []workSource {
	days := o.LongWaitDays
	if days <= 0 {
		days = DefaultLongWaitDays
	}
	waiting, args := "x.status = ? AND x.updated_at < ?", []any{NominationSubmitted, now.AddDate(0, 0, -days)}
	src := nominationSource(WorkLongWait, "CAST(NULL AS DATE)", waiting, args...)
	src.cut, src.cutArgs = "SELECT x.id FROM nominations x WHERE "+waiting+" ORDER BY x.updated_at, x.id", args
	return []workSource{src}
}
