package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/sheet"
)

// 교류자 선발 under load: coordinators of moel and mss nominate exchangees into
// the free positions of a round of selected moel–mss pairs (create a draft,
// then submit it), each agrees as the receiving ministry to what the other
// submitted (받는 부처 동의), and reviewers of 인사혁신처 approve or return what
// was agreed to. Several reviewers read the same queue, so two of them now and then
// decide the same nomination at once: one is saved, the other answered 409.

// slot is a position free for a nomination, and who sends its exchangee.
type slot struct {
	pairID, positionID int64
	sender             string // moel or mss
}

// nominationFixture is a round of selected pairs, some positions already
// nominated and submitted (the reviewers' queue at the start), the rest free.
type nominationFixture struct {
	roundID int64
	free    map[string]chan slot // by sending login
	waiting int                  // submitted by the set-up
}

// prepareNominations imports pairs moel–mss into a new round, as an
// administrator's list would, and submits a nomination for the first waiting
// positions as their coordinators would, agreed to by the receiving side.
func prepareNominations(ctx context.Context, s *models.Store, pairs, waiting int) (nominationFixture, error) {
	fx := nominationFixture{free: map[string]chan slot{"moel": make(chan slot, pairs), "mss": make(chan slot, pairs)}}
	var next int
	if err := s.DB().WithContext(ctx).Raw("SELECT COALESCE(MAX(number), 0) + 1 FROM rounds").Scan(&next).Error; err != nil {
		return fx, err
	}
	r, err := s.CreateRound(ctx, models.System, models.RoundInput{Number: strconv.Itoa(next), Title: fmt.Sprintf("부하 시험 %d차 교류자 선발", next),
		PlannedDirectorGeneral: "0", PlannedDivisionDirector: strconv.Itoa(2 * pairs)})
	if err != nil {
		return fx, fmt.Errorf("create the nomination round: %w", err)
	}
	fx.roundID = r.ID
	rows := make([]sheet.Row, pairs)
	for i := range rows {
		rows[i] = sheet.Row{Line: i + 1, Number: strconv.Itoa(i + 1), Grade: "과장급", Theme: fmt.Sprintf("부하 시험 교류자 선발 %d", i+1),
			PositionA: fmt.Sprintf("고용부 (부하 시험 가 과장 %d)", i+1), PositionB: fmt.Sprintf("중기부 (부하 시험 나 과장 %d)", i+1)}
	}
	if plan, err := s.ImportPairs(ctx, models.System, r.ID, rows); err != nil {
		return fx, fmt.Errorf("import the nomination round's pairs: %w (%d rows with problems)", err, plan.ErrorRows())
	}
	var positions []struct{ ID, PositionAID, PositionBID int64 }
	if err := s.DB().WithContext(ctx).Raw("SELECT id, position_a_id, position_b_id FROM exchange_pairs WHERE round_id = ? ORDER BY number", r.ID).
		Scan(&positions).Error; err != nil {
		return fx, err
	}
	var slots []slot
	for _, p := range positions {
		// moel's position A is filled by an official mss sends, and the other way round.
		slots = append(slots, slot{p.ID, p.PositionAID, "mss"}, slot{p.ID, p.PositionBID, "moel"})
	}
	for i, sl := range slots {
		if i >= waiting {
			fx.free[sl.sender] <- sl
			continue
		}
		in := nominationInput(fmt.Sprintf("부하 대기 교류자 %d", i+1))
		in.Intent = "submit"
		n, err := s.CreateNomination(ctx, models.System, sl.pairID, sl.positionID, in)
		if err != nil {
			return fx, fmt.Errorf("submit a waiting nomination: %w", err)
		}
		if _, err := s.MoveNomination(ctx, models.System, n.ID, models.MoveConsent, models.MoveInput{Version: n.Version}); err != nil {
			return fx, fmt.Errorf("agree to a waiting nomination: %w", err)
		}
		fx.waiting++
	}
	return fx, nil
}

// nominationInput is a complete nomination of an exchangee of that name.
func nominationInput(name string) models.NominationInput {
	return models.NominationInput{ExchangeeName: name, CurrentPosition: "부하 시험 과장", Rank: "서기관",
		WorkPhone: "044-201-0000", Email: "load@korea.kr",
		// within the load's round, which is of this year (an exchange starts no earlier)
		PlannedStart: fmt.Sprintf("%d-02-01", time.Now().Year()), PlannedEnd: fmt.Sprintf("%d-01-31", time.Now().Year()+1),
		Statement: "부하 시험에서 추천한 교류자입니다."}
}

// nominators are a coordinator of moel and one of mss reading their queue and
// nominating into free positions of their side, until none is left.
func nominators(ctx context.Context, n int, moel, mss *vclient, fx fixture, led *ledger, think time.Duration) {
	clients := map[string]*vclient{"moel": moel, "mss": mss}
	for login, c := range clients {
		for !c.login(ctx, login, fx.password) {
			if ctx.Err() != nil {
				return
			}
			pause(ctx, time.Second)
		}
	}
	queue := "/nominations?round=" + strconv.FormatInt(fx.nominations.roundID, 10)
	for i := 0; ctx.Err() == nil; i++ {
		login := []string{"moel", "mss"}[i%2]
		c := clients[login]
		c.do(ctx, "nominations", http.MethodGet, queue, nil, false)
		pause(ctx, think)
		consent(ctx, c, fx, led)
		select {
		case sl := <-fx.nominations.free[login]:
			nominate(ctx, c, sl, led, fmt.Sprintf("부하 교류자 %03d-%05d", n, i))
			pause(ctx, think)
		default: // every position of this side is taken
		}
	}
}

// nominate creates a draft nomination, opens it and submits it.
func nominate(ctx context.Context, c *vclient, sl slot, led *ledger, name string) {
	path := fmt.Sprintf("/pairs/%d/positions/%d/nominations", sl.pairID, sl.positionID)
	if a := c.do(ctx, "nomination.form", http.MethodGet, path+"/new", nil, false); a.status != http.StatusOK {
		return
	}
	in := nominationInput(name)
	form := url.Values{"exchangee_name": {in.ExchangeeName}, "current_position": {in.CurrentPosition}, "rank": {in.Rank},
		"work_phone": {in.WorkPhone}, "email": {in.Email}, "planned_start": {in.PlannedStart}, "planned_end": {in.PlannedEnd},
		"statement": {in.Statement}}
	a := c.do(ctx, "nomination.create", http.MethodPost, path, form, false)
	id, _ := strconv.ParseInt(strings.TrimPrefix(a.location, "/nominations/"), 10, 64)
	outcome := outcomeOf(a.status, http.StatusSeeOther)
	if outcome == "acked" && id == 0 {
		outcome = "unknown"
	}
	led.add(write{kind: "nomination.create", marker: name, id: id, outcome: outcome, status: a.status})
	if outcome != "acked" {
		return
	}
	page := "/nominations/" + strconv.FormatInt(id, 10)
	a = c.do(ctx, "nomination", http.MethodGet, page, nil, false)
	submit := formIn(a.body, "form#move-submit")
	if a.status != http.StatusOK || submit == nil {
		return
	}
	a, outcome = c.move(ctx, "nomination.submit", page+"/submit", submit)
	led.add(write{kind: "nomination.submit", marker: name, id: id, outcome: outcome, status: a.status})
}

// consent is a coordinator agreeing, as the receiving ministry, to one of the
// round's nominations waiting for it; the other side's nominations only show
// the form to the coordinator of the ministry they go into.
func consent(ctx context.Context, c *vclient, fx fixture, led *ledger) {
	queue := "/nominations?status=awaiting_consent&round=" + strconv.FormatInt(fx.nominations.roundID, 10)
	a := c.do(ctx, "nominations", http.MethodGet, queue, nil, false)
	for _, link := range nominationLink.FindAllSubmatch(a.body, -1) {
		id, _ := strconv.ParseInt(string(link[1]), 10, 64)
		page := "/nominations/" + strconv.FormatInt(id, 10)
		a = c.do(ctx, "nomination", http.MethodGet, page, nil, false)
		form := formIn(a.body, "form#move-consent")
		if a.status != http.StatusOK || form == nil {
			continue // the other side's to agree to, or agreed meanwhile
		}
		var outcome string
		a, outcome = c.move(ctx, "nomination.consent", page+"/consent", form)
		led.add(write{kind: "nomination.consent", marker: page, id: id, outcome: outcome, status: a.status})
		return
	}
}

var nominationLink = regexp.MustCompile(`href="/nominations/([0-9]+)"`)

// overtaken is what the nomination page says of a move someone else overtook
// (handlers.conflictMessage): "… 승인은 기록되지 않았습니다".
var overtaken = []byte("기록되지 않았습니다")

// move posts a nomination's move without JavaScript and follows the redirect,
// as a browser does: both a recorded move and one that someone else overtook
// answer 303 to the nomination, and only the page there tells them apart.
func (c *vclient) move(ctx context.Context, kind, path string, form url.Values) (answer, string) {
	a := c.do(ctx, kind, http.MethodPost, path, form, false)
	outcome := outcomeOf(a.status, http.StatusSeeOther)
	if outcome != "acked" {
		return a, outcome
	}
	next := c.do(ctx, "nomination", http.MethodGet, a.location, nil, false)
	switch {
	case next.status != http.StatusOK:
		return a, "unknown" // the page that says which it was did not come
	case bytes.Contains(next.body, overtaken):
		return a, "rejected"
	}
	return a, outcome
}

// reviewer is a reviewer of 인사혁신처 working through the submitted
// nominations of the round: approve most, return some with a reason.
func reviewer(ctx context.Context, n int, c *vclient, fx fixture, led *ledger, think time.Duration) {
	for !c.login(ctx, "reviewer", fx.password) {
		if ctx.Err() != nil {
			return
		}
		pause(ctx, time.Second)
	}
	queue := "/nominations?status=submitted&round=" + strconv.FormatInt(fx.nominations.roundID, 10)
	for i := 0; ctx.Err() == nil; i++ {
		a := c.do(ctx, "nominations", http.MethodGet, queue, nil, false)
		pause(ctx, think)
		links := nominationLink.FindAllSubmatch(a.body, -1)
		if len(links) == 0 {
			continue
		}
		id, _ := strconv.ParseInt(string(links[rand.IntN(len(links))][1]), 10, 64)
		page := "/nominations/" + strconv.FormatInt(id, 10)
		a = c.do(ctx, "nomination", http.MethodGet, page, nil, false)
		move, label := "approve", "승인"
		if rand.IntN(10) < 3 {
			move, label = "return", "반려"
		}
		form := formIn(a.body, "form#move-"+move)
		if a.status != http.StatusOK || form == nil {
			continue // decided meanwhile
		}
		reason := fmt.Sprintf("부하 %s %03d-%05d", label, n, i)
		form.Set("reason", reason)
		pause(ctx, think) // reading the nomination: another reviewer may decide first
		var outcome string
		a, outcome = c.move(ctx, "nomination."+move, page+"/"+move, form)
		led.add(write{kind: "nomination." + move, marker: reason, id: id, outcome: outcome, status: a.status})
	}
}
