package models

import (
	"context"
	"fmt"
	"time"
)

// MinistryKind says what sort of central agency a ministry is.
type MinistryKind string

// Ministry kinds (부, 처·청, 실, 위원회).
const (
	KindMinistry   MinistryKind = "ministry"
	KindAgency     MinistryKind = "agency"
	KindOffice     MinistryKind = "office"
	KindCommission MinistryKind = "commission"
)

// Label is the kind's Korean name.
func (k MinistryKind) Label() string {
	switch k {
	case KindMinistry:
		return "부"
	case KindAgency:
		return "처·청"
	case KindOffice:
		return "실"
	case KindCommission:
		return "위원회"
	}
	return string(k)
}

// Ministry is a central government agency (부처·기관).
type Ministry struct {
	ID        int64
	Code      string // the usual English acronym, e.g. "moel"
	ShortName string // e.g. 고용부
	Name      string // official name, e.g. 고용노동부
	Kind      MinistryKind
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Ministries lists every ministry by short name.
func (s *Store) Ministries(ctx context.Context) ([]Ministry, error) {
	var list []Ministry
	if err := s.db.WithContext(ctx).Order("short_name").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list ministries: %w", err)
	}
	return list, nil
}
