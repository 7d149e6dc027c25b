package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// AccessKind is what a person did with exchangees' personal data (접속기록의 수행업무).
type AccessKind string

// Access kinds.
const (
	AccessView   AccessKind = "view"   // a page or list that shows exchangees' names
	AccessReveal AccessKind = "reveal" // an exchangee's phone and e-mail unmasked
	AccessExport AccessKind = "export" // a file of personal data downloaded, with a reason
)

// AccessKinds are the kinds in the order the filter offers them.
var AccessKinds = []AccessKind{AccessView, AccessReveal, AccessExport}

// Label is the kind in Korean.
func (k AccessKind) Label() string {
	switch k {
	case AccessView:
		return "조회"
	case AccessReveal:
		return "연락처 열람"
	case AccessExport:
		return "내려받기"
	}
	return string(k)
}

// AccessRecord is one row of the append-only 접속기록: who processed whose
// personal data, when, from where, how, and for downloads why.
type AccessRecord struct {
	ID         int64
	At         time.Time
	Day        string // the Korea date of At, 2025-01-20
	UserID     *int64
	Login      string
	IP         string
	Kind       AccessKind
	Path       string // the address asked for, without its query
	RecordType string // "nomination" (an exchangee), or "user" for the accounts in an export of these records
	RecordIDs  string // "12,15": whose data
	Reason     string // typed for a download
}

// Subjects are the ids of the records whose data was processed.
func (r AccessRecord) Subjects() []int64 {
	var ids []int64
	for s := range strings.SplitSeq(r.RecordIDs, ",") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// AccessRecordsRetention is the least time the records are kept: 개인정보의
// 안전성 확보조치 기준 asks two years for systems like this one; the database's
// trigger refuses to let a prune delete anything younger.
const AccessRecordsRetention = 2 * 365 * 24 * time.Hour

// DownloadReason is what a person types before downloading personal data.
type DownloadReason struct {
	Reason string `form:"reason" label:"내려받는 사유"`
}

// Check refuses an empty or overlong reason.
func (d DownloadReason) Check() (string, error) {
	r := strings.TrimSpace(d.Reason)
	switch {
	case r == "":
		return "", FieldErrors{"reason": "내려받는 사유를 입력해 주십시오. 사유는 접속기록에 남습니다."}.Err()
	case utf8.RuneCountInString(r) > 200:
		return "", FieldErrors{"reason": "내려받는 사유는 200자 이내로 입력해 주십시오."}.Err()
	}
	return r, nil
}

// AccessEntry is what a handler says about one processing of personal data.
type AccessEntry struct {
	Kind       AccessKind
	Path       string
	RecordType string
	RecordIDs  []int64
	Reason     string
}

// RecordAccess writes one access record (one INSERT), in tx when the caller
// has a transaction (nil: on its own).
func (s *Store) RecordAccess(ctx context.Context, tx *gorm.DB, a Actor, e AccessEntry) error {
	if tx == nil {
		tx = s.db.WithContext(ctx)
	}
	ids := slices.Clone(e.RecordIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	at := tx.NowFunc()
	rec := AccessRecord{At: at, Day: at.In(Seoul).Format(time.DateOnly), UserID: a.UserID, Login: a.Login, IP: a.IP,
		Kind: e.Kind, Path: e.Path, RecordType: e.RecordType, RecordIDs: strings.Join(parts, ","), Reason: e.Reason}
	if err := tx.Create(&rec).Error; err != nil {
		return fmt.Errorf("write access record %s %s: %w", e.Kind, e.Path, err)
	}
	return nil
}

// AccessFilter narrows the access records; Before and After are keyset
// bounds (ids), for the next and the previous page.
type AccessFilter struct {
	UserID   int64
	Kind     AccessKind
	RecordID int64  // an exchangee's nomination among the record's subjects
	From, To string // Korea dates, To inclusive; "" open
	Before   int64
	After    int64
	Limit    int
}

// AccessPage is one page of access records, newest first, with whether older
// and newer ones exist beyond it.
type AccessPage struct {
	Records      []AccessRecord
	Older, Newer bool
}

// AccessRecords lists access records newest first by keyset (id < Before, or
// id > After), one query on the primary key or the user's and kind's indexes.
func (s *Store) AccessRecords(ctx context.Context, f AccessFilter) (AccessPage, error) {
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	q := s.accessQuery(ctx, f)
	backwards := f.After > 0 && f.Before == 0
	switch {
	case backwards:
		q = q.Where("id > ?", f.After).Order("id ASC")
	case f.Before > 0:
		q = q.Where("id < ?", f.Before).Order("id DESC")
	default:
		q = q.Order("id DESC")
	}
	var list []AccessRecord
	if err := q.Limit(limit + 1).Find(&list).Error; err != nil {
		return AccessPage{}, fmt.Errorf("list access records: %w", err)
	}
	more := len(list) > limit
	if more {
		list = list[:limit]
	}
	p := AccessPage{Records: list}
	if backwards {
		slices.Reverse(p.Records)
		p.Newer, p.Older = more, true
	} else {
		p.Older, p.Newer = more, f.Before > 0
	}
	return p, nil
}

func (s *Store) accessQuery(ctx context.Context, f AccessFilter) *gorm.DB {
	q := s.db.WithContext(ctx).Model(&AccessRecord{})
	if f.UserID != 0 {
		q = q.Where("user_id = ?", f.UserID)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.RecordID != 0 {
		q = q.Where("record_type = 'nomination' AND ',' || record_ids || ',' LIKE ?", "%,"+strconv.FormatInt(f.RecordID, 10)+",%")
	}
	if f.From != "" {
		q = q.Where("day >= ?", f.From)
	}
	if f.To != "" {
		q = q.Where("day <= ?", f.To)
	}
	return q
}

// Thresholds of the monthly review: an account that, in one Korea day,
// reveals more contacts or downloads more files than this is flagged.
const (
	FlagRevealsPerDay = 10
	FlagExportsPerDay = 3
)

// AccessFlag is an account's day that the monthly review should look at.
type AccessFlag struct {
	Day    string
	UserID *int64
	Login  string
	Kind   AccessKind
	Count  int64
}

// AccessFlags lists, for the filter's days and account, each account's days
// with at least FlagRevealsPerDay reveals or FlagExportsPerDay downloads,
// newest first (at most 100). Days are counted apart, so the days before
// yesterday, whose records are all written (a record's day is its writing's,
// Seoul), are counted once a day and kept (accessFlagDays); yesterday and
// today are counted at each call. The review reads the last 30 days at every
// opening of the page: ten times more records in a full synthetic year than
// in the demo, a third of the page's time at ten years (issue 25).
func (s *Store) AccessFlags(ctx context.Context, f AccessFilter) ([]AccessFlag, error) {
	yesterday := s.db.NowFunc().In(Seoul).AddDate(0, 0, -1).Format(time.DateOnly)
	closed := AccessFilter{UserID: f.UserID, From: f.From, To: f.To}
	if closed.To == "" || closed.To >= yesterday {
		closed.To = dayBefore(yesterday)
	}
	var list []AccessFlag
	if closed.From <= closed.To {
		kept, err := s.flagDays.get(closed, func() ([]AccessFlag, error) { return s.countAccessFlags(ctx, closed) })
		if err != nil {
			return nil, err
		}
		list = append(list, kept...)
	}
	if f.To == "" || f.To >= yesterday {
		recent, err := s.countAccessFlags(ctx, AccessFilter{UserID: f.UserID, From: max(f.From, yesterday), To: f.To})
		if err != nil {
			return nil, err
		}
		list = append(recent, list...) // newer days first
	}
	return list[:min(len(list), accessFlagsShown)], nil
}

// accessFlagsShown bounds AccessFlags.
const accessFlagsShown = 100

// countAccessFlags is AccessFlags of the filter's days counted now: one
// grouped query on the day index.
func (s *Store) countAccessFlags(ctx context.Context, f AccessFilter) ([]AccessFlag, error) {
	q := s.accessQuery(ctx, f).
		Select("day, user_id, login, kind, COUNT(*) AS count").
		Where("kind IN ?", []AccessKind{AccessReveal, AccessExport}).
		Group("day, user_id, login, kind").
		Having("(kind = ? AND COUNT(*) >= ?) OR (kind = ? AND COUNT(*) >= ?)", AccessReveal, FlagRevealsPerDay, AccessExport, FlagExportsPerDay).
		Order("day DESC, count DESC, login").Limit(accessFlagsShown)
	var list []AccessFlag
	if err := q.Scan(&list).Error; err != nil {
		return nil, fmt.Errorf("flag access records: %w", err)
	}
	return list, nil
}

// dayBefore is the day before day (2025-03-01 → 2025-02-28).
func dayBefore(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, -1).Format(time.DateOnly)
}

// accessFlagDays keeps AccessFlags of days that are over, by filter. A prune
// of access records in this process empties it; after a prune in another
// instance the days it deleted (over two years old, outside the review's 30
// days) may stay listed here until the next day.
type accessFlagDays struct {
	mu   sync.Mutex
	kept map[AccessFilter][]AccessFlag
}

// get is the kept list of f, or count's, then kept (a few dozen filters at
// most: past that the oldest are let go all at once).
func (k *accessFlagDays) get(f AccessFilter, count func() ([]AccessFlag, error)) ([]AccessFlag, error) {
	k.mu.Lock()
	list, ok := k.kept[f]
	k.mu.Unlock()
	if ok {
		return list, nil
	}
	list, err := count()
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	if k.kept == nil || len(k.kept) >= 64 {
		k.kept = map[AccessFilter][]AccessFlag{}
	}
	k.kept[f] = list
	k.mu.Unlock()
	return list, nil
}

func (k *accessFlagDays) forget() {
	k.mu.Lock()
	k.kept = nil
	k.mu.Unlock()
}

// accessRecordPrune is a prune's row: open while its transaction deletes.
type accessRecordPrune struct {
	ID        int64
	At        time.Time
	BeforeDay string
	Deleted   int64
	Open      bool
}

func (accessRecordPrune) TableName() string { return "access_record_prunes" }

// PruneAccessRecords deletes the access records of days before now less
// retention: the one delete of them the database allows (its trigger lets a
// delete through only while a prune's row is open in the same transaction, and
// never for a record younger than AccessRecordsRetention). It returns how many.
func (s *Store) PruneAccessRecords(ctx context.Context, retention time.Duration, now time.Time) (int64, error) {
	if retention < AccessRecordsRetention {
		return 0, fmt.Errorf("access records are kept at least two years, not %s", retention)
	}
	before := now.Add(-retention).In(Seoul).Format(time.DateOnly)
	var deleted int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p := accessRecordPrune{At: tx.NowFunc(), BeforeDay: before, Open: true}
		if err := tx.Create(&p).Error; err != nil {
			return fmt.Errorf("open the prune of access records: %w", err)
		}
		res := tx.Where("day < ?", before).Delete(&AccessRecord{})
		if res.Error != nil {
			return fmt.Errorf("prune access records before %s: %w", before, res.Error)
		}
		deleted = res.RowsAffected
		return tx.Model(&p).Updates(map[string]any{"open": false, "deleted": deleted}).Error
	})
	s.flagDays.forget()
	return deleted, err
}

// NominationTitles names nominations by the position they fill, not by the
// person ("인력정책과장(중기부) 교류자"), for the access records' whose-data column:
// one query for a page's ids, each asked once: a page of fifty records of
// pages that each named a hundred exchangees names a few hundred, not the
// thousands of its rows (6,400 at ten years: one bound parameter each, a
// statement PostgreSQL parsed and planned anew for every page, 8 ms).
func (s *Store) NominationTitles(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	var rows []struct {
		ID    int64
		Title string
	}
	err := s.db.WithContext(ctx).Raw("SELECT x.id AS id, "+nominationTitleSQL+" || ' 교류자' AS title "+
		"FROM nominations x JOIN positions pp ON pp.id = x.position_id JOIN ministries pm ON pm.id = pp.ministry_id WHERE x.id IN ?", ids).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("name nominations: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Title
	}
	return out, nil
}
