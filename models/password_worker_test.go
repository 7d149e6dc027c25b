package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/models/passcheck"
)

// A store checks passwords in the worker process (package passcheck, where
// it is supported), which answers as VerifyPassword does: the app's
// executable serves as the worker through this package's init.
func TestAStoreChecksPasswordsInTheWorker(t *testing.T) {
	if !passcheck.Supported {
		return // elsewhere than Linux the checks run in the app's process
	}
	// The suite keeps both cores busy, and the worker runs at nice 19: its
	// checks may take seconds here, which is not what this test is about.
	models.SetPasswordWorkerTimeout(5 * time.Minute)
	t.Cleanup(func() { models.SetPasswordWorkerTimeout(30 * time.Second) })
	hash, err := models.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	s := modelstest.New(t, models.DialectSQLite)
	if _, err := s.SeedDemoAccounts(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := models.PasswordWorkerAnswers()
	if _, err := s.Authenticate(context.Background(), models.Credentials{Login: "admin", Password: models.DemoPassword}, "192.0.2.7"); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	if err := models.PasswordWorkerCheck(hash, "correct horse battery"); err != nil {
		t.Errorf("the right password: %v", err)
	}
	if err := models.PasswordWorkerCheck(hash, "correct horse batterz"); !errors.Is(err, models.ErrPasswordMismatch) {
		t.Errorf("a wrong password: %v, want ErrPasswordMismatch", err)
	}
	if got := models.PasswordWorkerAnswers(); got != before+3 {
		t.Errorf("the worker answered %d of 3 checks (a sign-in, a right and a wrong password)", got-before)
	}
}
