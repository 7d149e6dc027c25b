package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SeedReport counts what a seeding run created.
type SeedReport struct {
	Ministries, Rounds, Pairs, Tasks, Outcomes, Contacts int
}

// Total is the number of records created.
func (r SeedReport) Total() int {
	return r.Ministries + r.Rounds + r.Pairs + r.Tasks + r.Outcomes + r.Contacts
}

// Seed loads the programme's published data. It finds each record by its
// natural key and creates only what is missing, so running it twice changes
// nothing and it never overwrites what users have edited.
func (s *Store) Seed(ctx context.Context) (SeedReport, error) {
	var rep SeedReport
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSeeding(tx); err != nil {
			return err
		}
		ministries := map[string]Ministry{}
		for _, sm := range seedMinistries {
			m := Ministry{Code: sm.code, ShortName: sm.short, Name: sm.name, NameEn: seedEnglishNames[sm.code], Kind: sm.kind, Active: true}
			created, err := findOrCreate(tx, &m, "code = ?", sm.code)
			if err != nil {
				return fmt.Errorf("seed ministry %s: %w", sm.code, err)
			}
			rep.Ministries += created
			ministries[sm.code] = m
		}
		rounds := map[int]Round{}
		announced := pressRelease.UTC()
		for _, sr := range seedRounds {
			r := Round{Number: sr.number, Title: sr.title, Status: sr.status,
				PlannedDirectorGeneral: sr.directorGeneral, PlannedDivisionDirector: sr.divDir, ScheduleNote: sr.scheduleNote,
				AnnounceAt: &announced}
			created, err := findOrCreate(tx, &r, "number = ?", sr.number)
			if err != nil {
				return fmt.Errorf("seed round %d: %w", sr.number, err)
			}
			rep.Rounds += created
			rounds[sr.number] = r
		}
		for _, sp := range seedPairs {
			if err := seedPairRecord(tx, sp, rounds[sp.round], ministries, &rep); err != nil {
				return fmt.Errorf("seed pair %s–%s of round %d: %w", sp.ministryA, sp.ministryB, sp.round, err)
			}
		}
		for _, sc := range seedContacts {
			c := sc
			created, err := findOrCreate(tx, &c, "organization = ? AND name = ?", c.Organization, c.Name)
			if err != nil {
				return fmt.Errorf("seed contact %s: %w", c.Name, err)
			}
			rep.Contacts += created
		}
		if rep.Total() == 0 {
			return nil
		}
		if err := keepCycleTasks(tx, allCycles); err != nil { // tasks added to rounds a cycle may cover
			return err
		}
		return audit(tx, System, AuditSeed, "programme", 0, nil, rep)
	})
	if err != nil {
		return SeedReport{}, err
	}
	return rep, nil
}

func seedPairRecord(tx *gorm.DB, sp seedPair, round Round, ministries map[string]Ministry, rep *SeedReport) error {
	ma, mb := ministries[sp.ministryA], ministries[sp.ministryB]
	var pair ExchangePair
	var q *gorm.DB
	if sp.number > 0 {
		q = tx.Where("round_id = ? AND number = ?", round.ID, sp.number)
	} else {
		q = tx.Where("round_id = ? AND ministry_a_id = ? AND ministry_b_id = ?", round.ID, ma.ID, mb.ID)
	}
	err := q.Take(&pair).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		posA := Position{MinistryID: ma.ID, Title: optional(sp.titleA), Grade: optional(sp.grade)}
		posB := Position{MinistryID: mb.ID, Title: optional(sp.titleB), Grade: optional(sp.grade)}
		if err := tx.Create(&posA).Error; err != nil {
			return err
		}
		if err := tx.Create(&posB).Error; err != nil {
			return err
		}
		pair = ExchangePair{RoundID: round.ID, Number: optional(sp.number), Grade: optional(sp.grade),
			Theme: optional(sp.theme), Status: PairSelected,
			MinistryAID: ma.ID, PositionAID: posA.ID, MinistryBID: mb.ID, PositionBID: posB.ID}
		if err := tx.Omit(clause.Associations).Create(&pair).Error; err != nil {
			return err
		}
		rep.Pairs++
	case err != nil:
		return err
	}
	for i, st := range sp.tasks {
		task := CollaborationTask{PairID: pair.ID, Title: st.title, Category: optional(st.category),
			Published: true, Position: i + 1, Version: 1}
		created, err := findOrCreate(tx, &task, "pair_id = ? AND title = ?", pair.ID, st.title)
		if err != nil {
			return fmt.Errorf("task %q: %w", st.title, err)
		}
		rep.Tasks += created
		for j, so := range st.outcomes {
			o := Outcome{TaskID: task.ID, Kind: so.kind, Position: j + 1, Summary: so.summary, Label: so.label,
				Unit: so.unit, PeriodBefore: so.periodBefore, PeriodAfter: so.periodAfter, Version: 1}
			switch so.kind {
			case OutcomeMetric:
				o.ValueBefore, o.ValueAfter, o.Better = &so.before, &so.after, optional(so.better)
			case OutcomeAmount:
				o.Amount = &so.amount
			}
			created, err := findOrCreate(tx, &o, "task_id = ? AND summary = ?", task.ID, so.summary)
			if err != nil {
				return fmt.Errorf("outcome %q: %w", so.summary, err)
			}
			rep.Outcomes += created
		}
	}
	return nil
}

// seedLockKey serialises seeding when several instances start on an empty
// database at once ("gyoryu-seed" in spirit; any constant other than the migration lock).
const seedLockKey = 0x6779_7365_6564

// lockSeeding makes concurrent seeders take turns: on PostgreSQL with an
// advisory lock held until the transaction ends; SQLite transactions already
// take the database's write lock at BEGIN. Whoever comes second finds every
// record by its natural key and creates nothing.
func lockSeeding(tx *gorm.DB) error {
	if tx.Dialector.Name() != DialectPostgres {
		return nil
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", seedLockKey).Error; err != nil {
		return fmt.Errorf("take the seeding lock: %w", err)
	}
	return nil
}

// findOrCreate loads the record matching where into dst, or creates dst; it
// returns 1 when it created the record.
func findOrCreate[T any](tx *gorm.DB, dst *T, where string, args ...any) (int, error) {
	var found T
	err := tx.Where(where, args...).Take(&found).Error
	if err == nil {
		*dst = found
		return 0, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, err
	}
	if err := tx.Omit(clause.Associations).Create(dst).Error; err != nil {
		return 0, err
	}
	return 1, nil
}

// optional turns a zero value into "unknown" (nil).
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
