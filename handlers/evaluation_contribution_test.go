package handlers_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// 기여도 평가 through the router, on both databases. In the fixture's pair
// 고용부–중기부, 김교류 was sent by 중기부 (mss: the sending side) into 고용부
// (moel: the receiving side), with a companion 최동반; 박교류 is of the pair
// 기재부–산업부, which neither mss nor moel is in.
//
//   - each side records its entry during 자체 점검 and 심사; a stale version is 409,
//     a level off the list and a comment over 1,000 characters are 422 by the field;
//   - a ministry outside the pair, and reviewers and administrators, are refused (403);
//   - before 확정 a coordinator reads only its own side; reviewers and the
//     administrator read both, with comments;
//   - after 확정 nothing more is taken (409), and a coordinator reads the other
//     side's level but not its comment (on the page and on the exchangee's record);
//   - the report and its workbook show both sides beside the result, which
//     they do not change; a ministry's sheet leaves the other side's comment out.
func TestEachMinistryAssessesItsSideOfEveryPerson(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		companion := models.NominationCompanion{NominationID: f.kim.ID, Name: "최동반", Rank: "사무관", Role: "실무", Position: 1}
		if err := s.DB().Create(&companion).Error; err != nil {
			t.Fatal(err)
		}
		rec := f.admin.Post("/evaluations", cycleForm(f))
		expect(t, "create the cycle", rec, http.StatusSeeOther)
		cycle := rec.Header().Get("Location")
		kim := cycle + "/contributions/" + itoa64(f.kim.ID)
		page := cycle + "/contributions"
		kimItem := "#contribution-" + itoa64(f.kim.ID)

		// In 준비 nothing is taken yet.
		expect(t, "준비", f.mss.Post(kim, url.Values{"level": {"높음"}, "version": {"0"}}), http.StatusUnprocessableEntity)
		expect(t, "자체 점검", f.admin.Post(cycle+"/stage", url.Values{"version": {"1"}}), http.StatusSeeOther)

		expect(t, "mss, sending", f.mss.Post(kim, url.Values{"level": {"매우 높음"}, "comment": {"중기부의견"}, "version": {"0"}}), http.StatusSeeOther)
		expect(t, "moel, receiving", f.moel.Post(kim, url.Values{"level": {"보통"}, "comment": {"고용부의견"}, "version": {"0"}}), http.StatusSeeOther)
		expect(t, "mss on the companion", f.mss.Post(kim, url.Values{"companion": {itoa64(companion.ID)}, "level": {"높음"}, "version": {"0"}}),
			http.StatusSeeOther)
		expect(t, "mss again on a stale version", f.mss.Post(kim, url.Values{"level": {"낮음"}, "version": {"0"}}), http.StatusConflict)
		expect(t, "mss again", f.mss.Post(kim, url.Values{"level": {"높음"}, "comment": {"중기부의견"}, "version": {"1"}}), http.StatusSeeOther)

		// With htmx the person's item comes back alone, saved.
		f.moel.HTMX = true
		rec = f.moel.Post(kim, url.Values{"companion": {itoa64(companion.ID)}, "level": {"보통"}, "version": {"0"}})
		f.moel.HTMX = false
		expect(t, "moel on the companion, in place", rec, http.StatusOK)
		if item := docOf(t, rec).Find("#contribution-" + itoa64(f.kim.ID) + "-" + itoa64(companion.ID)); item.Length() != 1 ||
			text(item.Find(".contribution-receiving .saved-note")) != "저장했습니다." || strings.Contains(rec.Body.String(), "<h1") {
			t.Errorf("the in-place answer reads %q", truncate(rec.Body.String(), 400))
		}

		for _, bad := range []struct{ field, level, comment, says string }{
			{"level", "최고", "", "기여도를 매우 높음, 높음, 보통, 낮음 가운데에서 선택해 주십시오."},
			{"comment", "보통", strings.Repeat("가", 1001), "의견은 1,000자 이하로 입력해 주십시오."},
		} {
			rec := f.moel.Post(kim, url.Values{"level": {bad.level}, "comment": {bad.comment}, "version": {"1"}})
			expect(t, "bad "+bad.field, rec, http.StatusUnprocessableEntity)
			field := docOf(t, rec).Find(kimItem + ` .contribution-receiving .has-error`)
			if _, ok := field.Find(`[name=` + bad.field + `]`).Attr("name"); !ok || !strings.Contains(text(field), bad.says) {
				t.Errorf("bad %s: the field reads %q", bad.field, text(field))
			}
		}
		var n int64
		s.DB().Model(&models.Contribution{}).Where("level = ?", "최고").Count(&n)
		if n != 0 {
			t.Errorf("a refused level was stored")
		}

		park := cycle + "/contributions/" + itoa64(f.park.ID)
		expect(t, "mss on 박교류 (기재부–산업부)", f.mss.Post(park, url.Values{"level": {"높음"}, "version": {"0"}}), http.StatusForbidden)
		expect(t, "a reviewer", f.reviewer.Post(kim, url.Values{"level": {"높음"}, "version": {"0"}}), http.StatusForbidden)
		expect(t, "the administrator", f.admin.Post(kim, url.Values{"level": {"높음"}, "version": {"0"}}), http.StatusForbidden)

		side := func(doc *goquery.Document, which string) string {
			return text(doc.Find(kimItem + " .contribution-" + which + " p").First())
		}
		// Before 확정: each coordinator its own side only.
		doc := docOf(t, f.moel.Get(page))
		if got := side(doc, "receiving"); !strings.Contains(got, "보통") || !strings.Contains(got, "고용부의견") {
			t.Errorf("moel reads its own side %q", got)
		}
		if got := side(doc, "sending"); strings.Contains(got, "높음") || strings.Contains(got, "중기부의견") {
			t.Errorf("before 확정 moel reads mss's side %q", got)
		}
		if strings.Contains(doc.Text(), "중기부의견") || doc.Find("#contribution-"+itoa64(f.park.ID)).Length() != 0 {
			t.Errorf("before 확정 moel's page holds mss's comment or 박교류")
		}
		record := "/nominations/" + itoa64(f.kim.ID) + "/record"
		if got := lines(docOf(t, f.moel.Get(record)).Find(".record-contribution")); got != "기여도 평가(보내는 부처 중기부): 확정 후 공개 기여도 평가(받는 부처 고용부): 보통 — 고용부의견" {
			t.Errorf("before 확정 moel reads 김교류's record %q", got)
		}
		if got := text(doc.Find(".contribution-rule")); got != models.ContributionRule {
			t.Errorf("the rule reads %q", got)
		}
		for _, who := range []struct {
			name string
			get  func(string) *goquery.Document
		}{
			{"reviewer", func(p string) *goquery.Document { return docOf(t, f.reviewer.Get(p)) }},
			{"admin", func(p string) *goquery.Document { return docOf(t, f.admin.Get(p)) }},
		} {
			d := who.get(page)
			if got := side(d, "sending") + side(d, "receiving"); !strings.Contains(got, "높음 · 의견: 중기부의견") || !strings.Contains(got, "보통 · 의견: 고용부의견") {
				t.Errorf("%s reads %q", who.name, got)
			}
			if d.Find("form").FilterFunction(func(_ int, s *goquery.Selection) bool {
				a, _ := s.Attr("action")
				return strings.Contains(a, "/contributions/")
			}).Length() != 0 {
				t.Errorf("%s is offered a form of 기여도 평가", who.name)
			}
		}

		expect(t, "심사", f.admin.Post(cycle+"/stage", url.Values{"version": {"2"}}), http.StatusSeeOther)
		expect(t, "moel in 심사", f.moel.Post(kim, url.Values{"level": {"높음"}, "comment": {"고용부의견"}, "version": {"1"}}), http.StatusSeeOther)
		expect(t, "확정", f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {"기여도 평가 시험"}}), http.StatusSeeOther)
		expect(t, "after 확정", f.mss.Post(kim, url.Values{"level": {"낮음"}, "version": {"2"}}), http.StatusConflict)

		// After 확정: the other side's level, not its comment.
		doc = docOf(t, f.moel.Get(page))
		if got := side(doc, "sending"); !strings.Contains(got, "높음") || strings.Contains(got, "중기부의견") {
			t.Errorf("after 확정 moel reads mss's side %q", got)
		}
		if strings.Contains(doc.Text(), "중기부의견") || doc.Find(`form[action*="/contributions/"]`).Length() != 0 {
			t.Errorf("after 확정 moel's page holds mss's comment or a form")
		}
		if got := lines(docOf(t, f.moel.Get(record)).Find(".record-contribution")); got != "기여도 평가(보내는 부처 중기부): 높음 기여도 평가(받는 부처 고용부): 높음 — 고용부의견" {
			t.Errorf("after 확정 moel reads 김교류's record %q", got)
		}
		if got := lines(docOf(t, f.reviewer.Get(record)).Find(".record-contribution")); got != "기여도 평가(보내는 부처 중기부): 높음 — 중기부의견 기여도 평가(받는 부처 고용부): 높음 — 고용부의견" {
			t.Errorf("the reviewer reads 김교류's record %q", got)
		}
		doc = docOf(t, f.mss.Get(page))
		if got := side(doc, "receiving"); !strings.Contains(got, "높음") || strings.Contains(got, "고용부의견") {
			t.Errorf("after 확정 mss reads moel's side %q", got)
		}

		// The report: both sides beside the result, and the rule says they change nothing.
		doc = docOf(t, f.admin.Get(cycle+"/report"))
		if got := text(doc.Find(".person-rule")); !strings.Contains(got, models.ContributionNote) {
			t.Errorf("the rule of results reads %q", got)
		}
		rows := map[string]string{}
		doc.Find("table.person-results tbody tr").Each(func(_ int, tr *goquery.Selection) {
			rows[text(tr.Find("th"))] = lines(tr.Find("td.person-contribution"))
		})
		for name, want := range map[string]string{"김교류": "높음 — 중기부의견 높음 — 고용부의견", "최동반": "높음 보통", "박교류": "미입력 미입력"} {
			if rows[name] != want {
				t.Errorf("report: %s reads %q, want %q", name, rows[name], want)
			}
		}

		rec = f.admin.Post(cycle+"/report.xlsx", url.Values{"reason": {"결과 확인"}})
		expect(t, "the workbook", rec, http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		sheetRows := func(name string, header int) map[string][]string {
			all, err := book.GetRows(name)
			if err != nil {
				t.Fatalf("sheet %s: %v", name, err)
			}
			out := map[string][]string{"": all[header]}
			for _, r := range all[header+1:] {
				out[r[0]] = append(r, "", "", "", "", "", "", "", "", "", "", "", "", "", "")
			}
			return out
		}
		people := sheetRows("교류자별", 0)
		if got := strings.Join(people[""][10:14], " "); got != "기여도(보내는 부처) 의견(보내는 부처) 기여도(받는 부처) 의견(받는 부처)" {
			t.Errorf("교류자별 header %q", got)
		}
		for name, want := range map[string]string{"김교류": "높음 중기부의견 높음 고용부의견", "최동반": "높음  보통 ", "박교류": "미입력  미입력 "} {
			if got := strings.Join(people[name][10:14], " "); got != want {
				t.Errorf("교류자별: %s reads %q, want %q", name, got, want)
			}
		}
		mss := sheetRows("중소벤처기업부", 1)
		if got := strings.Join(mss["김교류"][9:12], " "); got != "높음 중기부의견 높음" || strings.Contains(strings.Join(mss["김교류"], " "), "고용부의견") {
			t.Errorf("중소벤처기업부's sheet: 김교류 reads %q", mss["김교류"])
		}

		var audited int64
		s.DB().Model(&models.AuditEvent{}).Where("record_type = ?", "contribution").Count(&audited)
		if audited != 6 {
			t.Errorf("%d audit events of 기여도 평가, want 6", audited)
		}
	})
}

// lines is the text of each element, joined by a space.
func lines(s *goquery.Selection) string {
	return strings.Join(s.Map(func(_ int, e *goquery.Selection) string { return text(e) }), " ")
}
