package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Every number field of the evaluation forms refuses what ParseFloat or Atoi
// would read but a person never means (NaN, Inf, 1e2, 0x10) with a Korean
// message next to the field and 422, on both databases; no cycle, score or
// entry is stored from it. An evidence link written HTTPS://… is stored.
func TestEvaluationNumberFieldsRefuseNaNAndInfinity(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		cycles := func() int64 {
			var n int64
			s.DB().Model(&models.EvaluationCycle{}).Count(&n)
			return n
		}
		before := cycles()
		for _, bad := range []string{"NaN", "nan", "Inf", "+Inf", "-Inf", "Infinity", "1e2", "0x10"} {
			for field, errorID := range map[string]string{"incentive": "incentive", "band_min": "band_grade", "scale": "scale", "criterion_weight": "criterion_name"} {
				form := cycleForm(f)
				form[field] = append([]string{bad}, form[field][1:]...)
				rec := f.admin.Post("/evaluations", form)
				if rec.Code != http.StatusUnprocessableEntity {
					t.Errorf("%s=%s: status %d, want 422", field, bad, rec.Code)
					continue
				}
				if msg := text(docOf(t, rec).Find("#f-" + errorID + "-error")); !hangul.MatchString(msg) {
					t.Errorf("%s=%s: message %q", field, bad, msg)
				}
			}
		}
		if n := cycles(); n != before {
			t.Errorf("%d cycles stored from bad numbers", n-before)
		}

		cycle := cycleInReview(t, f)
		task2 := taskPath(cycle, f.task2)
		for _, bad := range []string{"NaN", "Inf", "1e2"} {
			rec := f.reviewer.Post(task2+"/scores", scoreForm(t, f.reviewer, task2, "0", bad, "90", "90"))
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(text(docOf(t, rec).Find(".score-form")), "정수로 입력해 주십시오") {
				t.Errorf("score %s: status %d", bad, rec.Code)
			}
		}
		gov := "/tasks/" + itoa64(f.task1.ID) + "/government-evaluation"
		for _, bad := range []string{"NaN", "Inf", "2e3"} {
			rec := f.moel.Post(gov, url.Values{"year": {bad}, "result": {"보통"}, "version": {"0"}})
			if rec.Code != http.StatusUnprocessableEntity || !hangul.MatchString(text(docOf(t, rec).Find("#f-year-error"))) {
				t.Errorf("year %s: status %d", bad, rec.Code)
			}
		}
	})
}

// A self-assessment's evidence links are web addresses whatever the case of
// their scheme, stored as written, on both databases.
func TestSelfAssessmentEvidenceLinksInAnyCase(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		rec := f.admin.Post("/evaluations", cycleForm(f))
		expect(t, "create the cycle", rec, http.StatusSeeOther)
		cycle := rec.Header().Get("Location")
		expect(t, "자체 점검", f.admin.Post(cycle+"/stage", url.Values{"version": {"1"}}), http.StatusSeeOther)
		links := "HTTPS://WWW.KOREA.KR/NEWS\nHttp://www.korea.kr/a"
		expect(t, "links in capitals", f.moel.Post(taskPath(cycle, f.task1)+"/self", url.Values{"narrative": {"x"}, "evidence_links": {links}}), http.StatusSeeOther)
		var a models.SelfAssessment
		if err := s.DB().Where("task_id = ?", f.task1.ID).Take(&a).Error; err != nil || a.EvidenceLinks != links {
			t.Errorf("stored %q (%v)", a.EvidenceLinks, err)
		}
	})
}

// What the pages show: the score and grade follow a sheet saved in place (htmx
// swaps them out of band); a reviewer's weighted score has one format in the
// arithmetic and in their table; "제출 2026-…" has its space; the round
// checkboxes name each round once.
func TestEvaluationPagesShowEachValueOnceAndFollowTheInPlaceSave(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		var labels []string
		docOf(t, f.admin.Get("/evaluations/new")).Find(`input[name=round_id]`).Each(func(_ int, s *goquery.Selection) {
			labels = append(labels, text(s.Parent()))
		})
		if strings.Join(labels, ",") != "1차 전략적 인사교류,2차 전략적 인사교류" {
			t.Errorf("the round checkboxes read %q", labels)
		}

		cycle := cycleInReview(t, f)
		if self := text(docOf(t, f.admin.Get(cycle)).Find("table.evaluation-tasks tbody tr").First().Find("td").Eq(1)); !regexp.MustCompile(`^제출 \d{4}-\d\d-\d\d \d\d:\d\d$`).MatchString(self) {
			t.Errorf("the self-assessment cell reads %q", self)
		}
		if self := text(docOf(t, f.admin.Get(taskPath(cycle, f.task1))).Find("#self-section p").First()); !regexp.MustCompile(`^제출 \d{4}-`).MatchString(self) {
			t.Errorf("the self-assessment reads %q", self)
		}

		// 95×30 + 92×40 + 91×30 = 9260 → 92.6 (S); 90×30 + 90×40 + 90×30 = 9000 → 90.0
		task2 := taskPath(cycle, f.task2)
		f.reviewer.HTMX = true
		rec := f.reviewer.Post(task2+"/scores", scoreForm(t, f.reviewer, task2, "0", "95", "92", "91"))
		f.reviewer.HTMX = false
		expect(t, "scores in place", rec, http.StatusOK)
		doc := docOf(t, rec)
		oob := doc.Find(`#computation[hx-swap-oob]`)
		if got := text(oob.Find(".computed-score")); got != "점수 92.6점 · 등급 S" {
			t.Errorf("the in-place answer's score reads %q", got)
		}
		if doc.Find(`#review-list[hx-swap-oob] table.review-table`).Length() != 1 {
			t.Error("the in-place answer does not bring the reviews along")
		}
		scoreWithComment(t, f.opc, task2, "", "90", "90", "90")
		doc = docOf(t, f.admin.Get(task2))
		lines := text(doc.Find(".computation-lines"))
		for _, want := range []string{"(90×30 + 90×40 + 90×30) ÷ 100 = 90.0점", "(92.6 + 90.0) ÷ 2 = 91.3점"} {
			if !strings.Contains(lines, want) {
				t.Errorf("the arithmetic %q lacks %q", lines, want)
			}
		}
		if got := text(doc.Find("#review-list h3.reviewer-name").Last()); got != "데모 심사자 (국무조정실): 환산 점수 90.0점" {
			t.Errorf("the reviewer's heading reads %q", got)
		}
	})
}
