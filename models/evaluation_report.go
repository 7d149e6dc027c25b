package models

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gyoryu/gyoryu/models/sheet"
)

// EvaluationReport is a cycle's results by grade, by pair and by ministry.
// A group's mean is the mean of its scored tasks' (rounded) scores, rounded
// again to one decimal, half up; unscored tasks are counted apart.
type EvaluationReport struct {
	Cycle      EvaluationCycle
	Tasks      []TaskEvaluation
	Grades     []GradeTally // every grade of the cycle, highest first
	Unscored   int          // tasks no reviewer scored completely
	ByPair     []ReportGroup
	ByMinistry []ReportGroup
	People     []PersonResult                        // each exchangee and companion of the period (PersonRule)
	Decisions  map[ContributionKey]IncentiveDecision // by person: the incentive decided for an exchangee or a companion
	// Contributions are both sides' 기여도 평가: the report is for those who see
	// both (ActReportEvaluations), and a ministry's sheet keeps the other side's comment out.
	Contributions Contributions
	// Kept numbers a kept read (evaluation_report_cache.go): every hand-out of
	// one read carries its number, a new read another; 0: not kept. What is
	// made of the report alone, as its page, can be kept under the number.
	Kept uint64
}

// IncentiveOf is the incentive decided for a person (an exchangee or a
// companion, each decided apart), with its note: 미입력 before a decision.
func (r EvaluationReport) IncentiveOf(p PersonResult) (decision, note string) {
	if d, ok := r.Decisions[KeyOf(p)]; ok {
		return d.Decision, d.Note
	}
	return "미입력", ""
}

// ContributionOf is one side's 기여도 평가 of a person: its level (미입력
// before an entry) and its comment.
func (r EvaluationReport) ContributionOf(p PersonResult, side ContributionSide) (level, comment string) {
	if e := r.Contributions.Of(p, side); e != nil {
		return e.Level, e.Comment
	}
	return "미입력", ""
}

// ReportGroup is the results of the tasks of one pair or one ministry.
type ReportGroup struct {
	Label  string
	Tasks  int
	Scored int
	Mean   Tenths         // of the scored tasks; meaningless when Scored is 0
	Grades map[string]int // tasks per grade
	sum    int            // of the scored tasks' scores, in tenths
}

func (g *ReportGroup) add(r TaskEvaluation) {
	g.Tasks++
	if !r.Result.Scored() {
		return
	}
	g.Scored++
	g.Grades[r.Result.Grade]++
	g.sum += int(r.Result.Score)
	g.Mean = Tenths(roundHalfUp(g.sum, g.Scored))
}

// EvaluationReport gathers a cycle's results (every task of its rounds) for
// the report page, which shows no task's text: its tasks are read for their
// pairs and results only (CycleScores; Tasks hold no titles). The workbook
// lists every task by title: EvaluationWorkbook.
//
// A finalized cycle's report is kept, and handed out again until a change of
// records is logged (evaluation_report_cache.go): the caller must not change it.
func (s *Store) EvaluationReport(ctx context.Context, c EvaluationCycle) (EvaluationReport, error) {
	if s.reports == nil || c.Stage != StageFinalized {
		return s.readEvaluationReport(ctx, c)
	}
	v, err := s.recordsVersion(ctx) // before the report is read: see reportCache
	if err != nil {
		return EvaluationReport{}, err
	}
	if r, ok := s.reports.get(c, v); ok {
		return r, nil
	}
	r, err := s.readEvaluationReport(ctx, c)
	if err == nil && v.Quiet {
		r = s.reports.put(c, v, r)
	}
	return r, err
}

func (s *Store) readEvaluationReport(ctx context.Context, c EvaluationCycle) (EvaluationReport, error) {
	results, err := s.CycleScores(ctx, c)
	if err != nil {
		return EvaluationReport{}, err
	}
	return s.evaluationReport(ctx, c, results)
}

// EvaluationWorkbook is EvaluationReport with every task read whole
// (CycleResults): WriteXLSX lists each task's title and self-assessment.
func (s *Store) EvaluationWorkbook(ctx context.Context, c EvaluationCycle) (EvaluationReport, error) {
	results, err := s.CycleResults(ctx, c)
	if err != nil {
		return EvaluationReport{}, err
	}
	return s.evaluationReport(ctx, c, results)
}

func (s *Store) evaluationReport(ctx context.Context, c EvaluationCycle, results []TaskEvaluation) (EvaluationReport, error) {
	pairOf := map[int64]*ExchangePair{}
	for i := range results {
		pairOf[results[i].Task.PairID] = &results[i].Task.Pair
	}
	people, err := s.cycleExchangees(ctx, c, pairOf)
	if err != nil {
		return EvaluationReport{}, err
	}
	var decisions []IncentiveDecision
	if err := s.db.WithContext(ctx).Where("cycle_id = ?", c.ID).Find(&decisions).Error; err != nil {
		return EvaluationReport{}, fmt.Errorf("incentive decisions of cycle %d: %w", c.ID, err)
	}
	contributions, err := s.ContributionsOf(ctx, c.ID)
	if err != nil {
		return EvaluationReport{}, err
	}
	r := EvaluationReport{Cycle: c, Tasks: results, Grades: c.GradeDistribution(results), People: c.PersonResults(results, people),
		Decisions: map[ContributionKey]IncentiveDecision{}, Contributions: contributions}
	for _, d := range decisions {
		r.Decisions[d.Key()] = d
	}
	pairs, ministries := map[int64]*ReportGroup{}, map[int64]*ReportGroup{}
	var pairOrder, ministryOrder []int64
	group := func(m map[int64]*ReportGroup, order *[]int64, id int64, label string) *ReportGroup {
		if g, ok := m[id]; ok {
			return g
		}
		m[id] = &ReportGroup{Label: label, Grades: map[string]int{}}
		*order = append(*order, id)
		return m[id]
	}
	for _, t := range results {
		if !t.Result.Scored() {
			r.Unscored++
		}
		p := t.Task.Pair
		group(pairs, &pairOrder, p.ID, fmt.Sprintf("%d차 %s–%s", p.Round.Number, p.MinistryA.ShortName, p.MinistryB.ShortName)).add(t)
		group(ministries, &ministryOrder, p.MinistryAID, p.MinistryA.Name).add(t)
		group(ministries, &ministryOrder, p.MinistryBID, p.MinistryB.Name).add(t)
	}
	for _, id := range pairOrder {
		r.ByPair = append(r.ByPair, *pairs[id])
	}
	for _, id := range ministryOrder {
		r.ByMinistry = append(r.ByMinistry, *ministries[id])
	}
	slices.SortStableFunc(r.ByMinistry, func(a, b ReportGroup) int {
		if a.Label < b.Label {
			return -1
		}
		if a.Label > b.Label {
			return 1
		}
		return 0
	})
	return r, nil
}

// WriteXLSX writes the report as a workbook with the same numbers as its page:
// 등급 분포, 교류직위별, 부처별 and 과제별 sheets.
func (r EvaluationReport) WriteXLSX(w io.Writer) error {
	grades := r.Cycle.Grades()
	dist := sheet.Table{Sheet: "등급 분포", Header: []string{"등급", "과제 수"}, Widths: []float64{12, 10}}
	for _, g := range r.Grades {
		dist.Rows = append(dist.Rows, []sheet.Value{g.Grade, float64(g.Tasks)})
	}
	dist.Rows = append(dist.Rows, []sheet.Value{"미입력", float64(r.Unscored)})
	groups := func(name, first string, list []ReportGroup) sheet.Table {
		t := sheet.Table{Sheet: name, Header: append([]string{first, "과제 수", "점수 있는 과제 수", "평균 점수"}, grades...),
			Widths: []float64{30, 10, 16, 10}}
		for _, g := range list {
			row := []sheet.Value{g.Label, float64(g.Tasks), float64(g.Scored), nil}
			if g.Scored > 0 {
				row[3] = float64(g.Mean) / 10
			}
			for _, gr := range grades {
				row = append(row, float64(g.Grades[gr]))
			}
			t.Rows = append(t.Rows, row)
		}
		return t
	}
	tasks := sheet.Table{Sheet: "과제별", Header: []string{"차수", "교류직위", "협업과제", "자체 점검", "심사자 수", "점수", "등급"},
		Widths: []float64{8, 16, 36, 12, 10, 8, 8}}
	for _, t := range r.Tasks {
		self := "미제출"
		if t.Self != nil {
			self = "제출"
			if t.Self.Late(r.Cycle) {
				self = "지연 제출"
			}
		}
		row := []sheet.Value{fmt.Sprintf("%d차", t.Task.Pair.Round.Number), t.Task.Pair.MinistryA.ShortName + "–" + t.Task.Pair.MinistryB.ShortName,
			t.Task.Title, self, float64(len(t.Result.Reviewers)), nil, nil}
		if t.Result.Scored() {
			row[5], row[6] = float64(t.Result.Score)/10, t.Result.Grade
		}
		tasks.Rows = append(tasks.Rows, row)
	}
	people := sheet.Table{Sheet: "교류자별", Header: []string{"성명", "구분", "보내는 부처", "교류직위", "직위", "협업과제 수", "채점된 과제 수", "점수", "등급", "계산",
		"기여도(보내는 부처)", "의견(보내는 부처)", "기여도(받는 부처)", "의견(받는 부처)"},
		Widths: []float64{12, 12, 12, 18, 24, 10, 12, 8, 8, 60, 14, 40, 14, 40}}
	for _, p := range r.People {
		row := []sheet.Value{p.Name(), p.Role(), p.Nomination.Ministry.ShortName,
			fmt.Sprintf("%d차 %s–%s", p.Nomination.Pair.Round.Number, p.Nomination.Pair.MinistryA.ShortName, p.Nomination.Pair.MinistryB.ShortName),
			p.PositionTitle(), float64(len(p.Tasks)), float64(p.Scored), nil, nil, p.Sentence}
		if p.Scored > 0 {
			row[7], row[8] = float64(p.Score)/10, p.Grade
		}
		for _, side := range ContributionSides {
			level, comment := r.ContributionOf(p, side)
			row = append(row, level, comment)
		}
		people.Rows = append(people.Rows, row)
	}
	tables := []sheet.Table{dist, groups("교류직위별", "교류직위", r.ByPair), groups("부처별", "부처", r.ByMinistry), tasks, people}
	return sheet.WriteTablesXLSX(w, append(tables, r.ministrySheets()...), "미입력")
}

// ministrySheets are one sheet per sending ministry, to send to its 인사 부서:
// its exchangees and companions with their results and the incentives decided,
// titled and set up to print on A4 like the round's list.
func (r EvaluationReport) ministrySheets() []sheet.Table {
	var out []sheet.Table
	index := map[int64]int{}
	for _, p := range r.People {
		m := p.Nomination.Ministry
		i, ok := index[m.ID]
		if !ok {
			i = len(out)
			index[m.ID] = i
			out = append(out, sheet.Table{Sheet: m.Name, Title: r.Cycle.Name + " 결과와 인사상 특전 — " + m.Name + " 인사 부서",
				Header: []string{"성명", "구분", "교류직위", "근무 직위", "점수", "등급", "인사상 특전", "비고", "계산",
					"기여도(보내는 부처)", "의견(보내는 부처)", "기여도(받는 부처)"},
				Widths: []float64{12, 12, 18, 24, 8, 8, 20, 30, 60, 14, 40, 14}})
		}
		decision, note := r.IncentiveOf(p)
		row := []sheet.Value{p.Name(), p.Role(),
			fmt.Sprintf("%d차 %s–%s", p.Nomination.Pair.Round.Number, p.Nomination.Pair.MinistryA.ShortName, p.Nomination.Pair.MinistryB.ShortName),
			p.PositionTitle(), nil, nil, decision, note, p.Sentence}
		if p.Scored > 0 {
			row[4], row[5] = float64(p.Score)/10, p.Grade
		}
		// The sheet goes to the sending ministry: its own comment, both levels (ContributionRule after 확정).
		sendingLevel, sendingComment := r.ContributionOf(p, SideSending)
		receivingLevel, _ := r.ContributionOf(p, SideReceiving)
		row = append(row, sendingLevel, sendingComment, receivingLevel)
		out[i].Rows = append(out[i].Rows, row)
	}
	slices.SortStableFunc(out, func(a, b sheet.Table) int { return strings.Compare(a.Sheet, b.Sheet) })
	return out
}
