package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// gradeRows reads a page's grade distribution tables: one "grade from tasks
// share" line a row, in order.
func gradeRows(doc *goquery.Document) []string {
	var rows []string
	doc.Find(".grade-distribution .grade-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Find("th, td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, text(c)) })
		rows = append(rows, strings.Join(cells, " | "))
	})
	return rows
}

// A cycle's grade distribution reaches the public site only once the cycle is
// 확정 and an administrator has published it from its preview; it counts tasks
// per grade (task 1 84.2 A, task 2 89.9 A, task 3 68.8 C: S 0, A 2 = 2 ÷ 3 =
// 66.7%, B 0, C 1 = 33.3%), on the home and round pages in Korean and English
// and in /data/grades, names no task and no person, and goes when withdrawn.
// Reviewers and coordinators may not publish it.
func TestAGradeDistributionShowsOnThePublicSiteOnlyOnceFinalizedAndPublished(t *testing.T) {
	t.Parallel()
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		cycle := scoredCycle(t, f)
		publish, withdraw := cycle+"/grades/publish", cycle+"/grades/withdraw"
		public := []string{"/", "/rounds/2", "/en/", "/en/rounds/2"}
		// secrets are what no public page or file may show: the exchangees, the
		// tasks, the reviewers, a task's score.
		secrets := []string{"김교류", "이교류", "박교류", "빈 일자리 매칭", "채용 설명회 공동 개최", "국내 복귀 기업 지원", "데모 심사자", "84.2", "89.9", "68.8"}
		showsNothing := func(when string) {
			t.Helper()
			for _, path := range public {
				if n := get(t, f.e, path, http.StatusOK).Find(".grade-distribution, #grades-title").Length(); n > 0 {
					t.Errorf("%s: %s shows %d grade distribution elements", when, path, n)
				}
			}
			if body := do(t, f.e, http.MethodGet, "/data/grades.json", nil, nil).Body.String(); body != "[\n]\n" {
				t.Errorf("%s: /data/grades.json = %q", when, body)
			}
		}
		showsNothing("in 심사")

		// Not yet 확정: the preview says why, offers no 공개, and 공개 is refused.
		preview := docOf(t, f.admin.Get(publish))
		if got := text(preview.Find("main .krds-form-alert")); !strings.Contains(got, "확정된 평가만 등급 분포를 공개할 수 있습니다. (지금 단계: 심사)") {
			t.Errorf("the preview of a cycle in 심사 says %q", got)
		}
		if preview.Find(`form[action$="/grades/publish"]`).Length() != 0 {
			t.Error("the preview of a cycle in 심사 offers 공개")
		}
		stamp, _ := preview.Find(`input[name=stamp]`).Attr("value")
		rec := f.admin.Post(publish, url.Values{"stamp": {"3.3-S.0-A.2-B.0-C.1"}})
		expect(t, "공개 in 심사", rec, http.StatusUnprocessableEntity)
		if got := text(docOf(t, rec).Find("main .krds-form-alert")); !strings.Contains(got, "확정된 평가만 등급 분포를 공개할 수 있습니다.") {
			t.Errorf("the refusal reads %q", got)
		}
		if stamp != "" {
			t.Errorf("a preview that may not be published carries a stamp %q", stamp)
		}
		// Only the administrator: reviewers and coordinators get 403.
		for _, who := range []struct {
			name string
			post func(string, url.Values) int
			get  func(string) int
		}{
			{"reviewer", func(p string, v url.Values) int { return f.reviewer.Post(p, v).Code }, func(p string) int { return f.reviewer.Get(p).Code }},
			{"coordinator", func(p string, v url.Values) int { return f.moel.Post(p, v).Code }, func(p string) int { return f.moel.Get(p).Code }},
		} {
			for _, code := range []int{who.get(publish), who.post(publish, url.Values{"stamp": {"3.3-S.0-A.2-B.0-C.1"}}), who.post(withdraw, url.Values{})} {
				if code != http.StatusForbidden {
					t.Errorf("the %s publishing: status %d, want 403", who.name, code)
				}
			}
		}

		// 확정 (task 3 has no self-assessment: with a reason); still nothing public.
		expect(t, "확정", f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {"자체 점검은 서면으로 받음"}}), http.StatusSeeOther)
		showsNothing("확정, not published")
		cycleDoc := docOf(t, f.admin.Get(cycle))
		if got := text(cycleDoc.Find("a.grades-publish")); got != "등급 분포 공개" {
			t.Errorf("the cycle's page offers %q", got)
		}

		want := []string{"S | 90.0점 이상 | 0개 | 0.0%", "A | 80.0점 이상 | 2개 | 66.7%", "B | 70.0점 이상 | 0개 | 0.0%", "C | 0.0점 이상 | 1개 | 33.3%"}
		preview = docOf(t, f.admin.Get(publish))
		if got := gradeRows(preview); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("the preview shows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		stamp, _ = preview.Find(`form[action$="/grades/publish"] input[name=stamp]`).Attr("value")
		expect(t, "공개 of what another preview showed", f.admin.Post(publish, url.Values{"stamp": {"3.3-S.1-A.1-B.0-C.1"}}), http.StatusConflict)
		before, err := s.PublicVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		expect(t, "공개", f.admin.Post(publish, url.Values{"stamp": {stamp}}), http.StatusSeeOther)
		after, err := s.PublicVersion(context.Background())
		if err != nil || after.Version <= before.Version {
			t.Errorf("publishing left the public version at %d (before %d, %v)", after.Version, before.Version, err)
		}
		var events []models.AuditEvent
		if err := s.DB().Where("record_type = ? AND action = ?", "grade_distribution", models.AuditPublish).Find(&events).Error; err != nil || len(events) != 1 {
			t.Errorf("the audit log holds %d publications (%v)", len(events), err)
		} else if got := events[0].Record(); got != "등급 분포 「2025년 상반기 실적 점검」" {
			t.Errorf("the audit log names the publication %q", got)
		}

		// Published: on the home and round 2 pages, in both languages, and in the data files.
		for _, path := range public {
			rec := do(t, f.e, http.MethodGet, path, nil, nil)
			doc := docOf(t, rec)
			rows := gradeRows(doc)
			if strings.HasPrefix(path, "/en/") {
				want := []string{"S | 90.0 points or more | 0 | 0.0%", "A | 80.0 points or more | 2 | 66.7%", "B | 70.0 points or more | 0 | 0.0%", "C | 0.0 points or more | 1 | 33.3%"}
				if strings.Join(rows, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s shows\n%s", path, strings.Join(rows, "\n"))
				}
				if k := koreanOutsideLangKo(doc); len(k) > 0 {
					t.Errorf("%s shows Korean outside lang=\"ko\": %q", path, k)
				}
				if h3 := doc.Find(".grade-distribution h3"); text(h3) != "2025년 상반기 실적 점검" || h3.Find("[lang=ko]").Length() == 0 {
					t.Errorf("%s names the cycle %q, want it in Korean with lang=ko", path, text(h3))
				}
			} else if strings.Join(rows, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s shows\n%s", path, strings.Join(rows, "\n"))
			}
			if got := text(doc.Find(".grade-distribution-summary")); got == "" {
				t.Errorf("%s gives no count of the tasks evaluated", path)
			}
			body := doc.Find("main").Text()
			for _, secret := range secrets {
				if strings.Contains(body, secret) {
					t.Errorf("%s shows %q", path, secret)
				}
			}
		}
		if n := get(t, f.e, "/rounds/1", http.StatusOK).Find(".grade-distribution").Length(); n != 0 {
			t.Errorf("round 1, which the cycle did not evaluate, shows %d distributions", n)
		}
		for _, file := range []string{"/data/grades.json", "/data/grades.csv"} {
			body := do(t, f.e, http.MethodGet, file, nil, nil).Body.String()
			for _, want := range []string{"2025년 상반기 실적 점검", "66.7", "33.3", "2025-01-01", "2025-06-30"} {
				if !strings.Contains(body, want) {
					t.Errorf("%s lacks %q:\n%s", file, want, body)
				}
			}
			for _, secret := range secrets {
				if strings.Contains(body, secret) {
					t.Errorf("%s shows %q", file, secret)
				}
			}
		}
		if rows := readCSV(t, f.e, "/data/grades.csv"); len(rows) != 1+4 || strings.Join(rows[0], "|") != gradesHeader ||
			strings.Join(rows[2], "|") != "2025년 상반기 실적 점검|2025-01-01|2025-06-30|2|3|3|A|80|2|66.7|"+time.Now().In(models.Seoul).Format(time.DateOnly) {
			t.Errorf("/data/grades.csv reads %q", rows)
		}
		if body := do(t, f.e, http.MethodGet, "/data/grades.json", nil, nil).Body.String(); !strings.Contains(body, `"등급": "A", "기준 점수": 80, "협업과제 수": 2, "비율 (계산값)": 66.7`) {
			t.Errorf("/data/grades.json reads\n%s", body)
		}
		for _, path := range []string{"/data", "/en/data"} {
			doc := get(t, f.e, path, http.StatusOK)
			if got := text(doc.Find("#set-grades")); !strings.Contains(got, "4") {
				t.Errorf("%s lists the grade distribution as %q", path, got)
			}
			if k := koreanOutsideLangKo(doc); path == "/en/data" && len(k) > 0 {
				t.Errorf("%s shows Korean outside lang=\"ko\": %q", path, k)
			}
		}

		// The cycle's page now offers the withdrawal; 공개 취소 takes it off again.
		if got := text(docOf(t, f.admin.Get(cycle)).Find("a.grades-publish")); got != "등급 분포 공개 중 · 공개 취소" {
			t.Errorf("the published cycle's page offers %q", got)
		}
		if docOf(t, f.admin.Get(publish)).Find(`form[action$="/grades/withdraw"]`).Length() != 1 {
			t.Error("the page of a published distribution offers no 공개 취소")
		}
		expect(t, "공개 취소", f.admin.Post(withdraw, url.Values{}), http.StatusSeeOther)
		showsNothing("withdrawn")
	})
}
