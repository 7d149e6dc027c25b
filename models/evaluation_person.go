package models

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// Results per person (사람–업무–성과): an exchangee, and each companion moving
// with them, gets the result of the tasks of their exchange position. Tasks
// belong to a pair, and both positions of a pair pursue them together, so the
// tasks of a position are the tasks of its pair.

// PersonRule is how a person's result is computed, as the pages state it.
const PersonRule = "교류자와 동반 교류자의 결과는 그 교류직위 협업과제 가운데 채점된 과제의 점수(소수점 첫째 자리)를 " +
	"과제마다 같은 가중치로 평균하여 " + RoundingRule + "하고, 등급은 이 평가의 등급 기준으로 정합니다. " +
	"채점된 과제가 없으면 미입력입니다. " + ContributionNote

// PersonResult is one person's result in a cycle.
type PersonResult struct {
	Nomination Nomination           // the exchange, with Pair (its ministries and round), Ministry and Position
	Companion  *NominationCompanion // set: the row is this companion of the exchangee
	Tasks      []TaskEvaluation     // the tasks of their position, scored or not
	Scored     int
	Score      Tenths // meaningful when Scored > 0
	Grade      string
	Sentence   string // how it was computed, in words and numbers
}

// Name is the person's 성명 (미입력 when nobody entered it).
func (p PersonResult) Name() string {
	name := p.Nomination.ExchangeeName
	if p.Companion != nil {
		name = p.Companion.Name
	}
	if strings.TrimSpace(name) == "" {
		return "미입력"
	}
	return name
}

// PositionTitle is the title of the position they sit in; "" when unknown.
func (p PersonResult) PositionTitle() string {
	if t := p.Nomination.Position.Title; t != nil {
		return *t
	}
	return ""
}

// Role is 교류자 or 동반 교류자.
func (p PersonResult) Role() string {
	if p.Companion != nil {
		return "동반 교류자"
	}
	return "교류자"
}

// exchangeStarted are the states of a nomination whose exchange has started
// (and may since have ended).
var exchangeStarted = []NominationStatus{NominationActive, NominationExtended, NominationCompleted, NominationAcknowledged}

// CycleExchangees are the exchangees and companions of a cycle's period: the
// nominations of pairs selected in its rounds whose exchange started and
// overlaps the period (a start not entered counts as before it; no return
// date: still there). The one place that says who a cycle evaluates.
func (s *Store) CycleExchangees(ctx context.Context, c EvaluationCycle) ([]Nomination, error) {
	return s.cycleExchangees(ctx, c, nil)
}

// cycleExchangees is CycleExchangees taking each nomination's pair (with its
// round and ministries) from known where it is there, and reading the others:
// the report has the cycle's pairs from its scores, and reading them again
// for each of a full year's 400 people was a fifth of its time (issue 25).
func (s *Store) cycleExchangees(ctx context.Context, c EvaluationCycle, known map[int64]*ExchangePair) ([]Nomination, error) {
	var list []Nomination
	db := s.db.WithContext(ctx)
	q := db
	if known == nil {
		q = q.Preload("Pair").Preload("Pair.Round").Preload("Pair.MinistryA").Preload("Pair.MinistryB")
	}
	err := q.Preload("Ministry").Preload("Position").Preload("Companions", func(db *gorm.DB) *gorm.DB { return db.Where("removed_at IS NULL").Order("position, id") }).
		// From the cycle's rounds to their pairs to the pairs' nominations: as a
		// join, SQLite read every exchange of the history by its status first
		// (19 ms at ten years; 1–2 ms so).
		Where("nominations.pair_id IN (SELECT p.id FROM evaluation_cycle_rounds ecr CROSS JOIN exchange_pairs p"+
			" WHERE ecr.cycle_id = ? AND p.round_id = ecr.round_id AND p.status = ?)", c.ID, PairSelected).
		Where("nominations.status IN ?", exchangeStarted).
		Where("(nominations.actual_start IS NULL OR nominations.actual_start <= ?)", c.PeriodEnd).
		Where("(nominations.returned_on IS NULL OR nominations.returned_on >= ?)", c.PeriodStart).
		Order("nominations.pair_id, nominations.id").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("exchangees of evaluation cycle %d: %w", c.ID, err)
	}
	if known == nil {
		return list, nil
	}
	var missing []int64
	for i, n := range list { // ordered by pair
		if known[n.PairID] == nil && (i == 0 || list[i-1].PairID != n.PairID) {
			missing = append(missing, n.PairID)
		}
	}
	if len(missing) > 0 { // a pair without tasks has no scores
		var pairs []ExchangePair
		if err := db.Preload("Round").Preload("MinistryA").Preload("MinistryB").Where("id IN ?", missing).Find(&pairs).Error; err != nil {
			return nil, fmt.Errorf("pairs of evaluation cycle %d: %w", c.ID, err)
		}
		known = maps.Clone(known)
		for i := range pairs {
			known[pairs[i].ID] = &pairs[i]
		}
	}
	for i := range list {
		list[i].Pair = *known[list[i].PairID]
	}
	return list, nil
}

// PersonResults computes each person's result from the cycle's task results:
// every exchangee, then their companions, in the order given.
func (c EvaluationCycle) PersonResults(results []TaskEvaluation, people []Nomination) []PersonResult {
	byPair := tasksByPair(results)
	var out []PersonResult
	for _, n := range people {
		p := c.personResult(n, byPair[n.PairID])
		out = append(out, p)
		for i := range n.Companions {
			cp := p
			cp.Companion = &n.Companions[i]
			out = append(out, cp)
		}
	}
	return out
}

// tasksByPair groups results by pair. The cycle's reads list a pair's tasks
// together, so each group is a part of results, not a copy (a task is over a
// kilobyte, and a full year's cycle has thousands); a pair listed apart would
// be copied.
func tasksByPair(results []TaskEvaluation) map[int64][]TaskEvaluation {
	byPair := map[int64][]TaskEvaluation{}
	for start := 0; start < len(results); {
		id, end := results[start].Task.PairID, start+1
		for end < len(results) && results[end].Task.PairID == id {
			end++
		}
		if earlier, ok := byPair[id]; ok {
			byPair[id] = append(slices.Clip(earlier), results[start:end]...)
		} else {
			byPair[id] = slices.Clip(results[start:end])
		}
		start = end
	}
	return byPair
}

// personResult is the mean of the scored tasks' (rounded) scores, rounded
// again half up, its grade, and the sentence that says so.
func (c EvaluationCycle) personResult(n Nomination, tasks []TaskEvaluation) PersonResult {
	p := PersonResult{Nomination: n, Tasks: tasks}
	sum := 0
	var terms []string
	for _, t := range tasks {
		if t.Result.Scored() {
			p.Scored++
			sum += int(t.Result.Score)
			terms = append(terms, t.Result.Score.String())
		}
	}
	where := fmt.Sprintf("교류직위 %d차 %s–%s", n.Pair.Round.Number, n.Pair.MinistryA.ShortName, n.Pair.MinistryB.ShortName)
	if p.Scored == 0 {
		p.Sentence = fmt.Sprintf("%s의 협업과제 %d개 가운데 채점된 과제가 없어 미입력입니다.", where, len(tasks))
		return p
	}
	p.Score = Tenths(roundHalfUp(sum, p.Scored))
	p.Grade = GradeOf(p.Score, c.Bands)
	band := ""
	if i := slices.IndexFunc(c.Bands, func(b GradeBand) bool { return b.Grade == p.Grade }); i >= 0 {
		band = " (" + c.Bands[i].MinTenths.String() + "점 이상)"
	}
	arithmetic := p.Score.String() + "점"
	if p.Scored > 1 {
		exact, eq := FormatNumber(float64(sum)/10/float64(p.Scored)), "="
		if sum*10%p.Scored != 0 {
			eq = "≈"
		}
		arithmetic = fmt.Sprintf("(%s) ÷ %d %s %s", strings.Join(terms, " + "), p.Scored, eq, exact)
		if exact != p.Score.String() {
			arithmetic += " → " + p.Score.String()
		}
		arithmetic += "점"
	}
	p.Sentence = fmt.Sprintf("%s의 협업과제 %d개 가운데 채점된 %d개: %s, 등급 %s%s.", where, len(tasks), p.Scored, arithmetic, p.Grade, band)
	return p
}

// ExchangeeResults is every person's result in the cycle.
func (s *Store) ExchangeeResults(ctx context.Context, c EvaluationCycle) ([]PersonResult, error) {
	results, err := s.CycleResults(ctx, c)
	if err != nil {
		return nil, err
	}
	people, err := s.CycleExchangees(ctx, c)
	if err != nil {
		return nil, err
	}
	return c.PersonResults(results, people), nil
}

// CycleResultOf is an exchangee's result in one cycle, for their record.
type CycleResultOf struct {
	Cycle  EvaluationCycle
	Result PersonResult
}

// ResultsOfExchangee lists the exchangee's result in every cycle that
// evaluates them (CycleExchangees), newest cycle first.
func (s *Store) ResultsOfExchangee(ctx context.Context, nominationID int64) ([]CycleResultOf, error) {
	var n Nomination
	if err := s.db.WithContext(ctx).Take(&n, nominationID).Error; err != nil {
		return nil, fmt.Errorf("nomination %d: %w", nominationID, notFound(err))
	}
	var ids []int64
	if err := s.db.WithContext(ctx).Model(&EvaluationCycle{}).
		Where("id IN (SELECT cycle_id FROM evaluation_cycle_rounds WHERE round_id = (SELECT round_id FROM exchange_pairs WHERE id = ?))", n.PairID).
		Order("period_start DESC, id DESC").Limit(50).Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("cycles of nomination %d: %w", nominationID, err)
	}
	var out []CycleResultOf
	for _, id := range ids {
		c, err := s.EvaluationCycleByID(ctx, id)
		if err != nil {
			return nil, err
		}
		people, err := s.CycleExchangees(ctx, c)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(people, func(p Nomination) bool { return p.ID == nominationID })
		if i < 0 {
			continue
		}
		results, err := s.CycleResults(ctx, c, people[i].Pair.Ministries()...)
		if err != nil {
			return nil, err
		}
		one := people[i]
		one.Companions = nil
		out = append(out, CycleResultOf{Cycle: c, Result: c.PersonResults(results, []Nomination{one})[0]})
	}
	return out, nil
}
