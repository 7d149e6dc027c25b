package models

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// PublicView is everything the public site may show, read at one public
// version. Every public page and data file is built from it, so what the
// public may see is decided here once: the announced rounds (the embargo's rule, PublicRounds),
// their selected pairs, the tasks an administrator published, and the grade
// distributions of finalized cycles an administrator published.
type PublicView struct {
	Version  PublicVersion
	Rounds   []Round             // announced rounds, by number
	Pairs    []ExchangePair      // their selected pairs, by round and number, with ministries and positions
	Tasks    []CollaborationTask // published tasks of those pairs, with outcomes and their pair and round
	Contacts []OfficeContact
	Progress map[int64]PairProgress // each public pair's stage and companions, by pair id
	// Distributions are the published grade distributions of finalized cycles
	// over announced rounds, by period.
	Distributions []PublicDistribution
	pairIndex     map[int64]int
	// nextAnnouncement is the earliest scheduled announcement still to come.
	nextAnnouncement time.Time
}

// SameContent reports whether v shows the public exactly what o does: the
// same rounds, pairs, tasks and contacts, whatever their public versions
// (most changes bump the version without touching anything public).
func (v PublicView) SameContent(o PublicView) bool {
	v.Version, o.Version = PublicVersion{}, PublicVersion{}
	return reflect.DeepEqual(v, o)
}

// PublicView reads what the public may see. It reads the version first, so a
// change that commits meanwhile leaves the view older than its content at
// worst, never newer: the next version check then builds it again.
func (s *Store) PublicView(ctx context.Context) (PublicView, error) {
	var v PublicView
	var err error
	if v.Version, err = s.PublicVersion(ctx); err != nil {
		return PublicView{}, err
	}
	if v.Rounds, err = s.PublicRounds(ctx); err != nil {
		return PublicView{}, err
	}
	var next Round
	err = s.db.WithContext(ctx).Where("announce_at > ?", s.now()).Order("announce_at").Limit(1).Find(&next).Error
	if err != nil {
		return PublicView{}, fmt.Errorf("next announcement: %w", err)
	}
	if next.AnnounceAt != nil {
		v.nextAnnouncement = *next.AnnounceAt
	}
	roundIDs := make([]int64, len(v.Rounds))
	for i, r := range v.Rounds {
		roundIDs[i] = r.ID
	}
	db := s.db.WithContext(ctx)
	err = db.Preload("MinistryA").Preload("MinistryB").Preload("PositionA").Preload("PositionB").
		Joins("JOIN rounds ON rounds.id = exchange_pairs.round_id").
		Where("exchange_pairs.round_id IN ? AND exchange_pairs.status = ?", roundIDs, PairSelected).
		Order("rounds.number, exchange_pairs.number IS NULL, exchange_pairs.number, exchange_pairs.id").
		Find(&v.Pairs).Error
	if err != nil {
		return PublicView{}, fmt.Errorf("public pairs: %w", err)
	}
	v.pairIndex = make(map[int64]int, len(v.Pairs))
	pairIDs := make([]int64, len(v.Pairs))
	for i, p := range v.Pairs {
		v.pairIndex[p.ID] = i
		pairIDs[i] = p.ID
	}
	err = db.Preload("Outcomes", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Where("pair_id IN ? AND published = ?", pairIDs, true).
		Order("category, position, id").Find(&v.Tasks).Error
	if err != nil {
		return PublicView{}, fmt.Errorf("public tasks: %w", err)
	}
	for i := range v.Tasks {
		v.Tasks[i].Pair = v.Pairs[v.pairIndex[v.Tasks[i].PairID]]
		v.Tasks[i].Pair.Round = v.roundOf(v.Tasks[i].Pair.RoundID)
	}
	sort.SliceStable(v.Tasks, func(i, j int) bool { return v.Tasks[i].Pair.Round.Number < v.Tasks[j].Pair.Round.Number })
	if v.Contacts, err = s.OfficeContacts(ctx); err != nil {
		return PublicView{}, err
	}
	if v.Progress, err = s.pairProgress(ctx, v.Pairs, v.Rounds); err != nil {
		return PublicView{}, err
	}
	if v.Distributions, err = s.publicDistributions(ctx, v.Rounds); err != nil {
		return PublicView{}, err
	}
	return v, nil
}

// ValidUntil is when the view must be read again even without a change (the
// next scheduled announcement, when the embargo lifts by itself), or the zero time.
func (v PublicView) ValidUntil() time.Time { return v.nextAnnouncement }

func (v PublicView) roundOf(id int64) Round {
	for _, r := range v.Rounds {
		if r.ID == id {
			return r
		}
	}
	return Round{}
}

// Round is the announced round with this number.
func (v PublicView) Round(number int) (Round, bool) {
	for _, r := range v.Rounds {
		if r.Number == number {
			return r, true
		}
	}
	return Round{}, false
}

// PairsOf lists the public pairs of a round.
func (v PublicView) PairsOf(roundID int64) []ExchangePair {
	var list []ExchangePair
	for _, p := range v.Pairs {
		if p.RoundID == roundID {
			list = append(list, p)
		}
	}
	return list
}

// TasksOf lists the published tasks of the pairs for which keep is true.
func (v PublicView) TasksOf(keep func(ExchangePair) bool) []CollaborationTask {
	var list []CollaborationTask
	for _, t := range v.Tasks {
		if keep(t.Pair) {
			list = append(list, t)
		}
	}
	return list
}

// Ministries lists the ministries named in public pairs, each once, in order of first appearance.
func (v PublicView) Ministries() []Ministry {
	seen := map[int64]bool{}
	var list []Ministry
	for _, p := range v.Pairs {
		for _, m := range []Ministry{p.MinistryA, p.MinistryB} {
			if !seen[m.ID] {
				seen[m.ID] = true
				list = append(list, m)
			}
		}
	}
	return list
}

// PairKey is a pair's stable name within its round, for its public address:
// its number (연번), or, where the source gives none, its two ministries' codes
// (with the pair's id added if two unnumbered pairs join the same ministries).
func (v PublicView) PairKey(p ExchangePair) string {
	if p.Number != nil {
		return strconv.Itoa(*p.Number)
	}
	key := p.MinistryA.Code + "-" + p.MinistryB.Code
	for _, q := range v.Pairs {
		if q.ID != p.ID && q.RoundID == p.RoundID && q.Number == nil && q.MinistryAID == p.MinistryAID && q.MinistryBID == p.MinistryBID {
			return key + "-" + strconv.FormatInt(p.ID, 10)
		}
	}
	return key
}

// PairByKey is the public pair of a round with this key.
func (v PublicView) PairByKey(roundID int64, key string) (ExchangePair, bool) {
	for _, p := range v.Pairs {
		if p.RoundID == roundID && v.PairKey(p) == key {
			return p, true
		}
	}
	return ExchangePair{}, false
}

// MinistryByCode is a ministry named in a public pair.
func (v PublicView) MinistryByCode(code string) (Ministry, bool) {
	for _, m := range v.Ministries() {
		if m.Code == code {
			return m, true
		}
	}
	return Ministry{}, false
}

// RoundNumber is the number of an announced round.
func (v PublicView) RoundNumber(id int64) int { return v.roundOf(id).Number }
