package models

import (
	"context"
	"fmt"
)

// NotifyMail is how a person wants their notifications by e-mail.
type NotifyMail string

// Mail preferences.
const (
	NotifyImmediately NotifyMail = "immediate" // one mail per notification, as it happens
	NotifyDaily       NotifyMail = "daily"     // one mail a day with the day's notifications
	NotifyNever       NotifyMail = "none"      // none: the 알림 page only
)

// NotifyMailChoices lists the preferences in the order the form offers them.
var NotifyMailChoices = []NotifyMail{NotifyImmediately, NotifyDaily, NotifyNever}

// Label is the preference's Korean name.
func (p NotifyMail) Label() string {
	switch p {
	case NotifyImmediately:
		return "즉시"
	case NotifyDaily:
		return "하루 한 번 모아서"
	case NotifyNever:
		return "받지 않음"
	}
	return string(p)
}

// Valid reports whether p is a known preference.
func (p NotifyMail) Valid() bool {
	return p == NotifyImmediately || p == NotifyDaily || p == NotifyNever
}

// NotifyMailInput is the form of a person's mail preference.
type NotifyMailInput struct {
	NotifyMail string `form:"notify_mail" label:"알림 메일 받는 방법"`
}

// Notifications lists a page of a person's notifications, newest first, with
// the total.
func (s *Store) Notifications(ctx context.Context, userID int64, p Page) ([]Notification, int64, error) {
	q := s.db.WithContext(ctx).Model(&Notification{}).Where("user_id = ?", userID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count notifications of user %d: %w", userID, err)
	}
	var list []Notification
	if err := q.Order("created_at DESC, id DESC").Limit(p.Limit()).Offset(p.Offset()).Find(&list).Error; err != nil {
		return nil, 0, fmt.Errorf("notifications of user %d: %w", userID, err)
	}
	return list, total, nil
}

// UnreadNotifications counts a person's unread notifications.
func (s *Store) UnreadNotifications(ctx context.Context, userID int64) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count unread notifications of user %d: %w", userID, err)
	}
	return n, nil
}

// MarkNotificationsRead marks a person's notifications read: the one of id,
// or all of them when id is 0. Another person's notification is not found.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID, id int64) error {
	q := s.db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID)
	if id != 0 {
		var mine int64
		if err := s.db.WithContext(ctx).Model(&Notification{}).Where("id = ? AND user_id = ?", id, userID).Count(&mine).Error; err != nil {
			return fmt.Errorf("find notification %d: %w", id, err)
		}
		if mine == 0 {
			return fmt.Errorf("notification %d of user %d: %w", id, userID, ErrNotFound)
		}
		q = q.Where("id = ?", id)
	}
	if err := q.Update("read_at", s.db.NowFunc()).Error; err != nil {
		return fmt.Errorf("mark notifications of user %d read: %w", userID, err)
	}
	return nil
}

// SetNotifyMail saves how the person wants their notifications by e-mail.
func (s *Store) SetNotifyMail(ctx context.Context, userID int64, p NotifyMail) error {
	if !p.Valid() {
		return FieldErrors{"notify_mail": "알림 메일 받는 방법을 고르십시오."}.Err()
	}
	res := s.db.WithContext(ctx).Model(&User{}).Where("id = ?", userID).Update("notify_mail", p)
	if res.Error != nil {
		return fmt.Errorf("set mail preference of user %d: %w", userID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("user %d: %w", userID, ErrNotFound)
	}
	return nil
}
