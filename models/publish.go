package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ContentStamp names the exact content of a task and its outcomes (their ids
// and versions). The publish preview carries it, so that an administrator
// publishes only what they saw; Outcomes must be loaded.
func (t CollaborationTask) ContentStamp() string {
	var b strings.Builder
	b.WriteString("v" + strconv.Itoa(t.Version))
	for _, o := range t.Outcomes {
		b.WriteString("-" + strconv.FormatInt(o.ID, 10) + "." + strconv.Itoa(o.Version))
	}
	return b.String()
}

// PublishProblems lists what keeps a task off the public site, in Korean.
func (t CollaborationTask) PublishProblems() []string {
	var list []string
	if t.Category == nil {
		list = append(list, "구분(행정 효율성·국민 편익 제고·기타)이 정해지지 않았습니다.")
	}
	if len(t.Outcomes) == 0 {
		list = append(list, "주요 성과가 하나도 없습니다.")
	}
	return list
}

// PublishTask shows a task with its outcomes on the public site, provided they
// are still what the administrator previewed (stamp); otherwise it returns a
// *StaleError with the task as now saved.
func (s *Store) PublishTask(ctx context.Context, a Actor, id int64, stamp string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockForPublishing(tx, a, id)
		if err != nil {
			return err
		}
		if before.ContentStamp() != stamp {
			return staleTask(tx, id)
		}
		if problems := before.PublishProblems(); len(problems) > 0 {
			return FieldErrors{"": strings.Join(problems, " ")}.Err()
		}
		if before.Published {
			return nil
		}
		now := tx.NowFunc()
		if err := tx.Model(&CollaborationTask{}).Where("id = ?", id).
			Updates(map[string]any{"published": true, "published_at": now}).Error; err != nil {
			return fmt.Errorf("publish task %d: %w", id, err)
		}
		return audit(tx, a, AuditPublish, "task", id, nil, map[string]any{"content_stamp": stamp, "published_at": now})
	})
}

// UnpublishTask takes a task off the public site.
func (s *Store) UnpublishTask(ctx context.Context, a Actor, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := lockForPublishing(tx, a, id)
		if err != nil {
			return err
		}
		if !before.Published {
			return nil
		}
		return unpublish(tx, a, id, "관리자가 공개를 해제함")
	})
}

func lockForPublishing(tx *gorm.DB, a Actor, id int64) (CollaborationTask, error) {
	if !a.may(ActPublishTasks) {
		return CollaborationTask{}, ErrForbidden
	}
	var t CollaborationTask
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Take(&t, id).Error; err != nil {
		return CollaborationTask{}, fmt.Errorf("task %d: %w", id, notFound(err))
	}
	if err := tx.Where("task_id = ?", id).Order("position, id").Find(&t.Outcomes).Error; err != nil {
		return CollaborationTask{}, err
	}
	return t, nil
}

// withdrawChanged takes a published task off the public site after a change
// to its outcomes: the public site shows only what an administrator published.
func withdrawChanged(tx *gorm.DB, a Actor, task CollaborationTask) error {
	if !task.Published {
		return nil
	}
	return unpublish(tx, a, task.ID, "공개 후 성과가 바뀜")
}

func unpublish(tx *gorm.DB, a Actor, id int64, reason string) error {
	if err := tx.Model(&CollaborationTask{}).Where("id = ?", id).
		Updates(map[string]any{"published": false, "published_at": nil}).Error; err != nil {
		return fmt.Errorf("unpublish task %d: %w", id, err)
	}
	return audit(tx, a, AuditUnpublish, "task", id, nil, map[string]string{"reason": reason})
}
