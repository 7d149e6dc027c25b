package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// fixture is what setup made for the run: a round open for proposals, the
// moel–mss pair and its tasks, and the ids the forms need.
type fixture struct {
	roundID       int64
	pairID        int64
	tasks         []int64
	counterpartID int64 // mss
	password      string
	nominations   nominationFixture
	people        *people // an account per simulated person
}

// write is one state change a client asked for, and what the app answered.
type write struct {
	kind    string // task.save, proposal.create, pair.agree, nomination.create, .submit, .approve, .return
	marker  string // the unique title, theme, exchangee name or reason it wrote
	id      int64  // task, pair or nomination id
	outcome string // acked, rejected, unknown
	status  int
}

type ledger struct {
	mu     sync.Mutex
	writes []write
}

func (l *ledger) add(w write) {
	l.mu.Lock()
	l.writes = append(l.writes, w)
	l.mu.Unlock()
}

func outcomeOf(status int, acked ...int) string {
	for _, s := range acked {
		if status == s {
			return "acked"
		}
	}
	switch status {
	case http.StatusConflict, http.StatusUnprocessableEntity, http.StatusForbidden, http.StatusTooManyRequests:
		return "rejected"
	}
	return "unknown" // no answer, or a 5xx: the write may or may not have happened
}

// pause is a person's think time: uniform in [0, 2×think).
func pause(ctx context.Context, think time.Duration) {
	if think <= 0 {
		return
	}
	select {
	case <-ctx.Done():
	case <-time.After(time.Duration(rand.Int64N(int64(2 * think)))):
	}
}

// reader is a member of the public reading the site after the press release.
func reader(ctx context.Context, c *vclient, think time.Duration) {
	pages := []struct{ kind, path string }{
		{"public.home", "/"}, {"public.round", "/rounds/1"}, {"public.round", "/rounds/2"}, {"public.data", "/data/pairs.json"},
	}
	for ctx.Err() == nil {
		p := pages[rand.IntN(len(pages))]
		c.do(ctx, p.kind, http.MethodGet, p.path, nil, false)
		pause(ctx, think)
	}
}

// coordinators are moel's and mss's coordinators working together: pages, in-place
// task edits, and now and then a proposal by moel that mss agrees to.
func coordinators(ctx context.Context, n int, moel, mss *vclient, fx fixture, led *ledger, think time.Duration) {
	for _, c := range []struct {
		client *vclient
		login  string
	}{{moel, "moel"}, {mss, "mss"}} {
		for !c.client.login(ctx, c.login, fx.password) { // again after a 503 or 429
			if ctx.Err() != nil {
				return
			}
			pause(ctx, time.Second)
		}
	}
	pair := "/pairs/" + strconv.FormatInt(fx.pairID, 10)
	for i := 0; ctx.Err() == nil; i++ {
		who := moel
		if i%2 == 1 {
			who = mss
		}
		switch i % 4 {
		case 0:
			who.do(ctx, "workspace", http.MethodGet, "/workspace", nil, false)
		case 1:
			who.do(ctx, "pairs", http.MethodGet, "/pairs", nil, false)
		case 2:
			who.do(ctx, "pair", http.MethodGet, pair, nil, false)
		case 3:
			who.do(ctx, "task", http.MethodGet, "/tasks/"+strconv.FormatInt(fx.tasks[rand.IntN(len(fx.tasks))], 10), nil, false)
		}
		pause(ctx, think)
		editTask(ctx, who, fx, led, fmt.Sprintf("부하 %03d-%05d", n, i))
		pause(ctx, think)
		if i%5 == 4 {
			propose(ctx, moel, mss, fx, led, fmt.Sprintf("부하 제안 %03d-%05d", n, i))
			pause(ctx, think)
		}
	}
}

func editTask(ctx context.Context, c *vclient, fx fixture, led *ledger, title string) {
	id := fx.tasks[rand.IntN(len(fx.tasks))]
	path := "/tasks/" + strconv.FormatInt(id, 10)
	a := c.do(ctx, "task.form", http.MethodGet, path+"/edit", nil, true)
	if a.status != http.StatusOK {
		return
	}
	form := formOf(a.body)
	if form.Get("version") == "" {
		return
	}
	form.Set("title", title)
	form.Set("progress", strconv.Itoa(rand.IntN(101)))
	a = c.do(ctx, "task.save", http.MethodPost, path, form, true)
	if ctx.Err() != nil && a.status == 0 {
		led.add(write{kind: "task.save", marker: title, id: id, outcome: "unknown", status: a.status})
		return
	}
	led.add(write{kind: "task.save", marker: title, id: id, outcome: outcomeOf(a.status, http.StatusOK), status: a.status})
}

func propose(ctx context.Context, moel, mss *vclient, fx fixture, led *ledger, theme string) {
	if a := moel.do(ctx, "proposal.form", http.MethodGet, "/pairs/new", nil, false); a.status != http.StatusOK {
		return
	}
	form := url.Values{
		"round_id": {strconv.FormatInt(fx.roundID, 10)}, "grade": {"division_director"},
		"title": {"부하 시험 과장 " + theme}, "counterpart_ministry_id": {strconv.FormatInt(fx.counterpartID, 10)},
		"counterpart_title": {"부하 시험 상대 과장"}, "theme": {theme}, "rationale": {"부하 시험에서 만든 제안입니다."},
	}
	a := moel.do(ctx, "proposal.create", http.MethodPost, "/pairs", form, false)
	id, _ := strconv.ParseInt(strings.TrimPrefix(a.location, "/pairs/"), 10, 64)
	outcome := outcomeOf(a.status, http.StatusSeeOther)
	if outcome == "acked" && id == 0 {
		outcome = "unknown"
	}
	led.add(write{kind: "proposal.create", marker: theme, id: id, outcome: outcome, status: a.status})
	if outcome != "acked" {
		return
	}
	pair := "/pairs/" + strconv.FormatInt(id, 10)
	if a := mss.do(ctx, "pair", http.MethodGet, pair, nil, false); a.status != http.StatusOK {
		return
	}
	a = mss.do(ctx, "pair.agree", http.MethodPost, pair+"/agree", url.Values{}, false)
	led.add(write{kind: "pair.agree", marker: theme, id: id, outcome: outcomeOf(a.status, http.StatusSeeOther), status: a.status})
}

// overseer is the programme office reading the lists and the audit log.
func overseer(ctx context.Context, c *vclient, fx fixture, think time.Duration) {
	for !c.login(ctx, "admin", fx.password) {
		if ctx.Err() != nil {
			return
		}
		pause(ctx, time.Second)
	}
	pages := []struct{ kind, path string }{
		{"audit", "/admin/audit"}, {"pairs", "/pairs"}, {"workspace", "/workspace"},
		{"pair", "/pairs/" + strconv.FormatInt(fx.pairID, 10)}, {"progress", "/progress"},
	}
	for ctx.Err() == nil {
		p := pages[rand.IntN(len(pages))]
		c.do(ctx, p.kind, http.MethodGet, p.path, nil, false)
		pause(ctx, think)
	}
}
