package models

import (
	"context"
	"fmt"
	"strconv"
)

// TaskHistory lists the audit events of a task and of its outcomes (deleted
// ones included: an outcome's event names its task in the recorded JSON),
// newest first, with the total count.
func (s *Store) TaskHistory(ctx context.Context, taskID int64, p Page) ([]AuditEvent, int64, error) {
	taskOf := "json_extract(COALESCE(after, before), '$.task_id') = ?"
	var arg any = taskID
	if s.dialect == DialectPostgres {
		taskOf = "(CAST(COALESCE(after, before) AS jsonb) ->> 'task_id') = ?"
		arg = strconv.FormatInt(taskID, 10)
	}
	q := s.db.WithContext(ctx).Model(&AuditEvent{}).
		Where("(record_type = 'task' AND record_id = ?) OR (record_type = 'outcome' AND "+taskOf+")", taskID, arg)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count history of task %d: %w", taskID, err)
	}
	var list []AuditEvent
	if err := q.Preload("User").Order("at DESC, id DESC").Limit(p.Limit()).Offset(p.Offset()).Find(&list).Error; err != nil {
		return nil, 0, fmt.Errorf("history of task %d: %w", taskID, err)
	}
	return list, total, nil
}
