package models

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// A finalized cycle's report reads every task, review and exchangee of the
// cycle: 30–60 ms for a full synthetic year's 2,000 tasks and 200 exchanges,
// the demo's 5 (issue 25). Its records change rarely after 확정 (an incentive
// decided, a 기여도 평가 entered, an exchangee's record corrected), and each
// such change is audited in its own transaction. So the store keeps the
// reports it read, each with the audit log's position it was read at
// (recordsVersion), and hands one out again only while no change has been
// logged since: every instance checks the log itself, with one statement of
// index lookups.

// reportCacheSize is how many cycles' reports the store keeps: the few
// cycles people are reading at a time (a full synthetic year's report holds
// 4.7 MB: 2,000 tasks, 200 people).
const reportCacheSize = 4

// unchangingActions are the audit actions that change no programme record:
// every other action (and any added later) counts as a change of records.
var unchangingActions = map[string]bool{
	AuditLogin: true, AuditLoginFailed: true, AuditLogout: true, AuditViewPersonal: true,
	AuditPasswordChange: true, AuditPasswordReset: true, AuditThrottleClear: true,
	AuditSecondFactorPass: true, AuditSecondFactorEnrol: true, AuditRecoveryCodes: true,
	AuditSecondFactorRemove: true, AuditSecondFactorReset: true,
}

// recentWindow is how many ids below the newest change recordsVersion
// counts the events of, to see an event that committed after a newer one.
const recentWindow = 64

// recordsVersion is where the audit log stood when a report was read.
type recordsVersion struct {
	Last   int64 // the newest event of a change of records
	Recent int64 // the events of any action with ids in (Last-recentWindow, Last]
	// Quiet: no transaction of the app's that writes was in progress
	// (PostgreSQL, quietSQL; always on SQLite, whose one writer commits its
	// events in the order of their ids).
	Quiet bool
}

// same reports whether nothing changed between v and now, as far as a report can tell.
func (v recordsVersion) same(now recordsVersion) bool {
	return v.Last == now.Last && v.Recent == now.Recent
}

// recordsVersionSQL reads a recordsVersion in one statement: a lookup of the
// newest id of each changing action on audit_events (action, id), and a
// range of at most recentWindow ids on its key.
//
// Why Recent and Quiet: on PostgreSQL ids are handed out before commit, so a
// change can commit after a newer one and leave the newest id where it was.
// A transaction that had written anything when the version was read was in
// progress then: a report read while one was (not Quiet) is not kept. One
// that had written nothing yet takes its id after the version's newest id,
// or (its id drawn a moment before its first row is written) just below it,
// where Recent sees it appear.
//
// quietSQL tells whether each transaction in progress in the statement's
// snapshot is one that cannot change the app's records: still running, and
// of another database or not a client's (autovacuum's ANALYZE holds an xid
// for seconds after a bulk load). One no longer running may have been the
// app's and committed since: not quiet. (pg_stat_activity shows an xid
// without its epoch.)
const quietSQL = "NOT EXISTS (SELECT 1 FROM pg_snapshot_xip(pg_current_snapshot()) x WHERE NOT EXISTS (" +
	"SELECT 1 FROM pg_stat_activity a WHERE a.backend_xid::text::bigint = x::text::bigint % 4294967296" +
	" AND (a.datname IS DISTINCT FROM current_database() OR a.backend_type <> 'client backend')))"

func recordsVersionSQL(dialect string) (string, []any) {
	var probes []string
	var args []any
	for _, a := range AuditActions {
		if !unchangingActions[a] {
			probes = append(probes, "SELECT MAX(id) AS m FROM audit_events WHERE action = ?")
			args = append(args, a)
		}
	}
	quiet := "1 = 1"
	if dialect == DialectPostgres {
		quiet = quietSQL
	}
	return "WITH v AS (SELECT COALESCE(MAX(m), 0) AS last FROM (" + strings.Join(probes, " UNION ALL ") + ") changes)" +
		" SELECT v.last AS last, (SELECT COUNT(*) FROM audit_events e WHERE e.id > v.last - " + fmt.Sprint(recentWindow) +
		" AND e.id <= v.last) AS recent, " + quiet + " AS quiet FROM v", args
}

func (s *Store) recordsVersion(ctx context.Context) (recordsVersion, error) {
	q, args := recordsVersionSQL(s.dialect)
	var v recordsVersion
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&v).Error; err != nil {
		return v, fmt.Errorf("read the audit log's position: %w", err)
	}
	return v, nil
}

// reportCache keeps the last reports read, by cycle.
type reportCache struct {
	mu      sync.Mutex
	entries []cachedReport // the most recently used last
	kept    uint64         // the last EvaluationReport.Kept given
}

type cachedReport struct {
	cycleID, cycleVersion int64
	version               recordsVersion
	report                EvaluationReport
}

// get is the report of cycle c kept at version now, if any.
func (rc *reportCache) get(c EvaluationCycle, now recordsVersion) (EvaluationReport, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for i, e := range rc.entries {
		if e.cycleID == c.ID {
			if e.cycleVersion != int64(c.Version) || !e.version.same(now) {
				return EvaluationReport{}, false
			}
			rc.entries = append(append(rc.entries[:i:i], rc.entries[i+1:]...), e)
			return e.report, true
		}
	}
	return EvaluationReport{}, false
}

// put keeps r, read at version v, in place of c's report, dropping the least
// recently used beyond reportCacheSize, and returns it numbered (Kept).
func (rc *reportCache) put(c EvaluationCycle, v recordsVersion, r EvaluationReport) EvaluationReport {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.kept++
	r.Kept = rc.kept
	kept := rc.entries[:0]
	for _, e := range rc.entries {
		if e.cycleID != c.ID {
			kept = append(kept, e)
		}
	}
	kept = append(kept, cachedReport{cycleID: c.ID, cycleVersion: int64(c.Version), version: v, report: r})
	if len(kept) > reportCacheSize {
		kept = kept[len(kept)-reportCacheSize:]
	}
	rc.entries = kept
	return r
}

// clear drops every report kept.
func (rc *reportCache) clear() {
	rc.mu.Lock()
	rc.entries = nil
	rc.mu.Unlock()
}

// KeepNoReports makes EvaluationReport read every report, for the tests that
// count a page's reads. Call it before the store is used.
func (s *Store) KeepNoReports() { s.reports = nil }
