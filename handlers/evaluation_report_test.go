package handlers_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// A finalized cycle's report page is made once and shown again while no
// record changes (handlers/report_pages.go): the next view is the same page
// but for the layout's message shown once, and every view still writes its access record naming the people shown. An
// incentive decided, and another cycle's report, show at once.
func TestAKeptReportPageShowsTheNextChangeAndRecordsEveryView(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newEvalFixture(t, s)
		cycle := scoredCycle(t, f)
		expect(t, "확정", f.admin.Post(cycle+"/stage", url.Values{"version": {"3"}, "reason": {"기재부–산업부 자체 점검은 서면으로 받음"}}), http.StatusSeeOther)
		report := func() (main, kimsIncentive string) {
			t.Helper()
			doc := docOf(t, f.admin.Get(cycle+"/report"))
			doc.Find("#flash").Remove() // the layout's, once: "평가를 확정으로 옮겼습니다."
			main, err := doc.Find("main").Html()
			if err != nil {
				t.Fatal(err)
			}
			tr := doc.Find("table.person-results tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool { return text(tr.Find("th")) == "김교류" })
			return main, text(tr.Find(".person-incentive"))
		}
		first, before := report()
		second, _ := report()
		if first != second || before != "미입력" {
			t.Errorf("the report again differs (%t), or 김교류's incentive reads %q before a decision", first != second, before)
		}
		expect(t, "김교류", f.admin.Post(cycle+"/incentives/"+itoa64(f.kim.ID), url.Values{"decision": {"평가수당 우대"}}), http.StatusSeeOther)
		if _, after := report(); after != "평가수당 우대" {
			t.Errorf("after the decision 김교류's incentive reads %q", after)
		}

		other := scoredCycle(t, f)
		expect(t, "확정 of another cycle", f.admin.Post(other+"/stage", url.Values{"version": {"3"}, "reason": {"두 번째 평가"}}), http.StatusSeeOther)
		back := docOf(t, f.admin.Get(other+"/report")).Find(".breadcrumb-back a")
		if href, _ := back.Attr("href"); href != other {
			t.Errorf("the other cycle's report links back to %q, want %q", href, other)
		}

		var records []models.AccessRecord
		if err := s.DB().Where("path = ?", cycle+"/report").Order("id").Find(&records).Error; err != nil {
			t.Fatal(err)
		}
		if len(records) != 3 {
			t.Fatalf("%d access records of the report, want one a view", len(records))
		}
		for _, r := range records {
			if !slices.Contains(r.Subjects(), f.kim.ID) {
				t.Errorf("an access record of the report names %v, not 김교류 (%d)", r.Subjects(), f.kim.ID)
			}
		}
	})
}
