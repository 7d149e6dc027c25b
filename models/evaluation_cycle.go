package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// CycleInput is a cycle's form; the criteria and the grade bands come as rows
// (blank rows are ignored).
type CycleInput struct {
	Name             string   `form:"name" label:"평가명"`
	PeriodStart      string   `form:"period_start" label:"평가 대상 기간 시작일"`
	PeriodEnd        string   `form:"period_end" label:"평가 대상 기간 종료일"`
	RoundIDs         []string `form:"round_id" label:"대상 차수"`
	CriterionNames   []string `form:"criterion_name" label:"평가 항목명"`
	CriterionWeights []string `form:"criterion_weight" label:"평가 항목 가중치"`
	Scale            string   `form:"scale" label:"배점 (항목마다 0점부터 이 점수까지)"`
	BandGrades       []string `form:"band_grade" label:"등급명"`
	BandMins         []string `form:"band_min" label:"등급 최저 점수"`
	BandShares       []string `form:"band_share" label:"등급 최대 비율 (%, 비우면 제한 없음)"`
	Incentive        string   `form:"incentive" label:"우대 기준 점수 (이 점수 이상인 과제의 교류자가 인사상 특전 후보)"` // the score from which exchangees are candidates, e.g. 90
	SelfDue          string   `form:"self_due" label:"자체 점검 마감일"`
	ReviewDue        string   `form:"review_due" label:"심사 마감일"`
	Version          int      `form:"version"`
}

// CycleRows is how many criterion and band rows a cycle's form offers.
const CycleRows = 6

// NewCycleInput is the form of a new cycle, with the example criteria and bands
// of the programme's plan (the administrator changes them per cycle).
func NewCycleInput() CycleInput {
	return CycleInput{Scale: "100", Incentive: "90",
		CriterionNames: []string{"협업 노력도", "성과 달성도", "국민 체감도"}, CriterionWeights: []string{"30", "40", "30"},
		BandGrades: []string{"S", "A", "B", "C"}, BandMins: []string{"90", "80", "70", "0"}}
}

// InputOf is the form values of a saved cycle.
func (c EvaluationCycle) InputOf() CycleInput {
	in := CycleInput{Name: c.Name, PeriodStart: c.PeriodStart.Format(time.DateOnly), PeriodEnd: c.PeriodEnd.Format(time.DateOnly),
		Scale: strconv.Itoa(c.Scale), Incentive: c.IncentiveTenths.String(), SelfDue: dateString(c.SelfDue),
		ReviewDue: dateString(c.ReviewDue), Version: c.Version}
	for _, r := range c.Rounds {
		in.RoundIDs = append(in.RoundIDs, strconv.FormatInt(r.ID, 10))
	}
	for _, cr := range c.Criteria {
		in.CriterionNames = append(in.CriterionNames, cr.Name)
		in.CriterionWeights = append(in.CriterionWeights, strconv.Itoa(cr.Weight))
	}
	for _, b := range c.Bands {
		in.BandGrades = append(in.BandGrades, b.Grade)
		in.BandMins = append(in.BandMins, b.MinTenths.String())
		share := ""
		if b.MaxShare != nil {
			share = strconv.Itoa(*b.MaxShare)
		}
		in.BandShares = append(in.BandShares, share)
	}
	return in
}

// rowAt is the trimmed value of row i of a form's column, "" past its end.
func rowAt(list []string, i int) string {
	if i < len(list) {
		return strings.TrimSpace(list[i])
	}
	return ""
}

// parse checks the input into c (its settings, rounds, criteria and bands);
// rounds lists the rounds that exist.
func (in CycleInput) parse(c *EvaluationCycle, rounds []Round) FieldErrors {
	errs := FieldErrors{}
	c.Name = strings.TrimSpace(in.Name)
	switch n := utf8.RuneCountInString(c.Name); {
	case n == 0:
		errs["name"] = "평가명을 입력해 주십시오."
	case n > 200 || !UsableText(c.Name, false):
		errs["name"] = "평가명은 200자 이하의 글자로 입력해 주십시오."
	}
	start, end := parseDate(in.PeriodStart, "period_start", errs), parseDate(in.PeriodEnd, "period_end", errs)
	switch {
	case start == nil && errs["period_start"] == "":
		errs["period_start"] = "평가 대상 기간의 시작일을 입력해 주십시오."
	case end == nil && errs["period_end"] == "":
		errs["period_end"] = "평가 대상 기간의 종료일을 입력해 주십시오."
	case start != nil && end != nil && end.Before(*start):
		errs["period_end"] = "종료일은 시작일과 같거나 뒤여야 합니다."
	}
	if start != nil && end != nil {
		c.PeriodStart, c.PeriodEnd = *start, *end
	}
	c.SelfDue, c.ReviewDue = parseDate(in.SelfDue, "self_due", errs), parseDate(in.ReviewDue, "review_due", errs)
	if c.SelfDue != nil && c.ReviewDue != nil && c.ReviewDue.Before(*c.SelfDue) {
		errs["review_due"] = "심사 마감일은 자체 점검 마감일과 같거나 뒤여야 합니다."
	}
	c.Rounds = nil
	for _, raw := range slices.Compact(slices.Sorted(slices.Values(in.RoundIDs))) {
		i := slices.IndexFunc(rounds, func(r Round) bool { return strconv.FormatInt(r.ID, 10) == strings.TrimSpace(raw) })
		if i < 0 {
			errs["round_id"] = "있는 차수만 선택할 수 있습니다."
			continue
		}
		c.Rounds = append(c.Rounds, rounds[i])
	}
	if len(c.Rounds) == 0 && errs["round_id"] == "" {
		errs["round_id"] = "평가할 차수를 하나 이상 선택해 주십시오."
	}
	if n, err := strconv.Atoi(strings.TrimSpace(in.Scale)); err != nil || n < 1 || n > 100 {
		errs["scale"] = "배점은 1에서 100 사이의 정수로 입력해 주십시오."
	} else {
		c.Scale = n
	}
	if t, ok := ParseTenths(strings.TrimSpace(in.Incentive)); !ok {
		errs["incentive"] = "우대 기준 점수는 0에서 100 사이, 소수점 첫째 자리까지 입력해 주십시오."
	} else {
		c.IncentiveTenths = t
	}
	c.Criteria = parseCriteria(in, errs)
	c.Bands = parseBands(in, errs)
	return errs
}

func parseCriteria(in CycleInput, errs FieldErrors) []EvaluationCriterion {
	var list []EvaluationCriterion
	sum := 0
	for i := range max(len(in.CriterionNames), len(in.CriterionWeights)) {
		name, weight := rowAt(in.CriterionNames, i), rowAt(in.CriterionWeights, i)
		if name == "" && weight == "" {
			continue
		}
		w, err := strconv.Atoi(weight)
		switch {
		case name == "" || utf8.RuneCountInString(name) > 100 || !UsableText(name, false):
			errs["criterion_name"] = "평가 항목마다 100자 이하의 항목명을 입력해 주십시오."
		case err != nil || w < 1 || w > 100:
			errs["criterion_name"] = "가중치는 1에서 100 사이의 정수로 입력해 주십시오. (" + name + ")"
		case slices.ContainsFunc(list, func(c EvaluationCriterion) bool { return c.Name == name }):
			errs["criterion_name"] = "평가 항목 " + Particle("‘"+name+"’", "이", "가") + " 두 번 있습니다."
		}
		sum += w
		list = append(list, EvaluationCriterion{Name: name, Weight: w, Position: len(list) + 1})
	}
	if errs["criterion_name"] == "" {
		switch {
		case len(list) == 0:
			errs["criterion_name"] = "평가 항목을 하나 이상 입력해 주십시오."
		case sum != 100:
			errs["criterion_name"] = fmt.Sprintf("가중치의 합이 100이어야 합니다. (지금 %d)", sum)
		}
	}
	return list
}

func parseBands(in CycleInput, errs FieldErrors) []GradeBand {
	var list []GradeBand
	for i := range max(len(in.BandGrades), len(in.BandMins)) {
		grade, raw, rawShare := rowAt(in.BandGrades, i), rowAt(in.BandMins, i), rowAt(in.BandShares, i)
		if grade == "" && raw == "" && rawShare == "" {
			continue
		}
		t, ok := ParseTenths(raw)
		var share *int
		if rawShare != "" {
			if n, err := strconv.Atoi(rawShare); err != nil || n < 1 || n > 100 {
				errs["band_grade"] = "등급 최대 비율은 1에서 100 사이의 정수(%)로 입력해 주십시오. (" + grade + ")"
			} else {
				share = &n
			}
		}
		switch {
		case grade == "" || utf8.RuneCountInString(grade) > 10 || !UsableText(grade, false):
			errs["band_grade"] = "등급마다 10자 이하의 등급명을 입력해 주십시오."
		case !ok:
			errs["band_grade"] = "등급 기준 점수는 0에서 100 사이, 소수점 첫째 자리까지 입력해 주십시오. (" + grade + ")"
		case errs["band_grade"] != "":
		case slices.ContainsFunc(list, func(b GradeBand) bool { return b.Grade == grade || b.MinTenths == t }):
			errs["band_grade"] = "등급명과 기준 점수는 등급마다 달라야 합니다. (" + grade + ")"
		}
		list = append(list, GradeBand{Grade: grade, MinTenths: t, MaxShare: share})
	}
	slices.SortStableFunc(list, func(a, b GradeBand) int { return int(b.MinTenths - a.MinTenths) })
	for i := range list {
		list[i].Position = i + 1
	}
	if errs["band_grade"] == "" {
		switch {
		case len(list) < 2:
			errs["band_grade"] = "등급을 둘 이상 입력해 주십시오."
		case list[len(list)-1].MinTenths != 0:
			errs["band_grade"] = "가장 낮은 등급의 기준 점수는 0이어야 합니다. (모든 점수에 등급이 주어지도록)"
		}
	}
	return list
}

// allRounds lists every round, for choosing the cycle's scope.
func allRounds(tx *gorm.DB) ([]Round, error) {
	var rounds []Round
	if err := tx.Order("number").Find(&rounds).Error; err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	return rounds, nil
}

// CreateEvaluationCycle adds a cycle in its first stage (준비).
func (s *Store) CreateEvaluationCycle(ctx context.Context, a Actor, in CycleInput) (EvaluationCycle, error) {
	if !a.may(ActManageEvaluations) {
		return EvaluationCycle{}, ErrForbidden
	}
	var c EvaluationCycle
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		rounds, err := allRounds(tx)
		if err != nil {
			return err
		}
		if err := in.parse(&c, rounds).Err(); err != nil {
			return err
		}
		c.Stage, c.Version, c.IncentiveKinds = StagePreparing, 1, strings.Join(DefaultIncentiveKinds, "\n")
		if err := tx.Omit(clause.Associations).Create(&c).Error; err != nil {
			return fmt.Errorf("create evaluation cycle: %w", err)
		}
		if err := writeCycleParts(tx, &c); err != nil {
			return err
		}
		return audit(tx, a, AuditCreate, "evaluation_cycle", c.ID, nil, c.auditView())
	})
	return c, err
}

// UpdateEvaluationCycle saves a cycle's settings if it is still at in.Version.
// Criteria, scale and bands can change only until 심사 starts: scores are
// given against them.
func (s *Store) UpdateEvaluationCycle(ctx context.Context, a Actor, id int64, in CycleInput) (EvaluationCycle, error) {
	if !a.may(ActManageEvaluations) {
		return EvaluationCycle{}, ErrForbidden
	}
	var after EvaluationCycle
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockCycle(tx, id)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleCycle(tx, id)
		}
		if before.Stage != StagePreparing && before.Stage != StageSelfAssessment {
			return FieldErrors{"": "심사가 시작된 평가는 설정을 바꿀 수 없습니다."}.Err()
		}
		rounds, err := allRounds(tx)
		if err != nil {
			return err
		}
		after = before
		if err := in.parse(&after, rounds).Err(); err != nil {
			return err
		}
		if err := keepsSubmittedRounds(tx, id, after.Rounds); err != nil {
			return err
		}
		after.Version, after.UpdatedAt = before.Version+1, tx.NowFunc()
		res := tx.Model(&EvaluationCycle{}).Where("id = ? AND version = ?", id, before.Version).Updates(map[string]any{
			"name": after.Name, "period_start": after.PeriodStart, "period_end": after.PeriodEnd, "scale": after.Scale,
			"incentive_tenths": after.IncentiveTenths, "self_due": after.SelfDue, "review_due": after.ReviewDue,
			"version": gorm.Expr("version + 1"), "updated_at": after.UpdatedAt,
		})
		if res.Error != nil {
			return fmt.Errorf("update evaluation cycle %d: %w", id, res.Error)
		}
		for _, q := range []any{&EvaluationCriterion{}, &GradeBand{}} {
			if err := tx.Where("cycle_id = ?", id).Delete(q).Error; err != nil {
				return fmt.Errorf("replace parts of evaluation cycle %d: %w", id, err)
			}
		}
		if err := tx.Exec("DELETE FROM evaluation_cycle_rounds WHERE cycle_id = ?", id).Error; err != nil {
			return err
		}
		if err := writeCycleParts(tx, &after); err != nil {
			return err
		}
		return audit(tx, a, AuditUpdate, "evaluation_cycle", id, before.auditView(), after.auditView())
	})
	return after, err
}

// keepsSubmittedRounds refuses to take a round out of cycle id while a
// self-assessment of its tasks is submitted in the cycle: the coordinators'
// work would vanish from the cycle, and every submitted self-assessment being
// of a task the cycle covers is what lets 확정's remaining work be counted
// (adminWork, submittedCount).
func keepsSubmittedRounds(tx *gorm.DB, id int64, kept []Round) error {
	keep := make([]int64, 0, len(kept))
	for _, r := range kept {
		keep = append(keep, r.ID)
	}
	q := tx.Table("self_assessments a").Joins("JOIN collaboration_tasks t ON t.id = a.task_id").
		Joins("JOIN exchange_pairs p ON p.id = t.pair_id").Joins("JOIN rounds r ON r.id = p.round_id").
		Where("a.cycle_id = ? AND a.submitted_at IS NOT NULL", id)
	if len(keep) > 0 {
		q = q.Where("p.round_id NOT IN ?", keep)
	}
	var numbers []int
	if err := q.Distinct("r.number").Order("r.number").Pluck("r.number", &numbers).Error; err != nil {
		return fmt.Errorf("submitted self-assessments of evaluation cycle %d: %w", id, err)
	}
	if len(numbers) == 0 {
		return nil
	}
	labels := make([]string, len(numbers))
	for i, n := range numbers {
		labels[i] = fmt.Sprintf("%d차", n)
	}
	return FieldErrors{"round_id": "제출된 자체 점검이 있어 평가 대상에서 뺄 수 없는 차수입니다: " + strings.Join(labels, ", ") + "."}.Err()
}

// writeCycleParts inserts a saved cycle's rounds, criteria and bands.
func writeCycleParts(tx *gorm.DB, c *EvaluationCycle) error {
	for _, r := range c.Rounds {
		if err := tx.Exec("INSERT INTO evaluation_cycle_rounds (cycle_id, round_id) VALUES (?, ?)", c.ID, r.ID).Error; err != nil {
			return fmt.Errorf("rounds of evaluation cycle %d: %w", c.ID, err)
		}
	}
	if err := keepCycleTasks(tx, "c.id = ?", c.ID); err != nil {
		return err
	}
	for i := range c.Criteria {
		c.Criteria[i].ID, c.Criteria[i].CycleID = 0, c.ID
	}
	for i := range c.Bands {
		c.Bands[i].ID, c.Bands[i].CycleID = 0, c.ID
	}
	if err := tx.Create(&c.Criteria).Error; err != nil {
		return fmt.Errorf("criteria of evaluation cycle %d: %w", c.ID, err)
	}
	if err := tx.Create(&c.Bands).Error; err != nil {
		return fmt.Errorf("grade bands of evaluation cycle %d: %w", c.ID, err)
	}
	return nil
}

// cycleTransition is one allowed move of a cycle's stage and who may make it.
type cycleTransition struct {
	from, to EvaluationStage
	action   Action
}

// cycleTransitions is the whole life of a cycle: 준비 → 자체 점검 → 심사 → 확정.
// 확정 is final: it locks the cycle, its self-assessments and its scores.
var cycleTransitions = []cycleTransition{
	{from: StagePreparing, to: StageSelfAssessment, action: ActManageEvaluations},
	{from: StageSelfAssessment, to: StageReview, action: ActManageEvaluations},
	{from: StageReview, to: StageFinalized, action: ActManageEvaluations},
}

// NextStage is the stage the cycle may move to now by the user, if any.
func NextStage(u *User, c EvaluationCycle) (EvaluationStage, bool) {
	for _, t := range cycleTransitions {
		if t.from == c.Stage && May(u, t.action) {
			return t.to, true
		}
	}
	return "", false
}

// StageInput is the form of a move to the next stage: the version the person
// saw and, for 확정 with gaps, the reason to finalize all the same.
type StageInput struct {
	Version int    `form:"version"`
	Reason  string `form:"reason" label:"그래도 확정하는 사유 (결과 보고서에 표시됩니다)"`
}

// CycleGaps is what a cycle's tasks still lack: tasks no reviewer scored
// completely, and tasks without a self-assessment.
type CycleGaps struct {
	Tasks, Unscored, NoSelf int
}

// Gaps counts what the tasks of the results lack.
func Gaps(results []TaskEvaluation) CycleGaps {
	g := CycleGaps{Tasks: len(results)}
	for _, r := range results {
		if !r.Result.Scored() {
			g.Unscored++
		}
		if r.Self == nil {
			g.NoSelf++
		}
	}
	return g
}

// None reports whether nothing is missing.
func (g CycleGaps) None() bool { return g.Unscored == 0 && g.NoSelf == 0 }

// String names the gaps with their counts: "협업과제 6개 중 채점되지 않은 과제 4개,
// 자체 점검을 제출하지 않은 과제 6개".
func (g CycleGaps) String() string {
	var parts []string
	if g.Unscored > 0 {
		parts = append(parts, fmt.Sprintf("채점되지 않은 과제 %d개", g.Unscored))
	}
	if g.NoSelf > 0 {
		parts = append(parts, fmt.Sprintf("자체 점검을 제출하지 않은 과제 %d개", g.NoSelf))
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("협업과제 %d개 중 %s", g.Tasks, strings.Join(parts, ", "))
}

// CycleGapsOf counts what the cycle's tasks still lack.
func (s *Store) CycleGapsOf(ctx context.Context, c EvaluationCycle) (CycleGaps, error) {
	results, err := s.CycleResults(ctx, c)
	if err != nil {
		return CycleGaps{}, err
	}
	return Gaps(results), nil
}

// MoveEvaluationCycle moves a cycle to the next stage without a reason (see AdvanceEvaluationCycle).
func (s *Store) MoveEvaluationCycle(ctx context.Context, a Actor, id int64, to EvaluationStage, version int) (EvaluationCycle, error) {
	return s.AdvanceEvaluationCycle(ctx, a, id, to, StageInput{Version: version})
}

// AdvanceEvaluationCycle moves a cycle to the next stage, as the transition
// table allows, on the version the person saw. Moving to 확정 stamps the time,
// and is refused while tasks are unscored or self-assessments missing (the
// counts named) unless the input gives a reason, which is kept with what was missing.
func (s *Store) AdvanceEvaluationCycle(ctx context.Context, a Actor, id int64, to EvaluationStage, in StageInput) (EvaluationCycle, error) {
	version := in.Version
	i := slices.IndexFunc(cycleTransitions, func(t cycleTransition) bool { return t.to == to })
	if i < 0 {
		return EvaluationCycle{}, fmt.Errorf("evaluation cycle %d to %q: %w", id, to, ErrWrongState)
	}
	t := cycleTransitions[i]
	if !a.may(t.action) {
		return EvaluationCycle{}, ErrForbidden
	}
	var after EvaluationCycle
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockCycle(tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return staleCycle(tx, id)
		}
		if before.Stage != t.from {
			return fmt.Errorf("evaluation cycle %d from %s to %s: %w", id, before.Stage, to, ErrWrongState)
		}
		after = before
		after.Stage, after.Version, after.UpdatedAt = to, before.Version+1, tx.NowFunc()
		if to == StageFinalized {
			if err := finalizeChecks(ctx, s.inTx(tx), &after, in.Reason); err != nil {
				return err
			}
			now := tx.NowFunc()
			after.FinalizedAt = &now
		}
		if err := tx.Model(&EvaluationCycle{}).Where("id = ?", id).Updates(map[string]any{
			"stage": after.Stage, "finalized_at": after.FinalizedAt, "version": after.Version, "updated_at": after.UpdatedAt,
			"finalize_reason": after.FinalizeReason, "finalize_gaps": after.FinalizeGaps,
		}).Error; err != nil {
			return fmt.Errorf("move evaluation cycle %d to %s: %w", id, to, err)
		}
		if err := audit(tx, a, AuditUpdate, "evaluation_cycle", id, before.auditView(), after.auditView()); err != nil {
			return err
		}
		if to == StageFinalized {
			if err := keepPairResults(tx, []int64{id}); err != nil {
				return err
			}
		}
		return settleIncentives(tx, []int64{id}) // a stage other than 확정: nothing to settle
	})
	return after, err
}

// finalizeChecks refuses 확정 while tasks are unscored or self-assessments
// missing, unless a reason is given; it keeps the reason and the gaps on c.
func finalizeChecks(ctx context.Context, s *Store, c *EvaluationCycle, reason string) error {
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > 1000 || !UsableText(reason, true) {
		return FieldErrors{"reason": "사유는 1,000자 이하로 입력해 주십시오."}.Err()
	}
	results, err := s.CycleResults(ctx, *c)
	if err != nil {
		return err
	}
	if over := c.OverShares(results); over != "" {
		return FieldErrors{"": "등급 분포 기준을 넘는 등급이 있어 확정할 수 없습니다: " + over + ". 점수를 다시 매긴 뒤 확정해 주십시오."}.Err()
	}
	gaps := Gaps(results)
	if !gaps.None() && reason == "" {
		return FieldErrors{"reason": gaps.String() + "가 있어 확정할 수 없습니다. 그래도 확정하려면 사유를 입력해 주십시오."}.Err()
	}
	c.FinalizeReason, c.FinalizeGaps = reason, gaps.String()
	return nil
}

// inTx is the store working in transaction tx.
func (s *Store) inTx(tx *gorm.DB) *Store { return &Store{db: tx, dialect: s.dialect} }

// OverShares names the grades given to more scored tasks than their share
// allows, with the counts: "A 2개 (최대 1개 = 채점된 과제 3개 × 30%, 올림)"; "" when none.
func (c EvaluationCycle) OverShares(results []TaskEvaluation) string {
	scored := 0
	for _, r := range results {
		if r.Result.Scored() {
			scored++
		}
	}
	var parts []string
	for _, t := range c.GradeDistribution(results) {
		i := slices.IndexFunc(c.Bands, func(b GradeBand) bool { return b.Grade == t.Grade })
		if limit := c.Bands[i].Limit(scored); limit >= 0 && t.Tasks > limit {
			parts = append(parts, fmt.Sprintf("%s %d개 (최대 %d개 = 채점된 과제 %d개 × %d%%, 올림)", t.Grade, t.Tasks, limit, scored, *c.Bands[i].MaxShare))
		}
	}
	return strings.Join(parts, ", ")
}
