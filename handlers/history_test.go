package handlers_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Years of rounds (issue 25): the public home and /results list the latest
// rounds in full and link the earlier ones, and the nomination queue without
// a round shows what is under way, so that these pages stay the same size
// whatever the years. With one or two rounds (the programme's data) nothing
// is folded: TestHomeShowsTheProgrammeFromTheDatabase and the other public tests.

// yearsOfRounds is a store with the programme, the demo accounts and three
// synthetic years: eight announced rounds, each with published tasks (three
// pairs and thirty tasks a synthetic round).
func yearsOfRounds(t *testing.T, s *models.Store) {
	t.Helper()
	handlerstest.SeedAccounts(t, s)
	if _, err := s.SeedDecade(context.Background(), models.DecadeOptions{Years: 3, Scale: 0.03}); err != nil {
		t.Fatal(err)
	}
}

var countIn = regexp.MustCompile(`[0-9,]+건`)

func TestHomeListsTheLatestRoundsInFullAndLinksTheEarlierOnes(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		yearsOfRounds(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{Demo: true})
		home := get(t, e, "/", http.StatusOK)

		var full []string
		home.Find("#outcomes-title ~ h3 a").Each(func(_ int, a *goquery.Selection) { full = append(full, a.AttrOr("href", "")) })
		if len(full) != 2 {
			t.Fatalf("outcome tables in full for %v, want the latest two rounds", full)
		}
		earlier := home.Find(`ul[aria-labelledby="earlier-outcomes"] li`)
		if earlier.Length() < 4 {
			t.Fatalf("earlier rounds listed: %d, want every round with outcomes before the latest two", earlier.Length())
		}
		seen := map[string]bool{}
		earlier.Each(func(_ int, li *goquery.Selection) {
			href := li.Find("a").AttrOr("href", "")
			if !strings.HasPrefix(href, "/rounds/") || seen[href] || href == full[0] || href == full[1] {
				t.Errorf("earlier round link %q (full: %v)", href, full)
			}
			seen[href] = true
			// The count said is the round page's table.
			want := strings.TrimSuffix(countIn.FindString(text(li)), "건")
			round := get(t, e, href, http.StatusOK)
			if got := strconv.Itoa(round.Find("table.outcome-table tbody tr").Length()); got != want {
				t.Errorf("%s: the home says %q tasks, the round page lists %s", href, text(li), got)
			}
		})
		// A round's table shows its first tasks, and links the round's page for all of them.
		home.Find("#outcomes-title ~ .krds-table-wrap table.outcome-table").Each(func(i int, tbl *goquery.Selection) {
			if n := tbl.Find("tbody tr").Length(); n != 20 {
				t.Errorf("outcome table %d lists %d tasks, want the first 20", i, n)
			}
		})
		more := home.Find("#outcomes-title ~ p.note a")
		if more.Length() != len(full) || more.First().AttrOr("href", "") != full[0] {
			t.Errorf("links to all of a round's tasks: %d, first %q, want one per table to %v", more.Length(), more.First().AttrOr("href", ""), full)
		}
		// The network draws the pairs of the latest two rounds, and says so.
		drawn := map[string]bool{}
		home.Find("figure.network a.network-link").Each(func(_ int, a *goquery.Selection) {
			for _, c := range strings.Fields(a.AttrOr("class", "")) {
				if strings.HasPrefix(c, "round-") {
					drawn[c] = true
				}
			}
		})
		if len(drawn) != 2 || !strings.Contains(text(home.Find("#network-title ~ p.note")), "최근 2개 차수") {
			t.Errorf("the network draws rounds %v with the note %q, want the latest two, said", drawn, text(home.Find("#network-title ~ p.note")))
		}
		// The round list and its headline stay whole: every round has its row.
		if got, want := home.Find("table.round-table tbody tr").Length(), len(full)+earlier.Length(); got < want {
			t.Errorf("round table rows = %d, want at least %d", got, want)
		}

		en := get(t, e, "/en/", http.StatusOK)
		if n := en.Find(`ul[aria-labelledby="earlier-outcomes"] li a[href^="/en/rounds/"]`).Length(); n != earlier.Length() {
			t.Errorf("English home links %d earlier rounds, want %d", n, earlier.Length())
		}
	})
}

func TestResultsWithoutARoundListTheLatestRoundsAndLinkTheEarlierOnes(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		yearsOfRounds(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{Demo: true})
		doc := get(t, e, "/results", http.StatusOK)

		rounds := map[string]bool{}
		doc.Find("table.results-pairs tbody th").Each(func(_ int, th *goquery.Selection) { rounds[text(th)] = true })
		if len(rounds) != 2 {
			t.Errorf("pairs listed from rounds %v, want the latest two", rounds)
		}
		links := doc.Find(`section[aria-labelledby="results-earlier-title"] li a`)
		if links.Length() < 4 {
			t.Fatalf("earlier rounds linked: %d", links.Length())
		}
		if !strings.Contains(text(doc.Find(".note")), strconv.Itoa(links.Length())+"개") {
			t.Errorf("the note %q does not say how many rounds are folded", text(doc.Find(".note")))
		}
		// Each link is the same search in one round, which lists it whole and folds nothing.
		href := links.First().AttrOr("href", "")
		if !strings.HasPrefix(href, "/results?round=") {
			t.Fatalf("earlier round link %q", href)
		}
		one := get(t, e, href, http.StatusOK)
		if one.Find(`section[aria-labelledby="results-earlier-title"]`).Length() != 0 || one.Find("table.results-pairs tbody tr").Length() == 0 {
			t.Errorf("%s folds or lists nothing", href)
		}
		want := countIn.FindString(text(links.First().Parent()))
		if !strings.Contains(text(one.Find(".results-summary")), strings.TrimSuffix(want, "건")+"건") {
			t.Errorf("%s: summary %q, the link said %q", href, text(one.Find(".results-summary")), want)
		}
		// A ministry chosen stays chosen in the links.
		mdoc := get(t, e, "/results?ministry=moel", http.StatusOK)
		mdoc.Find(`section[aria-labelledby="results-earlier-title"] li a`).Each(func(_ int, a *goquery.Selection) {
			if !strings.Contains(a.AttrOr("href", ""), "ministry=moel") {
				t.Errorf("earlier link %q drops the ministry", a.AttrOr("href", ""))
			}
		})
	})
}

func TestTheQueueWithoutARoundShowsTheNominationsUnderWay(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		yearsOfRounds(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{Demo: true})
		rev := handlerstest.NewClient(t, e)
		rev.Login("reviewer", models.DemoPassword)

		closed := []string{models.NominationRevoked.Label(), models.NominationAcknowledged.Label()}
		statuses := func(doc *goquery.Document) map[string]int {
			out := map[string]int{}
			doc.Find("table.nomination-list tbody tr td:last-child .krds-badge").Each(func(_ int, b *goquery.Selection) { out[text(b)]++ })
			return out
		}
		queue := nominationPage(t, rev, "/nominations")
		got := statuses(queue)
		if len(got) == 0 {
			t.Fatal("the queue lists nothing")
		}
		for _, st := range closed {
			if got[st] > 0 {
				t.Errorf("the queue without a round shows %d %s: %v", got[st], st, got)
			}
		}
		if !strings.Contains(text(queue.Find(".lead")), "진행 중인 추천만") {
			t.Errorf("the intro %q does not say the queue shows what is under way", text(queue.Find(".lead")))
		}

		// A round chosen: the whole round, closed nominations included.
		var round models.Round
		err := s.DB().Raw(`SELECT r.* FROM rounds r JOIN exchange_pairs p ON p.round_id = r.id JOIN nominations n ON n.pair_id = p.id
			WHERE n.status = ? ORDER BY r.number LIMIT 1`, models.NominationAcknowledged).Scan(&round).Error
		if err != nil || round.ID == 0 {
			t.Fatalf("a round with a 완료 보고 확인됨 nomination: %v", err)
		}
		if got := statuses(nominationPage(t, rev, "/nominations?round="+itoa64(round.ID))); got[closed[1]] == 0 {
			t.Errorf("round %d's queue shows %v, want its closed nominations too", round.Number, got)
		}
		// A status chosen: that status over every round.
		if got := statuses(nominationPage(t, rev, "/nominations?status=acknowledged")); got[closed[1]] == 0 || len(got) != 1 {
			t.Errorf("the queue of 완료 보고 확인됨 shows %v", got)
		}
	})
}

func TestOpenNominationsAreCountedFromTheOpenOnes(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		yearsOfRounds(t, s)
		ctx := context.Background()
		var admin models.User
		if err := s.DB().Where("login = ?", "admin").Take(&admin).Error; err != nil {
			t.Fatal(err)
		}
		list, total, err := s.Nominations(ctx, models.NominationFilter{Open: true, Viewer: &admin, Page: models.Page{Number: 1}})
		if err != nil {
			t.Fatal(err)
		}
		var want int64
		s.DB().Model(&models.Nomination{}).Where("status NOT IN ?", []models.NominationStatus{models.NominationRevoked, models.NominationAcknowledged}).Count(&want)
		var all int64
		s.DB().Model(&models.Nomination{}).Count(&all)
		if total != want || want == 0 || want == all {
			t.Errorf("open nominations: total %d, want %d (of %d)", total, want, all)
		}
		for _, n := range list {
			if n.Status == models.NominationRevoked || n.Status == models.NominationAcknowledged {
				t.Errorf("nomination %d (%s) listed as open", n.ID, n.Status)
			}
		}
	})
}

func TestAMinistrysPageListsItsLatestRoundsAndLinksTheEarlierOnes(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		yearsOfRounds(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{Demo: true})
		// The ministry in the most rounds' published pairs.
		var busiest struct {
			Code   string
			Rounds int
		}
		err := s.DB().Raw(`SELECT m.code AS code, COUNT(DISTINCT p.round_id) AS rounds FROM ministries m
			JOIN exchange_pairs p ON (p.ministry_a_id = m.id OR p.ministry_b_id = m.id) AND p.status = ?
			GROUP BY m.code ORDER BY rounds DESC, m.code LIMIT 1`, models.PairSelected).Scan(&busiest).Error
		if err != nil || busiest.Rounds < 4 {
			t.Fatalf("a ministry in four rounds or more: %+v, %v", busiest, err)
		}
		doc := get(t, e, "/ministries/"+busiest.Code, http.StatusOK)
		rounds := map[string]bool{}
		doc.Find("table.ministry-pairs-table tbody th").Each(func(_ int, th *goquery.Selection) { rounds[text(th)] = true })
		if len(rounds) != 2 {
			t.Errorf("%s's pairs listed from rounds %v, want the latest two", busiest.Code, rounds)
		}
		links := doc.Find(`section[aria-labelledby="earlier-title"] li a`)
		if links.Length() == 0 || links.Length()+len(rounds) < busiest.Rounds {
			t.Errorf("%d earlier rounds linked, %d listed, want the %d rounds", links.Length(), len(rounds), busiest.Rounds)
		}
		links.Each(func(_ int, a *goquery.Selection) {
			if href := a.AttrOr("href", ""); !strings.HasPrefix(href, "/results?") || !strings.Contains(href, "ministry="+busiest.Code) {
				t.Errorf("earlier round link %q, want /results for %s in that round", href, busiest.Code)
			}
		})
	})
}
