package models

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"
)

// Synthetic years: volume data for measuring the app at the size of a decade
// of the programme (issue 25). Each year has two rounds, a hundred pairs a
// round (times Scale), ten tasks a pair with an outcome each, five
// nominations a pair with their histories, four evaluation cycles scoring the
// year's tasks, and a hundred thousand audit events and access records (times
// Scale). Everything is marked as made up: rounds and cycles end in "(가상)",
// people are "가상 교류자 00001", positions "가상 … 00001". The ministries,
// the themes and the accounts acting are the real seed's and the demo's.
// They are dated in the Years years up to the end of 2026. The same Years and
// Scale write the same rows.

// DecadeOptions says how much to write.
type DecadeOptions struct {
	Years int     // two rounds and four evaluation cycles a year
	Scale float64 // pairs a round and events a year, as a share of the full 100 and 100,000 (0 < Scale ≤ 1)
}

// DecadeReport counts what SeedDecade wrote.
type DecadeReport struct {
	Rounds, Pairs, Tasks, Outcomes, Nominations, NominationEvents int
	Cycles, Reviews, SelfAssessments, IncentiveDecisions          int
	AuditEvents, AccessRecords                                    int
}

// Total is the number of rows written.
func (r DecadeReport) Total() int {
	return r.Rounds + r.Pairs + r.Tasks + r.Outcomes + r.Nominations + r.NominationEvents +
		r.Cycles + r.Reviews + r.SelfAssessments + r.IncentiveDecisions + r.AuditEvents + r.AccessRecords
}

// DecadeSuffix marks the names of synthetic rounds and evaluation cycles.
const DecadeSuffix = "(가상)"

// ErrDecadeThere is returned when the database already holds synthetic years.
var ErrDecadeThere = errors.New("the database already holds synthetic years (rounds named … " + DecadeSuffix + ")")

const (
	decadePairsPerRound = 100
	decadeTasksPerPair  = 10
	decadeEventsPerYear = 100_000
)

// decadeEnd is the day after the last synthetic year: fixed, so that the rows
// do not depend on the day they were written, and the same for every number of
// years, so that a store of one year and one of ten share their last year
// (the month the access records' review reads, the cycle under review).
var decadeEnd = time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC)

// HasDecade reports whether synthetic years were written.
func (s *Store) HasDecade(ctx context.Context) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Round{}).Where("title LIKE ?", "%"+DecadeSuffix).Count(&n).Error
	return n > 0, err
}

// SeedDecade writes synthetic years onto the programme data and the demo
// accounts (it seeds both when missing), in one transaction. Callers decide
// whether the database may receive them (cmd/web: empty, or asked).
func (s *Store) SeedDecade(ctx context.Context, opt DecadeOptions) (DecadeReport, error) {
	if opt.Years < 1 || opt.Years > 50 {
		return DecadeReport{}, fmt.Errorf("years: %d, want 1 to 50", opt.Years)
	}
	if opt.Scale <= 0 || opt.Scale > 1 {
		return DecadeReport{}, fmt.Errorf("scale: %g, want more than 0 and at most 1", opt.Scale)
	}
	if there, err := s.HasDecade(ctx); err != nil {
		return DecadeReport{}, err
	} else if there {
		return DecadeReport{}, ErrDecadeThere
	}
	if _, err := s.Seed(ctx); err != nil {
		return DecadeReport{}, fmt.Errorf("seed the programme data: %w", err)
	}
	if _, err := s.SeedDemoAccounts(ctx); err != nil {
		return DecadeReport{}, fmt.Errorf("seed the demo accounts: %w", err)
	}
	var rep DecadeReport
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSeeding(tx); err != nil {
			return err
		}
		if s.dialect == DialectPostgres {
			// Each row's foreign keys are checked by a lookup that PostgreSQL plans
			// from the tables' statistics. On a database analyzed while empty (a
			// test's copy of its template) it planned a sequential scan of the
			// parent for every row: ten years took 9.5 minutes to write, each
			// batch of scores reading every review written before it. The bulk
			// load uses the indexes, as it does on a database never analyzed.
			if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
				return err
			}
		}
		w, err := newDecadeWriter(tx, opt)
		if err != nil {
			return err
		}
		if err := w.write(); err != nil {
			return err
		}
		rep = w.rep
		return audit(tx, System, AuditSeed, "programme", 0, nil, rep)
	})
	if err != nil {
		return DecadeReport{}, err
	}
	if s.dialect == DialectSQLite {
		// The load went through the write-ahead log; copy it into the file now,
		// rather than leave hundreds of megabytes for the first readers to walk.
		if err := s.db.WithContext(ctx).Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
			return rep, fmt.Errorf("checkpoint after the synthetic years: %w", err)
		}
	}
	return rep, nil
}

// decadeWriter holds what the tables written so far give the next ones.
type decadeWriter struct {
	tx  *gorm.DB
	opt DecadeOptions
	rng *rand.Rand
	rep DecadeReport

	ministries                 []Ministry
	coordinators               map[int64]int64 // ministry id → demo coordinator's user id
	admin, reviewer, reviewer2 int64
	logins                     map[int64]string

	start       time.Time        // the first synthetic year's first day
	next        map[string]int64 // table → next id
	roundNumber int

	// per year, for the cycles: the tasks of the year's rounds and their pair's ministry A
	yearTasks [][]decadeTask
	// per year, for the incentive decisions: the nominations of exchanges under way or done
	yearExchanges [][]int64
	// ids for the audit log and access records to name
	taskIDs, nominationIDs, pairIDs []int64
}

type decadeTask struct {
	id, ministryA int64
	pair          int // the pair's number across the decade
}

var decadeTables = []string{"rounds", "positions", "exchange_pairs", "collaboration_tasks", "outcomes", "nominations",
	"nomination_events", "nomination_approvals", "evaluation_cycles", "evaluation_criteria", "evaluation_grade_bands",
	"evaluation_reviews", "self_assessments", "incentive_decisions", "audit_events", "access_records"}

func newDecadeWriter(tx *gorm.DB, opt DecadeOptions) (*decadeWriter, error) {
	w := &decadeWriter{tx: tx, opt: opt, rng: rand.New(rand.NewPCG(2024, 1222)),
		start: decadeEnd.AddDate(-opt.Years, 0, 0), next: map[string]int64{},
		coordinators: map[int64]int64{}, logins: map[int64]string{}}
	if err := tx.Where("active").Order("id").Find(&w.ministries).Error; err != nil {
		return nil, err
	}
	var users []struct {
		ID         int64
		Login      string
		Role       Role
		Office     *Office
		MinistryID *int64
	}
	err := tx.Table("users").Select("users.id, users.login, users.role, users.office, users.ministry_id").
		Joins("JOIN demo_accounts ON demo_accounts.user_id = users.id").Order("users.id").Scan(&users).Error
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		w.logins[u.ID] = u.Login
		switch {
		case u.Login == "admin":
			w.admin = u.ID
		case u.Login == "reviewer":
			w.reviewer = u.ID
		case u.Login == "reviewer-opc":
			w.reviewer2 = u.ID
		case u.MinistryID != nil:
			w.coordinators[*u.MinistryID] = u.ID
		}
	}
	if w.admin == 0 || w.reviewer == 0 || w.reviewer2 == 0 || len(w.ministries) < 2 {
		return nil, errors.New("synthetic years need the programme's ministries and the demo accounts")
	}
	for _, t := range decadeTables {
		id, err := nextID(tx, t)
		if err != nil {
			return nil, err
		}
		w.next[t] = id
	}
	var max *int
	if err := tx.Raw("SELECT MAX(number) FROM rounds").Scan(&max).Error; err != nil {
		return nil, err
	}
	if max != nil {
		w.roundNumber = *max
	}
	return w, nil
}

// id hands out the next id of a table.
func (w *decadeWriter) id(table string) int64 {
	id := w.next[table]
	w.next[table]++
	return id
}

// scaled is n times the scale, at least one.
func (w *decadeWriter) scaled(n int) int {
	return max(1, int(float64(n)*w.opt.Scale+0.5))
}

func (w *decadeWriter) write() error {
	if err := w.writeRounds(); err != nil {
		return err
	}
	if err := w.writeCycles(); err != nil {
		return err
	}
	if err := w.writeLogs(); err != nil {
		return err
	}
	return syncSequences(w.tx, decadeTables...)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
