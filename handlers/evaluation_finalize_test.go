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
