package models

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Mail is one e-mail the sender owes a person: one notification, or the
// notifications of a day for a person who reads them once a day (a digest).
// ID is its first notification's id, the stem of its Message-ID, so that a
// retry carries the same Message-ID as the attempt before.
type Mail struct {
	ID            int64
	To            User
	Digest        bool
	Attempt       int // 1 for the first attempt
	Notifications []Notification
}

// MailClaim says which mails an instance takes and for how long.
type MailClaim struct {
	Now   time.Time
	Lease time.Duration // how long the mails are this instance's; after it another may send them again
	Limit int           // how many notifications at most
	// DigestCutoff is the latest digest time (e.g. today 08:00 in Seoul):
	// notifications of people who read mail once a day wait until it has passed them.
	DigestCutoff time.Time
	// MaxAge: pending notifications older than this are old news, not sent.
	MaxAge time.Duration
}

// ClaimMails takes the mails due now for this instance: each notification is
// claimed by one instance for the lease (on PostgreSQL the rows are locked
// FOR UPDATE SKIP LOCKED while they are claimed, so instances claiming at once
// take different rows; on SQLite every transaction holds the one write lock
// from its start, so claims follow one another). Notifications nobody will get
// by mail are marked skipped first.
func (s *Store) ClaimMails(ctx context.Context, c MailClaim) ([]Mail, error) {
	var mails []Mail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := skipUnmailable(tx, c); err != nil {
			return err
		}
		var rows []Notification
		q := tx.Model(&Notification{}).
			Where("mail_state = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (claimed_until IS NULL OR claimed_until < ?)", MailPending, c.Now, c.Now).
			Where("(user_id IN (SELECT id FROM users WHERE notify_mail = ?) OR mail_id IS NOT NULL OR created_at < ?)", NotifyImmediately, c.DigestCutoff).
			Order("id").Limit(c.Limit)
		if s.dialect == DialectPostgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		if err := q.Find(&rows).Error; err != nil {
			return fmt.Errorf("claim mails: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		users, err := recipientsOf(tx, rows)
		if err != nil {
			return err
		}
		mails = groupMails(rows, users)
		for _, m := range mails {
			ids := make([]int64, len(m.Notifications))
			for i, n := range m.Notifications {
				ids[i] = n.ID
			}
			if err := tx.Model(&Notification{}).Where("id IN ?", ids).Updates(map[string]any{
				"mail_id": m.ID, "claimed_until": c.Now.Add(c.Lease), "attempts": gorm.Expr("attempts + 1"),
			}).Error; err != nil {
				return fmt.Errorf("claim mail %d: %w", m.ID, err)
			}
		}
		return nil
	})
	return mails, err
}

// skipUnmailable marks skipped the pending notifications of people who read
// no mail, have no address or no longer an account, and those older than MaxAge.
func skipUnmailable(tx *gorm.DB, c MailClaim) error {
	err := tx.Model(&Notification{}).Where("mail_state = ? AND claimed_until IS NULL", MailPending).
		Where("(created_at < ? OR user_id IN (SELECT id FROM users WHERE notify_mail = ? OR email = '' OR active = ?))",
			c.Now.Add(-c.MaxAge), NotifyNever, false).
		Update("mail_state", MailSkipped).Error
	if err != nil {
		return fmt.Errorf("skip notifications nobody reads by mail: %w", err)
	}
	return nil
}

func recipientsOf(tx *gorm.DB, rows []Notification) (map[int64]User, error) {
	var ids []int64
	for _, n := range rows {
		ids = append(ids, n.UserID)
	}
	var users []User
	if err := tx.Where("id IN ?", slices.Compact(slices.Sorted(slices.Values(ids)))).Find(&users).Error; err != nil {
		return nil, fmt.Errorf("recipients of mails: %w", err)
	}
	out := make(map[int64]User, len(users))
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}

// groupMails makes mails of claimed rows (in id order): one per notification
// for people who read mail at once; for the others, a digest keeps the rows it
// was first claimed with (a retry sends the same mail), and rows new to mail
// make one digest per person.
func groupMails(rows []Notification, users map[int64]User) []Mail {
	var mails []Mail
	index := map[int64]int{} // mail id → position in mails
	fresh := map[int64]int{} // user id → position of the person's new digest
	for _, n := range rows {
		u := users[n.UserID]
		switch {
		case u.NotifyMail == NotifyImmediately && (n.MailID == nil || *n.MailID == n.ID):
			mails = append(mails, Mail{ID: n.ID, To: u, Attempt: n.Attempts + 1, Notifications: []Notification{n}})
		case n.MailID != nil:
			i, ok := index[*n.MailID]
			if !ok {
				i = len(mails)
				index[*n.MailID] = i
				mails = append(mails, Mail{ID: *n.MailID, To: u, Digest: true, Attempt: n.Attempts + 1})
			}
			mails[i].Notifications = append(mails[i].Notifications, n)
		default:
			i, ok := fresh[n.UserID]
			if !ok {
				i = len(mails)
				fresh[n.UserID] = i
				mails = append(mails, Mail{ID: n.ID, To: u, Digest: true, Attempt: 1})
			}
			mails[i].Notifications = append(mails[i].Notifications, n)
		}
	}
	return mails
}

// MailSent records that a mail went out.
func (s *Store) MailSent(ctx context.Context, mailID int64) error {
	err := s.db.WithContext(ctx).Model(&Notification{}).Where("mail_id = ? AND mail_state = ?", mailID, MailPending).
		Updates(map[string]any{"mail_state": MailSent, "sent_at": s.db.NowFunc(), "claimed_until": nil, "last_error": ""}).Error
	if err != nil {
		return fmt.Errorf("record mail %d sent: %w", mailID, err)
	}
	return nil
}

// MailNotSent records a failed attempt: tried again at retryAt, or, when
// retryAt is nil (refused for good, or the last attempt), given up.
func (s *Store) MailNotSent(ctx context.Context, mailID int64, reason string, retryAt *time.Time) error {
	cols := map[string]any{"claimed_until": nil, "last_error": reason, "next_attempt_at": retryAt}
	if retryAt == nil {
		cols["mail_state"] = MailFailed
	}
	err := s.db.WithContext(ctx).Model(&Notification{}).Where("mail_id = ? AND mail_state = ?", mailID, MailPending).Updates(cols).Error
	if err != nil {
		return fmt.Errorf("record mail %d not sent: %w", mailID, err)
	}
	return nil
}
