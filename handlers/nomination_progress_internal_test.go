package handlers

import (
	"slices"
	"strings"
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
		n := models.Nomination{Status: st, Submission: 1, ConsentedSubmission: 1, Approvals: approvals, Ministry: models.Ministry{ShortName: "중기부"}, MinistryID: 2}
		n.Pair.Round.ApprovalRule = rule
		n.Pair.MinistryAID, n.Pair.MinistryA, n.Pair.MinistryBID = 1, models.Ministry{ID: 1, ShortName: "고용부"}, 2
		return n
	}
	awaiting := nomination(models.ApproveEachOffice, models.NominationSubmitted)
	awaiting.ConsentedSubmission = 0
	declined := nomination(models.ApproveEachOffice, models.NominationReturned)
	declined.ConsentedSubmission = 0
	for _, tc := range []struct {
		name      string
		n         models.Nomination
		move      models.NominationMove
		decisions []string
		message   string
	}{
		{"submitted, waiting for the receiving ministry", awaiting, models.MoveSubmit,
			[]string{"인사혁신처 승인 대기", "국무조정실 승인 대기"}, "제출했습니다. 받는 부처(고용부)의 동의를 기다립니다. 동의하면 심사가 시작됩니다."},
		{"agreed to, both offices needed", nomination(models.ApproveEachOffice, models.NominationSubmitted, old), models.MoveConsent,
			[]string{"인사혁신처 승인 대기", "국무조정실 승인 대기"}, "동의했습니다. 인사혁신처와 국무조정실 승인을 기다립니다."},
		{"declined", declined, models.MoveDecline, nil, "거절했습니다. 중기부가 사유를 확인하고 다시 추천합니다."},
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
	for _, tc := range []struct {
		name            string
		n               models.Nomination
		state, progress string
		summary         string
	}{
		{"waiting for consent", awaiting, "받는 부처 동의 대기", "받는 부처(고용부) 동의 대기 | 인사혁신처 승인 대기 | 국무조정실 승인 대기", "받는 부처 동의 대기"},
		{"declined", declined, "거절됨", "받는 부처(고용부) 거절됨: 다시 제출하면 받는 부처 동의부터 새로 시작됩니다", "받는 부처 거절됨"},
		{"one office approved", nomination(models.ApproveEachOffice, models.NominationSubmitted, mpm), "심사 중",
			"인사혁신처 승인 · 김심사 · 2025-01-20 14:05 | 국무조정실 승인 대기", "인사혁신처 승인 · 국무조정실 승인 대기"},
		{"both approved", nomination(models.ApproveEachOffice, models.NominationApproved, mpm, opc), "승인",
			"인사혁신처 승인 · 김심사 · 2025-01-20 14:05 | 국무조정실 승인 · 이조정 · 2025-01-20 14:05", "인사혁신처·국무조정실 승인"},
		{"returned by a reviewer", nomination(models.ApproveEachOffice, models.NominationReturned), "반려",
			"반려됨: 다시 제출하면 심사가 새로 시작됩니다", "반려됨"},
	} {
		if got := tc.n.StateLabel(); got != tc.state {
			t.Errorf("%s: state %q, want %q", tc.name, got, tc.state)
		}
		if got := strings.Join(approvalProgress(tc.n, nil), " | "); got != tc.progress {
			t.Errorf("%s: 승인 현황 %q, want %q", tc.name, got, tc.progress)
		}
		if got := approvalSummary(tc.n); got != tc.summary {
			t.Errorf("%s: the list's 승인 %q, want %q", tc.name, got, tc.summary)
		}
	}
	for _, tc := range []struct {
		confirmed, of int
		want          string
	}{{0, 0, "요건 없음"}, {0, 2, "2개 중 0개 확인함"}, {1, 2, "2개 중 1개 확인함"}, {2, 2, "모두 확인함 (2개)"}} {
		if got := conditionSummary(tc.confirmed, tc.of); got != tc.want {
			t.Errorf("conditionSummary(%d, %d) = %q, want %q", tc.confirmed, tc.of, got, tc.want)
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
