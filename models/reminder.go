package models

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// ReminderDays is how many days before a due date its reminder goes out.
const ReminderDays = 3

// reminder is one reminder to write: who gets it (a SQL condition on users u,
// with its arguments) and what it says. Its key makes it once per person.
type reminder struct {
	key, subject, recordType, label string
	recordID                        int64
	who                             string
	args                            []any
}

// QueueReminders writes the reminders due at now: a few days (ReminderDays)
// before a cycle's self-assessment or scoring is due and before a round's
// proposals are due, to those who still have that work; EndingSoonDays before
// an exchange's planned end, to both ministries' coordinators. Each is written
// once per person and due date, however often this runs and on however many
// instances (a unique key per person). It reports how many were written.
func (s *Store) QueueReminders(ctx context.Context, now time.Time) (int64, error) {
	var written int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		list, err := remindersDue(tx, today(now))
		if err != nil {
			return err
		}
		for _, r := range list {
			res := tx.Exec("INSERT INTO notifications (user_id, subject, record_type, record_id, record_label, created_at, reminder_key) "+
				"SELECT u.id, ?, ?, ?, ?, ?, ? FROM users u WHERE u.active = ? AND ("+r.who+") ON CONFLICT DO NOTHING",
				append([]any{r.subject, r.recordType, r.recordID, r.label, tx.NowFunc(), r.key, true}, r.args...)...)
			if res.Error != nil {
				return fmt.Errorf("write reminder %s: %w", r.key, res.Error)
			}
			written += res.RowsAffected
		}
		return nil
	})
	return written, err
}

// remindersDue lists the reminders whose time has come on day (a date in Seoul).
func remindersDue(tx *gorm.DB, day time.Time) ([]reminder, error) {
	soon := day.AddDate(0, 0, ReminderDays)
	var list []reminder
	var cycles []EvaluationCycle
	if err := tx.Where("(stage = ? AND self_due BETWEEN ? AND ?) OR (stage = ? AND review_due BETWEEN ? AND ?)",
		StageSelfAssessment, day, soon, StageReview, day, soon).Order("id").Find(&cycles).Error; err != nil {
		return nil, fmt.Errorf("cycles with work due: %w", err)
	}
	inCycle := "p.status = 'selected' AND p.round_id IN (SELECT round_id FROM evaluation_cycle_rounds WHERE cycle_id = ?)"
	for _, c := range cycles {
		id := strconv.FormatInt(c.ID, 10)
		if c.Stage == StageSelfAssessment {
			due := dateString(c.SelfDue)
			list = append(list, reminder{key: "self_due:" + id + ":" + due, recordType: RecordEvaluation, recordID: c.ID, label: c.Name,
				subject: "자체 점검 마감일(" + due + ")이 다가옵니다. 제출하지 않은 협업과제가 있습니다.",
				who: "u.role = 'coordinator' AND EXISTS (SELECT 1 FROM collaboration_tasks t JOIN exchange_pairs p ON p.id = t.pair_id WHERE " + inCycle +
					" AND (p.ministry_a_id = u.ministry_id OR p.ministry_b_id = u.ministry_id)" +
					" AND NOT EXISTS (SELECT 1 FROM self_assessments a WHERE a.cycle_id = ? AND a.task_id = t.id AND a.submitted_at IS NOT NULL))",
				args: []any{c.ID, c.ID}})
			continue
		}
		due := dateString(c.ReviewDue)
		list = append(list, reminder{key: "review_due:" + id + ":" + due, recordType: RecordEvaluation, recordID: c.ID, label: c.Name,
			subject: "실적 점검·평가 심사 마감일(" + due + ")이 다가옵니다. 점수를 입력하지 않은 협업과제가 있습니다.",
			who: "u.role = 'reviewer' AND EXISTS (SELECT 1 FROM collaboration_tasks t JOIN exchange_pairs p ON p.id = t.pair_id WHERE " + inCycle +
				" AND NOT EXISTS (SELECT 1 FROM evaluation_reviews r WHERE r.cycle_id = ? AND r.task_id = t.id AND r.reviewer_id = u.id))",
			args: []any{c.ID, c.ID}})
	}
	var rounds []Round
	if err := tx.Where("status = ? AND proposals_due_on BETWEEN ? AND ?", RoundProposals, day, soon).Order("id").Find(&rounds).Error; err != nil {
		return nil, fmt.Errorf("rounds with proposals due: %w", err)
	}
	for _, r := range rounds {
		due := dateString(r.ProposalsDueOn)
		list = append(list, reminder{key: "proposals_due:" + strconv.FormatInt(r.ID, 10) + ":" + due, recordType: RecordRound, recordID: r.ID,
			label: r.Title, subject: "교류직위 제안 마감일(" + due + ")이 다가옵니다.", who: "u.role = 'coordinator'"})
	}
	var ending []Nomination
	if err := tx.Joins("Pair").Where("nominations.status IN ? AND nominations.planned_end BETWEEN ? AND ?",
		[]NominationStatus{NominationActive, NominationExtended}, day, day.AddDate(0, 0, EndingSoonDays)).
		Order("nominations.id").Find(&ending).Error; err != nil {
		return nil, fmt.Errorf("exchanges ending soon: %w", err)
	}
	for _, n := range ending {
		end := dateString(n.PlannedEnd)
		var label string
		if err := tx.Raw(nominationLabelSQL, n.ID).Scan(&label).Error; err != nil {
			return nil, fmt.Errorf("name nomination %d: %w", n.ID, err)
		}
		list = append(list, reminder{key: "ending:" + strconv.FormatInt(n.ID, 10) + ":" + end, recordType: RecordNomination, recordID: n.ID,
			label:   label,
			subject: "교류 종료 예정일(" + end + ")이 " + strconv.Itoa(EndingSoonDays) + "일 안으로 다가왔습니다. 연장하거나 복귀를 기록해 주십시오.",
			who:     "u.role = 'coordinator' AND u.ministry_id IN (?, ?)", args: []any{n.Pair.MinistryAID, n.Pair.MinistryBID}})
	}
	return list, nil
}
