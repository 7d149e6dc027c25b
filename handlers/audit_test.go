package handlers_test

import (
	"context"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// TestAuditLogPagesByKeysetWithoutACount walks a filtered audit log forwards
// with 다음 and back with 이전: twenty events a page, each once, newest first,
// and no total of the whole log anywhere.
func TestAuditLogPagesByKeysetWithoutACount(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		ctx := context.Background()
		const events = 45
		for i := range events {
			if err := s.Audit(ctx, models.System, models.AuditPublish, "round", int64(i+1), nil); err != nil {
				t.Fatal(err)
			}
		}
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		adm := handlerstest.NewClient(t, e)
		adm.Login("admin", models.DemoPassword)
		type page struct {
			records      []string
			newer, older string
		}
		open := func(path string) page {
			t.Helper()
			rec := adm.Get(path)
			if rec.Code != 200 {
				t.Fatalf("GET %s: %d", path, rec.Code)
			}
			doc := parse(t, rec.Body.String())
			var p page
			doc.Find(".audit-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
				p.records = append(p.records, tr.Find("td").Eq(4).Text())
			})
			p.newer, _ = doc.Find("a.page-navi.prev").Attr("href")
			p.older, _ = doc.Find("a.page-navi.next").Attr("href")
			return p
		}
		first := open("/admin/audit?action=publish")
		if len(first.records) != 20 || first.newer != "" || first.older == "" {
			t.Fatalf("first page: %d rows, 이전 %q, 다음 %q; want 20, none, a link", len(first.records), first.newer, first.older)
		}
		second := open(first.older)
		third := open(second.older)
		if len(second.records) != 20 || second.newer == "" || second.older == "" {
			t.Fatalf("second page: %d rows, 이전 %q, 다음 %q", len(second.records), second.newer, second.older)
		}
		if len(third.records) != 5 || third.older != "" || third.newer == "" {
			t.Fatalf("last page: %d rows, 이전 %q, 다음 %q; want 5, a link, none", len(third.records), third.newer, third.older)
		}
		seen := map[string]bool{}
		for _, p := range []page{first, second, third} {
			for _, r := range p.records {
				if seen[r] {
					t.Errorf("%s shown twice", r)
				}
				seen[r] = true
			}
		}
		back := open(third.newer)
		if len(back.records) != 20 || back.records[0] != second.records[0] || back.records[19] != second.records[19] {
			t.Errorf("이전 from the last page shows %v, want the second page %v", back.records, second.records)
		}
		if bad := adm.Get("/admin/audit?before=x"); bad.Code != 422 {
			t.Errorf("a malformed keyset bound: %d, want 422", bad.Code)
		}
	})
}
