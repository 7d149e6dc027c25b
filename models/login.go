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
	Login    string `form:"login" label:"아이디"`
	Password string `form:"password" label:"비밀번호"`
}

// Authenticate checks a login and password from a client address, applying
// the throttle per account and per address, and audits the attempt. It is
// SignIn for a browser without a device cookie.
func (s *Store) Authenticate(ctx context.Context, cr Credentials, ip string) (User, error) {
	in, err := s.SignIn(ctx, cr, ip, "")
	return in.User, err
}

// SignedIn is a successful sign-in: the user, and the device token the
// browser keeps for this account (new, or the one it sent).
type SignedIn struct {
	User   User
	Device string
}

// SignIn checks a login and password from a client address and the browser's
// device token (empty: none), and audits the attempt.
//
// A browser holding a device token of this account is counted against its
// device alone: guesses from elsewhere never slow it down (OWASP's device
// cookies). Any other browser is counted against the account and the address,
// with growing delays (lockoutAfter).
//
// The attempt is counted before its password is checked, in one transaction
// that locks the throttle row, so a burst of simultaneous attempts cannot all
// pass the throttle before the first failure is written: at most freeFailures
// passwords are checked before the lock. Unknown logins, inactive accounts and
// accounts without a password cost one password check too, like a wrong
// password, so none can be told apart by the time the answer takes.
func (s *Store) SignIn(ctx context.Context, cr Credentials, ip, device string) (SignedIn, error) {
	login, password := strings.ToLower(strings.TrimSpace(cr.Login)), cr.Password
	// The account counts every attempt before its check, so a burst of guesses
	// at one account checks at most freeFailures passwords. The address counts
	// failures once checked: an office behind one address signing in at nine
	// must not lock itself out with right passwords; guesses spread over many
	// accounts are still bounded per account and, after freeFailures, per address.
	accountKey, addressKey := "login:"+login, "ip:"+ip
	db := s.db.WithContext(ctx)
	visitor := Actor{Login: login, IP: ip}

	var until *time.Time
	trusted := false
	err := db.Transaction(func(tx *gorm.DB) error {
		now := tx.NowFunc()
		var err error
		if trusted, err = knownDevice(tx, device, login); err != nil {
			return err
		}
		if trusted {
			accountKey = deviceKey(device)
		}
		locked, err := recordAttempt(tx, accountKey, now)
		if err != nil {
			return err
		}
		until = locked
		if !trusted {
			if locked, err = lockedUntil(tx, addressKey, now); err != nil {
				return err
			}
			if locked != nil && (until == nil || locked.After(*until)) {
				until = locked
			}
		}
		if until != nil {
			return audit(tx, visitor, AuditLoginFailed, "user", 0, nil, map[string]string{"reason": "throttled"})
		}
		return nil
	})
	if err != nil {
		return SignedIn{}, fmt.Errorf("record sign-in attempt: %w", err)
	}
	if until != nil {
		return SignedIn{}, &ThrottledError{Until: *until}
	}

	var u User
	err = db.Where("login = ?", login).Take(&u).Error
	found := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return SignedIn{}, fmt.Errorf("find user %s: %w", login, err)
	}
	hash := u.PasswordHash
	if !found || hash == "" {
		hash = dummyHash // as slow as a real check
	}
	verr := s.passwords.verify(ctx, hash, password, trusted)
	if errors.Is(verr, ErrBusy) || ctx.Err() != nil {
		// Nothing was checked: the attempt does not count against anyone.
		if err := db.Model(&LoginThrottle{}).Where("key = ? AND failures > 0", accountKey).
			Update("failures", gorm.Expr("failures - 1")).Error; err != nil {
			return SignedIn{}, err
		}
		return SignedIn{}, ErrBusy
	}
	if verr == nil && found && u.Active && u.PasswordHash != "" {
		in := SignedIn{User: u, Device: device}
		txErr := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Where("key = ?", accountKey).Delete(&LoginThrottle{}).Error; err != nil {
				return err
			}
			var err error
			if in.Device, err = keepDevice(tx, u.ID, device, trusted); err != nil {
				return err
			}
			return audit(tx, ActorOf(&u, ip), AuditLogin, "user", u.ID, nil, nil)
		})
		if txErr != nil {
			return SignedIn{}, txErr
		}
		return in, nil
	}
	if found {
		visitor.UserID = &u.ID
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		if !trusted { // a known browser's failure was counted against it, before the check
			if _, err := recordAttempt(tx, addressKey, tx.NowFunc()); err != nil {
				return err
			}
		}
		return audit(tx, visitor, AuditLoginFailed, "user", u.ID, nil, nil)
	})
	if err != nil {
		return SignedIn{}, fmt.Errorf("record failed sign-in: %w", err)
	}
	return SignedIn{}, ErrBadCredentials
}

// lockedUntil returns the end of key's lock, or nil when it is not locked.
func lockedUntil(tx *gorm.DB, key string, now time.Time) (*time.Time, error) {
	var t LoginThrottle
	err := tx.Where("key = ?", key).Limit(1).Find(&t).Error
	if err != nil {
		return nil, fmt.Errorf("read throttle %s: %w", key, err)
	}
	if t.LockedUntil != nil && t.LockedUntil.After(now) {
		return t.LockedUntil, nil
	}
	return nil, nil
}

// recordAttempt counts one sign-in attempt for key, unless the key is locked,
// in which case it returns the end of the lock and counts nothing. The row is
// locked (SQLite: the whole database) until the transaction ends.
func recordAttempt(tx *gorm.DB, key string, now time.Time) (*time.Time, error) {
	// One statement creates the row or locks the one there and returns it: a
	// success deleting the row between an insert and a separate read would
	// leave nothing to read.
	t := LoginThrottle{Key: key, UpdatedAt: now}
	err := tx.Clauses(
		clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoUpdates: clause.Assignments(map[string]any{"key": gorm.Expr("excluded.key")})},
		clause.Returning{},
	).Create(&t).Error
	if err != nil {
		return nil, fmt.Errorf("count attempt %s: %w", key, err)
	}
	if t.LockedUntil != nil && t.LockedUntil.After(now) {
		return t.LockedUntil, nil
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
	err = tx.Model(&LoginThrottle{}).Where("key = ?", key).
		Updates(map[string]any{"failures": t.Failures, "locked_until": t.LockedUntil, "updated_at": now}).Error
	if err != nil {
		return nil, fmt.Errorf("count attempt %s: %w", key, err)
	}
	return nil, nil
}
