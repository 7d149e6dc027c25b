package models_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"gorm.io/gorm/clause"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// evalWorld is the task world with a cycle over round 2 and two tasks of the moel–mss pair.
type evalWorld struct {
	taskWorld
	opc          models.Actor // the second reviewer (국무조정실)
	cycle        models.EvaluationCycle
	task1, task2 models.CollaborationTask
	nomination   models.Nomination // mss's exchangee into moel's position, in the exchange
}

func cycleInput(roundID int64) models.CycleInput {
	in := models.NewCycleInput()
	in.Name, in.PeriodStart, in.PeriodEnd = "2025년 상반기 실적 점검", "2025-01-01", "2025-06-30"
	in.RoundIDs, in.Incentive, in.SelfDue, in.ReviewDue = []string{strconv.FormatInt(roundID, 10)}, "85", "2025-07-15", "2025-07-31"
	return in
}

func newEvalWorld(t *testing.T, s *models.Store) evalWorld {
	t.Helper()
	ctx := context.Background()
	w := evalWorld{taskWorld: newTaskWorld(t, s), opc: caller(t, s, "reviewer-opc")}
	var err error
	if w.task1, err = s.CreateTask(ctx, w.moel, w.pair.ID, validTask("빈 일자리 매칭")); err != nil {
		t.Fatal(err)
	}
	if w.task2, err = s.CreateTask(ctx, w.mss, w.pair.ID, validTask("채용 설명회 공동 개최")); err != nil {
		t.Fatal(err)
	}
	if w.cycle, err = s.CreateEvaluationCycle(ctx, w.admin, cycleInput(w.pair.RoundID)); err != nil {
		t.Fatal(err)
	}
	w.nomination = models.Nomination{PairID: w.pair.ID, PositionID: w.pair.PositionAID, MinistryID: w.pair.MinistryBID,
		Status: models.NominationActive, ExchangeeName: "김교류", Version: 1}
	if err := s.DB().Omit(clause.Associations).Create(&w.nomination).Error; err != nil {
		t.Fatal(err)
	}
	return w
}

func (w evalWorld) move(t *testing.T, to models.EvaluationStage) {
	t.Helper()
	c, err := w.s.EvaluationCycleByID(context.Background(), w.cycle.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 확정 with the tasks the tests leave unscored takes a reason
	in := models.StageInput{Version: c.Version, Reason: "시험: 채점하지 않은 과제가 있어도 확정"}
	if _, err := w.s.AdvanceEvaluationCycle(context.Background(), w.admin, w.cycle.ID, to, in); err != nil {
		t.Fatalf("move to %s: %v", to, err)
	}
}

// finalizeWithCandidate takes the cycle through its stages to 확정 with task1
// scored 85.0 (90×30 + 85×40 + 80×30), the incentive score: the pair's
// exchangee is a candidate. It returns the finalized cycle.
func (w evalWorld) finalizeWithCandidate(t *testing.T) models.EvaluationCycle {
	t.Helper()
	ctx := context.Background()
	w.move(t, models.StageSelfAssessment)
	w.move(t, models.StageReview)
	if _, err := w.s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(w.criteria(t), "90", "85", "80")); err != nil {
		t.Fatal(err)
	}
	w.move(t, models.StageFinalized)
	c, err := w.s.EvaluationCycleByID(ctx, w.cycle.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (w evalWorld) criteria(t *testing.T) []string {
	c, err := w.s.EvaluationCycleByID(context.Background(), w.cycle.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(c.Criteria))
	for i, cr := range c.Criteria {
		ids[i] = strconv.FormatInt(cr.ID, 10)
	}
	return ids
}

func scoreInput(ids []string, a, b, c string) models.ReviewInput {
	return models.ReviewInput{CriterionIDs: ids, Scores: []string{a, b, c}, Comments: []string{"", "목표 초과 달성", ""}}
}

func TestEvaluationCycleSettingsAreValidated(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		cases := []struct {
			name  string
			edit  func(in *models.CycleInput)
			field string
		}{
			{"weights not 100", func(in *models.CycleInput) { in.CriterionWeights = []string{"30", "40", "20"} }, "criterion_name"},
			{"no criteria", func(in *models.CycleInput) { in.CriterionNames, in.CriterionWeights = nil, nil }, "criterion_name"},
			{"lowest band not 0", func(in *models.CycleInput) { in.BandMins = []string{"90", "80", "70", "60"} }, "band_grade"},
			{"two decimals", func(in *models.CycleInput) { in.BandMins = []string{"90.05", "80", "70", "0"} }, "band_grade"},
			{"no round", func(in *models.CycleInput) { in.RoundIDs = nil }, "round_id"},
			{"end before start", func(in *models.CycleInput) { in.PeriodEnd = "2024-12-31" }, "period_end"},
			{"scale 0", func(in *models.CycleInput) { in.Scale = "0" }, "scale"},
		}
		for _, c := range cases {
			in := cycleInput(w.pair.RoundID)
			c.edit(&in)
			var ve *models.ValidationError
			if _, err := s.CreateEvaluationCycle(ctx, w.admin, in); !errors.As(err, &ve) || ve.Fields[c.field] == "" {
				t.Errorf("%s: %v, want a message for %s", c.name, err, c.field)
			}
		}
		for _, who := range []models.Actor{w.moel, w.reviewer} {
			if _, err := s.CreateEvaluationCycle(ctx, who, cycleInput(w.pair.RoundID)); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("%s created a cycle: %v", who.Login, err)
			}
		}
		if got := w.cycle.CriteriaLabel(); got != "협업 노력도 30, 성과 달성도 40, 국민 체감도 30" {
			t.Errorf("criteria = %q", got)
		}
		in := w.cycle.InputOf()
		in.CriterionNames, in.CriterionWeights = []string{"협업 노력도", "성과 달성도"}, []string{"50", "50"}
		c, err := s.UpdateEvaluationCycle(ctx, w.admin, w.cycle.ID, in)
		if err != nil || c.CriteriaLabel() != "협업 노력도 50, 성과 달성도 50" || c.Version != 2 {
			t.Fatalf("edit criteria: %v %q v%d", err, c.CriteriaLabel(), c.Version)
		}
		if _, err := s.UpdateEvaluationCycle(ctx, w.admin, w.cycle.ID, in); err == nil {
			t.Error("an edit on an old version was saved")
		} else if _, ok := errors.AsType[*models.StaleError[models.EvaluationCycle]](err); !ok {
			t.Errorf("old version: %v, want a stale error", err)
		}
		if n := auditCount(t, s, "evaluation_cycle", w.cycle.ID); n != 2 {
			t.Errorf("%d audit events of the cycle, want 2", n)
		}
	})
}

// The stages go 준비 → 자체 점검 → 심사 → 확정, each write only in its stage and
// only by its people; after 확정 nothing of the cycle changes.
func TestEvaluationCycleRunsThroughItsStagesAndLocksWhenFinalized(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		self := models.SelfAssessmentInput{Narrative: "매칭 120건", Outcomes: "채용 45명", EvidenceLinks: "https://example.go.kr/report.pdf"}
		if _, err := s.SaveSelfAssessment(ctx, w.moel, w.cycle.ID, w.task1.ID, self); fieldError(err, "") == "" {
			t.Errorf("self-assessment in 준비: %v", err)
		}
		if _, err := s.MoveEvaluationCycle(ctx, w.admin, w.cycle.ID, models.StageReview, w.cycle.Version); !errors.Is(err, models.ErrWrongState) {
			t.Errorf("skipping 자체 점검: %v", err)
		}
		if _, err := s.MoveEvaluationCycle(ctx, w.reviewer, w.cycle.ID, models.StageSelfAssessment, w.cycle.Version); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a reviewer moved the cycle: %v", err)
		}
		w.move(t, models.StageSelfAssessment)

		if _, err := s.SaveSelfAssessment(ctx, w.motie, w.cycle.ID, w.task1.ID, self); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("another ministry's coordinator assessed: %v", err)
		}
		if _, err := s.SaveSelfAssessment(ctx, w.reviewer, w.cycle.ID, w.task1.ID, self); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a reviewer assessed: %v", err)
		}
		bad := self
		bad.EvidenceLinks = "javascript:alert(1)"
		if _, err := s.SaveSelfAssessment(ctx, w.moel, w.cycle.ID, w.task1.ID, bad); fieldError(err, "evidence_links") == "" {
			t.Errorf("a bad evidence link: %v", err)
		}
		sa, err := s.SaveSelfAssessment(ctx, w.moel, w.cycle.ID, w.task1.ID, self)
		if err != nil || sa.Version != 1 || sa.SubmittedAt == nil || len(sa.Links()) != 1 {
			t.Fatalf("self-assessment: %+v %v", sa, err)
		}
		if _, err := s.SaveSelfAssessment(ctx, w.mss, w.cycle.ID, w.task1.ID, self); err == nil {
			t.Error("a second first submission was saved over the first")
		}
		self.Version = 1
		if sa, err = s.SaveSelfAssessment(ctx, w.mss, w.cycle.ID, w.task1.ID, self); err != nil || sa.Version != 2 {
			t.Fatalf("the other side resubmits: v%d %v", sa.Version, err)
		}
		if !sa.Late(w.cycle) {
			t.Error("a submission after 2025-07-15 is not late")
		}

		ids := w.criteria(t)
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(ids, "85", "90", "80")); fieldError(err, "") == "" {
			t.Errorf("a score in 자체 점검: %v", err)
		}
		w.move(t, models.StageReview)
		if _, err := s.SaveReview(ctx, w.admin, w.cycle.ID, w.task1.ID, scoreInput(ids, "85", "90", "80")); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("an administrator scored: %v", err)
		}
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(ids, "85", "", "80")); fieldError(err, models.ScoreField(1)) == "" {
			t.Errorf("a missing criterion: %v", err)
		}
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(ids, "85", "101", "80")); fieldError(err, models.ScoreField(1)) == "" {
			t.Errorf("a score above the scale: %v", err)
		}
		if _, err := s.SaveSelfAssessment(ctx, w.moel, w.cycle.ID, w.task2.ID, models.SelfAssessmentInput{Narrative: "늦음"}); fieldError(err, "") == "" {
			t.Errorf("a self-assessment in 심사: %v", err)
		}
		r1, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(ids, "85", "90", "80"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(ids, "85", "90", "81")); err == nil {
			t.Error("a second first scoring by the same reviewer was saved")
		}
		again := scoreInput(ids, "85", "90", "80")
		again.Version = r1.Version
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, again); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveReview(ctx, w.opc, w.cycle.ID, w.task1.ID, scoreInput(ids, "80", "88", "79")); err != nil {
			t.Fatal(err)
		}

		w.move(t, models.StageFinalized)
		c, _ := s.EvaluationCycleByID(ctx, w.cycle.ID)
		if c.FinalizedAt == nil || !c.Locked() {
			t.Fatalf("finalized cycle: %+v", c)
		}
		locked := map[string]error{}
		_, locked["edit"] = s.UpdateEvaluationCycle(ctx, w.admin, c.ID, c.InputOf())
		_, locked["self"] = s.SaveSelfAssessment(ctx, w.moel, c.ID, w.task1.ID, self)
		again.Version = 2
		_, locked["score"] = s.SaveReview(ctx, w.reviewer, c.ID, w.task1.ID, again)
		_, locked["new score"] = s.SaveReview(ctx, w.reviewer, c.ID, w.task2.ID, scoreInput(ids, "1", "1", "1"))
		_, locked["move"] = s.MoveEvaluationCycle(ctx, w.admin, c.ID, models.StageFinalized, c.Version)
		for what, err := range locked {
			if !errors.Is(err, models.ErrWrongState) {
				t.Errorf("%s after finalizing: %v, want refused", what, err)
			}
		}
		// 85.5 and 82.9 → 84.2 (A); task 2 unscored.
		results, err := s.CycleResults(ctx, c)
		if err != nil || len(results) != 2 {
			t.Fatalf("results: %d %v", len(results), err)
		}
		if r := results[0].Result; r.Score != 842 || r.Grade != "A" || len(r.Reviewers) != 2 {
			t.Errorf("task 1: %s %s by %d", r.Score, r.Grade, len(r.Reviewers))
		}
		if results[1].Result.Scored() {
			t.Errorf("task 2 scored: %+v", results[1].Result)
		}
	})
}

// Exchangees of a pair with a task at or above the cycle's incentive score are
// candidates once it is finalized; the decision is audited and kept per exchangee.
func TestIncentiveCandidatesAndDecisions(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		w.move(t, models.StageSelfAssessment)
		w.move(t, models.StageReview)
		ids := w.criteria(t)
		// 90×30 + 85×40 + 80×30 = 2700 + 3400 + 2400 = 8500 → 85.0 ≥ 85.0: the pair's exchangee is a candidate.
		if _, err := s.SaveReview(ctx, w.reviewer, w.cycle.ID, w.task1.ID, scoreInput(ids, "90", "85", "80")); err != nil {
			t.Fatal(err)
		}
		c, _ := s.EvaluationCycleByID(ctx, w.cycle.ID)
		if list, _ := s.IncentiveCandidates(ctx, c); len(list) != 0 {
			t.Errorf("%d candidates before finalizing", len(list))
		}
		if _, err := s.DecideIncentive(ctx, w.admin, c.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "평가수당 우대"}); fieldError(err, "") == "" {
			t.Errorf("a decision before finalizing: %v", err)
		}
		w.move(t, models.StageFinalized)
		c, _ = s.EvaluationCycleByID(ctx, w.cycle.ID)
		list, err := s.IncentiveCandidates(ctx, c)
		if err != nil || len(list) != 1 || list[0].Person.Nomination.ID != w.nomination.ID || len(list[0].Person.Tasks) != 2 || !list[0].Reaches {
			t.Fatalf("candidates: %+v %v", list, err)
		}
		if _, err := s.DecideIncentive(ctx, w.reviewer, c.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "평가수당 우대"}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a reviewer decided: %v", err)
		}
		if _, err := s.DecideIncentive(ctx, w.admin, c.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "x"}); fieldError(err, "decision") == "" {
			t.Errorf("an unknown decision: %v", err)
		}
		d, err := s.DecideIncentive(ctx, w.admin, c.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "평가수당 우대", Note: "상반기 평가수당 10% 가산"})
		if err != nil || d.Version != 1 {
			t.Fatal(err)
		}
		got, err := s.IncentivesOfNomination(ctx, w.nomination.ID)
		if err != nil || len(got) != 1 || got[0].Decision != "평가수당 우대" || got[0].Cycle.Name != c.Name {
			t.Errorf("incentives of the exchangee: %+v %v", got, err)
		}
		if n := auditCount(t, s, "incentive", d.ID); n != 1 {
			t.Errorf("%d audit events of the decision", n)
		}
	})
}

func fieldError(err error, field string) string {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		if field == "" {
			for _, m := range ve.Fields {
				return m
			}
		}
		return ve.Fields[field]
	}
	return ""
}

// A round whose tasks have a submitted self-assessment in the cycle stays in
// it: the coordinators' work would vanish from the cycle, and 확정's
// remaining work counts the submitted self-assessments as the cycle's. A
// round without one can still leave, and be added again.
func TestARoundWithASubmittedSelfAssessmentStaysInItsCycle(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		var other int64
		if err := s.DB().Raw("SELECT id FROM rounds WHERE id <> ? ORDER BY id LIMIT 1", w.pair.RoundID).Scan(&other).Error; err != nil || other == 0 {
			t.Fatalf("another round: %d, %v", other, err)
		}
		w.move(t, models.StageSelfAssessment)
		edit := func(rounds ...int64) (models.EvaluationCycle, error) {
			t.Helper()
			c, err := s.EvaluationCycleByID(ctx, w.cycle.ID)
			if err != nil {
				t.Fatal(err)
			}
			in := c.InputOf()
			in.RoundIDs = nil
			for _, r := range rounds {
				in.RoundIDs = append(in.RoundIDs, strconv.FormatInt(r, 10))
			}
			return s.UpdateEvaluationCycle(ctx, w.admin, w.cycle.ID, in)
		}
		if _, err := edit(w.pair.RoundID, other); err != nil {
			t.Fatalf("add a round: %v", err)
		}
		if _, err := edit(w.pair.RoundID); err != nil {
			t.Fatalf("take out a round without self-assessments: %v", err)
		}
		if _, err := s.SaveSelfAssessment(ctx, w.moel, w.cycle.ID, w.task1.ID, models.SelfAssessmentInput{Narrative: "매칭 120건"}); err != nil {
			t.Fatal(err)
		}
		_, err := edit(other)
		if msg := fieldError(err, "round_id"); !strings.Contains(msg, "제출된 자체 점검이 있어") || !strings.Contains(msg, "차.") {
			t.Errorf("taking out a round with a submitted self-assessment: %v (round_id: %q)", err, msg)
		}
		c, err := s.EvaluationCycleByID(ctx, w.cycle.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Rounds) != 1 || c.Rounds[0].ID != w.pair.RoundID {
			t.Errorf("the cycle's rounds after the refusal: %+v", c.Rounds)
		}
		if _, err := edit(w.pair.RoundID, other); err != nil {
			t.Errorf("adding a round beside it: %v", err)
		}
	})
}

// A cycle keeps its number of tasks (the tasks of its rounds' selected
// pairs) through every change it depends on: a task added to a pair not yet
// selected counts from the pair's selection, one added or deleted after it at
// once, and a round added to the cycle brings its tasks.
func TestACycleKeepsItsNumberOfTasks(t *testing.T) {
	eachWithAccounts(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		r, moel, mss, admin := proposalRound(t, s)
		cy, err := s.CreateEvaluationCycle(ctx, admin, cycleInput(r.ID))
		if err != nil {
			t.Fatal(err)
		}
		kept := func(step string, want int) {
			t.Helper()
			checkCycleTaskCounts(t, s)
			c, err := s.EvaluationCycleByID(ctx, cy.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.TaskCount != want {
				t.Errorf("%s: the cycle keeps %d tasks, want %d", step, c.TaskCount, want)
			}
			cy = c
		}
		kept("a cycle of a round without pairs", 0)
		p, err := s.ProposePair(ctx, moel, proposal(r.ID, ministry(t, s, "mss").ID))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChangePairStatus(ctx, mss, p.ID, models.PairAgreed, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateTask(ctx, moel, p.ID, validTask("선정 전에 쓴 과제")); err != nil {
			t.Fatal(err)
		}
		kept("a task of a pair not selected", 0)
		if _, err := s.ChangePairStatus(ctx, admin, p.ID, models.PairSelected, ""); err != nil {
			t.Fatal(err)
		}
		kept("the pair selected", 1)
		added, err := s.CreateTask(ctx, mss, p.ID, validTask("선정 후에 더한 과제"))
		if err != nil {
			t.Fatal(err)
		}
		kept("a task added", 2)
		if err := s.DeleteTask(ctx, moel, added.ID, added.Version); err != nil {
			t.Fatal(err)
		}
		kept("a task deleted", 1)
		var first models.Round
		if err := s.DB().Where("number = 1").Take(&first).Error; err != nil {
			t.Fatal(err)
		}
		in := cycleInput(r.ID)
		in.RoundIDs, in.Version = append(in.RoundIDs, strconv.FormatInt(first.ID, 10)), cy.Version
		if _, err := s.UpdateEvaluationCycle(ctx, admin, cy.ID, in); err != nil {
			t.Fatal(err)
		}
		var ofFirst int
		if err := s.DB().Raw(`SELECT COUNT(*) FROM collaboration_tasks t JOIN exchange_pairs p ON p.id = t.pair_id
			WHERE p.round_id = ? AND p.status = 'selected'`, first.ID).Scan(&ofFirst).Error; err != nil || ofFirst == 0 {
			t.Fatalf("tasks of round 1: %d, %v", ofFirst, err)
		}
		kept("round 1 added to the cycle", 1+ofFirst)
	})
}
