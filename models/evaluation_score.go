package models

import (
	"fmt"
	"regexp"
	"strconv"
)

// How a task's score is computed (stated here once and shown on screen):
//
//  1. Each reviewer gives each criterion a whole score from 0 to the cycle's
//     scale (e.g. 0–100, or 1–5).
//  2. A reviewer's weighted score, on 100 points, is the sum over criteria of
//     score ÷ scale × weight (the weights sum to 100).
//  3. The task's score is the mean of its reviewers' weighted scores, rounded
//     once, at the end, to one decimal, half up (87.25 → 87.3, 87.24 → 87.2).
//  4. The grade is the first band, from the top, whose threshold the rounded
//     score reaches (score ≥ threshold); the lowest band starts at 0.
//
// Scores are integers and thresholds are kept in tenths, so the arithmetic is
// exact: no float decides a grade.

// RoundingRule is the rounding rule as people read it.
const RoundingRule = "소수점 둘째 자리에서 반올림하여 첫째 자리까지 표시"

// Tenths is a score in tenths of a point: 873 is 87.3 points.
type Tenths int

// String writes the score with one decimal: 87.3, 90.0.
func (t Tenths) String() string {
	return strconv.Itoa(int(t)/10) + "." + strconv.Itoa(int(t)%10)
}

// tenthsPattern is a score as people write it: digits, a decimal point and
// digits. It keeps out what ParseFloat also reads (NaN, Inf, 1e2, 0x10, +5).
var tenthsPattern = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,6})?$`)

// ParseTenths reads a score with at most one decimal ("87.3", "90") into tenths.
func ParseTenths(s string) (Tenths, bool) {
	if !tenthsPattern.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 100 {
		return 0, false
	}
	t := int(f*10 + 0.5)
	if diff := f*10 - float64(t); diff > 1e-6 || diff < -1e-6 {
		return 0, false // more than one decimal
	}
	return Tenths(t), true
}

// CriterionScore is one reviewer's score for one criterion.
type CriterionScore struct {
	CriterionID int64
	Score       int
}

// ReviewerScore is one reviewer's weighted score, unrounded: Points ÷ Scale.
type ReviewerScore struct {
	ReviewerID int64
	Sum        int // Σ score × weight
}

// TaskResult is a task's computed score with what it was computed from.
type TaskResult struct {
	Reviewers []ReviewerScore // complete reviews only, in the order given
	Score     Tenths          // the mean of the reviewers' weighted scores, one decimal, half up
	Grade     string          // "" when no reviewer has scored every criterion
}

// Scored reports whether at least one complete review counts.
func (r TaskResult) Scored() bool { return len(r.Reviewers) > 0 }

// weightedSum is Σ score × weight of one reviewer, and whether every
// criterion has a score.
func weightedSum(criteria []EvaluationCriterion, scores []CriterionScore) (int, bool) {
	byCriterion := make(map[int64]int, len(scores))
	for _, s := range scores {
		byCriterion[s.CriterionID] = s.Score
	}
	sum := 0
	for _, c := range criteria {
		v, ok := byCriterion[c.ID]
		if !ok {
			return 0, false
		}
		sum += v * c.Weight
	}
	return sum, true
}

// roundHalfUp divides num by den (both ≥ 0, den > 0) and rounds half up.
func roundHalfUp(num, den int) int { return (2*num + den) / (2 * den) }

// ComputeTask is a task's result from its reviewers' scores (reviewer id →
// scores): each complete review's weighted sum, their mean on 100 points
// rounded to one decimal half up, and the grade from the bands.
func ComputeTask(scale int, criteria []EvaluationCriterion, bands []GradeBand, reviews []ReviewScores) TaskResult {
	var r TaskResult
	total := 0
	for _, rv := range reviews {
		sum, ok := weightedSum(criteria, rv.Scores)
		if !ok {
			continue
		}
		r.Reviewers = append(r.Reviewers, ReviewerScore{ReviewerID: rv.ReviewerID, Sum: sum})
		total += sum
	}
	if len(r.Reviewers) == 0 || scale <= 0 {
		return r
	}
	// mean on 100 points = total ÷ (scale × reviewers), since the weights sum to 100;
	// in tenths: total × 10 ÷ (scale × reviewers).
	r.Score = Tenths(roundHalfUp(total*10, scale*len(r.Reviewers)))
	r.Grade = GradeOf(r.Score, bands)
	return r
}

// ReviewScores is one reviewer's scores for a task.
type ReviewScores struct {
	ReviewerID int64
	Scores     []CriterionScore
}

// GradeOf is the grade of the first band, from the highest threshold down,
// whose threshold the score reaches; "" when none does.
func GradeOf(score Tenths, bands []GradeBand) string {
	best, grade := Tenths(-1), ""
	for _, b := range bands {
		if score >= b.MinTenths && b.MinTenths > best {
			best, grade = b.MinTenths, b.Grade
		}
	}
	return grade
}

// Explain writes a reviewer's weighted score as people check it by hand:
// "(80×30 + 90×40 + 70×30) ÷ 100 = 81.0" on a 100-point scale.
func (r ReviewerScore) Explain(scale int) string {
	return fmt.Sprintf("%s점", Tenths(roundHalfUp(r.Sum*10, scale)))
}
