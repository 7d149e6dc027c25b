package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/gyoryu/gyoryu/models/sheet"
)

// RoundNominationSheet lists every position of a round's selected pairs in
// attachment order, each with its nomination in progress (or 추천 전).
func (s *Store) RoundNominationSheet(ctx context.Context, roundID int64) ([]sheet.NominationRow, error) {
	pairs, err := s.PairsOfRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	round, err := s.RoundByID(ctx, roundID)
	if err != nil {
		return nil, err
	}
	var list []Nomination
	err = s.db.WithContext(ctx).Preload("Companions", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Where("status NOT IN ? AND pair_id IN (SELECT id FROM exchange_pairs WHERE round_id = ?)", // a draft is the sending ministry's alone
			[]NominationStatus{NominationRevoked, NominationDraft}, roundID).
		Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("nominations of round %d: %w", roundID, err)
	}
	byPosition := map[int64]Nomination{}
	for _, n := range list {
		byPosition[n.PositionID] = n
	}
	var rows []sheet.NominationRow
	for _, p := range pairs {
		for _, side := range []struct {
			pos Position
			m   Ministry
		}{{p.PositionA, p.MinistryA}, {p.PositionB, p.MinistryB}} {
			row := sheet.NominationRow{Grade: GradeLabel(p.Grade), Status: NoExchangeeLabel(round),
				Position: strings.TrimSpace(deref(side.pos.Title) + " (" + side.m.ShortName + ")")}
			if p.Number != nil {
				row.Number = strconv.Itoa(*p.Number)
			}
			if n, ok := byPosition[side.pos.ID]; ok {
				row.NominationID = n.ID
				row.Exchangee, row.Rank, row.Status, row.Phone, row.Email = n.ExchangeeName, n.Rank, n.StateLabel(), n.WorkPhone, n.Email
				var names []string
				for _, c := range n.Companions {
					if c.Removed() {
						names = append(names, strings.TrimSpace(c.Name+" "+c.Rank)+" (제외)")
						continue
					}
					names = append(names, strings.TrimSpace(c.Name+" "+c.Rank))
				}
				row.Companions = strings.Join(names, ", ")
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}
