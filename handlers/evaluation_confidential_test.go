package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// cycleForm is a cycle over the fixture's round: criteria 협업 노력도 30, 성과
// 달성도 40, 국민 체감도 30 on 0–100; bands S 90, A 80, B 70, C 0; candidates from 85.
func cycleForm(f evalFixture) url.Values {
	return url.Values{"name": {"2025년 상반기 실적 점검"}, "period_start": {"2025-01-01"}, "period_end": {"2025-06-30"},
		"round_id": {strconv.FormatInt(f.round.ID, 10)}, "scale": {"100"}, "incentive": {"85"}, "self_due": {"2099-12-31"},
		"criterion_name": {"협업 노력도", "성과 달성도", "국민 체감도"}, "criterion_weight": {"30", "40", "30"},
		"band_grade": {"S", "A", "B", "C"}, "band_min": {"90", "80", "70", "0"}}
}

// taskPath is a task's page in a cycle.
func taskPath(cycle string, tk models.CollaborationTask) string {
	return cycle + "/tasks/" + strconv.FormatInt(tk.ID, 10)
}

// scoreWithComment saves a reviewer's scores of a task, each criterion with the comment.
func scoreWithComment(t *testing.T, c *handlerstest.Client, path, comment string, scores ...string) {
	t.Helper()
	form := scoreForm(t, c, path, "0", scores...)
	form["comment"] = []string{comment, comment, comment}
	expect(t, "scores of "+path, c.Post(path+"/scores", form), http.StatusSeeOther)
}

// A cycle in 심사 where both reviewers scored task 1 (84.2, A) with comments
// and the administrator wrote its summary comment.
func cycleInReview(t *testing.T, f evalFixture) string {
	t.Helper()
	rec := f.admin.Post("/evaluations", cycleForm(f))
	expect(t, "create the cycle", rec, http.StatusSeeOther)
	cycle := rec.Header().Get("Location")
	expect(t, "자체 점검", f.admin.Post(cycle+"/stage", url.Values{"version": {"1"}}), http.StatusSeeOther)
	expect(t, "self-assessment", f.moel.Post(taskPath(cycle, f.task1)+"/self", url.Values{"narrative": {"매칭 120건"}}), http.StatusSeeOther)
	expect(t, "심사", f.admin.Post(cycle+"/stage", url.Values{"version": {"2"}}), http.StatusSeeOther)
	scoreWithComment(t, f.reviewer, taskPath(cycle, f.task1), "인사처심사의견", "85", "90", "80")
	scoreWithComment(t, f.opc, taskPath(cycle, f.task1), "국조실심사의견", "80", "88", "79")
	expect(t, "summary", f.admin.Post(taskPath(cycle, f.task1)+"/summary", url.Values{"summary": {"협업 성과가 뚜렷함"}, "version": {"0"}}),
		http.StatusSeeOther)
	return cycle
}

// secrets are what only reviewers and administrators may read: each reviewer's
// name, item scores (in the arithmetic and the score tables) and comments.
var secrets = []string{"데모 심사자", "인사처심사의견", "국조실심사의견", "85×30", "review-table", "computation-lines"}

// Individual evaluators' scores are not disclosed to the evaluated: a
// coordinator reading every evaluation page, fragment and export, before and
// after 확정, finds no reviewer's name, item score or comment; the final score,
// grade and summary comment only after 확정. Reviewers and administrators see all.
func TestCoordinatorsSeeNoReviewerScoresAndResultsOnlyAfterFinalizing(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		cycle := cycleInReview(t, f)
		task1 := taskPath(cycle, f.task1)
		kimRecord := "/nominations/" + strconv.FormatInt(f.kim.ID, 10) + "/record"

		// every evaluation route a coordinator may ask for, with the status it answers
		walk := func(stage string, c *handlerstest.Client) map[string]string {
			t.Helper()
			bodies := map[string]string{}
			reads := []struct {
				method, path string
				form         url.Values
				htmx         bool
				want         int
			}{
				{http.MethodGet, "/evaluations", nil, false, http.StatusOK},
				{http.MethodGet, cycle, nil, false, http.StatusOK},
				{http.MethodGet, cycle, nil, true, http.StatusOK},
				{http.MethodGet, task1, nil, false, http.StatusOK},
				{http.MethodGet, task1, nil, true, http.StatusOK},
				{http.MethodGet, taskPath(cycle, f.task2), nil, false, http.StatusOK},
				{http.MethodGet, task1 + "/scores/edit", nil, false, http.StatusForbidden},
				{http.MethodPost, task1 + "/scores", url.Values{"score": {"1"}}, false, http.StatusForbidden},
				{http.MethodPost, task1 + "/summary", url.Values{"summary": {"x"}}, false, http.StatusForbidden},
				{http.MethodPost, task1 + "/self", url.Values{"narrative": {"고침"}, "version": {"1"}}, false, 0},
				{http.MethodPost, task1 + "/self", url.Values{"narrative": {"고침"}, "version": {"1"}}, true, 0},
				{http.MethodGet, cycle + "/report", nil, false, http.StatusForbidden},
				{http.MethodGet, cycle + "/report/download", nil, false, http.StatusForbidden},
				{http.MethodPost, cycle + "/report.xlsx", url.Values{"reason": {"확인"}}, false, http.StatusForbidden},
				{http.MethodGet, "/evaluations/upgrades", nil, false, http.StatusOK},
				{http.MethodGet, kimRecord, nil, false, http.StatusOK},
				{http.MethodGet, "/workspace", nil, false, http.StatusOK},
				{http.MethodGet, "/notifications", nil, false, http.StatusOK},
				{http.MethodGet, "/admin/audit", nil, false, http.StatusForbidden},
			}
			for _, r := range reads {
				c.HTMX = r.htmx
				rec := c.Do(r.method, r.path, nil, nil)
				if r.method == http.MethodPost {
					rec = c.Post(r.path, r.form)
				}
				c.HTMX = false
				what := stage + ": " + r.method + " " + r.path
				if r.htmx {
					what += " (htmx)"
				}
				if rec.Code >= 500 || (r.want != 0 && rec.Code != r.want) {
					t.Errorf("%s: status %d, want %d", what, rec.Code, r.want)
				}
				for _, secret := range secrets {
					if strings.Contains(rec.Body.String(), secret) {
						t.Errorf("%s shows %q to a coordinator", what, secret)
					}
				}
				bodies[what] = rec.Body.String()
			}
			return bodies
		}
		resultOf := func(body string) (score, grade, summary string) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			return text(doc.Find(".computation p").First()), text(doc.Find(".computation .grade")), text(doc.Find(".evaluation-summary"))
		}
		cycleRow := func(body string) string {
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
			row := doc.Find("table.evaluation-tasks tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
				return text(s.Find("th")) == f.task1.Title
			})
			return text(row.Find("td").Eq(3)) + " " + text(row.Find("td").Eq(4))
		}

		for who, c := range map[string]*handlerstest.Client{"moel": f.moel, "mss": f.mss} {
			bodies := walk("심사 "+who, c)
			score, _, summary := resultOf(bodies["심사 "+who+": GET "+task1])
			if score != "점수: 확정 후 공개 · 등급: 확정 후 공개" || summary != "확정 후 공개" {
				t.Errorf("before 확정 %s reads %q and summary %q", who, score, summary)
			}
			if got := cycleRow(bodies["심사 "+who+": GET "+cycle]); got != "확정 후 공개 확정 후 공개" {
				t.Errorf("before 확정 %s reads task 1's row %q", who, got)
			}
		}
		for who, c := range map[string]*handlerstest.Client{"admin": f.admin, "reviewer": f.reviewer} {
			body := c.Get(task1).Body.String()
			for _, secret := range []string{"데모 심사자 (국무조정실)", "국조실심사의견", "(85×30 + 90×40 + 80×30) ÷ 100 = 85.5점"} {
				if !strings.Contains(body, secret) {
					t.Errorf("%s does not see %q before 확정", who, secret)
				}
			}
		}

		expect(t, "확정", f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {"나머지 과제는 다음 평가에서 다룸"}}), http.StatusSeeOther)
		bodies := walk("확정", f.moel)
		if score, grade, summary := resultOf(bodies["확정: GET "+task1]); !strings.Contains(score, "84.2") || grade != "A" || summary != "협업 성과가 뚜렷함" {
			t.Errorf("after 확정 moel reads %q, grade %q, summary %q", score, grade, summary)
		}
		if got := cycleRow(bodies["확정: GET "+cycle]); got != "84.2 A" {
			t.Errorf("after 확정 moel reads task 1's row %q", got)
		}
	})
}
