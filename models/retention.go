package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// EraseExpiredContacts erases the work phone and e-mail of exchangees who
// returned more than days ago (개인정보보호법: keep personal data only as long
// as the programme needs it). The record keeps the name, the position, the
// dates and the history. Each erasure is audited; it returns how many were erased.
func (s *Store) EraseExpiredContacts(ctx context.Context, a Actor, days int, now time.Time) (int, error) {
	if days < 0 {
		return 0, fmt.Errorf("retention period %d days: must not be negative", days)
	}
	cutoff := today(now).AddDate(0, 0, -days)
	erased := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var list []Nomination
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Omit(clause.Associations).
			Where("returned_on IS NOT NULL AND returned_on < ? AND contact_erased_at IS NULL AND (work_phone <> '' OR email <> '')", cutoff).
			Order("id").Find(&list).Error
		if err != nil {
			return fmt.Errorf("find contacts past retention: %w", err)
		}
		at := tx.NowFunc()
		for _, n := range list {
			res := tx.Model(&Nomination{}).Where("id = ?", n.ID).
				Updates(map[string]any{"work_phone": "", "email": "", "contact_erased_at": at, "version": gorm.Expr("version + 1")})
			if res.Error != nil {
				return fmt.Errorf("erase contact of nomination %d: %w", n.ID, res.Error)
			}
			type erasure struct {
				Erased     string
				ReturnedOn string
				Days       int
			}
			if err := audit(tx, a, AuditUpdate, "nomination", n.ID, nil,
				erasure{Erased: "교류자 연락처 (보유 기간 경과)", ReturnedOn: dateString(n.ReturnedOn), Days: days}); err != nil {
				return err
			}
			erased++
		}
		return nil
	})
	return erased, err
}
