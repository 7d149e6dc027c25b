package handlers_test

import (
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// signIn is a client signed in as a demo account.
func signIn(t *testing.T, e http.Handler, login string) *handlerstest.Client {
	t.Helper()
	c := handlerstest.NewClient(t, e)
	c.Login(login, models.DemoPassword)
	return c
}

// historyOf reads a pair page's status history as "from→to" steps.
func historyOf(t *testing.T, c *handlerstest.Client, pairURL string) (steps []string, doc *goquery.Document) {
	t.Helper()
	rec := c.Get(pairURL)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d", pairURL, rec.Code)
	}
	doc = parse(t, rec.Body.String())
	assertAccessibleTables(t, doc)
	doc.Find("table.status-history tbody tr").Each(func(_ int, tr *goquery.Selection) {
		steps = append(steps, text(tr.Find("td").Eq(0))+"→"+text(tr.Find("td").Eq(1)))
	})
	return steps, doc
}

func TestACoordinatorProposesTheCounterpartAgreesAndTheAdminSelects(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		round := modelstest.OpenRound(t, s, 3)
		// Announced already, so its public page shows what is selected (and only that).
		s.DB().Model(&models.Round{}).Where("id = ?", round.ID).Update("announce_at", s.Now().Add(-time.Hour))
		mss := modelstest.MinistryByCode(t, s, "mss")

		moel := signIn(t, e, "moel")
		form := parse(t, moel.Get("/pairs/new").Body.String())
		if form.Find(`select[name=round_id] option`).Length() != 1 || form.Find(`select[name=counterpart_ministry_id] option:contains("고용부")`).Length() != 0 {
			t.Errorf("the form offers rounds %q and its own ministry as counterpart", text(form.Find(`select[name=round_id]`)))
		}
		rec := moel.Post("/pairs", url.Values{"round_id": {itoa64(round.ID)}, "grade": {"division_director"},
			"title": {"고용정책총괄과장"}, "counterpart_ministry_id": {itoa64(mss.ID)}, "counterpart_title": {"인력정책과장"},
			"theme": {"중소기업 인력난 해소"}, "rationale": {"현장 인력 수요를 함께 봐야 합니다."}, "agenda_task": {"국정과제 52"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("propose = %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		pairURL := rec.Header().Get("Location")
		steps, doc := historyOf(t, moel, pairURL)
		if len(steps) != 1 || steps[0] != "→제안됨" || !strings.Contains(text(doc.Find(".pair-workflow dl")), "국정과제 52") {
			t.Errorf("after proposing: history %v, details %q", steps, text(doc.Find(".pair-workflow dl")))
		}
		if doc.Find(`form[action$="/withdraw"]`).Length() != 1 || doc.Find(`form[action$="/agree"]`).Length() != 0 {
			t.Error("the proposer should be offered withdrawal only")
		}

		mssClient := signIn(t, e, "mss")
		home := parse(t, mssClient.Get("/workspace").Body.String())
		if !strings.Contains(text(home.Find(".waiting-work")), "1건") || home.Find(`.waiting-work a[href="`+pairURL+`"]`).Length() != 1 {
			t.Errorf("mss's home does not show the proposal waiting: %q", text(home.Find(".waiting-work")))
		}
		if rec := mssClient.Post(pairURL+"/agree", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("agree = %d", rec.Code)
		}
		if rec := moel.Post(pairURL+"/agree", nil); rec.Code != http.StatusForbidden {
			t.Errorf("the proposer agreeing to itself = %d, want 403", rec.Code)
		}

		adminClient := signIn(t, e, "admin")
		home = parse(t, adminClient.Get("/workspace").Body.String())
		if home.Find(`.waiting-work a[href="`+pairURL+`"]`).Length() != 1 {
			t.Errorf("admin's home does not show the agreed proposal: %q", text(home.Find(".waiting-work")))
		}
		if rec := adminClient.Post(pairURL+"/select", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("select = %d", rec.Code)
		}
		if rec := adminClient.Post(pairURL+"/select", nil); rec.Code != http.StatusConflict {
			t.Errorf("selecting twice = %d, want 409", rec.Code)
		}
		steps, doc = historyOf(t, moel, pairURL)
		if strings.Join(steps, ", ") != "→제안됨, 제안됨→동의함, 동의함→선정됨" {
			t.Errorf("history = %v", steps)
		}
		if doc.Find(".pair-workflow form").Length() != 0 {
			t.Error("a selected pair still offers actions to its proposer")
		}
		if _, err := s.AdvanceRound(context.Background(), models.System, round.ID, models.RoundSelected); err != nil {
			t.Fatal(err)
		}
		if get(t, e, "/rounds/3", http.StatusOK).Find("td.theme:contains('중소기업 인력난 해소')").Length() != 1 {
			t.Error("the selected pair is not on the public round page")
		}
	})
}

func TestDecliningWithoutAReasonAsksForItAgain(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		p := modelstest.Propose(t, s, "moel", "mss", modelstest.OpenRound(t, s, 3).ID)
		c := signIn(t, e, "mss")
		target := "/pairs/" + itoa64(p.ID) + "/decline"
		rec := c.Post(target, url.Values{"reason": {"  "}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("decline without reason = %d, want 422", rec.Code)
		}
		doc := parse(t, rec.Body.String())
		if doc.Find(`form[action="`+target+`"] textarea[name=reason][aria-invalid=true]`).Length() != 1 || doc.Find(".field-error").Text() == "" {
			t.Errorf("the reason form is not shown again with its error:\n%s", truncate(rec.Body.String(), 800))
		}
		if rec := c.Post(target, url.Values{"reason": {"해당 직위는 내년 조직 개편 대상입니다."}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("decline = %d", rec.Code)
		}
		steps, doc := historyOf(t, c, "/pairs/"+itoa64(p.ID))
		if len(steps) != 2 || !strings.Contains(text(doc.Find("table.status-history")), "조직 개편") {
			t.Errorf("history %v does not show the decline with its reason", steps)
		}
	})
}

func itoa64(n int64) string { return itoa(int(n)) }
