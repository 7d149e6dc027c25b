package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Notification is one message for one person: shown on their 알림 page and
// delivered by e-mail by the mail sender (notification_mail.go). It names the
// record (RecordLabel: a position and ministry, a cycle's name), never personal
// data of exchangees, so neither the table nor a mail keeps any.
type Notification struct {
	ID            int64
	UserID        int64
	Subject       string
	RecordType    string // "nomination", "evaluation", "round"; the page that links to it knows its address
	RecordID      *int64
	RecordLabel   string
	CreatedAt     time.Time
	ReadAt        *time.Time
	SentAt        *time.Time
	MailState     MailState
	MailID        *int64 // the first notification of the mail that carries this one: its Message-ID
	Attempts      int
	NextAttemptAt *time.Time
	ClaimedUntil  *time.Time
	LastError     string
	ReminderKey   *string // set on reminders: one per person and key
}

// MailState is where a notification's e-mail stands.
type MailState string

// Mail states.
const (
	MailPending MailState = "pending" // to send (now, or at the next digest, or after a pause)
	MailSent    MailState = "sent"
	MailSkipped MailState = "skipped" // the person reads no mail, has no address, or it is old news
	MailFailed  MailState = "failed"  // refused for good, or given up after the last attempt
)

// Record types of notifications.
const (
	RecordNomination = "nomination"
	RecordEvaluation = "evaluation"
	RecordRound      = "round"
)

// recipients says who a move concerns.
type recipients int

const (
	toReviewers recipients = 1 << iota // every active reviewer
	toSending                          // the sending ministry's coordinators
	toReceiving                        // the coordinators of the ministry that receives the exchangee
)

// moveNotices is who hears of each move, and what they read.
var moveNotices = map[NominationMove]struct {
	to      recipients
	subject string
}{
	MoveSubmit:        {toReceiving, "교류자 추천이 들어왔습니다. 받는 부처로서 동의하거나 거절해 주십시오."},
	MoveConsent:       {toReviewers | toSending, "받는 부처가 교류자 추천에 동의했습니다. 심사를 기다립니다."},
	MoveDecline:       {toSending, "받는 부처가 교류자 추천을 거절했습니다. 사유를 확인하고 다시 추천해 주십시오."},
	MoveApprove:       {toSending | toReceiving, "교류자 선발이 승인되었습니다."},
	MoveReturn:        {toSending, "교류자 선발이 반려되었습니다. 사유를 확인하고 다시 추천해 주십시오."},
	MoveRevoke:        {toSending | toReceiving, "교류자 선발 승인이 취소되었습니다."},
	MoveStart:         {toSending | toReceiving, "교류가 시작되었습니다."},
	MoveRegister:      {toSending | toReceiving, "이미 시작한 교류가 등록되었습니다. 연장 요청과 복귀는 이 기록으로 처리합니다."},
	MoveExtend:        {toReceiving, "교류 기간 연장 요청이 들어왔습니다. 동의하거나 거절해 주십시오."},
	MoveExtendAgree:   {toReviewers | toSending, "받는 부처가 교류 기간 연장에 동의했습니다. 심사자의 승인을 기다립니다."},
	MoveExtendDecline: {toSending, "받는 부처가 교류 기간 연장을 거절했습니다. 사유를 확인해 주십시오."},
	MoveExtendApprove: {toSending | toReceiving, "교류 기간 연장이 승인되었습니다."},
	MoveExtendReturn:  {toSending | toReceiving, "교류 기간 연장이 반려되었습니다. 사유를 확인해 주십시오."},
	MoveEnd:           {toSending | toReviewers, "교류자가 복귀했습니다. 완료 보고를 작성해 주십시오."},
	MoveReport:        {toReviewers, "교류 완료 보고가 제출되었습니다."},
	MoveAcknowledge:   {toSending, "교류 완료 보고가 확인되었습니다."},
}

// notifyMove puts the move's notices in the outbox; an approval that still
// waits for another office tells no one yet.
func notifyMove(tx *gorm.DB, n Nomination, move NominationMove) error {
	notice, ok := moveNotices[move]
	if !ok || (move == MoveApprove && n.Status != NominationApproved) || (move == MoveExtendApprove && n.OpenExtension() != nil) {
		return nil
	}
	receiving := n.Pair.MinistryAID
	if receiving == n.MinistryID {
		receiving = n.Pair.MinistryBID
	}
	var who []string
	var args []any
	if notice.to&toReviewers != 0 {
		who = append(who, "role = ?")
		args = append(args, RoleReviewer)
	}
	if notice.to&toSending != 0 {
		who = append(who, "(role = ? AND ministry_id = ?)")
		args = append(args, RoleCoordinator, n.MinistryID)
	}
	if notice.to&toReceiving != 0 {
		who = append(who, "(role = ? AND ministry_id = ?)")
		args = append(args, RoleCoordinator, receiving)
	}
	where := who[0]
	for _, w := range who[1:] {
		where += " OR " + w
	}
	sql := "INSERT INTO notifications (user_id, subject, record_type, record_id, record_label, created_at) " +
		"SELECT id, ?, ?, ?, (" + nominationLabelSQL + "), ? FROM users WHERE active = ? AND (" + where + ")"
	all := append([]any{notice.subject, RecordNomination, n.ID, n.ID, tx.NowFunc(), true}, args...)
	if err := tx.Exec(sql, all...).Error; err != nil {
		return fmt.Errorf("notify %s of nomination %d: %w", move, n.ID, err)
	}
	return nil
}

// nominationLabelSQL names the nomination whose id is its one argument as a
// notification does: the position it fills and that position's ministry, with
// no word of the exchangee ("인력정책과장(중기부) 교류자 추천").
const nominationLabelSQL = "SELECT COALESCE(p.title, '직위 미입력') || '(' || m.short_name || ') 교류자 추천' " +
	"FROM nominations x JOIN positions p ON p.id = x.position_id JOIN ministries m ON m.id = p.ministry_id WHERE x.id = ?"
