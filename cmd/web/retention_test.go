package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

func TestEraseContactsCommandReadsItsRetentionSetting(t *testing.T) {
	vars := map[string]string{"SQLITE_PATH": migratedSQLite(t), "CONTACT_RETENTION_DAYS": "90"}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"erase-contacts"}, env(vars), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "erased=0") || !strings.Contains(out.String(), "days_after_return=90") {
		t.Errorf("erase-contacts logged %q, want erased=0 after 90 days", out.String())
	}
	vars["CONTACT_RETENTION_DAYS"] = "a year"
	err := run(context.Background(), []string{"erase-contacts"}, env(vars), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "CONTACT_RETENTION_DAYS") {
		t.Errorf("a wrong setting: %v, want a message naming CONTACT_RETENTION_DAYS", err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"--help"}, env(nil), nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "erase-contacts") {
		t.Errorf("web --help does not mention erase-contacts (%v)", err)
	}
}

func TestPruneAccessLogCommandKeepsAtLeastTwoYears(t *testing.T) {
	vars := map[string]string{"SQLITE_PATH": migratedSQLite(t), "ACCESS_LOG_RETENTION": "1000d"}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"prune-access-log"}, env(vars), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "deleted=0") || !strings.Contains(out.String(), "retention=1000d") {
		t.Errorf("prune-access-log logged %q, want deleted=0 with 1000d", out.String())
	}
	vars["ACCESS_LOG_RETENTION"] = "700d"
	err := run(context.Background(), []string{"prune-access-log"}, env(vars), nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "ACCESS_LOG_RETENTION must be at least two years") {
		t.Errorf("a retention under two years: %v, want it refused", err)
	}
}
