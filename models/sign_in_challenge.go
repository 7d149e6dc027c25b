package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// SignInChallenge is a sign-in whose password was right and whose second
// step (a code, or enrolment) is pending. The browser holds the token.
type SignInChallenge struct {
	TokenHash string `gorm:"primaryKey"`
	UserID    int64
	Next      string // where to go once signed in
	ExpiresAt time.Time
	CreatedAt time.Time
}

// ChallengeLifetime is how long the second step of a sign-in may take.
const ChallengeLifetime = 5 * time.Minute

// StartChallenge holds a sign-in at its second step and returns the token the browser keeps.
func (s *Store) StartChallenge(ctx context.Context, userID int64, next string) (string, error) {
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	db := s.db.WithContext(ctx)
	now := db.NowFunc()
	err = db.Transaction(func(tx *gorm.DB) error {
		// One pending sign-in per account, and none expired left behind.
		if err := tx.Where("user_id = ? OR expires_at < ?", userID, now).Delete(&SignInChallenge{}).Error; err != nil {
			return err
		}
		return tx.Create(&SignInChallenge{TokenHash: hash, UserID: userID, Next: next, ExpiresAt: now.Add(ChallengeLifetime), CreatedAt: now}).Error
	})
	if err != nil {
		return "", fmt.Errorf("start second step for user %d: %w", userID, err)
	}
	return token, nil
}

// Challenge is the pending sign-in of a token, with its user: ErrNoChallenge
// when unknown, expired or the account was deactivated.
func (s *Store) Challenge(ctx context.Context, token string) (SignInChallenge, User, error) {
	var ch SignInChallenge
	db := s.db.WithContext(ctx)
	if token == "" {
		return ch, User{}, ErrNoChallenge
	}
	if err := db.Where("token_hash = ? AND expires_at > ?", hashToken(token), db.NowFunc()).Take(&ch).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ch, User{}, ErrNoChallenge
		}
		return ch, User{}, fmt.Errorf("read sign-in challenge: %w", err)
	}
	var u User
	if err := db.Where("id = ? AND active", ch.UserID).Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ch, User{}, ErrNoChallenge
		}
		return ch, User{}, fmt.Errorf("user of sign-in challenge: %w", err)
	}
	return ch, u, nil
}

// PassChallenge is the second step of a sign-in: a code of the account's
// app (each accepted once) or one of its unused recovery codes. Like the
// password, every attempt is counted against the account before the code is
// checked (doubling waits after 5 failures: *ThrottledError), and audited.
// The challenge ends on success.
func (s *Store) PassChallenge(ctx context.Context, token string, in SecondFactorCode, ip string) (User, error) {
	ch, u, err := s.Challenge(ctx, token)
	if err != nil {
		return User{}, err
	}
	code := normaliseCode(in.Code)
	if code == "" {
		return User{}, FieldErrors{"code": msgMissingCode}.Err()
	}
	db := s.db.WithContext(ctx)
	key := "code:" + u.Login
	var until *time.Time
	err = db.Transaction(func(tx *gorm.DB) error {
		var err error
		if until, err = recordAttempt(tx, key, tx.NowFunc()); err != nil || until == nil {
			return err
		}
		return audit(tx, ActorOf(&u, ip), AuditLoginFailed, "user", u.ID, nil, map[string]string{"reason": "second_factor_throttled"})
	})
	if err != nil {
		return User{}, fmt.Errorf("count second step: %w", err)
	}
	if until != nil {
		return User{}, &ThrottledError{Until: *until}
	}
	var how string
	err = db.Transaction(func(tx *gorm.DB) error {
		sf, err := lockedSecondFactor(tx, u.ID)
		if err != nil {
			return err
		}
		if sf.EnrolledAt == nil {
			return ErrNoChallenge // reset by an administrator meanwhile
		}
		ok, err := acceptCode(tx, sf, code, tx.NowFunc())
		how = "totp"
		if err == nil && !ok {
			ok, err = useRecoveryCode(tx, u.ID, code)
			how = "recovery_code"
		}
		if err != nil {
			return err
		}
		if !ok {
			return errWrongCode
		}
		if err := tx.Where("key = ?", key).Delete(&LoginThrottle{}).Error; err != nil {
			return err
		}
		if err := tx.Where("token_hash = ?", ch.TokenHash).Delete(&SignInChallenge{}).Error; err != nil {
			return err
		}
		return audit(tx, ActorOf(&u, ip), AuditSecondFactorPass, "user", u.ID, nil, map[string]string{"by": how})
	})
	if errors.Is(err, errWrongCode) {
		if err := audit(db, ActorOf(&u, ip), AuditLoginFailed, "user", u.ID, nil, map[string]string{"reason": "second_factor"}); err != nil {
			return User{}, err
		}
		return User{}, FieldErrors{"code": msgWrongCode}.Err()
	}
	if err != nil {
		return User{}, err
	}
	return u, nil
}

var errWrongCode = errors.New("wrong second-factor code")

// EnrolAtSignIn is the second step of a sign-in for an account that must have
// a second factor and has none yet: the first code of its new secret enrols
// it (recovery codes returned, shown once) and the challenge ends. Throttled
// like PassChallenge.
func (s *Store) EnrolAtSignIn(ctx context.Context, token string, in SecondFactorCode, ip string) (User, []string, error) {
	ch, u, err := s.Challenge(ctx, token)
	if err != nil {
		return User{}, nil, err
	}
	db := s.db.WithContext(ctx)
	key := "code:" + u.Login
	var until *time.Time
	if err := db.Transaction(func(tx *gorm.DB) error {
		var err error
		until, err = recordAttempt(tx, key, tx.NowFunc())
		return err
	}); err != nil {
		return User{}, nil, fmt.Errorf("count enrolment: %w", err)
	}
	if until != nil {
		return User{}, nil, &ThrottledError{Until: *until}
	}
	var codes []string
	err = db.Transaction(func(tx *gorm.DB) error {
		var err error
		if codes, err = enrol(tx, ActorOf(&u, ip), u.ID, in); err != nil {
			return err
		}
		if err := tx.Where("key = ?", key).Delete(&LoginThrottle{}).Error; err != nil {
			return err
		}
		return tx.Where("token_hash = ?", ch.TokenHash).Delete(&SignInChallenge{}).Error
	})
	return u, codes, err
}
