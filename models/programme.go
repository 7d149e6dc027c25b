package models

import (
	"context"
	"fmt"
)

// Overview is the programme in numbers, for the public results page.
type Overview struct {
	Rounds        []Round
	PairsPerRound map[int64]int // pairs on record (selected) by round id
	Ministries    int           // distinct ministries named in selected pairs
}

// Overview counts the programme as the public may see it: announced rounds with their plans, the selected pairs
// on record per round, and the ministries taking part. Three queries in all.
func (s *Store) Overview(ctx context.Context) (Overview, error) {
	ov := Overview{PairsPerRound: map[int64]int{}}
	var err error
	if ov.Rounds, err = s.PublicRounds(ctx); err != nil {
		return Overview{}, err
	}
	var counts []struct {
		RoundID int64
		N       int
	}
	err = s.db.WithContext(ctx).Model(&ExchangePair{}).
		Select("round_id, COUNT(*) AS n").Where("status = ? AND round_id IN (?)", PairSelected, s.announcedRoundIDs(ctx)).
		Group("round_id").Scan(&counts).Error
	if err != nil {
		return Overview{}, fmt.Errorf("count pairs per round: %w", err)
	}
	for _, c := range counts {
		ov.PairsPerRound[c.RoundID] = c.N
	}
	var n int64
	announced := s.announcedRoundIDs(ctx)
	err = s.db.WithContext(ctx).Raw(`SELECT COUNT(*) FROM (
			SELECT ministry_a_id AS m FROM exchange_pairs WHERE status = ? AND round_id IN (?)
			UNION SELECT ministry_b_id FROM exchange_pairs WHERE status = ? AND round_id IN (?)) AS taking_part`,
		PairSelected, announced, PairSelected, announced).Scan(&n).Error
	if err != nil {
		return Overview{}, fmt.Errorf("count ministries taking part: %w", err)
	}
	ov.Ministries = int(n)
	return ov, nil
}
