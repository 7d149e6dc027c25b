package models

import (
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// WorkKind is one kind of job waiting for someone (처리할 일).
type WorkKind string

// WorkItem is one job: what it is about, since when it waits, and by when it
// is due. ID and RefID name the record whose page does the job (a pair and a
// position, a cycle and a task, a nomination).
type WorkItem struct {
	Kind   WorkKind
	ID     int64
	RefID  int64
	Title  string
	Detail string
	Since  time.Time
	Due    *time.Time
}

// Overdue reports whether the item's due date (a whole day, Seoul) has passed at now.
func (i WorkItem) Overdue(now time.Time) bool {
	return i.Due != nil && i.Due.Before(today(now))
}

// Worklist is what waits for one person: up to a limit of each kind, oldest
// first, with each kind's total, and their unread notifications.
type Worklist struct {
	Items  map[WorkKind][]WorkItem
	Totals map[WorkKind]int64
	Unread int64
}

// Total is the number of jobs of every kind.
func (w Worklist) Total() int64 {
	var n int64
	for _, t := range w.Totals {
		n += t
	}
	return n
}

// WorkOptions are the settings the worklist follows.
type WorkOptions struct {
	// LongWaitDays: an administrator is shown submitted nominations waiting
	// longer than this for a decision (0: DefaultLongWaitDays).
	LongWaitDays int
}

// DefaultLongWaitDays is how long a submitted nomination may wait for a
// decision before the administrator is shown it.
const DefaultLongWaitDays = 14

// workSource is one kind of job as SQL: the expressions of its columns (id,
// ref_id, title, detail, since, due) over from, a FROM … WHERE … with its arguments.
type workSource struct {
	kind                               WorkKind
	id, ref, title, detail, since, due string
	from                               string
	args                               []any
	// count, when set, is a query of one column n counting the source's rows
	// another way for WorkCount (with countArgs), instead of COUNT(*) over from.
	count     string
	countArgs []any
	// perTask: a job per task of a cycle (thousands in a cycle of a full
	// synthetic year), listed only as far as shown and counted apart, in the
	// order of its round and pair (the expressions roundOrd, pairOrd).
	perTask           bool
	roundOrd, pairOrd string
	// cut, when set, is a query of the ids of the source's rows in workOrder
	// (with cutArgs): only the first ones shown are listed, with their titles
	// and details, and the kind is counted apart (count) when listed in full.
	// For a kind that grows with a backlog: the administrator's long waits
	// joined six tables for each of the 67 submissions a full synthetic year
	// has waiting (the demo's 7) to show ten (issue 25).
	cut     string
	cutArgs []any
}

// workOrder is the order of the jobs of a kind: oldest first, then by record.
// A job per task of a cycle comes in the order of the cycle's rounds, pairs and
// tasks (round_ord, pair_ord; 0 for the other kinds), the order its list stops
// in (overCycleTasks).
const workOrder = "since, id, round_ord, pair_ord, ref_id"

// workSources are the kinds of job of u's role, computed from the records
// (not from notifications), so a job is gone as soon as it is done.
func (s *Store) workSources(u *User, o WorkOptions) []workSource {
	if u == nil || !u.Active {
		return nil
	}
	now := s.db.NowFunc()
	day := today(now)
	var list []workSource
	switch {
	case u.Role == RoleCoordinator && u.MinistryID != nil:
		list = append(coordinatorWork(*u.MinistryID, day, s.dialect), coordinatorNominationWork(*u.MinistryID, day)...)
	case u.Role == RoleReviewer:
		list = append(reviewerNominationWork(u), reviewerWork(u, s.dialect)...)
	case u.Role == RoleAdmin:
		list = append(adminWork(day), adminNominationWork(now, o)...)
	}
	return list
}

// pairTitleSQL names the pair p (with its ministries ma and mb joined) by its
// theme, or by its two ministries.
const pairTitleSQL = "COALESCE(p.theme, ma.short_name || ' ↔ ' || mb.short_name || ' 교류직위')"

// pairJoins joins a pair p's ministries ma, mb and round r.
const pairJoins = " JOIN ministries ma ON ma.id = p.ministry_a_id JOIN ministries mb ON mb.id = p.ministry_b_id JOIN rounds r ON r.id = p.round_id"

// roundPairs is the pairs p of the rounds r a source picks by their stage
// (its WHERE says p.round_id = r.id), with the pairs' ministries ma, mb:
// read from those few rounds, where from the pairs SQLite read every pair of
// the history (0.3 ms of every administrator's page at ten years, issue 25).
// CROSS JOIN keeps SQLite to that order; PostgreSQL, planning with a
// parameter for the ministry, read a coordinator's every pair of the history
// by the ministry's indexes (210 at ten years) and then their rounds: the
// rounds as a subquery with ORDER BY, which it keeps apart, are its outer rows
// too (a coordinator's pairs to nominate for, 0.3 → 0.15 ms).
const roundPairs = "FROM (SELECT * FROM rounds ORDER BY id) r CROSS JOIN exchange_pairs p JOIN ministries ma ON ma.id = p.ministry_a_id JOIN ministries mb ON mb.id = p.ministry_b_id"

// codeText is a status of the code as an SQL literal. Written into a
// statement rather than passed, it lets PostgreSQL's generic plan (the
// worklist's, withGenericPlan) know how many rows it picks: the rounds open
// for proposals or the submitted nominations are few, where a parameter is
// planned as an average status; the plan then starts from them (issue 25).
func codeText[T ~string](v T) string {
	if strings.ContainsAny(string(v), `'\`) {
		panic("codeText: not a status: " + string(v))
	}
	return "'" + string(v) + "'"
}

// cycleRoundTasks is the tasks t of pairs p selected in the rounds of cycle c,
// read from the cycle's rounds to their pairs to their tasks: CROSS JOIN keeps SQLite to that
// order, where from the tasks it read every task of the history (issue 25).
const cycleRoundTasks = "evaluation_cycle_rounds ecr CROSS JOIN exchange_pairs p CROSS JOIN collaboration_tasks t" +
	" WHERE ecr.cycle_id = c.id AND p.round_id = ecr.round_id AND p.status = 'selected' AND t.pair_id = p.id"

// overCycleTasks makes src a job per task t of the cycles c in stage that
// meets cond (with its args): from and args list them, and count counts them
// per cycle, driven from the few cycles, so that PostgreSQL reads each cycle's
// rounds, pairs and tasks by their indexes where, planning the rows as one
// join, it hashed every task and every cycle's rounds of the history before
// it kept one cycle's (70 ms at ten years, issue 25). The job's id is the
// cycle's, since when the cycle's last change.
//
// The jobs are listed in workOrder, cycle, round, pair, task, and the list
// stops at the last one shown: SQLite walks its nested loops in that order
// (the cycles from migration 0085's index). PostgreSQL knows a nested loop's
// rows to be in the order of its outer rows only, so it sorted every task of
// the cycle before it kept ten; here it sorts the cycles' pairs (w, kept in
// order as a subquery with ORDER BY), joins each pair's tasks in order
// (LATERAL … ORDER BY), and sorts the rows of each pair alone (Incremental
// Sort), stopping at the tenth: a reviewer's worklist at ten years looked up
// all 2,000 tasks of the cycle in 심사 (3 ms), now about 20 of them.
func overCycleTasks(src workSource, dialect string, stage EvaluationStage, cond string, args ...any) workSource {
	src.id, src.since, src.roundOrd, src.pairOrd = "c.id", "c.updated_at", "ecr.round_id", "p.id"
	src.ref, src.title = "t.id", "t.title" // the title read after the list is cut (worklistQuery)
	src.from = "FROM evaluation_cycles c CROSS JOIN " + cycleRoundTasks + " AND c.stage = ?" + cond
	if dialect == DialectPostgres {
		src.id, src.since, src.roundOrd, src.pairOrd = "w.cid", "w.since", "w.rid", "w.pid"
		src.from = "FROM (SELECT c.updated_at AS since, c.id AS cid, ecr.round_id AS rid, p.id AS pid" +
			" FROM evaluation_cycles c CROSS JOIN evaluation_cycle_rounds ecr CROSS JOIN exchange_pairs p" +
			" WHERE ecr.cycle_id = c.id AND p.round_id = ecr.round_id AND p.status = 'selected' AND c.stage = ? ORDER BY 1, 2, 3, 4) w" +
			" CROSS JOIN evaluation_cycles c CROSS JOIN exchange_pairs p" +
			" CROSS JOIN LATERAL (SELECT t.id FROM collaboration_tasks t WHERE t.pair_id = w.pid ORDER BY t.id) t" +
			" WHERE c.id = w.cid AND p.id = w.pid" + cond
	}
	src.args = append([]any{stage}, args...)
	src.count = "SELECT COALESCE(SUM((SELECT COUNT(*) FROM " + cycleRoundTasks + cond + ")), 0) AS n FROM evaluation_cycles c WHERE c.stage = ?"
	src.countArgs = append(slices.Clone(args), stage)
	src.perTask = true
	return src
}

// Counting a cycle's reviews instead of checking each task: every review of
// cycle c is complete and of a task c covers, as the store keeps them.
// SaveReview takes a score for every criterion, and only in 심사; from 심사 on
// a cycle's criteria and rounds are locked (UpdateEvaluationCycle); a selected
// pair stays selected; a task with reviews cannot be deleted (their foreign
// key). So the tasks without a complete review are the cycle's tasks (the
// number it keeps) less those with a review (a count over an index), where
// checking each task cost a full year's cycle 6 ms in SQLite, on every page
// of a reviewer (issue 25).
// TestTheMenusCountIsTheWorklistsTotalOnSyntheticYears compares the two.
const (
	// cycleTaskCount is the number of tasks of cycle c, kept on the cycle
	// (cycle_tasks.go) where counting them cost about 1 ms of every
	// administrator's and every reviewer's page at ten years on PostgreSQL.
	cycleTaskCount = "c.task_count"
	// reviewedTaskCount is the number of tasks of cycle c with a review,
	// kept on the cycle (cycle_tasks.go).
	reviewedTaskCount = "c.reviewed_tasks"
	// submittedCount is the number of tasks of cycle c with a submitted
	// self-assessment, kept on the cycle: a submitted self-assessment is one
	// per task and cycle (their unique key), and of a task the cycle covers,
	// as a round with one submitted cannot leave the cycle
	// (keepsSubmittedRounds) and from 심사 on the rounds are locked. Checking
	// each task instead cost 2.3 ms of an administrator's every workspace at
	// ten synthetic years on SQLite (a cycle of 2,000 tasks).
	submittedCount = "c.submitted_tasks"
	// reviewedByCount is the number of tasks of cycle c the reviewer (its argument) has scored.
	reviewedByCount = "(SELECT COUNT(*) FROM evaluation_reviews rv WHERE rv.cycle_id = c.id AND rv.reviewer_id = ?)"
)

func coordinatorWork(m int64, day time.Time, dialect string) []workSource {
	unassessed := " AND (p.ministry_a_id = ? OR p.ministry_b_id = ?)" +
		" AND NOT EXISTS (SELECT 1 FROM self_assessments a WHERE a.cycle_id = c.id AND a.task_id = t.id AND a.submitted_at IS NOT NULL)"
	return []workSource{
		{kind: WorkProposal, id: "p.id", ref: "0", title: pairTitleSQL, detail: "r.title", since: "p.updated_at", due: "r.proposals_due_on",
			from: roundPairs + " WHERE r.status = " + codeText(RoundProposals) + " AND p.round_id = r.id AND p.status = " + codeText(PairProposed) +
				" AND p.ministry_b_id = ?", args: []any{m}},
		overCycleTasks(workSource{kind: WorkSelfAssessment, detail: "c.name", due: "c.self_due"},
			dialect, StageSelfAssessment, unassessed, m, m),
		{kind: WorkTaskEmpty, id: "t.id", ref: "0", title: "t.title", detail: pairTitleSQL, since: "COALESCE(t.published_at, t.updated_at)", due: "CAST(NULL AS DATE)",
			from: "FROM collaboration_tasks t CROSS JOIN exchange_pairs p" + pairJoins +
				// As written, the partial index of the tasks with nothing entered
				// (migration 0081) serves it on both databases: not every task of the
				// history. CROSS JOIN keeps SQLite reading from it, where from the
				// ministry's pairs it read every pair of its history (0.3 ms at ten years).
				" WHERE p.id = t.pair_id AND t.published AND t.progress IS NULL AND (p.ministry_a_id = ? OR p.ministry_b_id = ?)" +
				" AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.task_id = t.id)", args: []any{m, m}},
	}
}

func reviewerWork(u *User, dialect string) []workSource {
	// Each task walked is looked up among the reviewer's reviews by a count,
	// not NOT EXISTS: PostgreSQL turned that into an anti join that checked
	// every review the reviewer ever gave (1.2 s at ten years). A review is
	// complete as the store keeps it (see cycleTaskCount): checking it again
	// cost two more lookups per task.
	unscored := " AND (SELECT COUNT(*) FROM evaluation_reviews rv WHERE " + reviewOfTask + " AND rv.reviewer_id = ?) = 0"
	src := overCycleTasks(workSource{kind: WorkScore, detail: "c.name", due: "c.review_due"},
		dialect, StageReview, unscored, u.ID)
	src.count = "SELECT COALESCE(SUM(" + cycleTaskCount + " - " + reviewedByCount + "), 0) AS n FROM evaluation_cycles c WHERE c.stage = ?"
	src.countArgs = []any{u.ID, StageReview}
	return []workSource{src}
}

// reviewOfTask is the condition of the reviews rv of task t in cycle c:
// each complete, as the store keeps them (see cycleTaskCount).
const reviewOfTask = "rv.cycle_id = c.id AND rv.task_id = t.id"

// incentiveCandidateSQL is true for a nomination n whose pair's result in
// finalized cycle c reaches the cycle's incentive score: its people are those
// the incentive page marks (IncentiveCandidate.Reaches), read from the result
// kept at 확정 (keepPairResultsSQL), one lookup, where scoring the pair's
// tasks again from every review cost 4 ms of every administrator's page at
// ten synthetic years (issue 25).
const incentiveCandidateSQL = "EXISTS (SELECT 1 FROM evaluation_pair_results pr WHERE pr.cycle_id = c.id AND pr.pair_id = n.pair_id" +
	" AND pr.score_tenths >= c.incentive_tenths)"

// undecidedSQL counts the people of finalized cycle c still without an
// incentive decision whose exchange reaches the incentive score.
//
// Driven from the cycle's rounds to their pairs' nominations (which
// incentiveCandidateSQL implies), so that a cycle costs its own size: from
// the nominations' status, SQLite walked every exchange of the whole history
// and rebuilt the cycle's list of pairs for each (7 s at ten years).
// (CROSS JOIN keeps SQLite to that order; PostgreSQL plans it as a join.)
//
// Each companion is decided apart (migration 0079) and shares the
// exchange's result, so an exchange counts its people still undecided: the
// exchangee, and each companion still in without a decision of their own.
const undecidedSQL = "(SELECT COALESCE(SUM(" +
	// CASE checks the decisions first and scores only the undecided: as an AND,
	// PostgreSQL scored every task of every finalized cycle first (6 s at ten years).
	"CASE WHEN " + pendingIncentiveSQL + " = 0 THEN 0 WHEN " + incentiveCandidateSQL + " THEN " + pendingIncentiveSQL + " ELSE 0 END), 0)" +
	cycleExchangesSQL + ")"

// cycleExchangesSQL is the exchanges n under way or done in the rounds of cycle c.
const cycleExchangesSQL = " FROM evaluation_cycle_rounds ucr CROSS JOIN exchange_pairs up CROSS JOIN nominations n" +
	" WHERE ucr.cycle_id = c.id AND up.round_id = ucr.round_id AND up.status = 'selected' AND n.pair_id = up.id" +
	" AND n.status IN ('active', 'extended', 'completed', 'acknowledged')"

// pendingIncentiveSQL is the people of nomination n without a decision in cycle c.
const pendingIncentiveSQL = "(CASE WHEN EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.nomination_id = n.id AND d.companion_id IS NULL) THEN 0 ELSE 1 END" +
	" + (SELECT COUNT(*) FROM nomination_companions nc WHERE nc.nomination_id = n.id AND nc.removed_at IS NULL" +
	" AND NOT EXISTS (SELECT 1 FROM incentive_decisions d WHERE d.cycle_id = c.id AND d.companion_id = nc.id)))"

func adminWork(day time.Time) []workSource {
	return []workSource{
		{kind: WorkSelectPair, id: "p.id", ref: "0", title: pairTitleSQL, detail: "r.title", since: "p.updated_at", due: "r.proposals_due_on",
			from: roundPairs + " WHERE r.status = " + codeText(RoundProposals) + " AND p.round_id = r.id AND p.status = " + codeText(PairAgreed)},
		{kind: WorkRoundStage, id: "r.id", ref: "0", title: "r.title", since: "r.updated_at",
			detail: "CASE WHEN r.status = 'proposals' THEN '직위 제안 마감일이 지났습니다. 선정 완료로 넘길 수 있습니다.' ELSE '교류 시작일이 되었습니다. 교류 시행으로 넘길 수 있습니다.' END",
			due:    "CAST(NULL AS DATE)", // the date has come by definition: nothing is late
			from:   "FROM rounds r WHERE (r.status = ? AND r.proposals_due_on < ?) OR (r.status = ? AND r.exchange_starts_on <= ?)",
			args:   []any{RoundProposals, day, RoundSelected, day}},
		{kind: WorkCycleDue, id: "c.id", ref: "0", title: "c.name", since: "c.updated_at", due: "CAST(NULL AS DATE)",
			detail: "CASE WHEN c.stage = 'self_assessment' THEN '자체 점검 마감일이 정해지지 않았습니다.' ELSE '심사 마감일이 정해지지 않았습니다.' END",
			from:   "FROM evaluation_cycles c WHERE (c.stage = ? AND c.self_due IS NULL) OR (c.stage = ? AND c.review_due IS NULL)",
			args:   []any{StageSelfAssessment, StageReview}},
		{kind: WorkFinalize, id: "c.id", ref: "0", title: "c.name", since: "c.updated_at", due: "c.review_due",
			// The cycle's tasks, those reviewed and those assessed, each counted
			// once; finalizeDetail words what is left (the tasks were counted
			// twice, 1.2 ms at ten years on PostgreSQL).
			detail: "CAST(" + cycleTaskCount + " AS TEXT) || ',' || CAST(" + reviewedTaskCount + " AS TEXT) || ',' || CAST(" + submittedCount + " AS TEXT)",
			from:   "FROM evaluation_cycles c WHERE c.stage = ?", args: []any{StageReview}},
		{kind: WorkIncentive, id: "c.id", ref: "0", title: "c.name", detail: "'결정하지 않은 교류자·동반 교류자 ' || CAST(c.incentives_undecided AS TEXT) || '명'",
			since: "COALESCE(c.finalized_at, c.updated_at)", due: "CAST(NULL AS DATE)",
			// The mark (incentive_settled.go) is set exactly when undecidedSQL counts
			// no one, and the count kept beside it, in the transaction of every change
			// the count depends on: the cycles still open are those without the mark,
			// counted on every signed-in page without scoring a task. (Checking the
			// count again here cost PostgreSQL a semi join over every exchange of the
			// history, 8.7 ms a page at ten years.)
			from: "FROM evaluation_cycles c WHERE c.stage = ? AND c.incentives_settled_at IS NULL", args: []any{StageFinalized}},
	}
}

// Worklist finds what waits for u: each kind of the role's jobs oldest first,
// the first limit of each with its total, and the unread notifications, in
// one query. A source of one job per task of a cycle is listed only as far
// as shown; when listed in full (limit rows) it may have more, and a second
// query counts it as the menu does (counted). Numbering every row of such a
// source built a reviewer's whole list of a cycle's tasks to score, 1,000
// rows at ten synthetic years, to show ten (the reviewer's worklist
// 5.9 → 3.0 ms on SQLite, issue 25).
func (s *Store) Worklist(ctx context.Context, u *User, limit int, o WorkOptions) (Worklist, error) {
	w := Worklist{Items: map[WorkKind][]WorkItem{}, Totals: map[WorkKind]int64{}}
	if u == nil {
		return w, nil
	}
	sources := s.workSources(u, o)
	q, args := worklistQuery(sources, limit, u.ID)
	var rows []struct {
		Kind      WorkKind
		ID, RefID int64
		Title     string
		Detail    string
		Since     sqlTime
		Due       sqlTime
		Total     int64
	}
	err := s.withGenericPlan(ctx, func(db *gorm.DB) error {
		if err := db.Raw(q, args...).Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			if r.Kind == "unread" {
				w.Unread = r.Total
				continue
			}
			w.Totals[r.Kind] = r.Total
			if r.Kind == WorkFinalize {
				r.Detail = finalizeDetail(r.Detail)
			}
			w.Items[r.Kind] = append(w.Items[r.Kind], WorkItem{Kind: r.Kind, ID: r.ID, RefID: r.RefID, Title: r.Title, Detail: r.Detail,
				Since: r.Since.t, Due: r.Due.ptr()})
		}
		return countFullKinds(db, sources, limit, w.Totals)
	})
	if err != nil {
		return w, fmt.Errorf("worklist of user %d: %w", u.ID, err)
	}
	return w, nil
}

// worklistQuery is Worklist's statement and its arguments: every source's
// rows numbered per kind, the first limit of each kept with the number listed
// of its kind, and the unread notifications' count. A source of one job per
// task of a cycle (its tasks to score, to assess), and one with a cut, is
// listed only as far as shown before it is numbered.
func worklistQuery(sources []workSource, limit int, userID int64) (string, []any) {
	var parts []string
	var args []any
	for _, src := range sources {
		// The kind is a constant of this file, written as a literal: a parameter
		// in a UNION's select list has no type PostgreSQL can settle on.
		args = append(args, src.args...)
		if src.cut != "" {
			parts = append(parts, fmt.Sprintf("SELECT '%s' AS kind, %s AS id, %s AS ref_id, 0 AS round_ord, 0 AS pair_ord, %s AS title, %s AS detail, %s AS since, %s AS due %s AND %s IN (%s LIMIT ?)",
				src.kind, src.id, src.ref, src.title, src.detail, src.since, src.due, src.from, src.id, src.cut))
			args = append(append(args, src.cutArgs...), limit)
			continue
		}
		if !src.perTask {
			parts = append(parts, fmt.Sprintf("SELECT '%s' AS kind, %s AS id, %s AS ref_id, 0 AS round_ord, 0 AS pair_ord, %s AS title, %s AS detail, %s AS since, %s AS due %s",
				src.kind, src.id, src.ref, src.title, src.detail, src.since, src.due, src.from))
			continue
		}
		// Ordered and cut without the task's title, which is read for the
		// rows listed only: the tasks are then read from the index of their
		// pair alone, where reading each task's row for its title cost a
		// reviewer's worklist 2,000 rows at ten synthetic years (issue 25).
		parts = append(parts, fmt.Sprintf("SELECT l.kind, l.id, l.ref_id, l.round_ord, l.pair_ord, lt.title AS title, l.detail, l.since, l.due FROM ("+
			"SELECT '%s' AS kind, %s AS id, %s AS ref_id, %s AS round_ord, %s AS pair_ord, %s AS detail, %s AS since, %s AS due %s ORDER BY %s LIMIT ?"+
			") l JOIN collaboration_tasks lt ON lt.id = l.ref_id", src.kind, src.id, src.ref, src.roundOrd, src.pairOrd, src.detail, src.since, src.due, src.from, workOrder))
		args = append(args, limit)
	}
	if len(parts) == 0 {
		parts = append(parts, "SELECT '' AS kind, 0 AS id, 0 AS ref_id, 0 AS round_ord, 0 AS pair_ord, '' AS title, '' AS detail, NULL AS since, NULL AS due WHERE 1 = 0")
	}
	q := "SELECT kind, id, ref_id, round_ord, pair_ord, title, detail, since, due, total FROM (" +
		"SELECT w.*, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY " + workOrder + ") AS n, COUNT(*) OVER (PARTITION BY kind) AS total FROM (" +
		strings.Join(parts, " UNION ALL ") + ") w) numbered WHERE n <= ? " +
		"UNION ALL SELECT 'unread', 0, 0, 0, 0, '', '', NULL, NULL, COUNT(*)" + unreadFrom + " ORDER BY kind, " + workOrder
	return q, append(args, limit, userID)
}

// countFullKinds sets the totals of the sources listed only as far as shown
// that were listed in full (limit rows) to their count, in one query.
func countFullKinds(db *gorm.DB, sources []workSource, limit int, totals map[WorkKind]int64) error {
	var parts []string
	var args []any
	for _, src := range sources {
		if (!src.perTask && src.cut == "") || totals[src.kind] < int64(limit) {
			continue
		}
		count, countArgs := src.counted()
		parts = append(parts, fmt.Sprintf("SELECT '%s' AS kind, n FROM (%s) counted%d", src.kind, count, len(parts)))
		args = append(args, countArgs...)
	}
	if len(parts) == 0 {
		return nil
	}
	var counts []struct {
		Kind WorkKind
		N    int64
	}
	if err := db.Raw(strings.Join(parts, " UNION ALL "), args...).Scan(&counts).Error; err != nil {
		return err
	}
	for _, c := range counts {
		totals[c.Kind] = c.N
	}
	return nil
}

// counted is the query of one column n counting src's rows, with its arguments.
func (src workSource) counted() (string, []any) {
	if src.count != "" {
		return src.count, src.countArgs
	}
	return "SELECT COUNT(*) AS n " + src.from, src.args
}

// WorkCount is what the menu shows of the worklist on every page: the
// number of jobs waiting for u (Worklist's Total) and their unread
// notifications, in one query that counts each source's rows without
// building their titles, details or order. The details are what cost with
// the size of a cycle (확정's remaining work counts every task of the cycle
// in 심사, twice), and only the workspace shows them (issue 25).
func (s *Store) WorkCount(ctx context.Context, u *User, o WorkOptions) (total, unread int64, err error) {
	if u == nil {
		return 0, 0, nil
	}
	jobs := "0"
	var args []any
	if sources := s.workSources(u, o); len(sources) > 0 {
		var parts []string
		for _, src := range sources {
			count, countArgs := src.counted()
			parts = append(parts, count)
			args = append(args, countArgs...)
		}
		jobs = "(SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM (" + strings.Join(parts, " UNION ALL ") + ") jobs)"
	}
	var row struct{ Total, Unread int64 }
	q := "SELECT " + jobs + " AS total, (" + unreadSQL + ") AS unread"
	if err := s.withGenericPlan(ctx, func(db *gorm.DB) error {
		return db.Raw(q, append(args, u.ID)...).Scan(&row).Error
	}); err != nil {
		return 0, 0, fmt.Errorf("work count of user %d: %w", u.ID, err)
	}
	return row.Total, row.Unread, nil
}

// unreadFrom is u's unread notifications, u's id its argument; unreadSQL counts them.
const (
	unreadFrom = " FROM notifications WHERE user_id = ? AND read_at IS NULL"
	unreadSQL  = "SELECT COUNT(*)" + unreadFrom
)

// finalizeDetail words 확정's remaining work, read as "tasks,reviewed,assessed":
// the cycle's tasks, those with a review and those with a submitted
// self-assessment. More assessed than tasks is a database where a round left
// a cycle after a self-assessment of it was submitted, before
// keepsSubmittedRounds: none missing (확정 itself counts its gaps from the
// results).
func finalizeDetail(counts string) string {
	var n [3]int
	for i, part := range strings.SplitN(counts, ",", 3) {
		n[i], _ = strconv.Atoi(part)
	}
	unscored, unassessed := n[0]-n[1], max(n[0]-n[2], 0)
	if unscored == 0 && unassessed == 0 {
		return "확정할 수 있습니다."
	}
	return fmt.Sprintf("확정 전 남은 일: 점수 없는 협업과제 %d개, 자체 점검 미제출 %d개", unscored, unassessed)
}

// sqlTime scans a time that SQLite hands over as text once it has passed
// through a UNION (its column type is lost there) and PostgreSQL as a time.
type sqlTime struct {
	t     time.Time
	valid bool
}

func (t *sqlTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*t = sqlTime{}
	case time.Time:
		*t = sqlTime{t: x, valid: true}
	case string:
		return t.parse(x)
	case []byte:
		return t.parse(string(x))
	default:
		return fmt.Errorf("scan %T as a time", v)
	}
	return nil
}

func (t *sqlTime) parse(s string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", time.DateOnly} {
		if v, err := time.Parse(layout, s); err == nil {
			*t = sqlTime{t: v, valid: true}
			return nil
		}
	}
	return fmt.Errorf("scan %q as a time", s)
}

func (t sqlTime) ptr() *time.Time {
	if !t.valid {
		return nil
	}
	v := t.t
	return &v
}

// Value makes sqlTime a column type GORM accepts; it is only ever scanned.
func (t sqlTime) Value() (driver.Value, error) {
	if !t.valid {
		return nil, nil
	}
	return t.t, nil
}
