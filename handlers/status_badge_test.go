package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

func TestPairStatusesShowInTheirTone(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		c := handlerstest.NewClient(t, handlerstest.NewRouter(t, s, handlers.Config{}))
		c.Login("admin", models.DemoPassword)
		doc := parse(t, c.Get("/pairs").Body.String())
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
