package models

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// Actor is who makes a change, and from where, for the audit log.
type Actor struct {
	UserID *int64
	Login  string
	IP     string
	user   *User // whose rights the domain checks; nil for the system and for visitors
	system bool
}

// ActorOf is the actor for a signed-in user.
func ActorOf(u *User, ip string) Actor {
	if u == nil {
		return Actor{IP: ip}
	}
	id := u.ID
	return Actor{UserID: &id, Login: u.Login, IP: ip, user: u}
}

// User is the signed-in user acting; nil for the system and for visitors.
func (a Actor) User() *User { return a.user }

// System is the actor for changes made by the app itself (seeding, command line).
var System = Actor{Login: "system", system: true}

// may reports whether the actor may take the action on a record of the given
// ministries: the domain's own check of the policy, whatever the caller checked.
func (a Actor) may(act Action, ministries ...int64) bool {
	return a.system || May(a.user, act, ministries...)
}

// AuditEvent is one entry of the append-only audit log.
type AuditEvent struct {
	ID         int64
	At         time.Time
	UserID     *int64
	Actor      string
	IP         string
	Action     string
	RecordType string
	RecordID   *int64
	Before     *string // JSON of the record before the change
	After      *string // JSON of the record after the change
	User       *User   `gorm:"foreignKey:UserID" json:"-"` // who acted, loaded for reading the log
}

// Audit actions.
const (
	AuditLogin          = "login"
	AuditLoginFailed    = "login.failed"
	AuditLogout         = "logout"
	AuditCreate         = "create"
	AuditUpdate         = "update"
	AuditDelete         = "delete"
	AuditPasswordChange = "password.change"
	AuditPasswordReset  = "password.reset_link"
	AuditViewPersonal   = "personal_data.view"
	AuditSeed           = "seed"
	AuditPublish        = "publish"
	AuditUnpublish      = "unpublish"
	AuditThrottleClear  = "login.throttle_clear"
	// The second factor: the second step of a sign-in, one's own enrolment,
	// new recovery codes and removal, and an administrator's reset.
	AuditSecondFactorPass   = "login.second_factor"
	AuditSecondFactorEnrol  = "second_factor.enrol"
	AuditRecoveryCodes      = "second_factor.recovery_codes"
	AuditSecondFactorRemove = "second_factor.remove"
	AuditSecondFactorReset  = "second_factor.reset"
)

// audit writes one event inside tx, so it commits or rolls back with the change.
func audit(tx *gorm.DB, a Actor, action, recordType string, recordID int64, before, after any) error {
	ev := AuditEvent{At: tx.NowFunc(), UserID: a.UserID, Actor: a.Login, IP: a.IP, Action: action, RecordType: recordType}
	if recordID != 0 {
		ev.RecordID = &recordID
	}
	var err error
	if ev.Before, err = jsonOf(before); err != nil {
		return err
	}
	if ev.After, err = jsonOf(after); err != nil {
		return err
	}
	if err := tx.Create(&ev).Error; err != nil {
		return fmt.Errorf("write audit event %s %s: %w", action, recordType, err)
	}
	if publicRecords[recordType] && changesPublic(before, after) {
		return bumpPublicVersion(tx)
	}
	return nil
}

func jsonOf(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: encode %T: %w", v, err)
	}
	s := string(b)
	return &s, nil
}

// Audit records an event that changes no other record (a login, a view of personal data).
func (s *Store) Audit(ctx context.Context, a Actor, action, recordType string, recordID int64, detail any) error {
	return audit(s.db.WithContext(ctx), a, action, recordType, recordID, nil, detail)
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	UserID     int64
	RecordType string
	RecordID   int64
	Action     string
	From, To   *time.Time // To is exclusive
	Page       Page
	// Before and After are keyset bounds (ids) for AuditEventPage: the page of
	// events older than Before, or newer than After.
	Before, After int64
}

// AuditEventsPage is one page of the audit log, newest first, with whether
// older and newer events exist beyond it: no count over the whole log.
type AuditEventsPage struct {
	Events       []AuditEvent
	Older, Newer bool
}

// AuditEventPage lists audit events newest first by keyset (id < Before, or
// id > After): one query walking the primary key, or an index that ends in id
// (action, user, record), whatever the size of the log.
func (s *Store) AuditEventPage(ctx context.Context, f AuditFilter) (AuditEventsPage, error) {
	limit := f.Page.Limit()
	q := s.auditQuery(ctx, f)
	backwards := f.After > 0 && f.Before == 0
	switch {
	case backwards:
		q = q.Where("audit_events.id > ?", f.After).Order("audit_events.id ASC")
	case f.Before > 0:
		q = q.Where("audit_events.id < ?", f.Before).Order("audit_events.id DESC")
	default:
		q = q.Order("audit_events.id DESC")
	}
	var list []AuditEvent
	if err := q.Preload("User").Limit(limit + 1).Find(&list).Error; err != nil {
		return AuditEventsPage{}, fmt.Errorf("list audit events: %w", err)
	}
	more := len(list) > limit
	if more {
		list = list[:limit]
	}
	p := AuditEventsPage{Events: list}
	if backwards {
		slices.Reverse(p.Events)
		p.Newer, p.Older = more, true
	} else {
		p.Older, p.Newer = more, f.Before > 0
	}
	return p, nil
}

func (s *Store) auditQuery(ctx context.Context, f AuditFilter) *gorm.DB {
	q := s.db.WithContext(ctx).Model(&AuditEvent{})
	if f.UserID != 0 {
		q = q.Where("user_id = ?", f.UserID)
	}
	if f.RecordType != "" {
		q = q.Where("record_type = ?", f.RecordType)
	}
	if f.RecordID != 0 {
		q = q.Where("record_id = ?", f.RecordID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.From != nil {
		q = q.Where("at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("at < ?", *f.To)
	}
	return q
}

// AuditEvents lists audit events, newest first, with the total matching count:
// for tools and tests; the audit page walks the log by AuditEventPage.
func (s *Store) AuditEvents(ctx context.Context, f AuditFilter) ([]AuditEvent, int64, error) {
	q := s.auditQuery(ctx, f)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count audit events: %w", err)
	}
	var list []AuditEvent
	if err := q.Preload("User").Order("at DESC, id DESC").Limit(f.Page.Limit()).Offset(f.Page.Offset()).Find(&list).Error; err != nil {
		return nil, 0, fmt.Errorf("list audit events: %w", err)
	}
	return list, total, nil
}
