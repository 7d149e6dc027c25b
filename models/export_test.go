package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// WorklistPlan is PostgreSQL's plan of u's worklist, explained as Worklist
// runs it (withGenericPlan), a line a node.
func (s *Store) WorklistPlan(ctx context.Context, u *User) (string, error) {
	q, args := worklistQuery(u, s.db.NowFunc(), 5, WorkOptions{})
	var lines []string
	err := s.withGenericPlan(ctx, func(db *gorm.DB) error {
		return db.Raw("EXPLAIN "+q, args...).Scan(&lines).Error
	})
	return strings.Join(lines, "\n"), err
}
