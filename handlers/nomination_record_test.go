package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The exchangee's record puts person, work and outcomes on one page, for those
// who may see the pair.
func TestTheExchangeesRecordShowsPersonWorkAndOutcomes(t *testing.T) {
	t.Parallel()
	modelstest.Any(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		// round 1's 산업부–중기부 pair, seeded with its task and outcomes
		var pair models.ExchangePair
		if err := s.DB().Where("ministry_a_id = ? AND ministry_b_id = ?", ministryID(t, s, "motie"), ministryID(t, s, "mss")).Take(&pair).Error; err != nil {
			t.Fatal(err)
		}
		var task models.CollaborationTask
		if err := s.DB().Preload("Outcomes").Where("pair_id = ?", pair.ID).Take(&task).Error; err != nil || len(task.Outcomes) == 0 {
			t.Fatalf("the pair's task and outcomes: %v", err)
		}
		n := nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		record := "/nominations/" + itoa64(n.ID) + "/record"
		doc := nominationPage(t, signIn(t, e, "motie"), record)
		body := text(doc.Find("main"))
		for _, want := range []string{modelstest.TestExchangee, "서기관", "중소벤처기업부", modelstest.TestCompanion, task.Title, task.Outcomes[0].Summary, "제출"} {
			if !strings.Contains(body, want) {
				t.Errorf("the record lacks %q", want)
			}
		}
		if strings.Contains(body, modelstest.TestPhone) || doc.Find("main form").Length() > 0 { // no move in the page (sign-out lives in the header)
			t.Error("the record shows the phone or offers moves")
		}
		if rec := signIn(t, e, "moel").Get(record); rec.Code != http.StatusForbidden {
			t.Errorf("a ministry outside the pair reads the record: %d", rec.Code)
		}
	})
}

func TestAnAdministratorSetsAReviewersOffice(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		adm := signIn(t, e, "admin")
		rec := adm.Post("/admin/users", url.Values{"login": {"opc2"}, "display_name": {"국조실 심사자"}, "role": {"reviewer"}, "office": {"nowhere"}})
		if rec.Code != http.StatusUnprocessableEntity || text(parseRec(t, rec).Find("#f-office-error")) == "" {
			t.Fatalf("an unknown office = %d, want 422 with the message next to the field", rec.Code)
		}
		if rec := adm.Post("/admin/users", url.Values{"login": {"opc2"}, "display_name": {"국조실 심사자"}, "role": {"reviewer"}, "office": {"opc"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("create a reviewer of 국무조정실 = %d", rec.Code)
		}
		var u models.User
		s.DB().Where("login = 'opc2'").Take(&u)
		if u.Office == nil || *u.Office != models.OfficeOPC {
			t.Errorf("office = %v, want 국무조정실", u.Office)
		}
	})
}
