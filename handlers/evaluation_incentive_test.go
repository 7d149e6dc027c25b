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

// Incentives per person from the cycle's own list: the administrator edits the
// list, decides for each exchangee (companions apart: evaluation_incentive_companion_test.go; a missing or unlisted choice is refused by
// its field), and the decision shows on the report, in the sheet of the
// exchangee's sending ministry (titled, A4 landscape, header printed on every
// page; read back with excelize) and on their record.
func TestIncentivesPerPersonReachTheReportTheMinistrySheetsAndTheRecord(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		cycle := scoredCycle(t, f)
		if got := text(docOf(t, f.admin.Get(cycle)).Find(".incentive-kinds")); got != strings.Join(models.DefaultIncentiveKinds, ", ") {
			t.Errorf("a new cycle's list reads %q", got)
		}
		rec := f.admin.Post(cycle+"/incentive-kinds", url.Values{"incentive_kinds": {"평가수당 우대\n평가수당 우대"}, "version": {"3"}})
		expect(t, "a list with a line twice", rec, http.StatusUnprocessableEntity)
		if msg := text(docOf(t, rec).Find("#f-incentive_kinds-error")); !strings.Contains(msg, "평가수당 우대") {
			t.Errorf("the list's message reads %q", msg)
		}
		expect(t, "the list", f.admin.Post(cycle+"/incentive-kinds", url.Values{"incentive_kinds": {"평가수당 우대\n성과상여금 등급 우대\n희망 보직 우선 반영\n"},
			"version": {"3"}}), http.StatusSeeOther)
		expect(t, "확정", f.admin.Post(cycle+"/stage", url.Values{"version": {"4"}, "reason": {"기재부–산업부 자체 점검은 서면으로 받음"}}), http.StatusSeeOther)

		kim, lee, park := "/incentives/"+itoa64(f.kim.ID), "/incentives/"+itoa64(f.lee.ID), "/incentives/"+itoa64(f.park.ID)
		f.admin.HTMX = true
		rec = f.admin.Post(cycle+kim, url.Values{"decision": {""}})
		f.admin.HTMX = false
		expect(t, "no decision", rec, http.StatusUnprocessableEntity)
		if msg := text(docOf(t, rec).Find("#incentive-" + itoa64(f.kim.ID) + " .krds-form-alert, #incentive-" + itoa64(f.kim.ID) + " [id$=decision-error]")); !strings.Contains(msg, "선택해 주십시오") {
			t.Errorf("no decision: the item reads %q", msg)
		}
		rec = f.admin.Post(cycle+park, url.Values{"decision": {"기타"}}) // 기타 was taken off the list
		expect(t, "an incentive off the list", rec, http.StatusUnprocessableEntity)
		expect(t, "김교류", f.admin.Post(cycle+kim, url.Values{"decision": {"성과상여금 등급 우대"}, "note": {"S등급 부여 권고"}}), http.StatusSeeOther)
		expect(t, "이교류", f.admin.Post(cycle+lee, url.Values{"decision": {"해당 없음"}}), http.StatusSeeOther)

		doc := docOf(t, f.admin.Get(cycle+"/report"))
		incentives := map[string]string{}
		doc.Find("table.person-results tbody tr").Each(func(_ int, tr *goquery.Selection) {
			incentives[text(tr.Find("th"))] = text(tr.Find(".person-incentive"))
		})
		for name, want := range map[string]string{"김교류": "성과상여금 등급 우대 (S등급 부여 권고)", "이교류": "해당 없음", "박교류": "미입력"} {
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
		for _, sh := range []struct{ ministry, name, incentive, note string }{
			{"중소벤처기업부", "김교류", "성과상여금 등급 우대", "S등급 부여 권고"},
			{"고용노동부", "이교류", "해당 없음", ""},
			{"산업통상자원부", "박교류", "미입력", ""},
		} {
			rows, err := book.GetRows(sh.ministry)
			if err != nil {
				t.Errorf("no sheet for %s: %v", sh.ministry, err)
				continue
			}
			if len(rows) < 3 || !strings.Contains(rows[0][0], sh.ministry+" 인사 부서") || rows[1][0] != "성명" || rows[1][6] != "인사상 특전" {
				t.Errorf("%s: title and header %q", sh.ministry, rows)
				continue
			}
			row := append(rows[2], "", "", "", "", "", "", "", "", "")
			if row[0] != sh.name || row[6] != sh.incentive || row[7] != sh.note {
				t.Errorf("%s: row %q", sh.ministry, rows[2])
			}
			layout, err := book.GetPageLayout(sh.ministry)
			if err != nil || layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" {
				t.Errorf("%s does not print on A4 landscape: %+v %v", sh.ministry, layout, err)
			}
			names := book.GetDefinedName()
			found := false
			for _, n := range names {
				found = found || (n.Name == "_xlnm.Print_Titles" && n.Scope == sh.ministry && n.RefersTo == "'"+sh.ministry+"'!$2:$2")
			}
			if !found {
				t.Errorf("%s does not print its header on every page: %+v", sh.ministry, names)
			}
		}

		record := text(docOf(t, f.moel.Get("/nominations/"+itoa64(f.kim.ID)+"/record")).Find(".record-result"))
		if !strings.Contains(record, "성과상여금 등급 우대") || !strings.Contains(record, "S등급 부여 권고") || !strings.Contains(record, "87.1점") {
			t.Errorf("김교류's record reads %q", record)
		}
	})
}
