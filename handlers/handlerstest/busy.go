package handlerstest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

// BusyPage is a page people open all day, with the account that opens it
// ("" for the public), as the decade benchmark measures it (issue 25).
type BusyPage struct {
	Name  string // what the table calls it
	Login string // a demo account, or "" for a visitor
	Path  string
}

// BusyPages are the busy pages of a store holding synthetic years
// (models.Store.SeedDecade) beside the demo accounts: the pair and the cycle
// they open are the newest synthetic ones of their kind, so that two stores
// of different sizes show pages of the same shape.
func BusyPages(t testing.TB, s *models.Store) []BusyPage {
	t.Helper()
	db := s.DB()
	var pairID, cycleID int64
	err := db.Raw(`SELECT p.id FROM exchange_pairs p JOIN rounds r ON r.id = p.round_id
		WHERE r.title LIKE ? AND r.status = ? ORDER BY r.number DESC, p.number LIMIT 1`, "%"+models.DecadeSuffix, models.RoundActive).Scan(&pairID).Error
	if err != nil || pairID == 0 {
		t.Fatalf("the newest synthetic active round's first pair: %d, %v", pairID, err)
	}
	err = db.Raw(`SELECT id FROM evaluation_cycles WHERE name LIKE ? AND stage = ? ORDER BY period_start DESC LIMIT 1`,
		"%"+models.DecadeSuffix, models.StageFinalized).Scan(&cycleID).Error
	if err != nil || cycleID == 0 {
		t.Fatalf("the newest finalized synthetic cycle: %d, %v", cycleID, err)
	}
	return []BusyPage{
		{"workspace (admin)", "admin", "/workspace"},
		{"workspace (reviewer)", "reviewer", "/workspace"},
		{"workspace (coordinator)", "moel", "/workspace"},
		{"pair list", "admin", "/pairs"},
		{"pair list (coordinator)", "moel", "/pairs"},
		{"pair page", "admin", fmt.Sprintf("/pairs/%d", pairID)},
		{"nomination queue", "reviewer", "/nominations"},
		{"audit log", "admin", "/admin/audit"},
		{"audit log, action=login", "admin", "/admin/audit?action=login"},
		{"access records", "admin", "/admin/access"},
		{"evaluations list", "admin", "/evaluations"},
		{"evaluation report", "admin", fmt.Sprintf("/evaluations/%d/report", cycleID)},
		{"public /", "", "/"},
	}
}

// BusyClients signs each account of the pages in once, with the demo
// password, and returns a client per login ("" a visitor).
func BusyClients(t testing.TB, h http.Handler, pages []BusyPage) map[string]*Client {
	t.Helper()
	clients := map[string]*Client{}
	for _, p := range pages {
		if _, ok := clients[p.Login]; ok {
			continue
		}
		c := NewClient(t, h)
		if p.Login != "" {
			c.Login(p.Login, models.DemoPassword)
		}
		clients[p.Login] = c
	}
	return clients
}

// Open fetches the page once with its account's client, failing unless 200.
func (p BusyPage) Open(t testing.TB, clients map[string]*Client) *httptest.ResponseRecorder {
	t.Helper()
	rec := clients[p.Login].Do(http.MethodGet, p.Path, nil, nil)
	if rec.Code != http.StatusOK {
		body := rec.Body.String()
		if len(body) > 300 {
			body = body[:300] + "…"
		}
		t.Fatalf("%s: GET %s as %q = %d\n%s", p.Name, p.Path, p.Login, rec.Code, body)
	}
	return rec
}
