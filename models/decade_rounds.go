package models

import (
	"fmt"
	"time"
)

// The synthetic rounds, with their pairs, tasks, outcomes and nominations (decade.go).

// decadeRoundTables are the tables writeRounds fills, and their columns.
type decadeRoundTables struct {
	rounds, positions, pairs, tasks, outcomes, nominations, events, approvals *bulkInsert
}

func (w *decadeWriter) writeRounds() error {
	t := decadeRoundTables{
		rounds: newBulkInsert(w.tx, "rounds", "id", "number", "title", "status", "planned_director_general", "planned_division_director",
			"schedule_note", "proposals_due_on", "selected_on", "exchange_starts_on", "evaluation_on", "created_at", "updated_at",
			"announce_at", "approval_rule", "min_months", "max_months"),
		positions: newBulkInsert(w.tx, "positions", "id", "ministry_id", "title", "grade", "created_at", "updated_at"),
		pairs: newBulkInsert(w.tx, "exchange_pairs", "id", "round_id", "number", "grade", "theme", "status", "ministry_a_id",
			"position_a_id", "ministry_b_id", "position_b_id", "created_at", "updated_at", "rationale", "agenda_task"),
		tasks: newBulkInsert(w.tx, "collaboration_tasks", "id", "pair_id", "title", "description", "category", "status", "published",
			"position", "version", "created_at", "updated_at", "national_agenda", "starts_on", "due_on", "progress", "published_at"),
		outcomes: newBulkInsert(w.tx, "outcomes", "id", "task_id", "kind", "position", "summary", "label", "value_before", "value_after",
			"amount", "unit", "period_before", "period_after", "better", "version", "created_at", "updated_at"),
		nominations: newBulkInsert(w.tx, "nominations", "id", "pair_id", "position_id", "ministry_id", "status", "exchangee_name",
			"current_position", "rank", "planned_start", "planned_end", "statement", "actual_start", "returned_on", "report",
			"submission", "version", "created_at", "updated_at", "return_post"),
		events:    newBulkInsert(w.tx, "nomination_events", "id", "nomination_id", "move", "from_status", "to_status", "user_id", "reason", "at"),
		approvals: newBulkInsert(w.tx, "nomination_approvals", "id", "nomination_id", "submission", "office", "user_id", "at"),
	}
	t.pairs.after(t.rounds, t.positions)
	t.tasks.after(t.pairs)
	t.outcomes.after(t.tasks)
	t.nominations.after(t.pairs)
	t.events.after(t.nominations)
	t.approvals.after(t.nominations)
	pairsPerRound := w.scaled(decadePairsPerRound)
	position := 0 // synthetic positions and people are numbered across the decade
	for y := range w.opt.Years {
		year := w.start.Year() + y
		var yearTasks []decadeTask
		w.yearExchanges = append(w.yearExchanges, nil)
		for half := range 2 {
			w.roundNumber++
			rid := w.id("rounds")
			last := y == w.opt.Years-1
			status := RoundClosed
			if last {
				status = []RoundStatus{RoundActive, RoundSelected}[half]
			}
			starts := day(year, time.March+time.Month(6*half), 1)
			announce := starts.AddDate(0, -1, 0)
			grades := pairsPerRound / 5
			err := t.rounds.add(rid, w.roundNumber, fmt.Sprintf("%d차 전략적 인사교류 %s", w.roundNumber, DecadeSuffix), status,
				grades*2, (pairsPerRound-grades)*2, fmt.Sprintf("%d년 %d월 교류 시행 (합성 데이터)", year, starts.Month()),
				starts.AddDate(0, -2, 0), starts.AddDate(0, -1, 0), starts, starts.AddDate(0, 9, 0), announce, announce,
				announce, "one", 6, 24)
			if err != nil {
				return err
			}
			w.rep.Rounds++
			for p := range pairsPerRound {
				position++
				tasks, err := w.writePair(&t, rid, p+1, position, status, starts)
				if err != nil {
					return err
				}
				yearTasks = append(yearTasks, tasks...)
			}
		}
		w.yearTasks = append(w.yearTasks, yearTasks)
	}
	for _, b := range []*bulkInsert{t.rounds, t.positions, t.pairs, t.tasks, t.outcomes, t.nominations, t.events, t.approvals} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return nil
}

// writePair writes one pair of positions with its tasks and nominations.
func (w *decadeWriter) writePair(t *decadeRoundTables, roundID int64, number, n int, roundStatus RoundStatus, starts time.Time) ([]decadeTask, error) {
	ma := w.ministries[n%len(w.ministries)]
	mb := w.ministries[(n+1+n/len(w.ministries))%len(w.ministries)]
	if mb.ID == ma.ID {
		mb = w.ministries[(n+1)%len(w.ministries)]
	}
	grade := GradeDivisionDirector
	rank := "서기관"
	if number%5 == 0 {
		grade, rank = GradeDirectorGeneral, "부이사관"
	}
	theme := decadeThemes[n%len(decadeThemes)]
	created := starts.AddDate(0, -3, 0)
	posA, posB := w.id("positions"), w.id("positions")
	titleA, titleB := fmt.Sprintf("가상 협업과장 A%05d", n), fmt.Sprintf("가상 협업과장 B%05d", n)
	if err := t.positions.add(posA, ma.ID, titleA, grade, created, created); err != nil {
		return nil, err
	}
	if err := t.positions.add(posB, mb.ID, titleB, grade, created, created); err != nil {
		return nil, err
	}
	pid := w.id("exchange_pairs")
	w.pairIDs = append(w.pairIDs, pid)
	if err := t.pairs.add(pid, roundID, number, grade, theme, PairSelected, ma.ID, posA, mb.ID, posB, created, created,
		"합성 데이터: 부하 측정용 가상 교류직위", ""); err != nil {
		return nil, err
	}
	w.rep.Pairs++

	var tasks []decadeTask
	for k := range decadeTasksPerPair {
		tid := w.id("collaboration_tasks")
		tasks = append(tasks, decadeTask{id: tid, ministryA: ma.ID, pair: n})
		w.taskIDs = append(w.taskIDs, tid)
		category := []TaskCategory{CategoryAdministrativeEfficiency, CategoryPublicBenefit}[k%2]
		status, progress := TaskCompleted, 100
		switch {
		case roundStatus == RoundActive:
			status, progress = TaskInProgress, 10*(1+(n+k)%9)
		case roundStatus != RoundClosed:
			status, progress = TaskDiscovered, 0
		case k == decadeTasksPerPair-1:
			status, progress = TaskStopped, 40
		}
		due := starts.AddDate(1, 0, -1)
		err := t.tasks.add(tid, pid, fmt.Sprintf("가상 협업과제 %05d-%02d", n, k+1), "합성 데이터: "+theme, category, status, true,
			k+1, 1, created, created, "", starts, due, progress, created)
		if err != nil {
			return nil, err
		}
		w.rep.Tasks++
		if err := w.writeOutcome(t, tid, n*decadeTasksPerPair+k, created); err != nil {
			return nil, err
		}
	}

	// Each position: revoked nominations before the one that stands (at most
	// one nomination of a position is not revoked).
	plannedEnd := starts.AddDate(1, 0, -1)
	for side, target := range []struct {
		position, sending int64
		revoked           int
	}{{posB, ma.ID, 1}, {posA, mb.ID, 2}} {
		for r := range target.revoked {
			if err := w.writeNomination(t, pid, target.position, target.sending, NominationRevoked, rank, n, side, r, starts, plannedEnd); err != nil {
				return nil, err
			}
		}
		final := NominationAcknowledged
		switch roundStatus {
		case RoundActive:
			final = NominationActive
		case RoundSelected:
			final = []NominationStatus{NominationSubmitted, NominationApproved, NominationDraft}[(n+side)%3]
		}
		if err := w.writeNomination(t, pid, target.position, target.sending, final, rank, n, side, target.revoked, starts, plannedEnd); err != nil {
			return nil, err
		}
	}
	return tasks, nil
}

func (w *decadeWriter) writeOutcome(t *decadeRoundTables, taskID int64, n int, at time.Time) error {
	oid := w.id("outcomes")
	var err error
	switch n % 3 {
	case 0:
		err = t.outcomes.add(oid, taskID, OutcomeNarrative, 1, "합성 데이터: 협업으로 처리 절차 간소화", "", nil, nil, nil, "", "", "", nil, 1, at, at)
	case 1:
		before := 6 + n%7
		err = t.outcomes.add(oid, taskID, OutcomeMetric, 1, "합성 데이터: 처리 기간 단축", "처리 기간", before, before/2+1, nil, "개월",
			fmt.Sprintf("'%02d년", (at.Year()-1)%100), fmt.Sprintf("'%02d년", at.Year()%100), BetterLower, 1, at, at)
	default:
		err = t.outcomes.add(oid, taskID, OutcomeAmount, 1, "합성 데이터: 예산 절감", "", nil, nil, 10+n%90, "억원", "", "", nil, 1, at, at)
	}
	if err == nil {
		w.rep.Outcomes++
	}
	return err
}

// decadeThemes are the published themes the synthetic pairs take in turn.
var decadeThemes = func() []string {
	var out []string
	for _, sp := range seedPairs {
		if sp.theme != "" {
			out = append(out, sp.theme)
		}
	}
	return out
}()

// nominationSteps are the moves that lead to a status, from its creation.
var nominationSteps = map[NominationStatus][]NominationMove{
	NominationDraft:        {MoveCreate},
	NominationSubmitted:    {MoveCreate, MoveSubmit},
	NominationApproved:     {MoveCreate, MoveSubmit, MoveApprove},
	NominationRevoked:      {MoveCreate, MoveSubmit, MoveReturn, MoveSubmit, MoveApprove, MoveRevoke},
	NominationActive:       {MoveCreate, MoveSubmit, MoveApprove, MoveStart},
	NominationAcknowledged: {MoveCreate, MoveSubmit, MoveApprove, MoveStart, MoveEnd, MoveReport, MoveAcknowledge},
}

var moveResults = map[NominationMove]NominationStatus{
	MoveCreate: NominationDraft, MoveSubmit: NominationSubmitted, MoveReturn: NominationReturned, MoveApprove: NominationApproved,
	MoveRevoke: NominationRevoked, MoveStart: NominationActive, MoveEnd: NominationCompleted, MoveReport: NominationCompleted,
	MoveAcknowledge: NominationAcknowledged,
}

func (w *decadeWriter) writeNomination(t *decadeRoundTables, pairID, positionID, sending int64, status NominationStatus, rank string,
	n, side, attempt int, starts, plannedEnd time.Time) error {
	id := w.id("nominations")
	w.nominationIDs = append(w.nominationIDs, id)
	person := w.rep.Nominations + 1
	at := starts.AddDate(0, -2, 7*attempt)
	var actualStart, returnedOn any
	report, returnPost := "", ""
	if status == NominationActive || status == NominationAcknowledged {
		actualStart = starts
	}
	if status == NominationAcknowledged {
		returnedOn, report, returnPost = plannedEnd, "합성 데이터: 교류 완료 보고", "가상 복귀 보직"
	}
	submission := 0
	for _, m := range nominationSteps[status] {
		if m == MoveSubmit {
			submission++
		}
	}
	err := t.nominations.add(id, pairID, positionID, sending, status, fmt.Sprintf("가상 교류자 %05d", person),
		fmt.Sprintf("가상 현 직위 %05d", n), rank, starts, plannedEnd, "합성 데이터: 교류 계획", actualStart, returnedOn, report,
		submission, len(nominationSteps[status]), at, at, returnPost)
	if err != nil {
		return err
	}
	w.rep.Nominations++
	if status == NominationActive || status == NominationAcknowledged {
		y := len(w.yearExchanges) - 1
		w.yearExchanges[y] = append(w.yearExchanges[y], id)
	}
	coordinator := w.coordinators[sending]
	var from any
	sub := 0
	for i, m := range nominationSteps[status] {
		to := moveResults[m]
		user, reason := w.reviewer, ""
		switch m {
		case MoveCreate, MoveSubmit, MoveStart, MoveEnd, MoveReport:
			user = coordinator
		case MoveReturn:
			reason = "합성 데이터: 보완 요청"
		case MoveRevoke:
			reason = "합성 데이터: 개인 사정으로 취소"
		}
		when := at.AddDate(0, 0, i)
		switch m {
		case MoveStart:
			when = starts
		case MoveEnd, MoveReport, MoveAcknowledge:
			when = plannedEnd.AddDate(0, 0, i)
		case MoveSubmit:
			sub++
		case MoveApprove:
			if err := t.approvals.add(w.id("nomination_approvals"), id, sub, OfficeMPM, w.reviewer, when); err != nil {
				return err
			}
		}
		var uid any
		if user != 0 {
			uid = user
		}
		if err := t.events.add(w.id("nomination_events"), id, m, from, to, uid, reason, when); err != nil {
			return err
		}
		w.rep.NominationEvents++
		from = to
	}
	_ = side
	return nil
}
