package models

import (
	"context"
	"fmt"
	"time"
)

// OfficeContact is a programme office contact as published in the press release (문의처).
type OfficeContact struct {
	ID             int64
	Organization   string // e.g. 인사혁신처 인사혁신국 개방교류과
	Duty           string // e.g. 총괄
	Responsibility string // 책임자 or 담당자
	JobTitle       string // 과장, 팀장 (a 직위) or 사무관 (a 직급), as the press release prints it
	Name           string
	Phone          string
	Position       int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OfficeContacts lists the programme office contacts in published order.
func (s *Store) OfficeContacts(ctx context.Context) ([]OfficeContact, error) {
	var list []OfficeContact
	if err := s.db.WithContext(ctx).Order("position, id").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list office contacts: %w", err)
	}
	return list, nil
}
