package models

import (
	"strings"
	"testing"
)

// A condition that asks for a note and was confirmed without one keeps the
// nomination from being submitted, named next to its note; one that does not
// ask for a note, or one not confirmed, is another matter; the history reads
// the notes.
func TestAConfirmedConditionAskingForANoteNeedsOne(t *testing.T) {
	round := []RoundCondition{{ID: 1, Text: "근무성적평정 기준 이상", NoteRequired: true}, {ID: 2, Text: "최근 1년 징계 없음"}, {ID: 3, Text: "해외 파견 중 아님", NoteRequired: true}}
	for _, c := range []struct {
		name      string
		confirmed []NominationCondition
		want      []string
	}{
		{"all confirmed, the required notes missing", []NominationCondition{{ConditionID: 1}, {ConditionID: 2}, {ConditionID: 3}}, []string{"근무성적평정 기준 이상", "해외 파견 중 아님"}},
		{"all confirmed with the required notes", []NominationCondition{{ConditionID: 1, Note: "인사기록 확인"}, {ConditionID: 2}, {ConditionID: 3, Note: "파견 명령 없음"}}, nil},
		{"one not confirmed", []NominationCondition{{ConditionID: 1, Note: "인사기록 확인"}, {ConditionID: 2}}, nil},
	} {
		n := Nomination{Conditions: c.confirmed}
		got, rows := n.WithoutNote(round)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: without a note %q, want %q", c.name, got, c.want)
		}
		errs := n.missingForSubmission(round)
		for k, i := range rows {
			if msg := errs[ConditionNoteKey(i)]; !strings.Contains(msg, "‘"+got[k]+"’") {
				t.Errorf("%s: the message at %s is %q", c.name, ConditionNoteKey(i), msg)
			}
		}
	}
	n := Nomination{Conditions: []NominationCondition{{ConditionID: 1}, {ConditionID: 2, Note: "징계 기록 조회"}}}
	want := "근무성적평정 기준 이상: 확인함 (확인 근거 미입력) · 최근 1년 징계 없음: 확인함 (확인 근거: 징계 기록 조회) · 해외 파견 중 아님: 확인하지 않음"
	if got := n.conditionsSnapshot(round); got != want {
		t.Errorf("the history reads %q, want %q", got, want)
	}
}
