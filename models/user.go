package models

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Role is what a user does in the programme.
type Role string

// Roles.
const (
	RoleAdmin       Role = "admin"       // programme office: rounds, ministries, accounts, publishing
	RoleReviewer    Role = "reviewer"    // 인사처·국조실 reviewers: approvals, evaluations
	RoleCoordinator Role = "coordinator" // a ministry's coordinator: its own side only
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleReviewer, RoleCoordinator}

// Label is the role's Korean name.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "관리자"
	case RoleReviewer:
		return "심사자"
	case RoleCoordinator:
		return "부처 담당자"
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleReviewer || r == RoleCoordinator
}

// User is an account.
type User struct {
	ID           int64      `json:"id"`
	Login        string     `json:"login"`
	DisplayName  string     `json:"display_name"`
	Role         Role       `json:"role"`
	MinistryID   *int64     `json:"ministry_id"`
	Ministry     *Ministry  `json:"-"`
	Email        string     `json:"email"`
	Phone        string     `json:"phone"`
	Office       *Office    `json:"office"`                               // the reviewing office a reviewer belongs to (인사혁신처, 국무조정실)
	NotifyMail   NotifyMail `json:"notify_mail" gorm:"default:immediate"` // how notifications reach them by e-mail
	PasswordHash string     `json:"-"`
	Active       bool       `json:"active"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// UserInput is what an administrator enters for an account.
type UserInput struct {
	Login       string `form:"login" label:"아이디"`
	DisplayName string `form:"display_name" label:"이름"`
	Role        Role   `form:"role" label:"역할"`
	MinistryID  int64  `form:"ministry_id" label:"소속 부처 (부처 담당자)"`
	Email       string `form:"email" label:"전자우편"`
	Phone       string `form:"phone" label:"전화"`
	Office      Office `form:"office" label:"소속 심사 기관 (심사자: 교류자 선발 승인)"` // a reviewer's office; ignored for other roles
	Password    string // only when creating from the command line; empty: set through a reset link

	passwordHash string // a ready hash, for the demo accounts
}

var (
	loginPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	phonePattern = regexp.MustCompile(`^[0-9][0-9-]{6,18}[0-9]$`)
)

func (in *UserInput) normalise() {
	in.Login = strings.ToLower(strings.TrimSpace(in.Login))
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	in.Email = strings.TrimSpace(in.Email)
	in.Phone = strings.TrimSpace(in.Phone)
	if in.Role != RoleCoordinator {
		in.MinistryID = 0
	}
	if in.Role != RoleReviewer {
		in.Office = ""
	}
}

func (in UserInput) validate(creating bool) FieldErrors {
	errs := FieldErrors{}
	if creating && !loginPattern.MatchString(in.Login) {
		errs["login"] = "아이디는 영문 소문자·숫자로 시작하는 2~40자(영문 소문자, 숫자, . _ -)로 입력해 주십시오."
	}
	if in.DisplayName == "" {
		errs["display_name"] = "이름을 입력해 주십시오."
	} else if len([]rune(in.DisplayName)) > 50 {
		errs["display_name"] = "이름은 50자 이하로 입력해 주십시오."
	}
	if !in.Role.Valid() {
		errs["role"] = "역할을 선택해 주십시오."
	}
	if in.Role == RoleCoordinator && in.MinistryID == 0 {
		errs["ministry_id"] = "부처 담당자는 소속 부처를 선택해야 합니다."
	}
	if in.Email != "" && !emailPattern.MatchString(in.Email) {
		errs["email"] = "전자우편 주소 형식이 올바르지 않습니다."
	}
	if in.Office != "" && !in.Office.Valid() {
		errs["office"] = "소속 심사 기관을 목록에서 선택해 주십시오."
	}
	if in.Phone != "" && !phonePattern.MatchString(in.Phone) {
		errs["phone"] = "전화번호는 숫자와 -로 입력해 주십시오. (예: 044-201-8350)"
	}
	if in.Password != "" {
		if msg := CheckPasswordRules(in.Password); msg != "" {
			errs["password"] = msg
		}
	}
	return errs
}

// InputOf is the form values of an account.
func (u User) InputOf() UserInput {
	in := UserInput{Login: u.Login, DisplayName: u.DisplayName, Role: u.Role, Email: u.Email, Phone: u.Phone}
	if u.MinistryID != nil {
		in.MinistryID = *u.MinistryID
	}
	return in
}

// ErrDeactivateSelf is returned when an administrator tries to deactivate
// their own account, which would lock them out.
var ErrDeactivateSelf = fmt.Errorf("cannot deactivate one's own account: %w", ErrWrongState)

// CreateUser creates an account, audited as made by actor.
func (s *Store) CreateUser(ctx context.Context, actor Actor, in UserInput) (User, error) {
	if !actor.may(ActManageAccounts) {
		return User{}, ErrNotAllowed
	}
	var u User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		u, err = createUser(tx, actor, in)
		return err
	})
	return u, err
}

// createUser checks and creates an account inside tx, audited.
func createUser(tx *gorm.DB, actor Actor, in UserInput) (User, error) {
	in.normalise()
	errs := in.validate(true)
	if in.MinistryID != 0 {
		if err := tx.Where("id = ? AND active", in.MinistryID).Take(&Ministry{}).Error; err != nil {
			errs["ministry_id"] = "선택한 부처가 없거나 비활성 상태입니다."
		}
	}
	var n int64
	tx.Model(&User{}).Where("login = ?", in.Login).Count(&n)
	if n > 0 {
		errs["login"] = "이미 쓰이고 있는 아이디입니다."
	}
	if err := errs.Err(); err != nil {
		return User{}, err
	}
	u := User{Login: in.Login, DisplayName: in.DisplayName, Role: in.Role, MinistryID: optional(in.MinistryID),
		Email: in.Email, Phone: in.Phone, Office: optional(in.Office), Active: true, PasswordHash: in.passwordHash}
	if in.Password != "" {
		hash, err := HashPassword(in.Password)
		if err != nil {
			return User{}, err
		}
		u.PasswordHash = hash
	}
	if err := tx.Omit(clause.Associations).Create(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return User{}, FieldErrors{"login": "이미 쓰이고 있는 아이디입니다."}.Err()
		}
		return User{}, fmt.Errorf("create user %s: %w", in.Login, err)
	}
	return u, audit(tx, actor, AuditCreate, "user", u.ID, nil, u)
}

// UpdateUser changes an account's name, role, ministry and contact details.
// A change of role or ministry ends the user's sessions, so new rights apply at once.
func (s *Store) UpdateUser(ctx context.Context, actor Actor, id int64, in UserInput) (User, error) {
	if !actor.may(ActManageAccounts) {
		return User{}, ErrNotAllowed
	}
	in.normalise()
	errs := in.validate(false)
	var after User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before User
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&before, id).Error; err != nil {
			return fmt.Errorf("user %d: %w", id, notFound(err))
		}
		if in.MinistryID != 0 {
			if err := tx.Where("id = ?", in.MinistryID).Take(&Ministry{}).Error; err != nil {
				errs["ministry_id"] = "선택한 부처가 없습니다."
			}
		}
		if before.Role != in.Role {
			if msg, err := roleChangeRefused(tx, actor, before); err != nil {
				return err
			} else if msg != "" {
				errs["role"] = msg
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		after = before
		after.DisplayName, after.Role, after.MinistryID = in.DisplayName, in.Role, optional(in.MinistryID)
		after.Email, after.Phone, after.Office = in.Email, in.Phone, optional(in.Office)
		if err := tx.Model(&after).Select("display_name", "role", "ministry_id", "email", "phone", "office", "updated_at").Updates(&after).Error; err != nil {
			return fmt.Errorf("update user %d: %w", id, err)
		}
		if before.Role != after.Role || !sameID(before.MinistryID, after.MinistryID) {
			if err := tx.Where("user_id = ?", id).Delete(&Session{}).Error; err != nil {
				return err
			}
		}
		return audit(tx, actor, AuditUpdate, "user", id, before, after)
	})
	return after, err
}

// SetUserActive activates or deactivates an account; deactivation ends its
// sessions. Nobody deactivates their own account.
func (s *Store) SetUserActive(ctx context.Context, actor Actor, id int64, active bool) error {
	if !actor.may(ActManageAccounts) {
		return ErrNotAllowed
	}
	if !active && actor.UserID != nil && *actor.UserID == id {
		return ErrDeactivateSelf
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before User
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&before, id).Error; err != nil {
			return fmt.Errorf("user %d: %w", id, notFound(err))
		}
		if !active && before.Active {
			if last, err := lastActiveAdmin(tx, before); err != nil {
				return err
			} else if last {
				return FieldErrors{"": "마지막 관리자 계정은 사용 중지할 수 없습니다. 먼저 다른 관리자 계정을 만들어 주십시오."}.Err()
			}
		}
		after := before
		after.Active = active
		if err := tx.Model(&after).Select("active", "updated_at").Updates(&after).Error; err != nil {
			return err
		}
		if !active {
			if err := tx.Where("user_id = ?", id).Delete(&Session{}).Error; err != nil {
				return err
			}
		}
		return audit(tx, actor, AuditUpdate, "user", id, before, after)
	})
}

// roleChangeRefused says in Korean why u's role may not change, or "": nobody
// changes their own role, and the last active administrator stays one, so the
// programme is never left without an administrator.
func roleChangeRefused(tx *gorm.DB, actor Actor, u User) (string, error) {
	if actor.UserID != nil && *actor.UserID == u.ID {
		return "자신의 역할은 바꿀 수 없습니다. 다른 관리자에게 요청해 주십시오.", nil
	}
	last, err := lastActiveAdmin(tx, u)
	if err != nil || !last {
		return "", err
	}
	return "마지막 관리자의 역할은 바꿀 수 없습니다. 먼저 다른 관리자 계정을 만들어 주십시오.", nil
}

// lastActiveAdmin reports whether u is the only active administrator. It locks
// the administrators' rows, so two admins demoting each other at once queue.
func lastActiveAdmin(tx *gorm.DB, u User) (bool, error) {
	if u.Role != RoleAdmin || !u.Active {
		return false, nil
	}
	var ids []int64
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Model(&User{}).
		Where("role = ? AND active", RoleAdmin).Order("id").Pluck("id", &ids).Error
	if err != nil {
		return false, fmt.Errorf("count active administrators: %w", err)
	}
	return len(ids) <= 1, nil
}

// PasswordChange is the form for changing one's own password, as typed.
type PasswordChange struct {
	Current string `form:"current_password" label:"현재 비밀번호"`
	New     string `form:"new_password" label:"새 비밀번호"`
}

// ChangePassword sets a user's password after checking the current one; it ends
// every session of the user, and the caller starts a new one.
func (s *Store) ChangePassword(ctx context.Context, actor Actor, id int64, in PasswordChange) error {
	current, next := in.Current, in.New
	errs := FieldErrors{}
	if msg := CheckPasswordRules(next); msg != "" {
		errs["new_password"] = msg
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		if err := tx.Take(&u, id).Error; err != nil {
			return fmt.Errorf("user %d: %w", id, notFound(err))
		}
		if VerifyPassword(u.PasswordHash, current) != nil {
			errs["current_password"] = "현재 비밀번호가 맞지 않습니다."
		}
		if err := errs.Err(); err != nil {
			return err
		}
		return setPassword(tx, actor, u, next)
	})
}

// PasswordHistory is one of an account's previous passwords, as its hash.
type PasswordHistory struct {
	ID           int64
	UserID       int64
	PasswordHash string
	CreatedAt    time.Time
}

// TableName keeps the table's name singular, as the migration made it.
func (PasswordHistory) TableName() string { return "password_history" }

// PasswordReuseLimit is how many of an account's last passwords, the current
// one included, a new password may not be.
const PasswordReuseLimit = 5

// setPassword sets u's password, refusing any of its last PasswordReuseLimit
// passwords; it keeps the old one in the history, ends u's sessions and audits
// the change as actor's.
func setPassword(tx *gorm.DB, actor Actor, u User, pw string) error {
	var previous []string
	if err := tx.Model(&PasswordHistory{}).Where("user_id = ?", u.ID).Order("created_at DESC").Order("id DESC").
		Limit(PasswordReuseLimit-1).Pluck("password_hash", &previous).Error; err != nil {
		return fmt.Errorf("password history of user %d: %w", u.ID, err)
	}
	if u.PasswordHash != "" {
		previous = append([]string{u.PasswordHash}, previous...)
	}
	for _, h := range previous {
		if VerifyPassword(h, pw) == nil {
			return FieldErrors{"new_password": fmt.Sprintf("최근에 쓴 비밀번호 %d개는 다시 쓸 수 없습니다. 다른 비밀번호를 정해 주십시오.", PasswordReuseLimit)}.Err()
		}
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	if u.PasswordHash != "" {
		if err := tx.Create(&PasswordHistory{UserID: u.ID, PasswordHash: u.PasswordHash, CreatedAt: tx.NowFunc()}).Error; err != nil {
			return fmt.Errorf("keep old password of user %d: %w", u.ID, err)
		}
		keep := tx.Model(&PasswordHistory{}).Select("id").Where("user_id = ?", u.ID).
			Order("created_at DESC").Order("id DESC").Limit(PasswordReuseLimit - 1)
		if err := tx.Where("user_id = ? AND id NOT IN (?)", u.ID, keep).Delete(&PasswordHistory{}).Error; err != nil {
			return fmt.Errorf("forget older passwords of user %d: %w", u.ID, err)
		}
	}
	if err := tx.Model(&u).Select("password_hash", "updated_at").Updates(User{PasswordHash: hash}).Error; err != nil {
		return fmt.Errorf("set password of user %d: %w", u.ID, err)
	}
	if err := tx.Where("user_id = ?", u.ID).Delete(&Session{}).Error; err != nil {
		return err
	}
	return audit(tx, actor, AuditPasswordChange, "user", u.ID, nil, map[string]string{"display_name": u.DisplayName + " (" + u.Login + ")"})
}

// UserByID loads an account with its ministry.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	var u User
	if err := s.db.WithContext(ctx).Preload("Ministry").Take(&u, id).Error; err != nil {
		return User{}, fmt.Errorf("user %d: %w", id, notFound(err))
	}
	return u, nil
}

// UserFilter narrows the account list.
type UserFilter struct {
	Role       Role
	MinistryID int64
	Query      string // part of the login or name
	Page       Page
}

// Users lists accounts by login, with the total matching count.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]User, int64, error) {
	q := s.db.WithContext(ctx).Model(&User{})
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.MinistryID != 0 {
		q = q.Where("ministry_id = ?", f.MinistryID)
	}
	if f.Query != "" {
		pat := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(f.Query)) + "%"
		q = q.Where(`(login LIKE ? ESCAPE '\' OR LOWER(display_name) LIKE ? ESCAPE '\')`, pat, pat)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count users: %w", err)
	}
	var list []User
	err := q.Preload("Ministry").Order("login").Limit(f.Page.Limit()).Offset(f.Page.Offset()).Find(&list).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list users: %w", err)
	}
	return list, total, nil
}

func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// CountUsersWithLogin is 1 when an account has the login, 0 otherwise.
func (s *Store) CountUsersWithLogin(ctx context.Context, login string) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&User{}).Where("login = ?", login).Count(&n).Error
	return n, err
}

// ViewPersonalData lets the actor see an account's unmasked contact details
// and records that they did, from where in the app (path).
func (s *Store) ViewPersonalData(ctx context.Context, actor Actor, u User, path string) error {
	if !actor.may(ActViewPersonalData) {
		return ErrNotAllowed
	}
	if u.Email == "" && u.Phone == "" {
		return nil
	}
	return s.Audit(ctx, actor, AuditViewPersonal, "user", u.ID, map[string]string{"fields": "email, phone", "path": path})
}
