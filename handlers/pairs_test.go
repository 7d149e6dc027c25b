package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// themesOf lists the themes of a pair list page, in order.
func themesOf(doc *goquery.Document) []string {
	var themes []string
	doc.Find("table.pair-list tbody th[scope=row]").Each(func(_ int, th *goquery.Selection) { themes = append(themes, text(th)) })
	return themes
}

func TestThePairListFiltersSearchesSortsAndPaginatesFromTheURL(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		r2, _ := s.RoundByNumber(t.Context(), 2)
		round := "round=" + itoa64(r2.ID)
		admin := signIn(t, e, "admin")
		list := func(c *handlerstest.Client, query string) *goquery.Document {
			t.Helper()
			rec := c.Get("/pairs?" + query)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET /pairs?%s = %d", query, rec.Code)
			}
			doc := parse(t, rec.Body.String())
			assertAccessibleTables(t, doc)
			return doc
		}
		tests := []struct {
			name, login, query string
			want               []string
		}{
			{"grade", "admin", round + "&grade=director_general",
				[]string{"신종 및 상시 감염병 예방·관리", "대북 억제·대응 능력의 획기적 보강을 위한 감시·정찰 능력 강화"}},
			{"search by position title", "admin", "q=인력정책과장", []string{"중소기업 인력난 해소를 위한 고용지원 강화"}},
			{"search by theme", "admin", "q=한약", []string{"안전하고 효과적인 한약의 공급과 글로벌 경쟁력 확보"}},
			{"ministry", "admin", round + "&ministry=" + itoa64(modelstest.MinistryByCode(t, s, "dapa").ID) + "&sort=theme",
				[]string{"국방규격 관리를 통한 국방 자원 배분의 효율성 제고", "대북 억제·대응 능력의 획기적 보강을 위한 감시·정찰 능력 강화"}},
			{"a coordinator sees only their ministry's pairs", "moel", "ministry=" + itoa64(modelstest.MinistryByCode(t, s, "dapa").ID), nil},
			{"status", "admin", "status=proposed", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := admin
				if tt.login != "admin" {
					c = signIn(t, e, tt.login)
				}
				if got := themesOf(list(c, tt.query)); !equalStrings(got, tt.want) {
					t.Errorf("themes = %q, want %q", got, tt.want)
				}
			})
		}
		moelRows := list(signIn(t, e, "moel"), "").Find("table.pair-list tbody tr")
		moelRows.Each(func(_ int, tr *goquery.Selection) {
			if text(tr.Find("abbr[title='고용노동부']")) == "" {
				t.Errorf("moel sees a pair it is not in: %s", text(tr))
			}
		})
		if moelRows.Length() != 2 {
			t.Errorf("moel sees %d pairs, want 2 (one per round)", moelRows.Length())
		}

		doc := list(admin, round+"&sort=theme&page=1")
		if got := doc.Find("select[name=sort] option[selected]").AttrOr("value", ""); got != "theme" {
			t.Errorf("the sort control shows %q, want theme", got)
		}
		if themes := themesOf(doc); len(themes) != 9 || themes[0] != "국가보훈과 연계한 공무상 재해 인정·보상 전 단계 협력 강화" {
			t.Errorf("sorted by theme: %q", themes)
		}
		open := modelstest.OpenRound(t, s, 3)
		for i := 0; i <= models.DefaultPageSize; i++ {
			modelstest.Propose(t, s, "moef", "mss", open.ID)
		}
		doc = list(admin, "status=proposed&q=협업")
		next := doc.Find("nav.pagination a.next").AttrOr("href", "")
		if next == "" || len(themesOf(doc)) != models.DefaultPageSize {
			t.Fatalf("first page of %d proposals: %d rows, next link %q", models.DefaultPageSize+1, len(themesOf(doc)), next)
		}
		doc = list(admin, next[len("/pairs?"):])
		if got := themesOf(doc); len(got) != 1 || doc.Find("input[name=q]").AttrOr("value", "") != "협업" {
			t.Errorf("second page shows %d rows and query %q; want 1 row, the filter kept", len(got), doc.Find("input[name=q]").AttrOr("value", ""))
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
