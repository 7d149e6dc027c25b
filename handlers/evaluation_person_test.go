package handlers_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"
	"gorm.io/gorm/clause"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// scoredCycle runs a cycle through the router to 심사 with tasks 1 and 2
// self-assessed and every task scored by both reviewers, as in the end-to-end
// test: task 1 84.2 (A), task 2 89.9 (A), task 3 68.8 (C).
func scoredCycle(t *testing.T, f evalFixture, change ...func(url.Values)) string {
	t.Helper()
	form := cycleForm(f)
	for _, ch := range change {
		ch(form)
	}
	rec := f.admin.Post("/evaluations", form)
	expect(t, "create the cycle", rec, http.StatusSeeOther)
	cycle := rec.Header().Get("Location")
	expect(t, "자체 점검", f.admin.Post(cycle+"/stage", url.Values{"version": {"1"}}), http.StatusSeeOther)
	expect(t, "self 1", f.moel.Post(taskPath(cycle, f.task1)+"/self", url.Values{"narrative": {"매칭 120건"}}), http.StatusSeeOther)
	expect(t, "self 2", f.mss.Post(taskPath(cycle, f.task2)+"/self", url.Values{"narrative": {"설명회 2회"}}), http.StatusSeeOther)
	expect(t, "심사", f.admin.Post(cycle+"/stage", url.Values{"version": {"2"}}), http.StatusSeeOther)
	for _, sc := range []struct {
		task   models.CollaborationTask
		scores [2][]string
	}{
		{f.task1, [2][]string{{"85", "90", "80"}, {"80", "88", "79"}}},
		{f.task2, [2][]string{{"95", "90", "92"}, {"90", "88", "85"}}},
		{f.task3, [2][]string{{"70", "75", "72"}, {"60", "65", "70"}}},
	} {
		scoreWithComment(t, f.reviewer, taskPath(cycle, sc.task), "", sc.scores[0]...)
		scoreWithComment(t, f.opc, taskPath(cycle, sc.task), "", sc.scores[1]...)
	}
	return cycle
}

// A cycle with three exchangees of two pairs (and a companion of one, and an
// exchangee back before the period) gives each person the result of their
// position's tasks. The hand calculation, from the tasks' scores of the
// end-to-end test (task 1 84.2 A, task 2 89.9 A: pair 고용부–중기부; task 3 68.8 C:
// pair 기재부–산업부), each person's score the mean of their pair's scored tasks
// rounded half up to one decimal:
//
//	김교류 (from 중기부), 최동반 (김교류's companion), 이교류 (from 고용부):
//	        (84.2 + 89.9) ÷ 2 = 174.1 ÷ 2 = 87.05 → 87.1 → A (80.0 ≤ 87.1 < 90.0)
//	박교류 (from 산업부): 68.8 → C (68.8 < 70.0)
//	정복귀 (기재부–산업부, returned 2024-12-31, before the period 2025-01-01 ~ 2025-06-30): not evaluated
//
// The report page, its 교류자별 sheet and the exchangees' records say so; a
// coordinator's record shows the result only after 확정.
func TestResultsPerExchangeeMatchTheHandCalculation(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		if err := s.DB().Create(&models.NominationCompanion{NominationID: f.kim.ID, Name: "최동반", Rank: "사무관", Role: "실무", Position: 1}).Error; err != nil {
			t.Fatal(err)
		}
		start, back := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
		var p2 models.ExchangePair
		if err := s.DB().Take(&p2, f.park.PairID).Error; err != nil {
			t.Fatal(err)
		}
		gone := models.Nomination{PairID: p2.ID, PositionID: p2.PositionBID, MinistryID: p2.MinistryAID, Status: models.NominationCompleted,
			ExchangeeName: "정복귀", ActualStart: &start, ReturnedOn: &back, Version: 1}
		if err := s.DB().Omit(clause.Associations).Create(&gone).Error; err != nil {
			t.Fatal(err)
		}
		cycle := scoredCycle(t, f)
		leeRecord := "/nominations/" + itoa64(f.lee.ID) + "/record"
		if got := text(docOf(t, f.moel.Get(leeRecord)).Find(".record-result")); !strings.Contains(got, "확정 후 공개") || strings.Contains(got, "87.1") {
			t.Errorf("before 확정 moel reads 이교류's record %q", got)
		}
		expect(t, "확정", f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {"기재부–산업부 자체 점검은 서면으로 받음"}}), http.StatusSeeOther)

		sentence := "교류직위 2차 고용부–중기부의 협업과제 2개 가운데 채점된 2개: (84.2 + 89.9) ÷ 2 = 87.05 → 87.1점, 등급 A (80.0점 이상)."
		want := map[string]string{
			"김교류": "교류자 중기부 2 2 87.1 A " + sentence,
			"최동반": "동반 교류자 중기부 2 2 87.1 A " + sentence,
			"이교류": "교류자 고용부 2 2 87.1 A " + sentence,
			"박교류": "교류자 산업부 1 1 68.8 C 교류직위 2차 기재부–산업부의 협업과제 1개 가운데 채점된 1개: 68.8점, 등급 C (0.0점 이상).",
		}
		var before int64
		s.DB().Raw("SELECT count(*) FROM access_records").Scan(&before)
		doc := docOf(t, f.admin.Get(cycle+"/report"))
		var after int64
		s.DB().Raw("SELECT count(*) FROM access_records").Scan(&after)
		if after != before+1 {
			t.Errorf("the report, which names exchangees, wrote %d access records, want 1", after-before)
		}
		if got := text(doc.Find(".person-rule")); got != models.PersonRule {
			t.Errorf("the rule reads %q", got)
		}
		got := map[string]string{}
		doc.Find("table.person-results tbody tr").Each(func(_ int, tr *goquery.Selection) {
			var cells []string
			tr.Find("td").Each(func(i int, td *goquery.Selection) {
				if i != 2 && i < 8 { // the pair; the incentive and 기여도 평가
					cells = append(cells, text(td))
				}
			})
			got[text(tr.Find("th"))] = strings.Join(cells, " ")
		})
		for name, w := range want {
			if got[name] != w {
				t.Errorf("report: %s reads %q, want %q", name, got[name], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("report: %d people (%v), want %d", len(got), got, len(want))
		}

		rec := f.admin.Post(cycle+"/report.xlsx", url.Values{"reason": {"결과 확인"}})
		expect(t, "the workbook", rec, http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		rows, err := book.GetRows("교류자별")
		if err != nil {
			t.Fatal(err)
		}
		sheetGot := map[string]string{}
		for _, r := range rows[1:] {
			sheetGot[r[0]] = strings.Join(append(append([]string{}, r[1:3]...), r[5:10]...), " ") // up to 계산, before 기여도 평가
		}
		for name, w := range want {
			if sheetGot[name] != w {
				t.Errorf("workbook: %s reads %q, want %q", name, sheetGot[name], w)
			}
		}

		for _, rc := range []struct {
			who    string
			get    func(string) string
			record string
		}{
			{"admin on 김교류", func(p string) string { return text(docOf(t, f.admin.Get(p)).Find(".record-result")) }, "/nominations/" + itoa64(f.kim.ID) + "/record"},
			{"moel on 이교류", func(p string) string { return text(docOf(t, f.moel.Get(p)).Find(".record-result")) }, leeRecord},
		} {
			if got := rc.get(rc.record); !strings.Contains(got, "87.1점 · 등급 A") || !strings.Contains(got, sentence) {
				t.Errorf("%s's record reads %q", rc.who, got)
			}
		}
	})
}
