package models_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// addAccessRecord writes a record of the given Korea day straight into the table.
func addAccessRecord(t *testing.T, s *models.Store, day string, kind models.AccessKind, login string) models.AccessRecord {
	t.Helper()
	at, err := time.ParseInLocation(time.DateOnly, day, models.Seoul)
	if err != nil {
		t.Fatal(err)
	}
	r := models.AccessRecord{At: at.Add(10 * time.Hour).UTC(), Day: day, Login: login, IP: "192.0.2.1", Kind: kind,
		Path: "/nominations/1", RecordType: "nomination", RecordIDs: "1"}
	if err := s.DB().Create(&r).Error; err != nil {
		t.Fatal(err)
	}
	return r
}

func countAccessRecords(t *testing.T, s *models.Store) int64 {
	t.Helper()
	var n int64
	if err := s.DB().Model(&models.AccessRecord{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// The access records are append-only on both databases: an UPDATE, a DELETE
// (and on PostgreSQL a TRUNCATE) fails, whoever sends it; the prune deletes
// the records past the retention and nothing younger, and even a prune row
// opened by hand lets no record under two years go.
func TestAccessRecordsAreAppendOnlyAndOnlyThePruneDeletesOldOnes(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		now := time.Now()
		old := addAccessRecord(t, s, now.AddDate(-3, 0, 0).In(models.Seoul).Format(time.DateOnly), models.AccessView, "old")
		year := addAccessRecord(t, s, now.AddDate(-1, 0, 0).In(models.Seoul).Format(time.DateOnly), models.AccessView, "year")
		if err := s.RecordAccess(ctx, nil, models.System, models.AccessEntry{Kind: models.AccessReveal, Path: "/nominations/1/contact",
			RecordType: "nomination", RecordIDs: []int64{1}}); err != nil {
			t.Fatal(err)
		}
		for _, stmt := range []string{
			"UPDATE access_records SET login = 'x'",
			"UPDATE access_records SET reason = 'x' WHERE id = " + strconv.FormatInt(old.ID, 10),
			"DELETE FROM access_records",
			"DELETE FROM access_records WHERE id = " + strconv.FormatInt(old.ID, 10),
		} {
			if err := s.DB().Exec(stmt).Error; err == nil {
				t.Errorf("%s: accepted", stmt)
			}
		}
		if s.Dialect() == "postgres" {
			if err := s.DB().Exec("TRUNCATE access_records").Error; err == nil {
				t.Error("TRUNCATE: accepted")
			}
		}
		if n := countAccessRecords(t, s); n != 3 {
			t.Fatalf("%d records after the refused statements, want 3", n)
		}
		// A prune row opened by hand, for a day after every record: still only what is two years old goes.
		tx := s.DB().Begin()
		if err := tx.Exec("INSERT INTO access_record_prunes (at, before_day, deleted, open) VALUES (?, ?, 0, ?)", now, "9999-12-31", true).Error; err != nil {
			t.Fatal(err)
		}
		if err := tx.Exec("DELETE FROM access_records WHERE id = ?", year.ID).Error; err == nil {
			t.Error("a record one year old was deleted under an open prune")
		}
		tx.Rollback()

		if _, err := s.PruneAccessRecords(ctx, 365*24*time.Hour, now); err == nil {
			t.Error("a retention of one year was accepted")
		}
		n, err := s.PruneAccessRecords(ctx, models.AccessRecordsRetention, now)
		if err != nil || n != 1 {
			t.Fatalf("pruned %d (%v), want the one record three years old", n, err)
		}
		if got := countAccessRecords(t, s); got != 2 {
			t.Errorf("%d records after the prune, want 2", got)
		}
		var open int64
		if err := s.DB().Raw("SELECT count(*) FROM access_record_prunes WHERE open").Scan(&open).Error; err != nil || open != 0 {
			t.Errorf("%d prunes left open (%v)", open, err)
		}
	})
}

// The records page by keyset, newest first, and the review flags the
// account-days at or over the thresholds.
func TestAccessRecordsPageByKeysetAndFlagBusyDays(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		var ids []int64
		for range models.FlagRevealsPerDay {
			ids = append(ids, addAccessRecord(t, s, "2025-03-04", models.AccessReveal, "busy").ID)
		}
		for range models.FlagExportsPerDay - 1 {
			addAccessRecord(t, s, "2025-03-04", models.AccessExport, "calm")
		}
		addAccessRecord(t, s, "2025-03-05", models.AccessReveal, "calm")
		first, err := s.AccessRecords(ctx, models.AccessFilter{Kind: models.AccessReveal, Limit: 4})
		if err != nil {
			t.Fatal(err)
		}
		if len(first.Records) != 4 || !first.Older || first.Newer || first.Records[0].Login != "calm" {
			t.Fatalf("first page: %d records, older %v, newer %v", len(first.Records), first.Older, first.Newer)
		}
		second, err := s.AccessRecords(ctx, models.AccessFilter{Kind: models.AccessReveal, Limit: 4, Before: first.Records[3].ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(second.Records) != 4 || !second.Older || !second.Newer || second.Records[0].ID >= first.Records[3].ID {
			t.Fatalf("second page: %+v", second)
		}
		back, err := s.AccessRecords(ctx, models.AccessFilter{Kind: models.AccessReveal, Limit: 4, After: second.Records[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(back.Records) != 4 || back.Records[0].ID != first.Records[0].ID || back.Newer {
			t.Fatalf("back to the first page: %+v", back)
		}
		day, err := s.AccessRecords(ctx, models.AccessFilter{From: "2025-03-05", To: "2025-03-05", RecordID: 1})
		if err != nil || len(day.Records) != 1 {
			t.Fatalf("one day, exchangee 1: %d records (%v)", len(day.Records), err)
		}
		flags, err := s.AccessFlags(ctx, models.AccessFilter{From: "2025-03-01", To: "2025-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		if len(flags) != 1 || flags[0].Login != "busy" || flags[0].Kind != models.AccessReveal || flags[0].Count != int64(len(ids)) || flags[0].Day != "2025-03-04" {
			t.Errorf("flags: %+v, want busy's reveals of 2025-03-04 alone", flags)
		}
	})
}

// The review's flags: days before yesterday are counted once and kept,
// yesterday and today are counted at each call, and the list is the same as
// counting every day at once, newest first.
func TestAccessFlagsKeepTheDaysThatAreOver(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		clock := modelstest.FakeClock(s)
		day := func(back int) string {
			return clock.Now().In(models.Seoul).AddDate(0, 0, -back).Format(time.DateOnly)
		}
		add := func(back, n int, kind models.AccessKind, login string) {
			for range n {
				addAccessRecord(t, s, day(back), kind, login)
			}
		}
		add(5, models.FlagRevealsPerDay, models.AccessReveal, "older")
		add(5, models.FlagRevealsPerDay-1, models.AccessReveal, "under")
		add(1, models.FlagRevealsPerDay, models.AccessReveal, "yesterday")
		add(0, models.FlagExportsPerDay, models.AccessExport, "today")
		month := models.AccessFilter{From: day(30), To: day(0)}
		want := []string{day(0) + " today", day(1) + " yesterday", day(5) + " older"}
		check := func(when string, want []string, queries int64) {
			t.Helper()
			counter := modelstest.CountQueries(t, s)
			flags, err := s.AccessFlags(ctx, month)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range flags {
				got = append(got, f.Day+" "+f.Login)
			}
			if !slices.Equal(got, want) || counter.Load() != queries {
				t.Errorf("%s: %v in %d queries, want %v in %d", when, got, counter.Load(), want, queries)
			}
		}
		check("first", want, 2)
		add(0, models.FlagRevealsPerDay, models.AccessReveal, "late")
		add(1, 1, models.AccessReveal, "under")
		check("again, with today's reveals", append([]string{day(0) + " late"}, want...), 1)
		// A day over is not counted again: what no writer does (a record of a
		// past day) is not seen until the next day or a prune.
		add(5, 1, models.AccessReveal, "under")
		check("with a record written into a past day", append([]string{day(0) + " late"}, want...), 1)
		if _, err := s.PruneAccessRecords(ctx, models.AccessRecordsRetention, clock.Now()); err != nil {
			t.Fatal(err)
		}
		check("after a prune", []string{day(0) + " late", day(0) + " today", day(1) + " yesterday", day(5) + " older", day(5) + " under"}, 2)
	})
}
