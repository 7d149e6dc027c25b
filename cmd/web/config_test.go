package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

// TestHelpAndBadFlagsNeverShowTheDatabasePassword: flag usage prints each
// flag's default, and DATABASE_URL's comes from the environment.
func TestHelpAndBadFlagsNeverShowTheDatabasePassword(t *testing.T) {
	for _, secretURL := range []string{
		"postgres://app:TopSecretPw@db:5432/gyoryu",
		"postgres://app@db:5432/gyoryu?password=TopSecretPw&sslmode=require",
	} {
		for _, args := range [][]string{{"serve", "-h"}, {"serve", "--no-such-flag"}, {"migrate", "-h"}, {"user", "create", "-h"}, {"backup", "-h"}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				err := run(context.Background(), args, env(map[string]string{"DATABASE_URL": secretURL}), strings.NewReader(""), &stdout, &stderr)
				if err == nil || (args[len(args)-1] == "-h" && !errors.Is(err, flag.ErrHelp)) {
					t.Errorf("err = %v", err)
				}
				printed := stdout.String() + stderr.String() + err.Error()
				if strings.Contains(printed, "TopSecretPw") {
					t.Errorf("%s prints the password:\n%s", strings.Join(args, " "), printed)
				}
				if !strings.Contains(printed, "-database-url") || !strings.Contains(printed, "xxxxx@db:5432/gyoryu") && !strings.Contains(printed, "password=xxxxx") {
					t.Errorf("%s does not show the URL, masked:\n%s", strings.Join(args, " "), printed)
				}
			})
		}
	}
}
