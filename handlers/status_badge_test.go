package handlers_test

import (
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestPairStatusesShowInTheirTone(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		seedAccounts(t, s)
		c := newClient(t, newRouter(t, s, handlers.Config{}))
		c.login("admin", models.DemoPassword)
		doc := parse(t, c.get("/pairs").Body.String())
		badges := doc.Find("main table tbody .krds-badge")
		if badges.Length() != 14 {
			t.Fatalf("status badges = %d, want one per seeded pair (14)", badges.Length())
		}
		badges.Each(func(i int, b *goquery.Selection) {
			if text(b) != "선정됨" || !b.HasClass("bg-light-success") {
				t.Errorf("badge %d = %q with class %q, want 선정됨 in the success tone", i, text(b), b.AttrOr("class", ""))
			}
		})
	})
}
