package main

import (
	"context"
	"fmt"
	"io"

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
		}
		switch {
		case wr.outcome == "acked" && n != 1:
			fail("%s %q (id %d) was acknowledged but is in the database %d times", wr.kind, wr.marker, wr.id, n)
		case wr.outcome == "rejected" && n != 0 && wr.kind != "pair.agree":
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
	for _, kind := range []string{"task.save", "proposal.create", "pair.agree"} {
		c := count[kind]
		fmt.Fprintf(w, "writes %-16s acknowledged %5d  rejected %5d  unanswered %3d\n", kind, c["acked"], c["rejected"], c["unknown"])
	}
	return problems
}
