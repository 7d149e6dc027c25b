package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// LoginDevice is a browser that signed in to an account: it holds a random
// token (the device cookie) of which only the hash is kept.
type LoginDevice struct {
	TokenHash  string `gorm:"primaryKey"`
	UserID     int64
	CreatedAt  time.Time
	LastUsedAt time.Time
}

// devicesPerAccount is how many browsers an account keeps as known; the one
// unused longest is forgotten first.
const devicesPerAccount = 10

// DeviceLifetime is how long a device cookie lasts, and a browser stays known
// without signing in.
const DeviceLifetime = 180 * 24 * time.Hour

func deviceKey(token string) string { return "device:" + hashToken(token) }

// knownDevice reports whether token is a device token of the account login,
// used within DeviceLifetime.
func knownDevice(tx *gorm.DB, token, login string) (bool, error) {
	if token == "" || len(token) > 100 {
		return false, nil
	}
	var n int64
	err := tx.Model(&LoginDevice{}).Joins("JOIN users ON users.id = login_devices.user_id").
		Where("login_devices.token_hash = ? AND users.login = ? AND login_devices.last_used_at > ?",
			hashToken(token), login, tx.NowFunc().Add(-DeviceLifetime)).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("read device: %w", err)
	}
	return n > 0, nil
}

// keepDevice makes the browser known to the account after a successful
// sign-in: a known one is touched, an unknown one gets a new token (returned);
// beyond devicesPerAccount the one unused longest is forgotten.
func keepDevice(tx *gorm.DB, userID int64, token string, known bool) (string, error) {
	now := tx.NowFunc()
	if known {
		err := tx.Model(&LoginDevice{}).Where("token_hash = ?", hashToken(token)).Update("last_used_at", now).Error
		return token, err
	}
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	if err := tx.Create(&LoginDevice{TokenHash: hash, UserID: userID, CreatedAt: now, LastUsedAt: now}).Error; err != nil {
		return "", fmt.Errorf("keep device of user %d: %w", userID, err)
	}
	keep := tx.Model(&LoginDevice{}).Select("token_hash").Where("user_id = ?", userID).
		Order("last_used_at DESC").Order("token_hash").Limit(devicesPerAccount)
	if err := tx.Where("user_id = ? AND token_hash NOT IN (?)", userID, keep).Delete(&LoginDevice{}).Error; err != nil {
		return "", fmt.Errorf("forget old devices of user %d: %w", userID, err)
	}
	return token, nil
}

// Throttle is a sign-in throttle as an administrator sees it.
type Throttle struct {
	Key         string
	Kind        string // 계정, 주소, 기기 or 2단계 인증
	Name        string // the login, the address, or the login of the device's account
	Failures    int
	LockedUntil *time.Time
	UpdatedAt   time.Time
}

// Label names the throttle for people: "계정 kdca".
func (t Throttle) Label() string { return t.Kind + " " + t.Name }

// throttlesShown bounds the list of throttles.
const throttlesShown = 100

// Throttles lists the throttles with failures remembered or a lock running,
// the most recent first (at most throttlesShown).
func (s *Store) Throttles(ctx context.Context) ([]Throttle, error) {
	db := s.db.WithContext(ctx)
	now := db.NowFunc()
	var rows []LoginThrottle
	err := db.Where("failures > 0 AND (updated_at > ? OR locked_until > ?)", now.Add(-failureMemory), now).
		Order("updated_at DESC").Order("key").Limit(throttlesShown).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list throttles: %w", err)
	}
	var hashes []string
	for _, r := range rows {
		if h, ok := strings.CutPrefix(r.Key, "device:"); ok {
			hashes = append(hashes, h)
		}
	}
	owners := map[string]string{}
	if len(hashes) > 0 {
		var found []struct{ TokenHash, Login string }
		err := db.Model(&LoginDevice{}).Select("login_devices.token_hash, users.login").
			Joins("JOIN users ON users.id = login_devices.user_id").Where("login_devices.token_hash IN ?", hashes).Scan(&found).Error
		if err != nil {
			return nil, fmt.Errorf("list throttled devices: %w", err)
		}
		for _, f := range found {
			owners[f.TokenHash] = f.Login
		}
	}
	out := make([]Throttle, 0, len(rows))
	for _, r := range rows {
		t := Throttle{Key: r.Key, Failures: r.Failures, LockedUntil: r.LockedUntil, UpdatedAt: r.UpdatedAt}
		if t.LockedUntil != nil && !t.LockedUntil.After(now) {
			t.LockedUntil = nil
		}
		_, name, _ := strings.Cut(r.Key, ":")
		t.Kind, t.Name = throttleName(r.Key, owners[name])
		out = append(out, t)
	}
	return out, nil
}

// ThrottleClear is an administrator's clearing of one throttle.
type ThrottleClear struct {
	Key string `form:"key" label:"로그인 제한"`
}

// ErrNoThrottle is returned when the throttle to clear is gone (cleared, or a
// successful sign-in cleared it).
var ErrNoThrottle = fmt.Errorf("no such throttle: %w", ErrWrongState)

// ClearThrottle forgets the failures and lock of one throttle, audited.
func (s *Store) ClearThrottle(ctx context.Context, actor Actor, in ThrottleClear) error {
	if !actor.may(ActManageAccounts) {
		return ErrNotAllowed
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row LoginThrottle
		if err := tx.Where("key = ?", in.Key).Take(&row).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNoThrottle
			}
			return fmt.Errorf("throttle %s: %w", in.Key, err)
		}
		var owner string
		if hash, ok := strings.CutPrefix(in.Key, "device:"); ok {
			err := tx.Model(&LoginDevice{}).Joins("JOIN users ON users.id = login_devices.user_id").
				Where("login_devices.token_hash = ?", hash).Limit(1).Pluck("users.login", &owner).Error
			if err != nil {
				return fmt.Errorf("device of throttle: %w", err)
			}
		}
		if err := tx.Where("key = ?", in.Key).Delete(&LoginThrottle{}).Error; err != nil {
			return fmt.Errorf("clear throttle %s: %w", in.Key, err)
		}
		kind, name := throttleName(in.Key, owner)
		return audit(tx, actor, AuditThrottleClear, "login_throttle", 0, map[string]any{"name": kind + " " + name, "failures": row.Failures}, nil)
	})
}

// throttleName is the kind of a throttle key and whose it is, in Korean;
// owner is the login of a device's account.
func throttleName(key, owner string) (kind, name string) {
	k, v, _ := strings.Cut(key, ":")
	switch k {
	case "login":
		return "계정", v
	case "ip":
		return "주소", v
	case "code":
		return "2단계 인증", v
	}
	return "기기", owner + " 계정의 브라우저"
}
