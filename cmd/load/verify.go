package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"gorm.io/gorm"

	"github.com/gyoryu/gyoryu/models"
)

// verify checks the database against what the app answered: every acknowledged
// write is there exactly once, every rejected one left nothing. It returns the
// problems found.
func verify(ctx context.Context, w io.Writer, s *models.Store, fx fixture, writes []write) []string {
	db := s.DB().WithContext(ctx)
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	count := map[string]map[string]int{}
	ackedPerTask := map[int64]int{}
	for _, wr := range writes {
		if count[wr.kind] == nil {
			count[wr.kind] = map[string]int{}
		}
		count[wr.kind][wr.outcome]++
		var n int64
		switch wr.kind {
		case "task.save":
			db.Raw("SELECT COUNT(*) FROM audit_events WHERE record_type = 'task' AND record_id = ? AND after LIKE ?",
				wr.id, `%"`+wr.marker+`"%`).Scan(&n)
			if wr.outcome == "acked" {
				ackedPerTask[wr.id]++
			}
		case "proposal.create":
			db.Raw("SELECT COUNT(*) FROM exchange_pairs WHERE theme = ?", wr.marker).Scan(&n)
		case "pair.agree":
			db.Raw("SELECT COUNT(*) FROM pair_status_events WHERE pair_id = ? AND to_status = 'agreed'", wr.id).Scan(&n)
		case "nomination.create":
			db.Raw("SELECT COUNT(*) FROM nominations WHERE exchangee_name = ?", wr.marker).Scan(&n)
		case "nomination.submit":
			db.Raw("SELECT COUNT(*) FROM nomination_events WHERE nomination_id = ? AND move = 'submit'", wr.id).Scan(&n)
		case "nomination.consent":
			db.Raw("SELECT COUNT(*) FROM nomination_events WHERE nomination_id = ? AND move = 'consent'", wr.id).Scan(&n)
		case "nomination.approve", "nomination.return":
			db.Raw("SELECT COUNT(*) FROM nomination_events WHERE nomination_id = ? AND move = ? AND reason = ?",
				wr.id, strings.TrimPrefix(wr.kind, "nomination."), wr.marker).Scan(&n)
		}
		switch {
		case wr.outcome == "acked" && n != 1:
			fail("%s %q (id %d) was acknowledged but is in the database %d times", wr.kind, wr.marker, wr.id, n)
		// An agreement and a consent are counted per record, not per attempt: a
		// rejected one finds the one that someone else made first (acknowledged,
		// and checked there to be in the database once).
		case wr.outcome == "rejected" && n != 0 && wr.kind != "pair.agree" && wr.kind != "nomination.consent":
			fail("%s %q (id %d) was rejected but is in the database %d times", wr.kind, wr.marker, wr.id, n)
		case wr.outcome == "unknown" && n > 1:
			fail("%s %q (id %d) is in the database %d times", wr.kind, wr.marker, wr.id, n)
		}
	}
	// Each acknowledged save made exactly one new version, and nothing else did.
	for _, id := range fx.tasks {
		var version int
		db.Raw("SELECT version FROM collaboration_tasks WHERE id = ?", id).Scan(&version)
		unknown := 0
		for _, wr := range writes {
			if wr.kind == "task.save" && wr.id == id && wr.outcome == "unknown" {
				unknown++
			}
		}
		if saved := version - 1; saved < ackedPerTask[id] || saved > ackedPerTask[id]+unknown {
			fail("task %d is at version %d after %d acknowledged saves (%d unanswered)", id, version, ackedPerTask[id], unknown)
		}
	}
	problems = append(problems, verifyDecisions(db, fx.nominations.roundID)...)
	for _, kind := range []string{"task.save", "proposal.create", "pair.agree",
		"nomination.create", "nomination.submit", "nomination.consent", "nomination.approve", "nomination.return"} {
		c := count[kind]
		fmt.Fprintf(w, "writes %-18s acknowledged %5d  rejected %5d  unanswered %3d\n", kind, c["acked"], c["rejected"], c["unknown"])
	}
	return problems
}

// verifyDecisions checks every nomination of the round against its history:
// one decision per submission (never two reviewers' decisions on one), its
// status the last decision's, and one approval row per approval.
func verifyDecisions(db *gorm.DB, roundID int64) []string {
	var rows []struct {
		ID                                    int64
		Status                                string
		Submits, Approves, Returns, Approvals int
	}
	err := db.Raw(`SELECT n.id, n.status,
		(SELECT COUNT(*) FROM nomination_events e WHERE e.nomination_id = n.id AND e.move = 'submit') AS submits,
		(SELECT COUNT(*) FROM nomination_events e WHERE e.nomination_id = n.id AND e.move = 'approve') AS approves,
		(SELECT COUNT(*) FROM nomination_events e WHERE e.nomination_id = n.id AND e.move = 'return') AS returns,
		(SELECT COUNT(*) FROM nomination_approvals a WHERE a.nomination_id = n.id) AS approvals
		FROM nominations n JOIN exchange_pairs p ON p.id = n.pair_id WHERE p.round_id = ?`, roundID).Scan(&rows).Error
	if err != nil {
		return []string{"read the round's nominations: " + err.Error()}
	}
	var problems []string
	for _, r := range rows {
		decisions := r.Approves + r.Returns
		ok := r.Approvals == r.Approves
		switch r.Status {
		case "draft":
			ok = ok && r.Submits == 0 && decisions == 0
		case "submitted":
			ok = ok && decisions == r.Submits-1
		case "approved":
			ok = ok && decisions == r.Submits && r.Approves == 1
		case "returned":
			ok = ok && decisions == r.Submits && r.Returns >= 1
		default:
			ok = false // the load makes no other move
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("nomination %d is %s after %d submissions, %d approvals (%d approval rows) and %d returns",
				r.ID, r.Status, r.Submits, r.Approves, r.Approvals, r.Returns))
		}
	}
	return problems
}
