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

// A companion (동반 교류자) of an exchange in a finalized cycle is an incentive
// candidate of their own: the administrator decides for them apart from their
// exchangee (CSRF, Korean 422, 409 on a stale version, audited naming the
// companion), and their decision shows on the report, in the sheet of the
// sending ministry (read back with excelize) and on the exchangee's record,
// while the exchangee's own decision stays as it was.
func TestACompanionGetsAnIncentiveDecisionOfTheirOwn(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		companion := models.NominationCompanion{NominationID: f.kim.ID, Name: "최동반", Rank: "사무관", Role: "실무", Position: 1}
		if err := s.DB().Create(&companion).Error; err != nil {
			t.Fatal(err)
		}
		cycle := scoredCycle(t, f)
		expect(t, "확정", f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {"기재부–산업부 자체 점검은 서면으로 받음"}}), http.StatusSeeOther)

		item := "#incentive-" + itoa64(f.kim.ID) + "-" + itoa64(companion.ID)
		page := docOf(t, f.admin.Get(cycle))
		if it := page.Find(item); it.Length() != 1 || !strings.Contains(text(it.Find("h3")), "동반 교류자") ||
			it.Find(`input[name=companion][value="`+itoa64(companion.ID)+`"]`).Length() != 1 {
			t.Fatalf("the companion's item on the cycle's page: %q", text(it))
		}
		if page.Find("#incentive-"+itoa64(f.kim.ID)).Length() != 1 {
			t.Errorf("the exchangee's own item is gone")
		}

		kim := cycle + "/incentives/" + itoa64(f.kim.ID)
		comp := func(v url.Values) url.Values { v.Set("companion", itoa64(companion.ID)); return v }
		expect(t, "김교류", f.admin.Post(kim, url.Values{"decision": {"평가수당 우대"}, "note": {"교류자 결정"}, "version": {"0"}}), http.StatusSeeOther)

		// CSRF: a form without its token is refused.
		rec := f.admin.Do(http.MethodPost, kim, comp(url.Values{"decision": {"기타"}, "version": {"0"}}),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
		expect(t, "no CSRF token", rec, http.StatusForbidden)

		// No choice: the companion's own item answers, in Korean, in place.
		f.admin.HTMX = true
		rec = f.admin.Post(kim, comp(url.Values{"decision": {""}, "version": {"0"}}))
		f.admin.HTMX = false
		expect(t, "no decision for the companion", rec, http.StatusUnprocessableEntity)
		if msg := text(docOf(t, rec).Find(item + " [id$=decision-error]")); !strings.Contains(msg, "선택해 주십시오") {
			t.Errorf("no decision: the companion's item reads %q", msg)
		}
		expect(t, "a companion of no exchange of the cycle", f.admin.Post(kim, url.Values{"companion": {"999999"}, "decision": {"기타"}, "version": {"0"}}),
			http.StatusNotFound)

		expect(t, "최동반", f.admin.Post(kim, comp(url.Values{"decision": {"근무성적평정 가점"}, "note": {"동반 교류 가점"}, "version": {"0"}})), http.StatusSeeOther)
		expect(t, "최동반 on a stale version", f.admin.Post(kim, comp(url.Values{"decision": {"기타"}, "version": {"0"}})), http.StatusConflict)
		// The exchangee's decision kept its own version: 1, not moved by the companion's.
		expect(t, "김교류 on a stale version", f.admin.Post(kim, url.Values{"decision": {"기타"}, "version": {"0"}}), http.StatusConflict)

		var events []models.AuditEvent
		if err := s.DB().Where("record_type = ?", "incentive").Order("id").Find(&events).Error; err != nil || len(events) != 2 {
			t.Fatalf("audit: %d events %v", len(events), err)
		}
		if got := events[1].Record(); !strings.Contains(got, "최동반(동반 교류자)") {
			t.Errorf("the companion's decision is audited as %q", got)
		}
		if got := events[0].Record(); !strings.Contains(got, "김교류(교류자)") {
			t.Errorf("the exchangee's decision is audited as %q", got)
		}

		doc := docOf(t, f.admin.Get(cycle+"/report"))
		incentives := map[string]string{}
		doc.Find("table.person-results tbody tr").Each(func(_ int, tr *goquery.Selection) {
			incentives[text(tr.Find("th"))] = text(tr.Find(".person-incentive"))
		})
		for name, want := range map[string]string{"김교류": "평가수당 우대 (교류자 결정)", "최동반": "근무성적평정 가점 (동반 교류 가점)", "이교류": "미입력"} {
			if incentives[name] != want {
				t.Errorf("report: %s's incentive reads %q, want %q", name, incentives[name], want)
			}
		}

		rec = f.admin.Post(cycle+"/report.xlsx", url.Values{"reason": {"인사 부서 통보"}})
		expect(t, "the workbook", rec, http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		rows, err := book.GetRows("중소벤처기업부")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, r := range rows[2:] {
			r = append(r, "", "", "", "", "", "", "", "", "")
			got[r[0]] = r
		}
		if r := got["최동반"]; r == nil || r[1] != "동반 교류자" || r[6] != "근무성적평정 가점" || r[7] != "동반 교류 가점" {
			t.Errorf("the sending ministry's sheet: the companion's row %q (all %q)", r, rows)
		}
		if r := got["김교류"]; r == nil || r[6] != "평가수당 우대" || r[7] != "교류자 결정" {
			t.Errorf("the sending ministry's sheet: the exchangee's row %q", r)
		}

		record := docOf(t, f.moel.Get("/nominations/"+itoa64(f.kim.ID)+"/record"))
		if got := text(record.Find(".record-result .incentive-decision")); got != "평가수당 우대" {
			t.Errorf("the record: the exchangee's decision reads %q", got)
		}
		if got := text(record.Find(".record-result .record-companion-incentive")); got != "최동반(동반 교류자) 인사상 특전: 근무성적평정 가점 (동반 교류 가점)" {
			t.Errorf("the record: the companion's line reads %q", got)
		}
	})
}
