package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// 확정 is refused while tasks are unscored or self-assessments missing, with
// the counts named next to the reason field; with a reason it goes through,
// and the reason and what was missing show on the cycle's page and the report.
func TestFinalizingWithGapsTakesAReasonShownOnTheReport(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		cycle := cycleInReview(t, f) // task 1 self-assessed and scored; tasks 2 and 3 neither
		gaps := "협업과제 3개 중 채점되지 않은 과제 2개, 자체 점검을 제출하지 않은 과제 2개"
		if got := text(docOf(t, f.admin.Get(cycle)).Find(".evaluation-advance .finalize-gaps")); !strings.HasPrefix(got, gaps+"가 있습니다.") {
			t.Errorf("the 확정 button warns %q", got)
		}
		for _, reason := range []string{"", "   "} {
			rec := f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {reason}})
			expect(t, "확정 without a reason", rec, http.StatusUnprocessableEntity)
			if got := text(docOf(t, rec).Find("#f-reason-error")); got != gaps+"가 있어 확정할 수 없습니다. 그래도 확정하려면 사유를 입력해 주십시오." {
				t.Errorf("the refusal reads %q", got)
			}
		}
		var cy models.EvaluationCycle
		if err := s.DB().Take(&cy, "name = ?", "2025년 상반기 실적 점검").Error; err != nil || cy.Stage != models.StageReview {
			t.Fatalf("after the refusals the cycle is %s (%v)", cy.Stage, err)
		}
		reason := "국무조정실 요청: 남은 과제는 하반기 평가에서 다룸"
		expect(t, "확정 with a reason", f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {reason}}), http.StatusSeeOther)
		want := "확정 당시 " + gaps + "가 있었습니다. 확정 사유: " + reason
		for _, page := range []string{cycle, cycle + "/report"} {
			if got := text(docOf(t, f.admin.Get(page)).Find(".finalize-note")); got != want {
				t.Errorf("%s reads %q, want %q", page, got, want)
			}
		}
	})
}

// A distribution rule: grade A may go to at most 30% of the scored tasks,
// ceil(3 × 30 ÷ 100) = ceil(0.9) = 1 task. With tasks 1 and 2 both A (84.2,
// 89.9) 확정 is refused with the counts named; once a reviewer scores task 1
// again (70×30 + 70×40 + 70×30 = 7000 → 70.0; (70.0 + 82.9) ÷ 2 = 76.45 → 76.5, B)
// it goes through.
func TestADistributionRuleRefusesFinalizingUntilTheGradesFit(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		cycle := scoredCycle(t, f, func(form url.Values) { form["band_share"] = []string{"", "30", "", ""} })
		if got := text(docOf(t, f.admin.Get(cycle)).Find(".evaluation-settings")); !strings.Contains(got, "A 80.0점 이상 (최대 30%)") {
			t.Errorf("the settings read %q", got)
		}
		reason := url.Values{"version": {"3"}, "reason": {"기재부–산업부 자체 점검은 서면으로 받음"}}
		rec := f.admin.Post(cycle+"/stage", reason)
		expect(t, "확정 with two A", rec, http.StatusUnprocessableEntity)
		want := "등급 분포 기준을 넘는 등급이 있어 확정할 수 없습니다: A 2개 (최대 1개 = 채점된 과제 3개 × 30%, 올림). 점수를 다시 매긴 뒤 확정해 주십시오."
		if got := text(docOf(t, rec).Find(".evaluation-advance .krds-form-alert").First()); !strings.Contains(got, want) {
			t.Errorf("the refusal reads %q", got)
		}
		task1 := taskPath(cycle, f.task1)
		expect(t, "score task 1 again", f.reviewer.Post(task1+"/scores", scoreForm(t, f.reviewer, task1, "1", "70", "70", "70")), http.StatusSeeOther)
		if got := text(docOf(t, f.admin.Get(task1)).Find(".computed-score")); got != "점수 76.5점 · 등급 B" {
			t.Errorf("task 1 now reads %q", got)
		}
		expect(t, "확정 once the grades fit", f.admin.Post(cycle+"/stage", reason), http.StatusSeeOther)
	})
}
