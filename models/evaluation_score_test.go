package models_test

import (
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

var (
	criteria = []models.EvaluationCriterion{{ID: 1, Name: "협업 노력도", Weight: 30}, {ID: 2, Name: "성과 달성도", Weight: 40}, {ID: 3, Name: "국민 체감도", Weight: 30}}
	bands    = []models.GradeBand{{Grade: "S", MinTenths: 900}, {Grade: "A", MinTenths: 800}, {Grade: "B", MinTenths: 700}, {Grade: "C", MinTenths: 0}}
)

func review(reviewer int64, a, b, c int) models.ReviewScores {
	return models.ReviewScores{ReviewerID: reviewer, Scores: []models.CriterionScore{{CriterionID: 1, Score: a}, {CriterionID: 2, Score: b}, {CriterionID: 3, Score: c}}}
}

// The grade is the highest band the rounded score reaches: at every edge, the
// edge itself gets the band and a tenth below gets the next one down.
func TestGradeAtEveryBandEdge(t *testing.T) {
	cases := []struct {
		score models.Tenths
		want  string
	}{
		{1000, "S"}, {900, "S"}, {899, "A"}, {800, "A"}, {799, "B"}, {700, "B"}, {699, "C"}, {1, "C"}, {0, "C"},
	}
	for _, c := range cases {
		if got := models.GradeOf(c.score, bands); got != c.want {
			t.Errorf("GradeOf(%s) = %q, want %q", c.score, got, c.want)
		}
	}
	// bands in any order give the same grades
	reversed := []models.GradeBand{bands[3], bands[1], bands[0], bands[2]}
	if got := models.GradeOf(899, reversed); got != "A" {
		t.Errorf("GradeOf(89.9) with bands out of order = %q", got)
	}
}

// A hand calculation, written out:
//
//	reviewer 1: 85×30 + 90×40 + 80×30 = 2550 + 3600 + 2400 = 8550 → 85.50
//	reviewer 2: 80×30 + 88×40 + 79×30 = 2400 + 3520 + 2370 = 8290 → 82.90
//	mean: (8550 + 8290) ÷ (100 × 2) = 16840 ÷ 200 = 84.20 → 84.2 → A (80.0 ≤ 84.2 < 90.0)
//
// and the rounding, half up at the second decimal:
//
//	89 and 90 on 100 points, weights 30/40/30, two reviewers:
//	r1: 89×30 + 90×40 + 90×30 = 2670 + 3600 + 2700 = 8970 (89.70)
//	r2: 89×30 + 89×40 + 90×30 = 2670 + 3560 + 2700 = 8930 (89.30)
//	mean 17900 ÷ 200 = 89.50 → 89.5 → A; with r2 = 90/89/90 (8960): 17930 ÷ 200 = 89.65 → 89.7
//	89.95 rounds up to 90.0 and reaches S (four reviewers in the table).
func TestTaskScoreMatchesAHandCalculation(t *testing.T) {
	cases := []struct {
		name    string
		scale   int
		reviews []models.ReviewScores
		score   models.Tenths
		grade   string
	}{
		{"two reviewers", 100, []models.ReviewScores{review(1, 85, 90, 80), review(2, 80, 88, 79)}, 842, "A"},
		{"exact half", 100, []models.ReviewScores{review(1, 89, 90, 90), review(2, 89, 89, 90)}, 895, "A"},
		{"89.65 rounds up", 100, []models.ReviewScores{review(1, 89, 90, 90), review(2, 90, 89, 90)}, 897, "A"}, // (8970+8960)/200 = 89.65 → 89.7
		// four reviewers: 9000+9000+9000+(89×30 + 91×40 + 89×30 = 8980) = 35980 ÷ 400 = 89.95 → 90.0 → S (half up reaches the band)
		{"half up reaches the band", 100, []models.ReviewScores{review(1, 90, 90, 90), review(2, 90, 90, 90), review(3, 90, 90, 90), review(4, 89, 91, 89)}, 900, "S"},
		// three reviewers: 9000+9000+8960 = 26960 ÷ 300 = 89.8666… → 89.9 → A
		{"thirds", 100, []models.ReviewScores{review(1, 90, 90, 90), review(2, 90, 90, 90), review(3, 90, 89, 90)}, 899, "A"},
		// scale 5: 4×30 + 5×40 + 3×30 = 410 → 410 ÷ 5 = 82.0 → A
		{"five-point scale", 5, []models.ReviewScores{review(1, 4, 5, 3)}, 820, "A"},
		// an incomplete review does not count: only reviewer 1's 85.5 → 85.5
		{"incomplete review ignored", 100, []models.ReviewScores{review(1, 85, 90, 80), {ReviewerID: 2, Scores: []models.CriterionScore{{CriterionID: 1, Score: 0}}}}, 855, "A"},
		{"zero", 100, []models.ReviewScores{review(1, 0, 0, 0)}, 0, "C"},
	}
	for _, c := range cases {
		got := models.ComputeTask(c.scale, criteria, bands, c.reviews)
		if got.Score != c.score || got.Grade != c.grade {
			t.Errorf("%s: %s %q, want %s %q", c.name, got.Score, got.Grade, c.score, c.grade)
		}
	}
	if got := models.ComputeTask(100, criteria, bands, nil); got.Scored() || got.Grade != "" {
		t.Errorf("no reviews: %+v, want unscored", got)
	}
}

func TestTenthsParseAndPrintWithOneDecimal(t *testing.T) {
	for in, want := range map[string]models.Tenths{"90": 900, "87.3": 873, "0": 0, "100": 1000, "0.1": 1} {
		if got, ok := models.ParseTenths(in); !ok || got != want {
			t.Errorf("ParseTenths(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "x", "-1", "100.1", "87.25"} {
		if _, ok := models.ParseTenths(bad); ok {
			t.Errorf("ParseTenths(%q) accepted", bad)
		}
	}
	if s := models.Tenths(900).String(); s != "90.0" {
		t.Errorf("90.0 printed %q", s)
	}
}
