package handlers_test

import (
	"bytes"
	"context"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/models/sheet"
)

// clock is a settable time for the store, as tests move it past an embargo.
type clock struct{ now atomic.Pointer[time.Time] }

func newClock(s *models.Store, at time.Time) *clock {
	c := &clock{}
	c.set(at)
	s.SetClock(func() time.Time { return *c.now.Load() })
	return c
}

func (c *clock) set(at time.Time) { at = at.UTC(); c.now.Store(&at) }

// publicTargets are every public page and data file of the route table, with
// the rounds' pages for the numbers given.
func publicTargets(t *testing.T, s *models.Store, rounds ...int) []string {
	var list []string
	for _, r := range handlerstest.Routes(t, s) {
		if r.Access != handlers.Public || r.Method != http.MethodGet || r.Bare || r.Name == "reset" ||
			r.Name == "login" || strings.HasPrefix(r.Name, "login.") { // the sign-in steps, not pages of the programme
			continue
		}
		switch {
		case strings.Contains(r.Path, ":number"):
			for _, n := range rounds {
				list = append(list, concrete(r.Path, map[string]string{"number": strconv.Itoa(n)}))
			}
		case strings.Contains(r.Path, ":format"):
			list = append(list, concrete(r.Path, map[string]string{"format": "csv"}), concrete(r.Path, map[string]string{"format": "json"}))
		default:
			list = append(list, r.Path)
		}
	}
	return list
}

// TestAnUnannouncedRoundStaysOffThePublicSite: an administrator creates round
// 50 with an announcement at 2025-03-10 12:00 KST and gives it a selected pair
// with a published task. Until that minute no public page, data file, count or
// menu shows anything of it (every answer is byte for byte what it was before
// the round existed, and /rounds/50 is 404); from that minute on, all do.
func TestAnUnannouncedRoundStaysOffThePublicSite(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		ctx := context.Background()
		kst := time.FixedZone("KST", 9*3600)
		clk := newClock(s, time.Date(2025, 3, 1, 9, 0, 0, 0, kst))
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		anon := handlerstest.NewClient(t, e)
		snapshot := func() map[string][]byte {
			out := map[string][]byte{}
			for _, target := range publicTargets(t, s, 1, 2, 50) {
				rec := anon.Do(http.MethodGet, target, nil, nil)
				out[target] = append([]byte(strconv.Itoa(rec.Code)+"\n"), rec.Body.Bytes()...)
			}
			return out
		}
		before := snapshot()

		admin := handlerstest.NewClient(t, e)
		admin.Login("admin", models.DemoPassword)
		rec := admin.Post("/admin/rounds", url.Values{"number": {"50"}, "title": {"50차 전략적 인사교류"},
			"planned_director_general": {"0"}, "planned_division_director": {"2"}, "announce_at": {"2025-03-10T12:00"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create round 50: %d\n%s", rec.Code, truncate(rec.Body.String(), 800))
		}
		round, err := s.RoundByNumber(ctx, 50)
		if err != nil {
			t.Fatal(err)
		}
		if v := parse(t, admin.Get(rec.Header().Get("Location")).Body.String()).Find("#f-announce_at").AttrOr("value", ""); v != "2025-03-10T12:00" {
			t.Errorf("the round form shows the announcement as %q", v)
		}
		plan, err := s.ImportPairs(ctx, models.System, round.ID, []sheet.Row{{Line: 2, Number: "1", Grade: "과장급",
			Theme: "엠바고 협업 분야", PositionA: "고용부 (엠바고가과장)", PositionB: "중기부 (엠바고나과장)"}})
		if err != nil {
			t.Fatalf("import: %v %+v", err, plan)
		}
		pairs, _ := s.PairsOfRound(ctx, round.ID)
		task, err := s.CreateTask(ctx, models.System, pairs[0].ID, models.TaskInput{Title: "엠바고 협업과제",
			Category: "public_benefit", Status: "discovered", Progress: "0"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateOutcome(ctx, models.System, task.ID, models.OutcomeInput{Kind: "narrative", Summary: "엠바고 성과"}); err != nil {
			t.Fatal(err)
		}
		task, _ = s.TaskByID(ctx, task.ID)
		if err := s.PublishTask(ctx, models.System, task.ID, task.ContentStamp()); err != nil {
			t.Fatal(err)
		}

		clk.set(time.Date(2025, 3, 10, 11, 59, 59, 0, kst))
		for target, body := range snapshot() {
			if !bytes.Equal(body, before[target]) {
				t.Errorf("GET %s changed before the announcement:\n%s", target, firstDifference(string(before[target]), string(body)))
			}
		}
		if !bytes.HasPrefix(before["/rounds/50"], []byte("404\n")) {
			t.Errorf("/rounds/50 before the announcement: %s", truncate(string(before["/rounds/50"]), 100))
		}

		clk.set(time.Date(2025, 3, 10, 12, 0, 0, 0, kst))
		after := snapshot()
		for target, want := range map[string]string{
			"/rounds/50": "엠바고나과장", "/data/pairs.csv": "엠바고 협업 분야", "/data/pairs.json": "엠바고 협업 분야",
			"/data/outcomes.csv": "엠바고 성과", "/data/outcomes.json": "엠바고 협업과제", "/": "/rounds/50",
		} {
			if body := string(after[target]); !strings.HasPrefix(body, "200\n") || !strings.Contains(body, want) {
				t.Errorf("GET %s after the announcement lacks %q:\n%s", target, want, truncate(body, 300))
			}
		}
		if bytes.Equal(after["/"], before["/"]) {
			t.Error("the home page did not change after the announcement (counts, menu)")
		}
		// Clearing the announcement takes the round off the public site again.
		admin = handlerstest.NewClient(t, e) // the first session ended while the clock moved on
		admin.Login("admin", models.DemoPassword)
		form := url.Values{"number": {"50"}, "title": {"50차 전략적 인사교류"}, "planned_director_general": {"0"},
			"planned_division_director": {"2"}, "announce_at": {""}}
		if rec := admin.Post("/admin/rounds/"+strconv.FormatInt(round.ID, 10), form); rec.Code != http.StatusSeeOther {
			t.Fatalf("clear the announcement: %d", rec.Code)
		}
		if rec := anon.Do(http.MethodGet, "/rounds/50", nil, nil); rec.Code != http.StatusNotFound {
			t.Errorf("/rounds/50 after clearing the announcement: %d", rec.Code)
		}
	})
}

// firstDifference shows where two pages part: a little before and after the
// first byte that differs, in each.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-120)
	return "before: …" + a[from:min(len(a), i+120)] + "…\nafter:  …" + b[from:min(len(b), i+120)] + "…"
}
