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
// reviewer per office (reviewer: 인사혁신처, reviewer-opc: 국무조정실), and one coordinator per ministry, named by the ministry's English code.
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
			if _, err := createUser(tx, System, in); err != nil {
				return fmt.Errorf("demo account %s: %w", in.Login, err)
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
