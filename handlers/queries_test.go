package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Pages run a fixed number of queries whatever the number of rows they show.
func TestPagesRunAFixedNumberOfQueries(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		seedAccounts(t, s)
		e := newRouter(t, s, handlers.Config{})
		adm := newClient(t, e)
		adm.login("admin", models.DemoPassword)
		// the coordinator of the first ministry, whose drafts addRows makes
		var firstMinistry models.Ministry
		s.DB().Order("id").Take(&firstMinistry)
		coord := newClient(t, e)
		coord.login(firstMinistry.Code, models.DemoPassword)
		pages := []string{"/", "/rounds/2", "/workspace", "/admin/users", "/admin/audit", "/nominations", "/nominations?status=submitted",
			"coordinator /workspace", "coordinator /nominations"}
		measure := func() map[string]int64 {
			counter := modelstest.CountQueries(t, s)
			out := map[string]int64{}
			for _, p := range pages {
				c, path := adm, p
				if rest, ok := strings.CutPrefix(p, "coordinator "); ok {
					c, path = coord, rest
				}
				before := counter.Load()
				if rec := c.get(path); rec.Code != http.StatusOK {
					t.Fatalf("GET %s = %d", p, rec.Code)
				}
				out[p] = counter.Load() - before
			}
			return out
		}
		addRows(t, s, 0, 1) // at least one row of each kind, so every preload runs
		first := measure()
		addRows(t, s, 1, 12)
		second := measure()
		for _, p := range pages {
			if first[p] != second[p] {
				t.Errorf("%s ran %d queries, then %d with more rows", p, first[p], second[p])
			}
		}
	})
}

// addRows adds pairs with published tasks and nominations to round 2, accounts, and audit events.
func addRows(t *testing.T, s *models.Store, from, n int) {
	t.Helper()
	ctx := context.Background()
	db := s.DB()
	var round models.Round
	db.Where("number = 2").Take(&round)
	var ms []models.Ministry
	db.Order("id").Limit(2).Find(&ms)
	for i := from; i < from+n; i++ {
		a := models.Position{MinistryID: ms[0].ID}
		b := models.Position{MinistryID: ms[1].ID}
		db.Create(&a)
		db.Create(&b)
		num := 100 + i
		p := models.ExchangePair{RoundID: round.ID, Number: &num, Status: models.PairSelected,
			MinistryAID: ms[0].ID, PositionAID: a.ID, MinistryBID: ms[1].ID, PositionBID: b.ID}
		if err := db.Omit("Round", "MinistryA", "MinistryB", "PositionA", "PositionB").Create(&p).Error; err != nil {
			t.Fatal(err)
		}
		task := models.CollaborationTask{PairID: p.ID, Title: fmt.Sprintf("과제 %d", i), Published: true, Version: 1}
		if err := db.Omit("Pair", "Outcomes").Create(&task).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, models.System, models.UserInput{Login: fmt.Sprintf("extra%d", i), DisplayName: "추가", Role: models.RoleReviewer}); err != nil {
			t.Fatal(err)
		}
		// a submitted nomination and a draft for the pair's positions, with a companion
		in := models.NominationInput{ExchangeeName: "추가교류자", CurrentPosition: "과장", Rank: "서기관", WorkPhone: "044-000-0000",
			Email: "extra@korea.kr", PlannedStart: "2025-01-01", PlannedEnd: "2025-12-31", Statement: "업무", Intent: "submit",
			CompanionNames: []string{"추가동반자"}, CompanionRanks: []string{"사무관"}}
		if _, err := s.CreateNomination(ctx, models.System, p.ID, a.ID, in); err != nil {
			t.Fatal(err)
		}
		in.Intent = "save" // a draft of ms[0], which sends into ms[1]'s position b
		if _, err := s.CreateNomination(ctx, models.System, p.ID, b.ID, in); err != nil {
			t.Fatal(err)
		}
	}
}
