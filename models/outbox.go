package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Notification is one message waiting in the outbox for one person. The app
// sends no e-mail: a mail sender may read the unsent rows later. It names the
// record, never personal data, so the outbox keeps none.
type Notification struct {
	ID         int64
	UserID     int64
	Subject    string
	RecordType string
	RecordID   *int64
	CreatedAt  time.Time
	SentAt     *time.Time
}

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
	MoveSubmit:      {toReviewers, "교류자 선발 심사 요청이 들어왔습니다."},
	MoveApprove:     {toSending | toReceiving, "교류자 선발이 승인되었습니다."},
	MoveReturn:      {toSending, "교류자 선발이 반려되었습니다. 사유를 확인하고 다시 추천해 주십시오."},
	MoveRevoke:      {toSending | toReceiving, "교류자 선발 승인이 취소되었습니다."},
	MoveStart:       {toSending | toReceiving, "교류가 시작되었습니다."},
	MoveExtend:      {toSending | toReceiving, "교류 기간이 연장되었습니다."},
	MoveEnd:         {toSending | toReviewers, "교류자가 복귀했습니다. 완료 보고를 작성해 주십시오."},
	MoveReport:      {toReviewers, "교류 완료 보고가 제출되었습니다."},
	MoveAcknowledge: {toSending, "교류 완료 보고가 확인되었습니다."},
}

// notifyMove puts the move's notices in the outbox; an approval that still
// waits for another office tells no one yet.
func notifyMove(tx *gorm.DB, n Nomination, move NominationMove) error {
	notice, ok := moveNotices[move]
	if !ok || (move == MoveApprove && n.Status != NominationApproved) {
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
	sql := "INSERT INTO notifications (user_id, subject, record_type, record_id, created_at) " +
		"SELECT id, ?, 'nomination', ?, ? FROM users WHERE active = ? AND (" + where + ")"
	all := append([]any{notice.subject, n.ID, tx.NowFunc(), true}, args...)
	if err := tx.Exec(sql, all...).Error; err != nil {
		return fmt.Errorf("notify %s of nomination %d: %w", move, n.ID, err)
	}
	return nil
}

// Notifications lists a person's notifications, newest first, at most limit.
func (s *Store) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	var list []Notification
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Limit(limit).Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("notifications of user %d: %w", userID, err)
	}
	return list, nil
}
