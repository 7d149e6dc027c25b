package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gyoryu/gyoryu/models/sheet"
)

// Grade is a position's level.
type Grade string

// Grades: 국장급 (director-general) and 과장급 (division director).
const (
	GradeDirectorGeneral  Grade = "director_general"
	GradeDivisionDirector Grade = "division_director"
)

// Label is the grade's Korean name.
func (g Grade) Label() string {
	switch g {
	case GradeDirectorGeneral:
		return "국장급"
	case GradeDivisionDirector:
		return "과장급"
	}
	return string(g)
}

// ParseGrade reads a grade from its Korean name (spaces ignored) or its code.
func ParseGrade(s string) (Grade, bool) {
	switch sheet.StripSpaces(s) {
	case "국장급", string(GradeDirectorGeneral):
		return GradeDirectorGeneral, true
	case "과장급", string(GradeDivisionDirector):
		return GradeDivisionDirector, true
	}
	return "", false
}

// GradeLabel is the Korean name of a grade that may be unknown.
func GradeLabel(g *Grade) string {
	if g == nil {
		return ""
	}
	return g.Label()
}

// PairStatus is where a pair stands between proposal and selection.
type PairStatus string

// Pair statuses.
const (
	PairProposed  PairStatus = "proposed"
	PairAgreed    PairStatus = "agreed"
	PairDeclined  PairStatus = "declined"
	PairSelected  PairStatus = "selected"
	PairRejected  PairStatus = "rejected"
	PairWithdrawn PairStatus = "withdrawn"
)

// Label is the status's Korean name: the word of the button that leads to
// it (동의 → 동의함, 거절 → 거절됨, 선정 → 선정됨, 미선정, 제안 철회 → 철회됨).
func (s PairStatus) Label() string {
	switch s {
	case PairProposed:
		return "제안됨"
	case PairAgreed:
		return "동의함"
	case PairDeclined:
		return "거절됨"
	case PairSelected:
		return "선정됨"
	case PairRejected:
		return "미선정"
	case PairWithdrawn:
		return "철회됨"
	}
	return "미입력"
}

// Position is a post in one ministry (직위). Title and grade may be unknown.
type Position struct {
	ID         int64     `json:"id"`
	MinistryID int64     `json:"ministry_id"`
	Ministry   Ministry  `json:"ministry"`
	Title      *string   `json:"title"`
	Grade      *Grade    `json:"grade"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// ExchangePair is two positions in two ministries swapped with each other (교류직위 A ↔ B).
type ExchangePair struct {
	ID          int64      `json:"id"`
	RoundID     int64      `json:"round_id"`
	Round       Round      `json:"round"`
	Number      *int       `json:"number"` // 연번 within the round, as in the attachment; unknown for round 1
	Grade       *Grade     `json:"grade"`
	Theme       *string    `json:"theme"` // 협업 분야
	Status      PairStatus `json:"status"`
	MinistryAID int64      `json:"ministry_a_id"`
	MinistryA   Ministry   `gorm:"foreignKey:MinistryAID" json:"ministry_a"`
	PositionAID int64      `json:"position_a_id"`
	PositionA   Position   `gorm:"foreignKey:PositionAID" json:"position_a"`
	MinistryBID int64      `json:"ministry_b_id"`
	MinistryB   Ministry   `gorm:"foreignKey:MinistryBID" json:"ministry_b"`
	PositionBID int64      `json:"position_b_id"`
	PositionB   Position   `gorm:"foreignKey:PositionBID" json:"position_b"`
	Rationale   string     `json:"rationale"`   // why the exchange helps (제안 사유)
	AgendaTask  string     `json:"agenda_task"` // the related national agenda task (관련 국정과제), free text
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// ProposedInApp reports whether a ministry proposed the pair in the app: a
// proposal must give its reason, which seeded and imported pairs never have.
// Only such a pair has a 제안 부처 (side A); the others just have two sides.
func (p ExchangePair) ProposedInApp() bool { return p.Rationale != "" }

// PairsOfRound lists a round's selected pairs in attachment order, with their
// ministries and positions: proposals not (yet) selected are not the round's list.
func (s *Store) PairsOfRound(ctx context.Context, roundID int64) ([]ExchangePair, error) {
	var list []ExchangePair
	err := s.db.WithContext(ctx).
		Preload("MinistryA").Preload("MinistryB").Preload("PositionA").Preload("PositionB").
		Where("round_id = ? AND status = ?", roundID, PairSelected).
		Order("number IS NULL, number, id").
		Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("list pairs of round %d: %w", roundID, err)
	}
	return list, nil
}

// Ministries are the two ministries a pair belongs to, for authorization.
func (p ExchangePair) Ministries() []int64 { return []int64{p.MinistryAID, p.MinistryBID} }

// PairFilter narrows a list of pairs.
type PairFilter struct {
	MinistryID int64 // pairs this ministry is in; 0: every pair
	ScopeID    int64 // the coordinator's own ministry: only pairs it is in; 0: no scope
	RoundID    int64
	Grade      Grade
	Status     PairStatus
	Query      string   // part of the theme or of a position title
	Sort       PairSort // "" is the default order
	Page       Page
}

// PairSort is an order of the pair list.
type PairSort string

// Orders of the pair list.
const (
	SortByRound   PairSort = "round"   // newest round first, then 연번 (the default)
	SortByTheme   PairSort = "theme"   // 협업 분야, 가나다 order
	SortByStatus  PairSort = "status"  // by status, then round and 연번
	SortByUpdated PairSort = "updated" // most recently changed first
)

// PairSorts lists the orders, for the sort control.
var PairSorts = []PairSort{SortByRound, SortByTheme, SortByStatus, SortByUpdated}

// Label is the order's Korean name.
func (s PairSort) Label() string {
	switch s {
	case SortByRound:
		return "차수·연번순"
	case SortByTheme:
		return "협업 분야순"
	case SortByStatus:
		return "상태순"
	case SortByUpdated:
		return "최근 변경순"
	}
	return string(s)
}

// pairOrder is each order's ORDER BY. The default, newest round first, is the
// order of migration 0086's index within a round: a page of it is read in
// order and stops at its last pair, where SQLite sorted every pair of the
// history (issue 25).
var pairOrder = map[PairSort]string{
	SortByRound:   "rounds.number DESC, exchange_pairs.number IS NULL, exchange_pairs.number, exchange_pairs.id",
	SortByTheme:   "exchange_pairs.theme IS NULL, exchange_pairs.theme, rounds.number DESC, exchange_pairs.id",
	SortByStatus:  "exchange_pairs.status, rounds.number DESC, exchange_pairs.number IS NULL, exchange_pairs.number, exchange_pairs.id",
	SortByUpdated: "exchange_pairs.updated_at DESC, exchange_pairs.id DESC",
}

// walkRoundsFrom is how many matching pairs (a round's, in a full year) make
// a page of them read by walking the rounds in order rather than sorted.
const walkRoundsFrom = 100

// Pairs lists pairs with their round, ministries and positions, with the total
// matching count; newest round first unless the filter asks for another order.
func (s *Store) Pairs(ctx context.Context, f PairFilter) ([]ExchangePair, int64, error) {
	q := s.db.WithContext(ctx).Model(&ExchangePair{})
	for _, m := range []int64{f.MinistryID, f.ScopeID} {
		if m != 0 {
			q = q.Where("(exchange_pairs.ministry_a_id = ? OR exchange_pairs.ministry_b_id = ?)", m, m)
		}
	}
	if f.RoundID != 0 {
		q = q.Where("exchange_pairs.round_id = ?", f.RoundID)
	}
	if f.Grade != "" {
		q = q.Where("exchange_pairs.grade = ?", f.Grade)
	}
	if f.Status != "" {
		q = q.Where("exchange_pairs.status = ?", f.Status)
	}
	if query := strings.TrimSpace(f.Query); query != "" {
		pat := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(query)) + "%"
		q = q.Where(`(LOWER(exchange_pairs.theme) LIKE ? ESCAPE '\' OR exchange_pairs.position_a_id IN (SELECT id FROM positions WHERE LOWER(title) LIKE ? ESCAPE '\') OR exchange_pairs.position_b_id IN (SELECT id FROM positions WHERE LOWER(title) LIKE ? ESCAPE '\'))`, pat, pat, pat)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count pairs: %w", err)
	}
	order, ok := pairOrder[f.Sort]
	if !ok {
		order = pairOrder[SortByRound]
	}
	var withRounds *gorm.DB
	if s.dialect == DialectSQLite && order == pairOrder[SortByRound] && total > walkRoundsFrom {
		// Many pairs match (a ministry's over ten years): the rounds walked
		// newest first, each one's pairs in order (migration 0086's index),
		// stop at the page's last pair. SQLite otherwise finds every pair of
		// the ministry by its indexes and sorts them all; for a few, cheaper.
		withRounds = q.Table("rounds CROSS JOIN exchange_pairs").Where("rounds.id = exchange_pairs.round_id")
	} else {
		withRounds = q.Joins("JOIN rounds ON rounds.id = exchange_pairs.round_id")
	}
	var ids []int64
	err := withRounds.Order(order).Limit(f.Page.Limit()).Offset(f.Page.Offset()).Pluck("exchange_pairs.id", &ids).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list pairs: %w", err)
	}
	list, err := s.pairsByID(ctx, ids)
	return list, total, err
}

// pairsByID loads pairs with their round, ministries and positions, in the
// order of ids: what a list of pairs shows (the pair without its times, the
// round's number, title and status, the ministries' names, the positions'
// titles), in one statement whose columns are scanned by hand: GORM's scan of
// five joined rows was most of the cost of a pair in a page of pairs (issue 25).
func (s *Store) pairsByID(ctx context.Context, ids []int64) ([]ExchangePair, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.db.WithContext(ctx).Raw(pairListSQL, ids).Rows()
	if err != nil {
		return nil, fmt.Errorf("load pairs by id: %w", err)
	}
	defer rows.Close()
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	placed := make([]ExchangePair, len(ids))
	for rows.Next() {
		var p ExchangePair
		ma, mb, pa, pb := &p.MinistryA, &p.MinistryB, &p.PositionA, &p.PositionB
		err := rows.Scan(&p.ID, &p.RoundID, &p.Number, &p.Grade, &p.Theme, &p.Status, &p.MinistryAID, &p.PositionAID, &p.MinistryBID, &p.PositionBID,
			&p.Rationale, &p.AgendaTask, &p.Round.Number, &p.Round.Title, &p.Round.Status,
			&ma.Code, &ma.ShortName, &ma.Name, &ma.NameEn, &mb.Code, &mb.ShortName, &mb.Name, &mb.NameEn, &pa.Title, &pb.Title)
		if err != nil {
			return nil, fmt.Errorf("load pairs by id: %w", err)
		}
		p.Round.ID, ma.ID, mb.ID, pa.ID, pb.ID = p.RoundID, p.MinistryAID, p.MinistryBID, p.PositionAID, p.PositionBID
		pa.MinistryID, pb.MinistryID = p.MinistryAID, p.MinistryBID
		if i, ok := at[p.ID]; ok {
			placed[i] = p
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load pairs by id: %w", err)
	}
	return slices.DeleteFunc(placed, func(p ExchangePair) bool { return p.ID == 0 }), nil
}

// pairListSQL is pairsByID's statement.
const pairListSQL = `SELECT p.id, p.round_id, p.number, p.grade, p.theme, p.status, p.ministry_a_id, p.position_a_id, p.ministry_b_id, p.position_b_id,
	p.rationale, p.agenda_task, r.number, r.title, r.status,
	ma.code, ma.short_name, ma.name, ma.name_en, mb.code, mb.short_name, mb.name, mb.name_en, pa.title, pb.title
	FROM exchange_pairs p JOIN rounds r ON r.id = p.round_id
	JOIN ministries ma ON ma.id = p.ministry_a_id JOIN ministries mb ON mb.id = p.ministry_b_id
	JOIN positions pa ON pa.id = p.position_a_id JOIN positions pb ON pb.id = p.position_b_id
	WHERE p.id IN ?`

// byID loads the rows of q whose column is one of ids, in the order of ids.
// A list finds its page's ids first and then loads just those rows with their
// related rows joined: joining them into the ordered, limited query itself has
// the database join every matching row before it sorts and cuts the page.
func byID[T any](q *gorm.DB, column string, ids []int64, idOf func(*T) int64) ([]T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var list []T
	if err := q.Where(column+" IN ?", ids).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("load %s by id: %w", column, err)
	}
	// Each row placed at its id's place, copied once: sorting the rows moved
	// and compared them by value, a row with its related rows being kilobytes
	// (three quarters of a page of twenty pairs' load, issue 25).
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	placed := make([]*T, len(ids))
	for i := range list {
		if j, ok := at[idOf(&list[i])]; ok {
			placed[j] = &list[i]
		}
	}
	ordered := make([]T, 0, len(list))
	for _, row := range placed {
		if row != nil {
			ordered = append(ordered, *row)
		}
	}
	return ordered, nil
}

// PairByID loads a pair with its round, ministries, positions and tasks.
func (s *Store) PairByID(ctx context.Context, id int64) (ExchangePair, []CollaborationTask, error) {
	var p ExchangePair
	err := s.db.WithContext(ctx).
		Joins("Round").Joins("MinistryA").Joins("MinistryB").Joins("PositionA").Joins("PositionB").
		Take(&p, id).Error
	if err != nil {
		return ExchangePair{}, nil, fmt.Errorf("pair %d: %w", id, notFound(err))
	}
	var tasks []CollaborationTask
	err = s.db.WithContext(ctx).Preload("Outcomes", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Where("pair_id = ?", id).Order("position, id").Find(&tasks).Error
	if err != nil {
		return ExchangePair{}, nil, fmt.Errorf("tasks of pair %d: %w", id, err)
	}
	return p, tasks, nil
}

// PairHistory lists a pair's status changes, oldest first, with who made them.
func (s *Store) PairHistory(ctx context.Context, pairID int64) ([]PairStatusEvent, error) {
	var list []PairStatusEvent
	err := s.db.WithContext(ctx).Joins("User").Joins("User.Ministry").
		Where("pair_status_events.pair_id = ?", pairID).Order("pair_status_events.at, pair_status_events.id").Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("history of pair %d: %w", pairID, err)
	}
	return list, nil
}

// PairsAwaiting lists, oldest first, the proposals that wait for the user in
// rounds open for proposals: a coordinator's answer as the counterpart, or an
// administrator's selection. Others have nothing waiting. At most limit pairs.
func (s *Store) PairsAwaiting(ctx context.Context, u *User, limit int) ([]ExchangePair, int64, error) {
	q := s.db.WithContext(ctx).Model(&ExchangePair{}).
		Where("exchange_pairs.round_id IN (SELECT id FROM rounds WHERE status = ?)", RoundProposals)
	switch {
	case MayAtAll(u, ActRespondPair) && u.MinistryID != nil:
		q = q.Where("exchange_pairs.status = ? AND exchange_pairs.ministry_b_id = ?", PairProposed, *u.MinistryID)
	case MayAtAll(u, ActSelectPair):
		q = q.Where("exchange_pairs.status = ?", PairAgreed)
	default:
		return nil, 0, nil
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count pairs awaiting %s: %w", u.Login, err)
	}
	var ids []int64
	err := q.Order("exchange_pairs.updated_at, exchange_pairs.id").Limit(limit).Pluck("exchange_pairs.id", &ids).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list pairs awaiting %s: %w", u.Login, err)
	}
	list, err := s.pairsByID(ctx, ids)
	return list, total, err
}
