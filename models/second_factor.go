package models

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SecondFactor is an account's TOTP secret (RFC 6238: 6 digits, 30 seconds,
// SHA-1, what every authenticator app reads), pending until EnrolledAt.
type SecondFactor struct {
	UserID     int64 `gorm:"primaryKey"`
	Secret     string
	LastStep   int64 // the last time step a code was accepted for: no code of it or before is accepted again
	EnrolledAt *time.Time
	CreatedAt  time.Time
}

// RecoveryCode is a one-time code for signing in without the phone; only its hash is kept.
type RecoveryCode struct {
	ID        int64
	UserID    int64
	CodeHash  string
	UsedAt    *time.Time
	CreatedAt time.Time
}

// SecondFactorIssuer names the app in authenticator apps.
const SecondFactorIssuer = "gyoryu 전략적 인사교류"

// RecoveryCodeCount is how many recovery codes an account gets at once.
const RecoveryCodeCount = 10

const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// SecondFactorCode is the form of one code: 6 digits from the app, or a recovery code.
type SecondFactorCode struct {
	Code string `form:"code" label:"인증 코드"`
}

// Korean messages of the second step.
const (
	msgWrongCode   = "인증 코드가 맞지 않거나 이미 쓴 코드입니다. 인증 앱에 지금 보이는 6자리 숫자나, 쓰지 않은 복구 코드를 입력해 주십시오."
	msgMissingCode = "인증 코드를 입력해 주십시오."
)

// SecondFactorState is what an account's owner and administrators see of its second factor.
type SecondFactorState struct {
	Enrolled     bool
	Since        time.Time
	RecoveryLeft int
}

// SecondFactorOf is the state of a user's second factor.
func (s *Store) SecondFactorOf(ctx context.Context, userID int64) (SecondFactorState, error) {
	db := s.db.WithContext(ctx)
	var sf SecondFactor
	if err := db.Where("user_id = ? AND enrolled_at IS NOT NULL", userID).Limit(1).Find(&sf).Error; err != nil {
		return SecondFactorState{}, fmt.Errorf("second factor of user %d: %w", userID, err)
	}
	if sf.EnrolledAt == nil {
		return SecondFactorState{}, nil
	}
	var left int64
	if err := db.Model(&RecoveryCode{}).Where("user_id = ? AND used_at IS NULL", userID).Count(&left).Error; err != nil {
		return SecondFactorState{}, fmt.Errorf("recovery codes of user %d: %w", userID, err)
	}
	return SecondFactorState{Enrolled: true, Since: *sf.EnrolledAt, RecoveryLeft: int(left)}, nil
}

// PendingSecondFactor is the secret an account is enrolling, as the otpauth://
// address its QR code carries and as text to type: the one waiting, or a new one.
func (s *Store) PendingSecondFactor(ctx context.Context, u User) (address, secret string, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var sf SecondFactor
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("user_id = ?", u.ID).Limit(1).Find(&sf).Error; err != nil {
			return fmt.Errorf("second factor of user %d: %w", u.ID, err)
		}
		if sf.EnrolledAt != nil {
			return fmt.Errorf("second factor of user %d already enrolled: %w", u.ID, ErrWrongState)
		}
		if sf.UserID == 0 {
			key, err := totp.Generate(totp.GenerateOpts{Issuer: SecondFactorIssuer, AccountName: u.Login, Period: totpPeriod})
			if err != nil {
				return err
			}
			sf = SecondFactor{UserID: u.ID, Secret: key.Secret(), CreatedAt: tx.NowFunc()}
			if err := tx.Create(&sf).Error; err != nil {
				return fmt.Errorf("new second factor of user %d: %w", u.ID, err)
			}
		}
		secret = sf.Secret
		return nil
	})
	if err != nil {
		return "", "", err
	}
	return otpURL(u.Login, secret), secret, nil
}

// otpURL is the otpauth:// address of a secret, as authenticator apps read it.
func otpURL(login, secret string) string {
	v := url.Values{"secret": {secret}, "issuer": {SecondFactorIssuer}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + SecondFactorIssuer + ":" + login, RawQuery: v.Encode()}
	return u.String()
}

// TOTPCode is the code of secret at time t, as an authenticator app shows it.
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpOpts)
}

// acceptCode checks a 6-digit code against sf at now, within one step either
// way, and takes its time step, so that it is never accepted again. It reports
// whether the code was accepted.
func acceptCode(tx *gorm.DB, sf SecondFactor, code string, now time.Time) (bool, error) {
	if len(code) != 6 {
		return false, nil
	}
	current := now.Unix() / totpPeriod
	for step := current - 1; step <= current+1; step++ {
		if step <= sf.LastStep {
			continue
		}
		want, err := TOTPCode(sf.Secret, time.Unix(step*totpPeriod, 0))
		if err != nil {
			return false, err
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) != 1 {
			continue
		}
		// Taken only if no other request took this step or a later one first.
		res := tx.Model(&SecondFactor{}).Where("user_id = ? AND last_step < ?", sf.UserID, step).Update("last_step", step)
		if res.Error != nil {
			return false, fmt.Errorf("take code of user %d: %w", sf.UserID, res.Error)
		}
		return res.RowsAffected == 1, nil
	}
	return false, nil
}

// normaliseCode drops spaces and dashes, and upper-cases a recovery code.
func normaliseCode(code string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(strings.TrimSpace(code)))
}

// newRecoveryCodes replaces a user's recovery codes with new ones and returns them, as shown: ABCD-EFGH-IJKL-MNOP.
func newRecoveryCodes(tx *gorm.DB, userID int64) ([]string, error) {
	if err := tx.Where("user_id = ?", userID).Delete(&RecoveryCode{}).Error; err != nil {
		return nil, fmt.Errorf("drop recovery codes of user %d: %w", userID, err)
	}
	codes := make([]string, RecoveryCodeCount)
	now := tx.NowFunc()
	for i := range codes {
		b := make([]byte, 10) // 80 bits
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		c := base32.StdEncoding.EncodeToString(b) // 16 characters
		codes[i] = c[0:4] + "-" + c[4:8] + "-" + c[8:12] + "-" + c[12:16]
		if err := tx.Create(&RecoveryCode{UserID: userID, CodeHash: hashToken(c), CreatedAt: now}).Error; err != nil {
			return nil, fmt.Errorf("keep recovery code of user %d: %w", userID, err)
		}
	}
	return codes, nil
}

// useRecoveryCode spends one unused recovery code of the user, reporting whether there was one.
func useRecoveryCode(tx *gorm.DB, userID int64, code string) (bool, error) {
	if len(code) != 16 {
		return false, nil
	}
	res := tx.Model(&RecoveryCode{}).Where("user_id = ? AND code_hash = ? AND used_at IS NULL", userID, hashToken(code)).
		Update("used_at", tx.NowFunc())
	if res.Error != nil {
		return false, fmt.Errorf("use recovery code of user %d: %w", userID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// lockedSecondFactor reads a user's second factor for update; zero when there is none.
func lockedSecondFactor(tx *gorm.DB, userID int64) (SecondFactor, error) {
	var sf SecondFactor
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("user_id = ?", userID).Limit(1).Find(&sf).Error
	if err != nil {
		return SecondFactor{}, fmt.Errorf("second factor of user %d: %w", userID, err)
	}
	return sf, nil
}

// EnrolSecondFactor completes an enrolment with the first code the app shows,
// and returns the account's recovery codes, shown once. Audited as the
// owner's own change.
func (s *Store) EnrolSecondFactor(ctx context.Context, actor Actor, userID int64, in SecondFactorCode) ([]string, error) {
	var codes []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		codes, err = enrol(tx, actor, userID, in)
		return err
	})
	return codes, err
}

func enrol(tx *gorm.DB, actor Actor, userID int64, in SecondFactorCode) ([]string, error) {
	sf, err := lockedSecondFactor(tx, userID)
	if err != nil {
		return nil, err
	}
	if sf.UserID == 0 || sf.EnrolledAt != nil {
		return nil, fmt.Errorf("no pending second factor for user %d: %w", userID, ErrWrongState)
	}
	code := normaliseCode(in.Code)
	if code == "" {
		return nil, FieldErrors{"code": msgMissingCode}.Err()
	}
	ok, err := acceptCode(tx, sf, code, tx.NowFunc())
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, FieldErrors{"code": "인증 코드가 맞지 않습니다. QR 코드를 읽은 인증 앱에 지금 보이는 6자리 숫자를 입력해 주십시오."}.Err()
	}
	now := tx.NowFunc()
	if err := tx.Model(&SecondFactor{}).Where("user_id = ?", userID).Update("enrolled_at", now).Error; err != nil {
		return nil, fmt.Errorf("enrol second factor of user %d: %w", userID, err)
	}
	codes, err := newRecoveryCodes(tx, userID)
	if err != nil {
		return nil, err
	}
	return codes, audit(tx, actor, AuditSecondFactorEnrol, "user", userID, nil, map[string]any{"display_name": loginOf(tx, userID)})
}

// loginOf names an account in the audit log: its name and login.
func loginOf(tx *gorm.DB, userID int64) string {
	var u User
	tx.Select("login", "display_name").Take(&u, userID)
	return u.DisplayName + " (" + u.Login + ")"
}

// checkOwnCode checks a code of the user's enrolled second factor (6 digits
// only, not a recovery code) before a change of it.
func checkOwnCode(tx *gorm.DB, userID int64, in SecondFactorCode) error {
	sf, err := lockedSecondFactor(tx, userID)
	if err != nil {
		return err
	}
	if sf.EnrolledAt == nil {
		return fmt.Errorf("no second factor for user %d: %w", userID, ErrWrongState)
	}
	code := normaliseCode(in.Code)
	if code == "" {
		return FieldErrors{"code": msgMissingCode}.Err()
	}
	ok, err := acceptCode(tx, sf, code, tx.NowFunc())
	if err != nil {
		return err
	}
	if !ok {
		return FieldErrors{"code": "인증 코드가 맞지 않거나 이미 쓴 코드입니다. 인증 앱에 지금 보이는 6자리 숫자를 입력해 주십시오."}.Err()
	}
	return nil
}

// RenewRecoveryCodes replaces one's own recovery codes, on a code from the
// app, and returns the new ones (shown once). Audited.
func (s *Store) RenewRecoveryCodes(ctx context.Context, actor Actor, userID int64, in SecondFactorCode) ([]string, error) {
	var codes []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkOwnCode(tx, userID, in); err != nil {
			return err
		}
		var err error
		if codes, err = newRecoveryCodes(tx, userID); err != nil {
			return err
		}
		return audit(tx, actor, AuditRecoveryCodes, "user", userID, nil, map[string]any{"display_name": loginOf(tx, userID)})
	})
	return codes, err
}

// RemoveSecondFactor turns one's own second factor off, on a code from the
// app (the handler refuses it for roles that must have one). Audited.
func (s *Store) RemoveSecondFactor(ctx context.Context, actor Actor, userID int64, in SecondFactorCode) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkOwnCode(tx, userID, in); err != nil {
			return err
		}
		return dropSecondFactor(tx, actor, userID, AuditSecondFactorRemove)
	})
}

// ResetSecondFactor is an administrator's removal of someone's second factor
// (a lost phone, no recovery code left): they enrol again at their next
// sign-in, and their sessions end. Audited.
func (s *Store) ResetSecondFactor(ctx context.Context, actor Actor, userID int64) error {
	if !actor.may(ActManageAccounts) {
		return ErrNotAllowed
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Take(&User{}, userID).Error; err != nil {
			return fmt.Errorf("user %d: %w", userID, notFound(err))
		}
		res := tx.Where("user_id = ? AND enrolled_at IS NOT NULL", userID).Delete(&SecondFactor{})
		if res.Error != nil {
			return fmt.Errorf("reset second factor of user %d: %w", userID, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("user %d has no second factor: %w", userID, ErrWrongState)
		}
		if err := tx.Where("user_id = ?", userID).Delete(&Session{}).Error; err != nil {
			return err
		}
		return dropSecondFactor(tx, actor, userID, AuditSecondFactorReset)
	})
}

func dropSecondFactor(tx *gorm.DB, actor Actor, userID int64, action string) error {
	for _, m := range []any{&SecondFactor{}, &RecoveryCode{}} {
		if err := tx.Where("user_id = ?", userID).Delete(m).Error; err != nil {
			return fmt.Errorf("drop second factor of user %d: %w", userID, err)
		}
	}
	return audit(tx, actor, action, "user", userID, nil, map[string]any{"display_name": loginOf(tx, userID)})
}

// ErrNoChallenge is returned for an unknown or expired second step of a sign-in.
var ErrNoChallenge = errors.New("no such sign-in challenge")
