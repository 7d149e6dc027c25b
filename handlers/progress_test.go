package handlers_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestProgressShowsACoordinatorTheirOwnMinistry(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		f := newTaskFixture(t, s)
		doc := parseRec(t, f.signIn(t, "mss").get("/progress?round=2"))
		if doc.Find("select[name=ministry]").Length() != 0 {
			t.Error("a coordinator may choose another ministry")
		}
		total := doc.Find("table.progress-table").First().Find("tfoot td.num").Last()
		if text(total) != "1" {
			t.Errorf("mss's round-2 total = %q, want 1", text(total))
		}
		var ministries []string
		doc.Find("table.progress-table").Last().Find("tbody th[scope=row]").Each(func(_ int, th *goquery.Selection) {
			ministries = append(ministries, text(th))
		})
		if strings.Join(ministries, ",") != "중기부" {
			t.Errorf("mss sees ministries %v, want only 중기부", ministries)
		}
		adoc := parseRec(t, f.signIn(t, "admin").get("/progress"))
		if adoc.Find("select[name=ministry]").Length() != 1 {
			t.Error("an administrator cannot choose a ministry")
		}
		if got := text(adoc.Find("table.progress-table").First().Find("tfoot td.num").Last()); got != "6" {
			t.Errorf("every round's total = %q, want 6 (5 seeded + 1)", got)
		}
	})
}
