package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ErrBadCredentials is the one answer for an unknown login, a wrong password
// and an inactive account, so that none can be told from the others.
var ErrBadCredentials = errors.New("wrong login or password")

// ThrottledError says sign-in is refused until a moment has passed.
type ThrottledError struct{ Until time.Time }

func (e *ThrottledError) Error() string {
	return "too many failed sign-ins; retry after " + e.Until.Format(time.RFC3339)
}

// Throttling: after freeFailures failures in a row, each further failure locks
// sign-in for twice as long as the one before, up to maxLockout.
const (
	freeFailures  = 5
	maxLockout    = 15 * time.Minute
	failureMemory = 15 * time.Minute // failures older than this are forgotten
)

// LoginThrottle counts failed sign-ins for one key ("login:NAME" or "ip:ADDR").
type LoginThrottle struct {
	Key         string `gorm:"primaryKey"`
	Failures    int
	LockedUntil *time.Time
	UpdatedAt   time.Time
}

// lockoutAfter is the lock that the n-th failure in a row earns.
func lockoutAfter(n int) time.Duration {
	if n < freeFailures {
		return 0
	}
	d := time.Second << min(n-freeFailures+1, 20)
	return min(d, maxLockout)
}

// Credentials are the sign-in form as typed.
type Credentials struct {
	Login    string `form:"login"`
	Password string `form:"password"`
}

// Authenticate checks a login and password from a client address, applying
// the throttle per account and per address, and audits the attempt.
func (s *Store) Authenticate(ctx context.Context, cr Credentials, ip string) (User, error) {
	login, password := strings.ToLower(strings.TrimSpace(cr.Login)), cr.Password
	keys := []string{"login:" + login, "ip:" + ip}
	db := s.db.WithContext(ctx)
	now := s.db.NowFunc()

	var locks []LoginThrottle
	if err := db.Where("key IN ? AND locked_until > ?", keys, now).Find(&locks).Error; err != nil {
		return User{}, fmt.Errorf("read login throttle: %w", err)
	}
	if len(locks) > 0 {
		until := *locks[0].LockedUntil
		for _, l := range locks[1:] {
			if l.LockedUntil.After(until) {
				until = *l.LockedUntil
			}
		}
		err := audit(db, Actor{Login: login, IP: ip}, AuditLoginFailed, "user", 0, nil, map[string]string{"reason": "throttled"})
		return User{}, errors.Join(&ThrottledError{Until: until}, err)
	}

	var u User
	err := db.Where("login = ?", login).Take(&u).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		_ = VerifyPassword(dummyHash, password) // as slow as a real check
	case err != nil:
		return User{}, fmt.Errorf("find user %s: %w", login, err)
	}
	if err == nil && u.Active && u.PasswordHash != "" && VerifyPassword(u.PasswordHash, password) == nil {
		txErr := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Where("key = ?", keys[0]).Delete(&LoginThrottle{}).Error; err != nil {
				return err
			}
			return audit(tx, ActorOf(&u, ip), AuditLogin, "user", u.ID, nil, nil)
		})
		if txErr != nil {
			return User{}, txErr
		}
		return u, nil
	}
	txErr := db.Transaction(func(tx *gorm.DB) error {
		for _, k := range keys {
			if err := recordFailure(tx, k, now); err != nil {
				return err
			}
		}
		actor := Actor{Login: login, IP: ip}
		if u.ID != 0 {
			actor.UserID = &u.ID
		}
		return audit(tx, actor, AuditLoginFailed, "user", u.ID, nil, nil)
	})
	if txErr != nil {
		return User{}, txErr
	}
	return User{}, ErrBadCredentials
}

func recordFailure(tx *gorm.DB, key string, now time.Time) error {
	var t LoginThrottle
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("key = ?", key).Take(&t).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		t = LoginThrottle{Key: key}
	case err != nil:
		return fmt.Errorf("read throttle %s: %w", key, err)
	}
	if now.Sub(t.UpdatedAt) > failureMemory {
		t.Failures = 0
	}
	t.Failures++
	t.UpdatedAt = now
	t.LockedUntil = nil
	if d := lockoutAfter(t.Failures); d > 0 {
		until := now.Add(d)
		t.LockedUntil = &until
	}
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"failures", "locked_until", "updated_at"}),
	}).Create(&t).Error
}
