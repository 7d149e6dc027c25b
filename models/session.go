package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Session is a signed-in browser. Only a hash of its token is stored, so a
// leaked database does not hand out live sessions.
type Session struct {
	IDHash     string `gorm:"primaryKey"`
	UserID     int64
	CSRFToken  string
	IP         string
	UserAgent  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// sessionWithUser reads a session with its user (and the user's ministry) joined.
type sessionWithUser struct {
	Session
	User User `gorm:"foreignKey:UserID"`
}

func (sessionWithUser) TableName() string { return "sessions" }

// SessionLimits are how long a session may stay idle and live in all.
type SessionLimits struct {
	Idle     time.Duration
	Absolute time.Duration
	// IdlePersonal is the shorter idle limit of accounts that handle personal
	// data (may reveal exchangees' contact details): 개인정보의 안전성
	// 확보조치 기준 asks that their access end after a while without work.
	// 0: Idle.
	IdlePersonal time.Duration
}

// idleFor is how long u's session may stay idle.
func (l SessionLimits) idleFor(u *User) time.Duration {
	if l.IdlePersonal > 0 && l.IdlePersonal < l.Idle && MayAtAll(u, ActViewExchangeeContact) {
		return l.IdlePersonal
	}
	return l.Idle
}

// ErrNoSession is returned for an unknown, expired or ended session.
var ErrNoSession = errors.New("no such session")

// touchEvery bounds how often a session's last-seen time is written.
const touchEvery = time.Minute

// newToken returns a random URL-safe token and the hash stored for it.
func newToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// StartSession opens a new session for a user and returns its token; a new
// token at every login means a session id planted before login is useless.
func (s *Store) StartSession(ctx context.Context, userID int64, ip, userAgent string) (string, Session, error) {
	token, hash, err := newToken()
	if err != nil {
		return "", Session{}, err
	}
	csrf, _, err := newToken()
	if err != nil {
		return "", Session{}, err
	}
	now := s.db.NowFunc()
	sess := Session{IDHash: hash, UserID: userID, CSRFToken: csrf, IP: ip, UserAgent: truncateRunes(userAgent, 300),
		CreatedAt: now, LastSeenAt: now}
	if err := s.db.WithContext(ctx).Create(&sess).Error; err != nil {
		return "", Session{}, fmt.Errorf("start session for user %d: %w", userID, err)
	}
	return token, sess, nil
}

// SessionUser finds the active user of a session token, ending the session
// when it has been idle or alive too long.
func (s *Store) SessionUser(ctx context.Context, token string, limits SessionLimits) (User, Session, error) {
	if token == "" {
		return User{}, Session{}, ErrNoSession
	}
	db := s.db.WithContext(ctx)
	// The session with its user and the user's ministry, in one query: every
	// signed-in request starts here.
	var row sessionWithUser
	if err := db.Joins("User").Joins("User.Ministry").Where("sessions.id_hash = ?", hashToken(token)).Take(&row).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return User{}, Session{}, ErrNoSession
		}
		return User{}, Session{}, fmt.Errorf("load session: %w", err)
	}
	sess, u := row.Session, row.User
	now := s.db.NowFunc()
	if now.Sub(sess.LastSeenAt) > limits.idleFor(&u) || now.Sub(sess.CreatedAt) > limits.Absolute || u.ID == 0 || !u.Active {
		db.Delete(&sess)
		return User{}, Session{}, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		sess.LastSeenAt = now
		if err := db.Model(&sess).Update("last_seen_at", now).Error; err != nil {
			return User{}, Session{}, fmt.Errorf("touch session: %w", err)
		}
	}
	return u, sess, nil
}

// EndSession signs a session out (logout), auditing it for the user.
func (s *Store) EndSession(ctx context.Context, actor Actor, token string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("id_hash = ?", hashToken(token)).Delete(&Session{})
		if res.Error != nil {
			return fmt.Errorf("end session: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		return audit(tx, actor, AuditLogout, "user", derefID(actor.UserID), nil, nil)
	})
}

func derefID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
