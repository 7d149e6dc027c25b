package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// defaultContactRetentionDays is how long after an exchangee's return their
// contact details are kept when CONTACT_RETENTION_DAYS is not set.
const defaultContactRetentionDays = 365

// eraseContacts erases exchangees' contact details past the retention period
// after their return; an operator schedules it (cron, a Kubernetes CronJob).
func eraseContacts(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	days := defaultContactRetentionDays
	if v := getenv("CONTACT_RETENTION_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("CONTACT_RETENTION_DAYS must be a number of days (0 or more), got %q", v)
		}
		days = n
	}
	cfg, _, err := parseConfigWith("erase-contacts", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&days, "contact-retention-days", days, "keep contact details this many days after return (`CONTACT_RETENTION_DAYS`)")
	})
	if err != nil {
		return err
	}
	if days < 0 {
		return fmt.Errorf("-contact-retention-days must be 0 or more, got %d", days)
	}
	store, err := openCurrent(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.EraseExpiredContacts(ctx, models.System, days, time.Now())
	if err != nil {
		return fmt.Errorf("erase contacts in %s: %w", store.Location(), err)
	}
	cfg.logger(stdout).Info("erased exchangees' contact details past the retention period", "database", store.Location(),
		"erased", n, "days_after_return", days)
	return nil
}

// pruneAccessLog deletes the access records past ACCESS_LOG_RETENTION; an
// operator schedules it like erase-contacts. The database refuses any other
// delete of them, and any delete of a record younger than two years.
func pruneAccessLog(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("prune-access-log", args, getenv, stderr)
	if err != nil {
		return err
	}
	store, err := openCurrent(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.PruneAccessRecords(ctx, cfg.AccessRetention, time.Now())
	if err != nil {
		return fmt.Errorf("prune access records in %s: %w", store.Location(), err)
	}
	cfg.logger(stdout).Info("pruned access records past the retention period", "database", store.Location(),
		"deleted", n, "retention", retentionText(cfg.AccessRetention))
	return nil
}

// retentionText is a retention period as people write it: 2y, 1000d.
func retentionText(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days%365 == 0 {
		return strconv.Itoa(days/365) + "y"
	}
	return strconv.Itoa(days) + "d"
}
