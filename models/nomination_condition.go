package models

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// The eligibility conditions on a nomination: which the sending ministry
// confirmed, with its notes on what was checked (확인 근거), as the form
// sends them and as the history and the audit log read them.

// maxConditionNote bounds a note on what was checked for a condition.
const maxConditionNote = 500

// ConditionNoteKey is the key of the message about the note on the round's
// condition at index i: condition_note.i, the form showing the round's
// conditions in order.
func ConditionNoteKey(i int) string { return "condition_note." + strconv.Itoa(i) }

// applyNotes writes the notes of the form into the confirmed conditions of n.
// A note goes with a confirmation: a changed note is a new confirmation, by
// whoever wrote it, and a note on a condition not confirmed is refused rather
// than lost.
func (in NominationInput) applyNotes(n *Nomination, before []NominationCondition, conditions []RoundCondition, errs FieldErrors) {
	for j, raw := range in.ConditionNoteFor {
		id, err := strconv.ParseInt(raw, 10, 64)
		i := slices.IndexFunc(conditions, func(c RoundCondition) bool { return c.ID == id })
		if err != nil || i < 0 {
			errs["condition"] = "이 차수의 자격 요건만 확인할 수 있습니다."
			continue
		}
		note := strings.TrimSpace(at(in.ConditionNotes, j))
		if note == "" {
			continue
		}
		key := ConditionNoteKey(i)
		k := slices.IndexFunc(n.Conditions, func(c NominationCondition) bool { return c.ConditionID == id })
		switch {
		case utf8.RuneCountInString(note) > maxConditionNote:
			errs[key] = fmt.Sprintf("‘%s’ 요건의 확인 근거는 %d자 이하로 입력해 주십시오.", conditions[i].Text, maxConditionNote)
		case k < 0:
			errs[key] = "‘" + conditions[i].Text + "’ 요건의 확인 근거를 남기려면 그 요건을 확인해 주십시오."
		default:
			nc := &n.Conditions[k]
			if was := slices.IndexFunc(before, func(c NominationCondition) bool { return c.ConditionID == id }); was >= 0 && before[was].Note != note {
				nc.ConfirmedBy, nc.ConfirmedAt = nil, nil // stamped again on saving
			}
			nc.Note = note
		}
	}
	// A note emptied is a confirmation changed too.
	for k := range n.Conditions {
		nc := &n.Conditions[k]
		if was := slices.IndexFunc(before, func(c NominationCondition) bool { return c.ConditionID == nc.ConditionID }); was >= 0 && nc.Note == "" && before[was].Note != "" {
			nc.ConfirmedBy, nc.ConfirmedAt = nil, nil
		}
	}
}

// WithoutNote lists the texts of the round's conditions that ask for a note
// and that the nomination confirmed without one, with their index in the round.
func (n Nomination) WithoutNote(round []RoundCondition) (texts []string, rows []int) {
	for i, rc := range round {
		if !rc.NoteRequired {
			continue
		}
		if k := slices.IndexFunc(n.Conditions, func(c NominationCondition) bool { return c.ConditionID == rc.ID }); k >= 0 && n.Conditions[k].Note == "" {
			texts, rows = append(texts, rc.Text), append(rows, i)
		}
	}
	return texts, rows
}

// Unconfirmed lists the texts of the round's conditions the nomination has not
// confirmed, in the round's order.
func (n Nomination) Unconfirmed(round []RoundCondition) []string {
	var out []string
	for _, rc := range round {
		if !slices.ContainsFunc(n.Conditions, func(c NominationCondition) bool { return c.ConditionID == rc.ID }) {
			out = append(out, rc.Text)
		}
	}
	return out
}

// quotedList writes texts as ‘A’, ‘B’.
func quotedList(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = "‘" + t + "’"
	}
	return strings.Join(q, ", ")
}

// conditionsSnapshot is the round's conditions as the nomination stands on
// them now, with the notes, for the history and the audit log:
// "근무성적평정 기준 이상: 확인함 (확인 근거: 2024년 근무성적 A) · 최근 1년 징계 없음: 확인하지 않음".
func (n Nomination) conditionsSnapshot(round []RoundCondition) string {
	parts := make([]string, len(round))
	for i, rc := range round {
		state := "확인하지 않음"
		if k := slices.IndexFunc(n.Conditions, func(c NominationCondition) bool { return c.ConditionID == rc.ID }); k >= 0 {
			state = "확인함"
			if note := n.Conditions[k].Note; note != "" {
				state += " (확인 근거: " + note + ")"
			} else if rc.NoteRequired {
				state += " (확인 근거 미입력)"
			}
		}
		parts[i] = rc.Text + ": " + state
	}
	return strings.Join(parts, " · ")
}

// roundConditions are a round's eligibility conditions in order.
func roundConditions(tx *gorm.DB, roundID int64) ([]RoundCondition, error) {
	var list []RoundCondition
	if err := tx.Where("round_id = ?", roundID).Order("position, id").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("conditions of round %d: %w", roundID, err)
	}
	return list, nil
}
