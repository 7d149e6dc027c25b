package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// A finalized cycle's report is read once and handed out again (one
// statement: the audit log's position), with the same number (Kept), until a
// change of records is logged:
// a sign-in is none, an incentive decided or a ministry renamed is, and the
// next report shows it. On PostgreSQL a report read while a transaction that
// writes is in progress is not kept, and a change that commits after a newer
// one (its id drawn first) is seen.
func TestAFinalizedCyclesReportIsKeptUntilARecordChanges(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		c := w.finalizeWithCandidate(t)
		report := func() (models.EvaluationReport, int64) {
			t.Helper()
			n := modelstest.CountQueries(t, s)
			r, err := s.EvaluationReport(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			return r, n.Load()
		}
		person := func(r models.EvaluationReport) models.PersonResult {
			t.Helper()
			if len(r.People) != 1 {
				t.Fatalf("%d people, want the exchangee", len(r.People))
			}
			return r.People[0]
		}
		first, read := report()
		if d, _ := first.IncentiveOf(person(first)); d != "미입력" || read < 4 {
			t.Fatalf("first report: incentive %q, %d statements", d, read)
		}
		quiet := s.Dialect() == models.DialectSQLite // PostgreSQL: other tests' transactions share the server
		if again, kept := report(); quiet && (kept != 1 || again.Kept == 0 || again.Kept != first.Kept) {
			t.Errorf("the report again: %d statements, want the audit log's position only; numbered %d, first %d", kept, again.Kept, first.Kept)
		}
		if err := s.Audit(ctx, w.admin, models.AuditLogin, "user", 1, nil); err != nil {
			t.Fatal(err)
		}
		if _, kept := report(); quiet && kept != 1 {
			t.Errorf("after a sign-in: %d statements, want the report kept", kept)
		}
		if _, err := s.DecideIncentive(ctx, w.admin, c.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "평가수당 우대"}); err != nil {
			t.Fatal(err)
		}
		if r, _ := report(); quiet && r.Kept == first.Kept {
			t.Errorf("after the decision the report read again has the number of the first, %d", r.Kept)
		}
		if r, _ := report(); func() string { d, _ := r.IncentiveOf(person(r)); return d }() != "평가수당 우대" {
			t.Errorf("after the decision the report shows %q", func() string { d, _ := r.IncentiveOf(person(r)); return d }())
		}
		m, err := s.MinistryByID(ctx, w.pair.MinistryAID)
		if err != nil {
			t.Fatal(err)
		}
		in := m.InputOf()
		in.Name = "고쳐 쓴 부처"
		if _, err := s.UpdateMinistry(ctx, w.admin, m.ID, in); err != nil {
			t.Fatal(err)
		}
		r, _ := report()
		renamed := false
		for _, g := range r.ByMinistry {
			renamed = renamed || g.Label == "고쳐 쓴 부처"
		}
		if !renamed {
			t.Errorf("after the ministry's new name the report's ministries are %+v", r.ByMinistry)
		}
		if s.Dialect() != models.DialectPostgres {
			return
		}
		db := s.DB()
		// A transaction that has written is in progress: the report read meanwhile is not kept.
		tx := db.Begin()
		if err := tx.Exec("INSERT INTO audit_events (at, actor, action, record_type) VALUES (now(), 'test', 'update', 'ministry')").Error; err != nil {
			t.Fatal(err)
		}
		if err := s.Audit(ctx, w.admin, models.AuditUpdate, "ministry", m.ID, nil); err != nil {
			t.Fatal(err)
		}
		report()
		if _, again := report(); again == 1 {
			t.Error("a report read while a write was in progress was kept")
		}
		if err := tx.Commit().Error; err != nil {
			t.Fatal(err)
		}
		// An id drawn before a newer event's, its event committed after it (a
		// draw writes nothing: the transaction that draws has no xid yet).
		var id int64
		if err := db.Raw("SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))").Scan(&id).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.Audit(ctx, w.admin, models.AuditUpdate, "ministry", m.ID, nil); err != nil {
			t.Fatal(err)
		}
		var before models.EvaluationReport
		kept := false
		for try := 0; try < 300 && !kept; try++ { // not kept when another database's transaction ended in the read
			if try > 0 {
				time.Sleep(10 * time.Millisecond)
			}
			before, _ = report()
			_, again := report()
			kept = again == 1
		}
		if !kept {
			t.Fatal("the report was never kept")
		}
		late := db.Begin()
		if err := late.Exec("INSERT INTO audit_events (id, at, actor, action, record_type) VALUES (?, now(), 'test', 'update', 'incentive')", id).Error; err != nil {
			t.Fatal(err)
		}
		if err := late.Exec("UPDATE incentive_decisions SET decision = '승진 우대' WHERE cycle_id = ?", c.ID).Error; err != nil {
			t.Fatal(err)
		}
		if err := late.Commit().Error; err != nil {
			t.Fatal(err)
		}
		after, _ := report()
		d0, _ := before.IncentiveOf(person(before))
		d1, _ := after.IncentiveOf(person(after))
		if d0 != "평가수당 우대" || d1 != "승진 우대" {
			t.Errorf("a change committed after a newer one: %q, then %q", d0, d1)
		}
	})
}

// Two instances on one database: each keeps its own reports, and a change
// made through one shows in the next report of the other, which reads the
// audit log's position, not a note of its own.
func TestAReportKeptByOneInstanceShowsAChangeMadeThroughAnother(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		w := newEvalWorld(t, s)
		ctx := context.Background()
		c := w.finalizeWithCandidate(t)
		other, err := models.Open(ctx, reopenOptions(t, s))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { other.Close() })
		decision := func() string {
			t.Helper()
			r, err := other.EvaluationReport(ctx, c)
			if err != nil || len(r.People) != 1 {
				t.Fatalf("%d people, %v", len(r.People), err)
			}
			d, _ := r.IncentiveOf(r.People[0])
			return d
		}
		n := modelstest.CountQueries(t, other)
		if first, again := decision(), decision(); first != "미입력" || again != "미입력" {
			t.Fatalf("a decision before any was made: %q, %q", first, again)
		}
		if s.Dialect() == models.DialectSQLite && n.Load() > 20 {
			t.Errorf("the report read twice: %d statements, want it kept", n.Load())
		}
		if _, err := s.DecideIncentive(ctx, w.admin, c.ID, w.nomination.ID, 0, models.IncentiveInput{Decision: "평가수당 우대"}); err != nil {
			t.Fatal(err)
		}
		if got := decision(); got != "평가수당 우대" {
			t.Errorf("the other instance's report after the decision: %q", got)
		}
	})
}
