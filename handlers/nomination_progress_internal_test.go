package handlers

import (
	"slices"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

func TestApprovalProgressAndMoveMessagesSpellOutWhatComesNext(t *testing.T) {
	at := time.Date(2025, 1, 20, 5, 5, 0, 0, time.UTC) // 14:05 in Seoul
	mpm := models.NominationApproval{Submission: 1, Office: "mpm", User: &models.User{DisplayName: "김심사"}, At: at}
	opc := models.NominationApproval{Submission: 1, Office: "opc", User: &models.User{DisplayName: "이조정"}, At: at}
	old := models.NominationApproval{Submission: 0, Office: "opc", At: at} // of an earlier submission: it does not count
	nomination := func(rule models.ApprovalRule, st models.NominationStatus, approvals ...models.NominationApproval) models.Nomination {
		n := models.Nomination{Status: st, Submission: 1, Approvals: approvals, Ministry: models.Ministry{ShortName: "중기부"}}
		n.Pair.Round.ApprovalRule = rule
		return n
	}
	for _, tc := range []struct {
		name      string
		n         models.Nomination
		move      models.NominationMove
		decisions []string
		message   string
	}{
		{"submitted, both offices needed", nomination(models.ApproveEachOffice, models.NominationSubmitted, old), models.MoveSubmit,
			[]string{"인사혁신처 승인 대기", "국무조정실 승인 대기"}, "제출했습니다. 인사혁신처와 국무조정실 승인을 기다립니다."},
		{"one office approved", nomination(models.ApproveEachOffice, models.NominationSubmitted, mpm), models.MoveApprove,
			[]string{"인사혁신처 승인 · 김심사 · 2025-01-20 14:05", "국무조정실 승인 대기"}, "승인했습니다. 국무조정실 승인을 기다립니다."},
		{"both approved", nomination(models.ApproveEachOffice, models.NominationApproved, mpm, opc), models.MoveApprove,
			[]string{"인사혁신처 승인 · 김심사 · 2025-01-20 14:05", "국무조정실 승인 · 이조정 · 2025-01-20 14:05"},
			"승인했습니다. 승인이 끝났습니다. 중기부가 교류 시작을 기록합니다."},
		{"either office", nomination(models.ApproveOnce, models.NominationSubmitted), models.MoveSubmit,
			[]string{"인사혁신처 또는 국무조정실 승인 대기"}, "제출했습니다. 인사혁신처 또는 국무조정실 승인을 기다립니다."},
		{"returned", nomination(models.ApproveEachOffice, models.NominationReturned), models.MoveReturn,
			nil, "반려했습니다. 중기부가 사유를 확인하고 다시 추천합니다."},
	} {
		if got := decisionLabels(tc.n); !slices.Equal(got, tc.decisions) {
			t.Errorf("%s: decisions %q, want %q", tc.name, got, tc.decisions)
		}
		if got := moveMessage(tc.n, tc.move); got != tc.message {
			t.Errorf("%s: message %q, want %q", tc.name, got, tc.message)
		}
	}
	reviewer := &models.User{Role: models.RoleReviewer, Active: true}
	office := models.OfficeMPM
	reviewer.Office = &office
	if n := nomination(models.ApproveEachOffice, models.NominationSubmitted, mpm); !n.DecidedBy(reviewer) {
		t.Error("a reviewer of the office that approved has still something to decide")
	}
	if n := nomination(models.ApproveEachOffice, models.NominationSubmitted, opc); n.DecidedBy(reviewer) {
		t.Error("the other office's approval counted as the reviewer's")
	}
}
