package handlers_test

import (
	"bytes"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// evalFixture is round 2 with two pairs, three tasks and an exchangee on each
// side of the first pair and one in the second: what a cycle runs over.
type evalFixture struct {
	e                http.Handler
	s                *models.Store
	round            models.Round
	task1, task2     models.CollaborationTask // moel–mss
	task3            models.CollaborationTask // moef–motie
	kim, lee, park   models.Nomination        // kim and lee in moel–mss, park in moef–motie
	admin, moel, mss *handlerstest.Client
	reviewer, opc    *handlerstest.Client
}

func newEvalFixture(t *testing.T, s *models.Store) evalFixture {
	t.Helper()
	handlerstest.SeedAccounts(t, s)
	r := modelstest.EvaluationRecords(t, s)
	f := evalFixture{e: handlerstest.NewRouter(t, s, handlers.Config{}), s: s, round: r.Round,
		task1: r.Task1, task2: r.Task2, task3: r.Task3, kim: r.Kim, lee: r.Lee, park: r.Park}
	sign := func(login string) *handlerstest.Client {
		c := handlerstest.NewClient(t, f.e)
		c.Login(login, models.DemoPassword)
		return c
	}
	f.admin, f.moel, f.mss, f.reviewer, f.opc = sign("admin"), sign("moel"), sign("mss"), sign("reviewer"), sign("reviewer-opc")
	return f
}

func docOf(t *testing.T, rec interface{ Result() *http.Response }) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(rec.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func expect(t *testing.T, what string, rec interface{ Result() *http.Response }, want int) {
	t.Helper()
	if got := rec.Result().StatusCode; got != want {
		t.Fatalf("%s: status %d, want %d", what, got, want)
	}
}

// scoreForm is the reviewer's score form for a task, filled with scores in criterion order.
func scoreForm(t *testing.T, c *handlerstest.Client, path string, version string, scores ...string) url.Values {
	t.Helper()
	rec := c.Get(path + "/scores/edit")
	expect(t, "score form", rec, http.StatusOK)
	doc := docOf(t, rec)
	form := url.Values{"version": {version}}
	doc.Find(`#score-form input[name=criterion_id]`).Each(func(i int, s *goquery.Selection) {
		id, _ := s.Attr("value")
		form.Add("criterion_id", id)
		form.Add("score", scores[i])
		form.Add("comment", "")
	})
	if len(form["criterion_id"]) != len(scores) {
		t.Fatalf("score form has %d criteria, want %d", len(form["criterion_id"]), len(scores))
	}
	return form
}

// An administrator runs a cycle end to end through the router with two
// reviewers. The hand calculation (criteria 협업 노력도 30, 성과 달성도 40,
// 국민 체감도 30, scale 100; bands S 90, A 80, B 70, C 0; incentive score 85):
//
//	task 1  reviewer     85×30 + 90×40 + 80×30 = 2550 + 3600 + 2400 = 8550 → 85.5
//	        reviewer-opc 80×30 + 88×40 + 79×30 = 2400 + 3520 + 2370 = 8290 → 82.9
//	        (8550 + 8290) ÷ 200 = 84.2 → A, below 85: no candidate
//	task 2  reviewer     95×30 + 90×40 + 92×30 = 2850 + 3600 + 2760 = 9210 → 92.1
//	        reviewer-opc 90×30 + 88×40 + 85×30 = 2700 + 3520 + 2550 = 8770 → 87.7
//	        (9210 + 8770) ÷ 200 = 89.9 → A, at least 85: 김교류 and 이교류 (moel–mss) are candidates
//	task 3  reviewer     70×30 + 75×40 + 72×30 = 2100 + 3000 + 2160 = 7260 → 72.6
//	        reviewer-opc 60×30 + 65×40 + 70×30 = 1800 + 2600 + 2100 = 6500 → 65.0
//	        (7260 + 6500) ÷ 200 = 68.8 → C: 박교류 (moef–motie) is no candidate
//
// Grade distribution: S 0, A 2, B 0, C 1. By pair: 고용부–중기부 (84.2 + 89.9) ÷ 2 =
// 87.05 → 87.1; 기재부–산업부 68.8. By ministry: 고용노동부 and 중소벤처기업부 87.1,
// 기획재정부 and 산업통상자원부 68.8.
func TestAnAdministratorRunsAnEvaluationCycleEndToEnd(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		form := url.Values{"name": {"2025년 상반기 실적 점검"}, "period_start": {"2025-01-01"}, "period_end": {"2025-06-30"},
			"round_id": {strconv.FormatInt(f.round.ID, 10)}, "scale": {"100"}, "incentive": {"85"}, "self_due": {"2099-12-31"},
			"criterion_name": {"협업 노력도", "성과 달성도", "국민 체감도", ""}, "criterion_weight": {"30", "40", "30", ""},
			"band_grade": {"S", "A", "B", "C"}, "band_min": {"90", "80", "70", "0"}}
		bad := handlerstest.CloneForm(form)
		bad["criterion_weight"] = []string{"30", "40", "20", ""}
		rec := f.admin.Post("/evaluations", bad)
		expect(t, "weights summing to 90", rec, http.StatusUnprocessableEntity)
		if msg := text(docOf(t, rec).Find("#f-criterion_name-error")); !strings.Contains(msg, "100") {
			t.Errorf("weights message = %q", msg)
		}
		rec = f.admin.Post("/evaluations", form)
		expect(t, "create the cycle", rec, http.StatusSeeOther)
		cycle := rec.Header().Get("Location")
		advance := func(version string) {
			t.Helper()
			// 확정 with task 3's self-assessment missing takes a reason
			expect(t, "advance from version "+version, f.admin.Post(cycle+"/stage", url.Values{"version": {version},
				"reason": {"기재부–산업부 자체 점검은 서면 보고로 갈음"}}), http.StatusSeeOther)
		}
		advance("1") // 자체 점검
		taskPath := func(tk models.CollaborationTask) string { return cycle + "/tasks/" + strconv.FormatInt(tk.ID, 10) }

		// Self-assessments: moel for task 1, mss (htmx) for task 2; task 3 stays missing.
		f.moel.Get(taskPath(f.task1))
		expect(t, "moel self-assesses", f.moel.Post(taskPath(f.task1)+"/self", url.Values{"narrative": {"매칭 120건"},
			"evidence_links": {"https://example.go.kr/a.pdf"}}), http.StatusSeeOther)
		f.mss.HTMX = true
		rec = f.mss.Post(taskPath(f.task2)+"/self", url.Values{"narrative": {""}})
		expect(t, "an empty narrative", rec, http.StatusUnprocessableEntity)
		rec = f.mss.Post(taskPath(f.task2)+"/self", url.Values{"narrative": {"설명회 2회"}})
		expect(t, "mss self-assesses in place", rec, http.StatusOK)
		if doc := docOf(t, rec); doc.Find("#self-section").Length() != 1 || doc.Find("h1").Length() != 0 {
			t.Error("the htmx answer is not the self-assessment section alone")
		}
		f.mss.HTMX = false
		expect(t, "moel on a moef–motie task", f.moel.Post(taskPath(f.task3)+"/self", url.Values{"narrative": {"x"}}), http.StatusForbidden)
		doc := docOf(t, f.admin.Get(cycle))
		selfStatus := func(title string) string {
			return text(doc.Find("table.evaluation-tasks tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
				return text(s.Find("th")) == title
			}).Find("td").Eq(1).Find(".krds-badge, .badge, span").First())
		}
		if got := selfStatus(f.task3.Title); !strings.Contains(got, "미제출") {
			t.Errorf("task 3 self-assessment shows %q, want 미제출", got)
		}

		advance("2") // 심사
		scores := map[*models.CollaborationTask][2][]string{
			&f.task1: {{"85", "90", "80"}, {"80", "88", "79"}},
			&f.task2: {{"95", "90", "92"}, {"90", "88", "85"}},
			&f.task3: {{"70", "75", "72"}, {"60", "65", "70"}},
		}
		for tk, sc := range scores {
			// the first reviewer in place (htmx), the second with a plain form
			f.reviewer.HTMX = true
			rec := f.reviewer.Post(taskPath(*tk)+"/scores", scoreForm(t, f.reviewer, taskPath(*tk), "0", sc[0]...))
			f.reviewer.HTMX = false
			expect(t, "reviewer scores "+tk.Title, rec, http.StatusOK)
			if d := docOf(t, rec); d.Find("#score-sheet table.review-table").Length() != 1 {
				t.Errorf("the htmx answer for %s is not the saved sheet", tk.Title)
			}
			expect(t, "reviewer-opc scores "+tk.Title, f.opc.Post(taskPath(*tk)+"/scores", scoreForm(t, f.opc, taskPath(*tk), "0", sc[1]...)), http.StatusSeeOther)
		}
		// a sheet saved from an old version, and one missing a score
		rec = f.reviewer.Post(taskPath(f.task1)+"/scores", scoreForm(t, f.reviewer, taskPath(f.task1), "0", "1", "1", "1"))
		expect(t, "a stale sheet", rec, http.StatusConflict)
		if !strings.Contains(text(docOf(t, rec).Find(".conflict-notice")), "다른 사람이 먼저") {
			t.Error("the stale sheet shows no conflict notice")
		}
		rec = f.reviewer.Post(taskPath(f.task1)+"/scores", scoreForm(t, f.reviewer, taskPath(f.task1), "1", "85", "", "80"))
		expect(t, "a missing score", rec, http.StatusUnprocessableEntity)

		doc = docOf(t, f.admin.Get(taskPath(f.task1)))
		if got := text(doc.Find(".computed-score .score")); got != "84.2" {
			t.Errorf("task 1 score shown %q, want 84.2", got)
		}
		if lines := text(doc.Find(".computation-lines")); !strings.Contains(lines, "(85×30 + 90×40 + 80×30) ÷ 100 = 85.5점") ||
			!strings.Contains(lines, "(85.5 + 82.9) ÷ 2 = 84.2점") {
			t.Errorf("the computation reads %q", lines)
		}

		advance("3") // 확정
		expect(t, "a score after finalizing", f.reviewer.Post(taskPath(f.task1)+"/scores",
			url.Values{"version": {"1"}, "criterion_id": {"1"}, "score": {"1"}}), http.StatusConflict)
		expect(t, "a self-assessment after finalizing", f.moel.Post(taskPath(f.task1)+"/self",
			url.Values{"narrative": {"고침"}, "version": {"1"}}), http.StatusConflict)
		expect(t, "editing after finalizing", f.admin.Post(cycle, url.Values{"version": {"4"}, "name": {"x"}}), http.StatusConflict)

		doc = docOf(t, f.admin.Get(cycle))
		got := map[string]string{}
		doc.Find("table.evaluation-tasks tbody tr").Each(func(_ int, s *goquery.Selection) {
			got[text(s.Find("th"))] = text(s.Find("td").Eq(3)) + " " + text(s.Find("td").Eq(4))
		})
		want := map[string]string{f.task1.Title: "84.2 A", f.task2.Title: "89.9 A", f.task3.Title: "68.8 C"}
		for title, w := range want {
			if got[title] != w {
				t.Errorf("%s: %q, want %q", title, got[title], w)
			}
		}
		if n := docOf(t, f.moel.Get(cycle)).Find("table.evaluation-tasks tbody tr").Length(); n != 2 {
			t.Errorf("moel sees %d tasks of the cycle, want its pair's 2", n)
		}
		if n := docOf(t, f.moel.Get(cycle)).Find("section.incentive-item form").Length(); n != 0 {
			t.Errorf("moel is offered %d incentive forms", n)
		}
		var candidates []string
		doc.Find("section.incentive-item h3 a").Each(func(_ int, s *goquery.Selection) { candidates = append(candidates, text(s)) })
		if strings.Join(candidates, ",") != "김교류,이교류,박교류" {
			t.Errorf("exchangees %v, want 김교류, 이교류, 박교류", candidates)
		}
		var reaching []string
		doc.Find("section.incentive-item").Each(func(_ int, s *goquery.Selection) {
			if s.Find(".incentive-reaches").Length() == 1 {
				reaching = append(reaching, text(s.Find("h3 a")))
			}
		})
		if strings.Join(reaching, ",") != "김교류,이교류" { // 87.1 ≥ 85; 박교류 68.8
			t.Errorf("reaching the incentive score: %v, want 김교류, 이교류", reaching)
		}
		// Their names make the page processing of personal data: one access record naming all three.
		before := lastAccessRecord(t, s)
		f.admin.Get(cycle)
		if got := accessRecordsAfter(t, s, before); len(got) != 1 || got[0].Kind != models.AccessView || len(got[0].Subjects()) != 3 ||
			!slices.Contains(got[0].Subjects(), f.kim.ID) || !slices.Contains(got[0].Subjects(), f.lee.ID) || !slices.Contains(got[0].Subjects(), f.park.ID) {
			t.Errorf("the cycle's page with its exchangees wrote the access records %+v, want one naming %d, %d and %d", got, f.kim.ID, f.lee.ID, f.park.ID)
		}

		// The decisions: one with a plain form, one in place.
		kim, lee := "/incentives/"+strconv.FormatInt(f.kim.ID, 10), "/incentives/"+strconv.FormatInt(f.lee.ID, 10)
		expect(t, "a reviewer decides", f.reviewer.Post(cycle+kim, url.Values{"decision": {"평가수당 우대"}}), http.StatusForbidden)
		expect(t, "decide for 김교류", f.admin.Post(cycle+kim, url.Values{"decision": {"평가수당 우대"}, "note": {"평가수당 가산"}}), http.StatusSeeOther)
		f.admin.HTMX = true
		rec = f.admin.Post(cycle+lee, url.Values{"decision": {"해당 없음"}})
		f.admin.HTMX = false
		expect(t, "decide for 이교류 in place", rec, http.StatusOK)
		if d := docOf(t, rec); !strings.Contains(text(d.Find(".incentive-decision")), "해당 없음") {
			t.Errorf("the in-place answer reads %q", text(d.Find(".incentive-decision")))
		}
		expect(t, "a decision for no exchangee of the period", f.admin.Post(cycle+"/incentives/999999",
			url.Values{"decision": {"평가수당 우대"}}), http.StatusNotFound)
		checkReport(t, f.reviewer, cycle)

		// 정부업무평가 of task 1, entered from its evaluation page by moel, listed as an upgrade:
		// the administrator keeps the year's grades first.
		expect(t, "the 2024 grades", f.admin.Post("/evaluations/government-scales", url.Values{"year": {"2024"},
			"grades": {"우수\n보통\n미흡"}, "version": {"0"}}), http.StatusSeeOther)
		doc = docOf(t, f.moel.Get(taskPath(f.task1)))
		choose, ok := doc.Find(".government-evaluation-actions a").Attr("href")
		if !ok {
			t.Fatal("moel's evaluation page offers no 정부업무평가 form")
		}
		edit, ok := docOf(t, f.moel.Get(choose)).Find(`ul.government-years a:contains("2024년")`).Attr("href")
		if !ok {
			t.Fatal("the choice of years offers no 2024")
		}
		doc = docOf(t, f.moel.Get(edit))
		action, _ := doc.Find("form.stack-form").Attr("action")
		rec = f.moel.Post(action, url.Values{"year": {"2024"}, "result": {"보통"}, "upgrade": {"1"}, "version": {"0"}})
		expect(t, "an upgrade without a plan", rec, http.StatusUnprocessableEntity)
		rec = f.moel.Post(action, url.Values{"year": {"2024"}, "result": {"보통"}, "upgrade": {"1"}, "upgrade_plan": {"지방 고용센터로 확대"}, "version": {"0"}})
		expect(t, "the 정부업무평가 of task 1", rec, http.StatusSeeOther)
		if loc := rec.Header().Get("Location"); loc != taskPath(f.task1)+"#government-evaluation" {
			t.Errorf("after saving, back to %q", loc)
		}
		if got := text(docOf(t, f.moel.Get(taskPath(f.task1))).Find("table.government-evaluation tbody")); !strings.Contains(got, "2024년") || !strings.Contains(got, "지방 고용센터로 확대") {
			t.Errorf("the evaluation page shows %q", got)
		}
		for who, c := range map[string]*handlerstest.Client{"admin": f.admin, "mss": f.mss} {
			if got := text(docOf(t, c.Get("/evaluations/upgrades")).Find("table.upgrade-list tbody")); !strings.Contains(got, "빈 일자리 매칭") || !strings.Contains(got, "지방 고용센터로 확대") {
				t.Errorf("the upgrade list for %s reads %q", who, got)
			}
		}
		if n := docOf(t, f.reviewer.Get(taskPath(f.task1))).Find(".government-evaluation-actions a, table.government-evaluation a").Length(); n != 0 {
			t.Error("a reviewer is offered the 정부업무평가 form")
		}
		doc = docOf(t, f.admin.Get("/nominations/"+strconv.FormatInt(f.kim.ID, 10)+"/record"))
		if got := text(doc.Find(".record-incentives")); !strings.Contains(got, "평가수당 우대") || !strings.Contains(got, "평가수당 가산") {
			t.Errorf("김교류's record shows %q", got)
		}
	})
}

// checkReport reads the report page and its workbook and finds the hand-calculated numbers in both.
func checkReport(t *testing.T, c *handlerstest.Client, cycle string) {
	t.Helper()
	rec := c.Get(cycle + "/report")
	expect(t, "the report", rec, http.StatusOK)
	doc := docOf(t, rec)
	if n := doc.Find("figure.grade-chart svg rect.grade-bar").Length(); n != 4 {
		t.Errorf("the chart draws %d bars, want 4 (S, A, B, C)", n)
	}
	numbers := text(doc.Find("figure.grade-chart .grade-numbers"))
	for _, want := range []string{"S: 0개", "A: 2개", "B: 0개", "C: 1개", "미입력(점수 없음): 0개", "전체: 3개"} {
		if !strings.Contains(numbers, want) {
			t.Errorf("the chart's numbers %q lack %q", numbers, want)
		}
	}
	rows := func(sel string) map[string][]string {
		out := map[string][]string{}
		doc.Find(sel + " tbody tr").Each(func(_ int, s *goquery.Selection) {
			var cells []string
			s.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, text(td)) })
			out[text(s.Find("th"))] = cells
		})
		return out
	}
	byPair := rows("#by-pair + .scroll-hint + .krds-table-wrap table")
	if got := strings.Join(byPair["2차 고용부–중기부"], " "); got != "2 2 87.1 0 2 0 0" {
		t.Errorf("고용부–중기부 on the page: %q", got)
	}
	byMinistry := rows("#by-ministry ~ .krds-table-wrap table")
	if got := strings.Join(byMinistry["산업통상자원부"], " "); got != "1 1 68.8 0 0 0 1" {
		t.Errorf("산업통상자원부 on the page: %q", got)
	}

	rec = c.Post(cycle+"/report.xlsx", url.Values{"reason": {"결과 보고"}})
	expect(t, "the workbook", rec, http.StatusOK)
	book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	sheetRows := func(name string) map[string][]string {
		all, err := book.GetRows(name)
		if err != nil {
			t.Fatalf("sheet %s: %v", name, err)
		}
		out := map[string][]string{}
		for _, r := range all[1:] {
			out[r[0]] = r[1:]
		}
		return out
	}
	dist := sheetRows("등급 분포")
	for grade, want := range map[string]string{"S": "0", "A": "2", "B": "0", "C": "1", "미입력": "0"} {
		if got := strings.Join(dist[grade], ""); got != want {
			t.Errorf("workbook: grade %s has %q tasks, want %s", grade, got, want)
		}
	}
	if got := strings.Join(sheetRows("교류직위별")["2차 고용부–중기부"], " "); got != "2 2 87.1 0 2 0 0" {
		t.Errorf("workbook: 고용부–중기부 %q", got)
	}
	if got := strings.Join(sheetRows("부처별")["산업통상자원부"], " "); got != "1 1 68.8 0 0 0 1" {
		t.Errorf("workbook: 산업통상자원부 %q", got)
	}
	tasks, err := book.GetRows("과제별")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range tasks[1:] {
		got[r[2]] = r[5] + " " + r[6]
	}
	for title, want := range map[string]string{"빈 일자리 매칭": "84.2 A", "채용 설명회 공동 개최": "89.9 A", "국내 복귀 기업 지원": "68.8 C"} {
		if got[title] != want {
			t.Errorf("workbook: %s %q, want %q", title, got[title], want)
		}
	}
}
