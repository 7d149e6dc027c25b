package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// DemoPassword is the password of every demo account; demo mode only.
const DemoPassword = "gyoryu-demo"

// SeedDemoAccounts creates the demo accounts that are missing: admin, one
// reviewer per office (reviewer: 인사혁신처, reviewer-opc: 국무조정실), and one
// coordinator per ministry, named by the ministry's English code. Each is
// marked in demo_accounts, so that outside demo mode they are found and refused.
func (s *Store) SeedDemoAccounts(ctx context.Context) (int, error) {
	ministries, err := s.Ministries(ctx)
	if err != nil {
		return 0, err
	}
	accounts := []UserInput{
		{Login: "admin", DisplayName: "데모 관리자", Role: RoleAdmin},
		{Login: "reviewer", DisplayName: "데모 심사자 (인사혁신처)", Role: RoleReviewer, Office: OfficeMPM},
		{Login: "reviewer-opc", DisplayName: "데모 심사자 (국무조정실)", Role: RoleReviewer, Office: OfficeOPC},
	}
	for _, m := range ministries {
		accounts = append(accounts, UserInput{Login: m.Code, DisplayName: m.ShortName + " 데모 담당자", Role: RoleCoordinator, MinistryID: m.ID})
	}
	// One hash for all: they share a published password anyway, and hashing
	// is deliberately slow.
	hash, err := HashPassword(DemoPassword)
	if err != nil {
		return 0, err
	}
	created := 0
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockSeeding(tx); err != nil {
			return err
		}
		for _, in := range accounts {
			err := tx.Where("login = ?", in.Login).Take(&User{}).Error
			if err == nil {
				continue
			}
			if !errors.Is(err, gorm.ErrRecordNotFound) {
				return err
			}
			in.passwordHash = hash
			u, err := createUser(tx, System, in)
			if err != nil {
				return fmt.Errorf("demo account %s: %w", in.Login, err)
			}
			if err := tx.Exec("INSERT INTO demo_accounts (user_id) VALUES (?)", u.ID).Error; err != nil {
				return fmt.Errorf("mark demo account %s: %w", in.Login, err)
			}
			created++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return created, nil
}

// DemoAccount is an account demo mode made, whose password is published.
type DemoAccount struct {
	ID     int64
	Login  string
	Active bool
}

// DemoAccounts lists the accounts demo mode made that still exist, by login.
func (s *Store) DemoAccounts(ctx context.Context) ([]DemoAccount, error) {
	var out []DemoAccount
	err := s.db.WithContext(ctx).Table("users").Select("users.id, users.login, users.active").
		Joins("JOIN demo_accounts ON demo_accounts.user_id = users.id").Order("users.login").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list demo accounts: %w", err)
	}
	return out, nil
}

// OwnAccounts lists the logins of the accounts demo mode did not make, at most
// limit of them, and counts them all.
func (s *Store) OwnAccounts(ctx context.Context, limit int) ([]string, int64, error) {
	q := s.db.WithContext(ctx).Model(&User{}).Where("id NOT IN (SELECT user_id FROM demo_accounts)")
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return nil, 0, fmt.Errorf("count accounts: %w", err)
	}
	var logins []string
	if err := q.Order("login").Limit(limit).Pluck("login", &logins).Error; err != nil {
		return nil, 0, fmt.Errorf("list accounts: %w", err)
	}
	return logins, n, nil
}

// ActiveAdministrators counts the active administrators.
func (s *Store) ActiveAdministrators(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&User{}).Where("role = ? AND active", RoleAdmin).Count(&n).Error
	return n, err
}

// DemoRemoval says what RemoveDemoAccounts did, by login.
type DemoRemoval struct {
	Deleted     []string // nothing referred to them
	Deactivated []string // records name them: kept, inactive, without a password or sessions
}

// RemoveDemoAccounts takes the demo accounts out of use: each is deleted, or,
// when records refer to it (the audit log, a decision, a reset link it made),
// kept for those records but deactivated, its password cleared, its sessions
// and reset links gone. Each account is one audited transaction.
func (s *Store) RemoveDemoAccounts(ctx context.Context) (DemoRemoval, error) {
	var rep DemoRemoval
	accounts, err := s.DemoAccounts(ctx)
	if err != nil {
		return rep, err
	}
	db := s.db.WithContext(ctx)
	for _, a := range accounts {
		var before User
		if err := db.Take(&before, a.ID).Error; err != nil {
			return rep, fmt.Errorf("demo account %s: %w", a.Login, err)
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Delete(&User{}, a.ID).Error; err != nil {
				return err
			}
			return audit(tx, System, AuditDelete, "user", a.ID, before, nil)
		})
		if err == nil {
			rep.Deleted = append(rep.Deleted, a.Login)
			continue
		}
		if !errors.Is(err, gorm.ErrForeignKeyViolated) {
			return rep, fmt.Errorf("delete demo account %s: %w", a.Login, err)
		}
		err = db.Transaction(func(tx *gorm.DB) error {
			after := before
			after.Active, after.PasswordHash = false, ""
			if err := tx.Model(&after).Select("active", "password_hash", "updated_at").Updates(&after).Error; err != nil {
				return err
			}
			if err := tx.Where("user_id = ?", a.ID).Delete(&Session{}).Error; err != nil {
				return err
			}
			if err := tx.Where("user_id = ? AND used_at IS NULL", a.ID).Delete(&PasswordReset{}).Error; err != nil {
				return err
			}
			return audit(tx, System, AuditUpdate, "user", a.ID, before, after)
		})
		if err != nil {
			return rep, fmt.Errorf("deactivate demo account %s: %w", a.Login, err)
		}
		rep.Deactivated = append(rep.Deactivated, a.Login)
	}
	return rep, nil
}
