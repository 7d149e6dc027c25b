package models

import (
	"fmt"
	"strconv"
	"time"
)

// The synthetic evaluation cycles, audit log and access records (decade.go).

var decadeCriteria = []struct {
	name   string
	weight int
}{{"성과 달성도", 40}, {"협업 노력", 30}, {"국민 체감도", 30}}

var decadeBands = []struct {
	grade    string
	min      int
	maxShare any
}{{"S", 900, 20}, {"A", 800, nil}, {"B", 600, nil}, {"C", 0, nil}}

func (w *decadeWriter) writeCycles() error {
	cycles := newBulkInsert(w.tx, "evaluation_cycles", "id", "name", "period_start", "period_end", "scale", "incentive_tenths",
		"self_due", "review_due", "stage", "finalized_at", "version", "created_at", "updated_at", "incentive_kinds")
	cycleRounds := newBulkInsert(w.tx, "evaluation_cycle_rounds", "cycle_id", "round_id")
	criteria := newBulkInsert(w.tx, "evaluation_criteria", "id", "cycle_id", "name", "weight", "position")
	bands := newBulkInsert(w.tx, "evaluation_grade_bands", "id", "cycle_id", "grade", "min_tenths", "position", "max_share")
	reviews := newBulkInsert(w.tx, "evaluation_reviews", "id", "cycle_id", "task_id", "reviewer_id", "version", "created_at", "updated_at")
	scores := newBulkInsert(w.tx, "evaluation_scores", "review_id", "criterion_id", "score", "comment")
	selfs := newBulkInsert(w.tx, "self_assessments", "id", "cycle_id", "task_id", "narrative", "outcomes", "evidence_links",
		"submitted_at", "submitted_by", "version", "created_at", "updated_at")
	decisions := newBulkInsert(w.tx, "incentive_decisions", "id", "cycle_id", "nomination_id", "decision", "note", "decided_by",
		"version", "created_at", "updated_at").after(cycles)
	cycleRounds.after(cycles)
	criteria.after(cycles)
	bands.after(cycles)
	reviews.after(cycles)
	selfs.after(cycles)
	scores.after(reviews, criteria)
	firstRound := w.next["rounds"] - int64(2*w.opt.Years)
	var settle []int64
	for y, tasks := range w.yearTasks {
		year := w.start.Year() + y
		for q := range 4 {
			id := w.id("evaluation_cycles")
			start := day(year, time.January+time.Month(3*q), 1)
			end := start.AddDate(0, 3, -1)
			stage, finalized := StageFinalized, any(end.AddDate(0, 1, 0))
			if y == len(w.yearTasks)-1 && q == 3 {
				stage, finalized = StageReview, nil
			}
			err := cycles.add(id, fmt.Sprintf("%d년 %d분기 실적 점검·평가 %s", year, q+1, DecadeSuffix), start, end, 10, 800,
				end.AddDate(0, 0, 14), end.AddDate(0, 0, 28), stage, finalized, 1, start, start, "평가수당 우대\n인사상 특전")
			if err != nil {
				return err
			}
			w.rep.Cycles++
			if stage == StageFinalized {
				settle = append(settle, id)
			}
			for h := range 2 {
				if err := cycleRounds.add(id, firstRound+int64(2*y+h)); err != nil {
					return err
				}
			}
			var criterionIDs []int64
			for i, c := range decadeCriteria {
				cid := w.id("evaluation_criteria")
				criterionIDs = append(criterionIDs, cid)
				if err := criteria.add(cid, id, c.name, c.weight, i+1); err != nil {
					return err
				}
			}
			for i, b := range decadeBands {
				if err := bands.add(w.id("evaluation_grade_bands"), id, b.grade, b.min, i+1, b.maxShare); err != nil {
					return err
				}
			}
			at := end.AddDate(0, 0, 10)
			// Incentives decided for every exchangee of a finalized cycle but the newest's.
			if stage == StageFinalized && (y < len(w.yearTasks)-1 || q < 2) {
				for i, nom := range w.yearExchanges[y] {
					decided := end.AddDate(0, 1, 7)
					err := decisions.add(w.id("incentive_decisions"), id, nom, []string{"평가수당 우대", "해당 없음"}[i%2], "합성 데이터",
						w.admin, 1, decided, decided)
					if err != nil {
						return err
					}
					w.rep.IncentiveDecisions++
				}
			}
			for i, task := range tasks {
				err := selfs.add(w.id("self_assessments"), id, task.id, "합성 데이터: 분기 추진 실적", "", "", at,
					w.coordinators[task.ministryA], 1, at, at)
				if err != nil {
					return err
				}
				w.rep.SelfAssessments++
				if stage != StageFinalized && i%2 == 1 {
					continue // the cycle under review: half the tasks scored so far
				}
				rid := w.id("evaluation_reviews")
				if err := reviews.add(rid, id, task.id, w.reviewer, 1, at, at); err != nil {
					return err
				}
				w.rep.Reviews++
				for k, cid := range criterionIDs {
					// Odd pairs score 8–10 and reach the incentive score (80.0),
					// even pairs 5–7 and do not.
					if err := scores.add(rid, cid, 5+3*(task.pair%2)+(i+k+q)%3, ""); err != nil {
						return err
					}
				}
			}
		}
	}
	for _, b := range []*bulkInsert{cycles, cycleRounds, criteria, bands, selfs, reviews, scores, decisions} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	// Kept and marked as the store keeps and marks them at 확정
	// (incentive_settled.go): the pair results, and the mark by the count.
	if err := keepPairResults(w.tx, settle); err != nil {
		return err
	}
	if err := keepCycleTasks(w.tx, allCycles); err != nil {
		return err
	}
	return settleIncentives(w.tx, settle)
}

// writeLogs writes the audit log and the access records, spread evenly over
// the years, oldest first (ids grow with time, as the app writes them).
func (w *decadeWriter) writeLogs() error {
	events := newBulkInsert(w.tx, "audit_events", "id", "at", "user_id", "actor", "ip", "action", "record_type", "record_id", "before", "after")
	access := newBulkInsert(w.tx, "access_records", "id", "at", "day", "user_id", "login", "ip", "kind", "path", "record_type", "record_ids", "reason")
	n := w.scaled(decadeEventsPerYear) * w.opt.Years
	span := decadeEnd.Sub(w.start)
	step := span / time.Duration(n)
	users := make([]int64, 0, len(w.logins))
	for id := range w.logins {
		users = append(users, id)
	}
	sortInt64s(users)
	for i := range n {
		at := w.start.Add(time.Duration(i)*step + time.Duration(w.rng.IntN(int(step))))
		uid := users[w.rng.IntN(len(users))]
		login := w.logins[uid]
		ip := fmt.Sprintf("10.%d.%d.%d", 1+i%200, (i/200)%250, 1+(i/50000)%250)
		var err error
		switch r := w.rng.IntN(100); {
		case r < 40:
			err = events.add(w.id("audit_events"), at, uid, login, ip, AuditLogin, "user", uid, nil, nil)
		case r < 55:
			err = events.add(w.id("audit_events"), at, uid, login, ip, AuditLogout, "user", uid, nil, nil)
		case r < 85:
			task := w.taskIDs[w.rng.IntN(len(w.taskIDs))]
			p := 10 * (1 + w.rng.IntN(9))
			before, after := fmt.Sprintf(`{"progress":%d}`, p), fmt.Sprintf(`{"progress":%d}`, p+10)
			err = events.add(w.id("audit_events"), at, uid, login, ip, AuditUpdate, "task", task, before, after)
		case r < 95:
			nom := w.nominationIDs[w.rng.IntN(len(w.nominationIDs))]
			err = events.add(w.id("audit_events"), at, uid, login, ip, AuditViewPersonal, "nomination", nom, nil, nil)
		default:
			err = events.add(w.id("audit_events"), at, nil, "", ip, AuditLoginFailed, "", nil, nil, nil)
		}
		if err != nil {
			return err
		}
		w.rep.AuditEvents++

		nom := w.nominationIDs[w.rng.IntN(len(w.nominationIDs))]
		kind, path, ids, reason := AccessView, "/nominations/"+strconv.FormatInt(nom, 10), strconv.FormatInt(nom, 10), ""
		switch r := w.rng.IntN(100); {
		case r < 8:
			kind, path = AccessReveal, path+"/contact"
		case r < 10:
			kind, path, reason = AccessExport, "/rounds/1/nominations/download", "합성 데이터: 교류자 명단 확인"
		}
		err = access.add(w.id("access_records"), at, at.In(Seoul).Format(time.DateOnly), uid, login, ip, kind, path, "nomination", ids, reason)
		if err != nil {
			return err
		}
		w.rep.AccessRecords++
	}
	if err := events.flush(); err != nil {
		return err
	}
	return access.flush()
}

func sortInt64s(s []int64) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
