package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// The embargo. What the public may see of a round — the round itself, its
// pairs, their published tasks and outcomes, and every count made of them — is
// decided here, by one rule: the round's announcement time (AnnounceAt) has
// come. An administrator sets it in the round form (a press release carries
// its 보도 시점); until then the round is the office's alone, and from that
// minute on it appears on the public site by itself.

// Seoul is Korea Standard Time, in which people enter and read times.
var Seoul = time.FixedZone("KST", 9*3600)

// announcedRounds narrows a query of rounds to those announced at now: the
// embargo's rule in SQL. Every public query goes through it.
func announcedRounds(db *gorm.DB, now time.Time) *gorm.DB {
	return db.Where("rounds.announce_at IS NOT NULL AND rounds.announce_at <= ?", now)
}

// announcedRoundIDs is the ids of the rounds announced at now, as a subquery.
func (s *Store) announcedRoundIDs(ctx context.Context) *gorm.DB {
	return announcedRounds(s.db.WithContext(ctx).Model(&Round{}).Select("rounds.id"), s.now())
}

// Announced reports whether the public may see the round at now: the same rule
// as announcedRounds, for a round already loaded.
func (r Round) Announced(now time.Time) bool {
	return r.AnnounceAt != nil && !r.AnnounceAt.After(now)
}

// now is the store's clock: the database's notion of the present.
func (s *Store) now() time.Time { return s.db.NowFunc() }

// Now is the time on the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// SetClock replaces the store's clock, for tests that move time past an
// announcement; records written from then on are stamped by it too.
func (s *Store) SetClock(now func() time.Time) {
	s.db.Config.NowFunc = func() time.Time { return now().UTC().Truncate(time.Microsecond) }
}

// PublicRounds lists the rounds the public may see, by number: the ones the
// public menu names and the results page counts.
func (s *Store) PublicRounds(ctx context.Context) ([]Round, error) {
	var list []Round
	if err := announcedRounds(s.db.WithContext(ctx), s.now()).Order("number").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list announced rounds: %w", err)
	}
	return list, nil
}

// PublicRound finds a round the public may see by its number; an unannounced
// round is ErrNotFound, as if it did not exist.
func (s *Store) PublicRound(ctx context.Context, number int) (Round, error) {
	var r Round
	err := announcedRounds(s.db.WithContext(ctx), s.now()).Where("number = ?", number).Take(&r).Error
	if err != nil {
		return Round{}, fmt.Errorf("announced round %d: %w", number, notFound(err))
	}
	return r, nil
}
