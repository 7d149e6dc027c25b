package models_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm/clause"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestEveryRolesWorklistIsOneQueryOnBothDatabases(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		for _, login := range []string{"admin", "reviewer", "reviewer-opc", "moel", "mss"} {
			u := caller(t, s, login).User()
			w, err := countedWorklist(t, s, ctx, u, 10, models.WorkOptions{})
			if err != nil {
				t.Fatalf("%s: %v", login, err)
			}
			t.Logf("%s: %v total %d", login, w.Totals, w.Total())
		}
		// 고용부 sends into 중기부's position of round 2's first pair, selected with nobody nominated.
		w, err := countedWorklist(t, s, ctx, caller(t, s, "moel").User(), 50, models.WorkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, it := range w.Items[models.WorkNominate] {
			if it.Title == "인력정책과장(중기부) 교류자 추천" {
				found = true
			}
		}
		if !found {
			t.Errorf("moel's 교류자 추천: %+v", w.Items[models.WorkNominate])
		}
	})
}

// What waits for whom: reviews for each office until it approves, returns and
// drafts for the sending ministry, exchanges near their end for both ministries.
func TestWhatWaitsForEachPersonOnTheirWorklist(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		setRule(t, s, pair.RoundID, models.ApproveEachOffice, "")
		waiting := func(login string) map[models.WorkKind]int64 {
			t.Helper()
			w, err := countedWorklist(t, s, ctx, caller(t, s, login).User(), 10, models.WorkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			return w.Totals
		}
		n, err := s.CreateNomination(ctx, caller(t, s, "mss"), pair.ID, pos, exchangee(false))
		if err != nil {
			t.Fatal(err)
		}
		if w := waiting("mss"); w[models.WorkDraft] != 1 || w[models.WorkNominate] != 1 {
			t.Errorf("mss waiting = %v, want its draft and round 2's other position", w)
		}
		if n, err = s.MoveNomination(ctx, caller(t, s, "mss"), n.ID, models.MoveSubmit, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		// The receiving ministry (moel) agrees first; until then no office has it to review.
		for login, want := range map[string][2]int64{"moel": {1, 0}, "mss": {0, 0}, "mof": {0, 0}, "reviewer": {0, 0}, "reviewer-opc": {0, 0}} {
			if w := waiting(login); w[models.WorkConsent] != want[0] || w[models.WorkReview] != want[1] {
				t.Errorf("%s waiting before consent = %v, want %d to agree to, %d to review", login, w, want[0], want[1])
			}
		}
		n = modelstest.Consent(t, s, n)
		if w := waiting("moel"); w[models.WorkConsent] != 0 {
			t.Errorf("moel still has it to agree to after agreeing: %v", w)
		}
		if w := waiting("reviewer"); w[models.WorkReview] != 1 {
			t.Errorf("인사혁신처 waiting after consent = %v, want the review", w)
		}
		if n, err = s.MoveNomination(ctx, caller(t, s, "reviewer"), n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		if w := waiting("reviewer"); w[models.WorkReview] != 0 {
			t.Errorf("인사혁신처 still has it to review after approving: %v", w)
		}
		if w := waiting("reviewer-opc"); w[models.WorkReview] != 1 {
			t.Errorf("국무조정실 waiting = %v, want the review", w)
		}
		if n, err = s.MoveNomination(ctx, caller(t, s, "admin"), n.ID, models.MoveApprove, models.MoveInput{Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		// planned to end 2026-01-14: near (or past) its end on any date after 2025-12-15
		if _, err = s.MoveNomination(ctx, caller(t, s, "admin"), n.ID, models.MoveStart, models.MoveInput{Date: "2025-01-15", Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		// 연장 or 복귀 is the sending ministry's job; nobody else has it to do.
		for login, want := range map[string]int64{"mss": 1, "moel": 0, "reviewer": 0, "admin": 0, "mof": 0} {
			if w := waiting(login); w[models.WorkEnding] != want {
				t.Errorf("%s waiting = %v, want %d exchange about to end", login, w, want)
			}
		}
		if w := waiting("mof"); w[models.WorkDraft]+w[models.WorkReturned] != 0 {
			t.Errorf("a ministry outside the pair has waiting work: %v", w)
		}
	})
}

// Each kind lists its oldest changes first, at most limit of them, with the
// kind's whole count beside them, whatever else waits.
func TestWaitingListsAreTheOldestOfEachKindWithTheirTotals(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		pair, pos := nominationTarget(t, s)
		mss := ministry(t, s, "mss")
		base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
		var drafts, returned []int64
		for i := range 5 {
			for _, st := range []models.NominationStatus{models.NominationDraft, models.NominationReturned} {
				n := models.Nomination{PairID: pair.ID, PositionID: pos, MinistryID: mss.ID, Status: st,
					ExchangeeName: fmt.Sprintf("%s %d", st, i), Submission: 1, Version: 1,
					// the newest first, so that the id order is not the answer
					UpdatedAt: base.Add(time.Duration(5-i) * time.Hour)}
				if err := s.DB().Omit(clause.Associations).Create(&n).Error; err != nil {
					t.Fatal(err)
				}
				if st == models.NominationDraft {
					drafts = append([]int64{n.ID}, drafts...)
				} else {
					returned = append([]int64{n.ID}, returned...)
				}
			}
		}
		w, err := countedWorklist(t, s, ctx, caller(t, s, "mss").User(), 3, models.WorkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ids := func(list []models.WorkItem) []int64 {
			var out []int64
			for _, it := range list {
				out = append(out, it.ID)
				if it.Title != "기업일자리지원과장(고용부)" || it.Detail == "" {
					t.Errorf("nomination %d listed as %q, %q: want its position and pair", it.ID, it.Title, it.Detail)
				}
			}
			return out
		}
		if got := ids(w.Items[models.WorkDraft]); !slices.Equal(got, drafts[:3]) {
			t.Errorf("drafts listed %v, want the three oldest %v", got, drafts[:3])
		}
		if got := ids(w.Items[models.WorkReturned]); !slices.Equal(got, returned[:3]) {
			t.Errorf("returns listed %v, want the three oldest %v", got, returned[:3])
		}
		if w.Totals[models.WorkDraft] != 5 || w.Totals[models.WorkReturned] != 5 || w.Totals[models.WorkEnding] != 0 {
			t.Errorf("totals %v, want 5 drafts and 5 returned", w.Totals)
		}
	})
}

// A cycle in a stage nobody set the due date of is the office's job; set, it is gone.
func TestACycleWithoutItsStagesDueDateWaitsForTheOffice(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		admin := caller(t, s, "admin")
		pair, _ := nominationTarget(t, s)
		in := models.NewCycleInput()
		in.Name, in.PeriodStart, in.PeriodEnd, in.RoundIDs = "마감일 없는 점검", "2025-01-01", "2025-06-30", []string{itoa(pair.RoundID)}
		c, err := s.CreateEvaluationCycle(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if c, err = s.MoveEvaluationCycle(ctx, admin, c.ID, models.StageSelfAssessment, c.Version); err != nil {
			t.Fatal(err)
		}
		w, err := countedWorklist(t, s, ctx, admin.User(), 10, models.WorkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Items[models.WorkCycleDue]; len(got) != 1 || got[0].ID != c.ID || got[0].Detail != "자체 점검 마감일이 정해지지 않았습니다." {
			t.Errorf("the office's cycles without a due date: %+v", got)
		}
		in = c.InputOf()
		in.SelfDue = "2025-07-15"
		if _, err := s.UpdateEvaluationCycle(ctx, admin, c.ID, in); err != nil {
			t.Fatal(err)
		}
		if w, _ = countedWorklist(t, s, ctx, admin.User(), 10, models.WorkOptions{}); w.Totals[models.WorkCycleDue] != 0 {
			t.Errorf("still waiting after the due date was set: %v", w.Totals)
		}
		// The coordinators' self-assessment jobs carry the date, overdue at the test's today.
		w, _ = countedWorklist(t, s, ctx, caller(t, s, "moel").User(), 10, models.WorkOptions{})
		for _, it := range w.Items[models.WorkSelfAssessment] {
			if it.Due == nil || it.Due.Format(time.DateOnly) != "2025-07-15" || !it.Overdue(time.Now()) {
				t.Errorf("self-assessment job %+v: want due 2025-07-15, overdue", it)
			}
		}
	})
}

// The administrator's worklist counts, per finalized cycle, every person still
// without an incentive decision: the exchangee and each companion apart (one
// removed by a reviewer no longer counts).
func TestTheWorklistCountsEachCompanionsPendingIncentive(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		companion := models.NominationCompanion{NominationID: w.nomination.ID, Name: "최동반", Rank: "사무관", Role: "실무", Position: 1}
		removed := models.NominationCompanion{NominationID: w.nomination.ID, Name: "정제외", Rank: "주무관", Role: "실무", Position: 2, RemovedAt: new(time.Now())}
		for _, c := range []*models.NominationCompanion{&companion, &removed} {
			if err := s.DB().Create(c).Error; err != nil {
				t.Fatal(err)
			}
		}
		w.finalizeWithCandidate(t)
		waiting := func() string {
			t.Helper()
			list, err := countedWorklist(t, s, ctx, w.admin.User(), 5, models.WorkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range list.Items[models.WorkIncentive] {
				if it.ID == w.cycle.ID {
					return it.Detail
				}
			}
			return ""
		}
		if got := waiting(); got != "결정하지 않은 교류자·동반 교류자 2명" {
			t.Errorf("before any decision: %q", got)
		}
		if _, err := s.DecideIncentive(ctx, w.admin, w.cycle.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "평가수당 우대"}); err != nil {
			t.Fatal(err)
		}
		if got := waiting(); got != "결정하지 않은 교류자·동반 교류자 1명" {
			t.Errorf("after the exchangee's decision: %q", got)
		}
		if _, err := s.DecideIncentive(ctx, w.admin, w.cycle.ID, w.nomination.ID, removed.ID, models.IncentiveInput{Decision: "기타"}); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a removed companion decided: %v", err)
		}
		if _, err := s.DecideIncentive(ctx, w.admin, w.cycle.ID, w.nomination.ID, companion.ID, models.IncentiveInput{Decision: models.NoIncentive}); err != nil {
			t.Fatal(err)
		}
		if got := waiting(); got != "" {
			t.Errorf("after both decisions the cycle still waits: %q", got)
		}
	})
}

var finalizeWords = regexp.MustCompile(`^확정 전 남은 일: 점수 없는 협업과제 [1-9][0-9]*개, 자체 점검 미제출 [0-9]+개$`)

// countedWorklist is s.Worklist, checked against the count the menu shows
// on every other page (Store.WorkCount): the same jobs, the same unread. Both
// are checked against the whole list (no limit), its jobs counted one by one:
// a kind listed in full takes its total from the menu's count.
func countedWorklist(t *testing.T, s *models.Store, ctx context.Context, u *models.User, limit int, o models.WorkOptions) (models.Worklist, error) {
	t.Helper()
	w, err := s.Worklist(ctx, u, limit, o)
	if err != nil {
		return w, err
	}
	total, unread, err := s.WorkCount(ctx, u, o)
	if err != nil {
		t.Fatalf("work count: %v", err)
	}
	if total != w.Total() || unread != w.Unread {
		t.Errorf("work count %d jobs, %d unread; the worklist %d jobs (%v), %d unread", total, unread, w.Total(), w.Totals, w.Unread)
	}
	checkCycleTaskCounts(t, s)
	all, err := s.Worklist(ctx, u, math.MaxInt32, o)
	if err != nil {
		t.Fatalf("whole worklist: %v", err)
	}
	for _, kind := range models.WorkKinds {
		if n := int64(len(all.Items[kind])); n != all.Totals[kind] || n != w.Totals[kind] || len(w.Items[kind]) != int(min(n, int64(limit))) {
			t.Errorf("%s: %d jobs listed one by one; totals %d (whole) and %d (limit %d, %d listed)", kind, n, all.Totals[kind], w.Totals[kind], limit, len(w.Items[kind]))
		}
		// The jobs listed are the first of the whole list, in its order (a job per
		// task of a cycle is picked in the order of the walk that lists it).
		for i, it := range w.Items[kind] {
			if i >= len(all.Items[kind]) || it.ID != all.Items[kind][i].ID || it.RefID != all.Items[kind][i].RefID {
				t.Errorf("%s: job %d listed is %d/%d; the whole list: %v", kind, i, it.ID, it.RefID, all.Items[kind])
				break
			}
		}
	}
	return w, err
}

// On synthetic years, where every kind of job waits for someone (rounds in
// every stage, cycles in 심사 and undecided 인센티브), the menu's
// count is the worklist's total for every role.
func TestTheMenusCountIsTheWorklistsTotalOnSyntheticYears(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.SeedDecade(ctx, models.DecadeOptions{Years: 2, Scale: 0.02}); err != nil {
			t.Fatal(err)
		}
		kinds := map[models.WorkKind]bool{}
		for _, login := range []string{"admin", "reviewer", "reviewer-opc", "moel", "mss"} {
			w, err := countedWorklist(t, s, ctx, caller(t, s, login).User(), 1, models.WorkOptions{})
			if err != nil {
				t.Fatalf("%s: %v", login, err)
			}
			for k, n := range w.Totals {
				kinds[k] = kinds[k] || n > 0
			}
			// 확정's remaining work, counted in SQL and worded in Go.
			for _, it := range w.Items[models.WorkFinalize] {
				if !finalizeWords.MatchString(it.Detail) {
					t.Errorf("%s: 확정 %q", login, it.Detail)
				}
			}
		}
		// The check means something only where the jobs are many and of many kinds.
		for _, k := range []models.WorkKind{models.WorkScore, models.WorkFinalize, models.WorkIncentive, models.WorkRoundStage, models.WorkNominate} {
			if !kinds[k] {
				t.Errorf("no %s waits for anyone on two synthetic years: %v", k, kinds)
			}
		}
	})
}

// The jobs of a cycle's tasks, counted per cycle for the menu (WorkCount) and
// listed for the workspace: each coordinator's 자체 점검 until submitted, each
// reviewer's 채점할 과제 until scored.
func TestACyclesTasksWaitForTheirSelfAssessmentAndEachReviewersScores(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		totals := func(who models.Actor, kind models.WorkKind) int64 {
			t.Helper()
			list, err := countedWorklist(t, s, ctx, who.User(), 10, models.WorkOptions{})
			if err != nil {
				t.Fatal(err)
			}
			return list.Totals[kind]
		}
		w.move(t, models.StageSelfAssessment)
		if n := totals(w.moel, models.WorkSelfAssessment); n != 2 {
			t.Errorf("고용부's self-assessments to write: %d, want both tasks", n)
		}
		self := models.SelfAssessmentInput{Narrative: "매칭 120건", Outcomes: "채용 45명"}
		if _, err := s.SaveSelfAssessment(ctx, w.moel, w.cycle.ID, w.task1.ID, self); err != nil {
			t.Fatal(err)
		}
		if n := totals(w.mss, models.WorkSelfAssessment); n != 1 {
			t.Errorf("중기부's self-assessments to write after one was submitted: %d, want 1", n)
		}
		w.move(t, models.StageReview)
		if n := totals(w.reviewer, models.WorkScore); n != 2 {
			t.Errorf("tasks to score: %d, want 2", n)
		}
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(w.criteria(t), "85", "90", "80")); err != nil {
			t.Fatal(err)
		}
		if n := totals(w.reviewer, models.WorkScore); n != 1 {
			t.Errorf("tasks to score after one was scored: %d, want 1", n)
		}
		if n := totals(w.opc, models.WorkScore); n != 2 {
			t.Errorf("another reviewer's tasks to score: %d, want 2", n)
		}
		// A task scored by two reviewers is one task scored: 확정 waits for the other.
		if _, err := s.SaveReview(ctx, w.opc, w.cycle.ID, w.task1.ID, scoreInput(w.criteria(t), "70", "75", "80")); err != nil {
			t.Fatal(err)
		}
		list, err := countedWorklist(t, s, ctx, w.admin.User(), 10, models.WorkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		const want = "확정 전 남은 일: 점수 없는 협업과제 1개, 자체 점검 미제출 1개"
		if items := list.Items[models.WorkFinalize]; len(items) != 1 || items[0].Detail != want {
			t.Errorf("확정 with one task scored twice and one not: %+v, want %q", items, want)
		}
	})
}

// The store's PostgreSQL sessions compile no query (jit) and price a lookup
// by index as on SSD (random_page_cost, see sessionSettings). The worklist and
// the menu's count keep their generic plan (planned anew at every call at
// ten years); every other statement is planned for its values, as
// PostgreSQL does by default (a generic plan for all read the open
// nominations by scanning them all).
func TestOnlyTheWorklistKeepsAGenericPlanOnPostgreSQL(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		if s.Dialect() != models.DialectPostgres {
			return // SQLite has neither setting
		}
		pool, err := s.DB().DB()
		if err != nil {
			t.Fatal(err)
		}
		pool.SetMaxOpenConns(1) // one session: its prepared statements are the ones looked at
		ctx := context.Background()
		for _, login := range []string{"admin", "reviewer", "moel"} {
			u := caller(t, s, login).User()
			for range 7 {
				if _, err := countedWorklist(t, s, ctx, u, 5, models.WorkOptions{}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for range 7 {
			var n int64
			if err := s.DB().Raw("SELECT COUNT(*) FROM nominations WHERE status IN ?", []string{"submitted", "approved"}).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
		}
		for setting, want := range map[string]string{"jit": "off", "random_page_cost": "1.1", "plan_cache_mode": "auto"} {
			var got string
			if err := s.DB().Raw("SELECT current_setting(?)", setting).Scan(&got).Error; err != nil || got != want {
				t.Errorf("%s = %q (%v), want %q", setting, got, err, want)
			}
		}
		var plans []struct {
			Statement                 string
			GenericPlans, CustomPlans int64
		}
		if err := s.DB().Raw("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements").Scan(&plans).Error; err != nil {
			t.Fatal(err)
		}
		var worklists, counts, other int
		for _, p := range plans {
			switch {
			case strings.Contains(p.Statement, "ROW_NUMBER() OVER (PARTITION BY kind"):
				worklists++
			case strings.Contains(p.Statement, ") AS total, (SELECT COUNT(*)"):
				counts++
			case strings.Contains(p.Statement, "FROM nominations WHERE status IN"):
				other++
				if p.CustomPlans == 0 {
					t.Errorf("an ordinary statement took no custom plan: %+v", p)
				}
				continue
			default:
				continue
			}
			if p.CustomPlans != 0 || p.GenericPlans < 7 {
				t.Errorf("the worklist's statement was planned for its values: %+v", p)
			}
		}
		if worklists != 3 || counts != 3 || other != 1 {
			t.Errorf("prepared: %d worklists, %d counts, %d others, want 3, 3 and 1", worklists, counts, other)
		}
	})
}

// The worklist's sources each reach a few records by index; on PostgreSQL
// they are read by nested loops, never by hashing or merging whole tables
// (a reviewer's tasks to score were found by hashing every task of the
// history, issue 25).
func TestTheWorklistIsReadByIndexOnPostgreSQL(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		if s.Dialect() != models.DialectPostgres {
			return // SQLite joins by nested loops only
		}
		ctx := context.Background()
		if _, err := s.SeedDecade(ctx, models.DecadeOptions{Years: 2, Scale: 0.02}); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().Exec("ANALYZE").Error; err != nil {
			t.Fatal(err)
		}
		for _, login := range []string{"admin", "reviewer", "moel"} {
			plan, err := s.WorklistPlan(ctx, caller(t, s, login).User())
			if err != nil {
				t.Fatalf("%s: %v", login, err)
			}
			if strings.Contains(plan, "Hash Join") || strings.Contains(plan, "Merge Join") {
				t.Errorf("%s's worklist joins by hashing or merging:\n%s", login, plan)
			}
		}
	})
}

// A reviewer's tasks to score come pair by pair, in the order of the cycle's
// rounds and pairs, and the first ones listed are the first of that order: a
// task added to the first pair after every other is listed with its pair,
// before the next pair's tasks (SQLite stops at the last one shown, issue 25).
func TestTasksToScoreComePairByPair(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.SeedDecade(ctx, models.DecadeOptions{Years: 1, Scale: 0.02}); err != nil {
			t.Fatal(err)
		}
		reviewer := caller(t, s, "reviewer").User()
		pairOf := func(taskID int64) int64 {
			t.Helper()
			var pair int64
			if err := s.DB().Raw("SELECT pair_id FROM collaboration_tasks WHERE id = ?", taskID).Scan(&pair).Error; err != nil || pair == 0 {
				t.Fatalf("pair of task %d: %d, %v", taskID, pair, err)
			}
			return pair
		}
		before, err := countedWorklist(t, s, ctx, reviewer, 3, models.WorkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(before.Items[models.WorkScore]) != 3 {
			t.Fatalf("tasks to score listed: %v", before.Items[models.WorkScore])
		}
		first := before.Items[models.WorkScore][0]
		if err := s.DB().Exec(`INSERT INTO collaboration_tasks (pair_id, title, description, category, status, published, position, version, created_at, updated_at)
			SELECT pair_id, '나중에 더한 과제', description, category, status, false, 99, 1, created_at, updated_at FROM collaboration_tasks WHERE id = ?`, first.RefID).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.ChangedBySQL(ctx); err != nil { // a task written by SQL: its cycles count it
			t.Fatal(err)
		}
		var added int64
		if err := s.DB().Raw("SELECT MAX(id) FROM collaboration_tasks").Scan(&added).Error; err != nil {
			t.Fatal(err)
		}
		all, err := countedWorklist(t, s, ctx, reviewer, 1000, models.WorkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var pairs []int64 // each pair's tasks together, in the list's order
		at := -1
		for i, it := range all.Items[models.WorkScore] {
			if p := pairOf(it.RefID); len(pairs) == 0 || pairs[len(pairs)-1] != p {
				if slices.Contains(pairs, p) {
					t.Errorf("pair %d's tasks are listed apart: task %d after pairs %v", p, it.RefID, pairs)
				}
				pairs = append(pairs, p)
			}
			if it.RefID == added {
				at = i
			}
		}
		if len(pairs) < 2 || at < 0 || pairOf(added) != pairs[0] {
			t.Fatalf("the added task %d at %d; pairs listed %v", added, at, pairs)
		}
		switch list := all.Items[models.WorkScore]; {
		case at+1 == len(list):
			t.Errorf("the added task %d is listed last, after every pair's", added)
		case pairOf(list[at+1].RefID) == pairs[0]:
			t.Errorf("the added task %d is not the last of its pair's: %d after it", added, list[at+1].RefID)
		}
	})
}

// checkCycleTaskCounts fails unless every cycle's kept numbers
// (cycle_tasks.go) are counted again from the records: the tasks of the
// selected pairs of its rounds, those of its tasks with a review, and those
// with a submitted self-assessment.
func checkCycleTaskCounts(t *testing.T, s *models.Store) {
	t.Helper()
	var cycles []struct {
		ID, TaskCount, Counted, ReviewedTasks, Reviewed, SubmittedTasks, Submitted int64
	}
	err := s.DB().Raw(`SELECT c.id, c.task_count, (SELECT COUNT(*) FROM evaluation_cycle_rounds ecr
			JOIN exchange_pairs p ON p.round_id = ecr.round_id JOIN collaboration_tasks t ON t.pair_id = p.id
			WHERE ecr.cycle_id = c.id AND p.status = 'selected') AS counted,
			c.reviewed_tasks, (SELECT COUNT(*) FROM collaboration_tasks t WHERE EXISTS (SELECT 1 FROM evaluation_reviews rv
				WHERE rv.cycle_id = c.id AND rv.task_id = t.id)) AS reviewed,
			c.submitted_tasks, (SELECT COUNT(*) FROM collaboration_tasks t WHERE EXISTS (SELECT 1 FROM self_assessments a
				WHERE a.cycle_id = c.id AND a.task_id = t.id AND a.submitted_at IS NOT NULL)) AS submitted
		FROM evaluation_cycles c`).Scan(&cycles).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cycles {
		if c.TaskCount != c.Counted || c.ReviewedTasks != c.Reviewed || c.SubmittedTasks != c.Submitted {
			t.Errorf("cycle %d keeps %d tasks, %d reviewed, %d self-assessed; the records have %d, %d, %d",
				c.ID, c.TaskCount, c.ReviewedTasks, c.SubmittedTasks, c.Counted, c.Reviewed, c.Submitted)
		}
	}
}
