package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PasswordReset is a one-time link that lets a user set a new password.
type PasswordReset struct {
	TokenHash string `gorm:"primaryKey"`
	UserID    int64
	CreatedBy *int64
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// ResetLinkLifetime is how long a reset link works.
const ResetLinkLifetime = 24 * time.Hour

// ErrResetLinkInvalid is returned for an unknown, used or expired link.
var ErrResetLinkInvalid = errors.New("password reset link is unknown, used or expired")

// CreatePasswordReset makes a new one-time link for a user, replacing any
// unused one, and returns its token (shown once, never stored).
func (s *Store) CreatePasswordReset(ctx context.Context, actor Actor, userID int64) (string, time.Time, error) {
	if !actor.may(ActManageAccounts) {
		return "", time.Time{}, ErrNotAllowed
	}
	token, hash, err := newToken()
	if err != nil {
		return "", time.Time{}, err
	}
	now := s.db.NowFunc()
	r := PasswordReset{TokenHash: hash, UserID: userID, CreatedBy: actor.UserID, ExpiresAt: now.Add(ResetLinkLifetime), CreatedAt: now}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Take(&User{}, userID).Error; err != nil {
			return fmt.Errorf("user %d: %w", userID, notFound(err))
		}
		if err := tx.Where("user_id = ? AND used_at IS NULL", userID).Delete(&PasswordReset{}).Error; err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			return fmt.Errorf("create reset link for user %d: %w", userID, err)
		}
		return audit(tx, actor, AuditPasswordReset, "user", userID, nil, map[string]any{"expires_at": r.ExpiresAt})
	})
	return token, r.ExpiresAt, err
}

// PasswordResetUser is the active user a valid reset link is for.
func (s *Store) PasswordResetUser(ctx context.Context, token string) (User, error) {
	var r PasswordReset
	db := s.db.WithContext(ctx)
	err := db.Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", hashToken(token), s.db.NowFunc()).Take(&r).Error
	if err != nil {
		return User{}, ErrResetLinkInvalid
	}
	var u User
	if err := db.Where("id = ? AND active", r.UserID).Take(&u).Error; err != nil {
		return User{}, ErrResetLinkInvalid
	}
	return u, nil
}

// NewPassword is the form behind a reset link, as typed.
type NewPassword struct {
	Password string `form:"new_password" label:"새 비밀번호"`
}

// UsePasswordReset sets a new password through a reset link, once.
func (s *Store) UsePasswordReset(ctx context.Context, token string, in NewPassword, ip string) (User, error) {
	password := in.Password
	if msg := CheckPasswordRules(password); msg != "" {
		return User{}, FieldErrors{"new_password": msg}.Err()
	}
	var u User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := tx.NowFunc()
		var r PasswordReset
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
			Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", hashToken(token), now).Take(&r).Error
		if err != nil {
			return ErrResetLinkInvalid
		}
		if err := tx.Where("id = ? AND active", r.UserID).Take(&u).Error; err != nil {
			return ErrResetLinkInvalid
		}
		if err := tx.Model(&r).Update("used_at", now).Error; err != nil {
			return err
		}
		return setPassword(tx, ActorOf(&u, ip), u, password)
	})
	return u, err
}
