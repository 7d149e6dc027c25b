// Package handlerstest is what the HTTP tests (handlers) and the browser tests
// (e2e) share: the real router over a store, a client that keeps cookies and
// the CSRF token, the demo accounts, and the access matrix with its records.
// Records set up through the store alone are in models/modelstest.
package handlerstest

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
	"github.com/gyoryu/gyoryu/static"
)

// NewRouter builds the real router over a store, as cmd/web does.
func NewRouter(t testing.TB, s *models.Store, cfg handlers.Config) *echo.Echo {
	t.Helper()
	return handlers.New(s, Assets(t), quiet(), cfg).Router()
}

// Routes is the app's route table, as the router is built from it.
func Routes(t testing.TB, s *models.Store) []handlers.Route {
	t.Helper()
	return handlers.New(s, Assets(t), quiet(), handlers.Config{}).Routes()
}

// Assets are the embedded static files.
func Assets(t testing.TB) *static.Assets {
	t.Helper()
	a, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// SeedAccounts seeds the programme and the demo accounts (on a fresh store, a
// copy of a template seeded once: see modelstest.SeedDemo), and has the store
// check each password once and remember the answer, so that signing in as the
// demo accounts again and again costs one argon2id hash per process.
func SeedAccounts(t testing.TB, s *models.Store) {
	t.Helper()
	modelstest.SeedDemo(t, s)
	modelstest.RememberPasswordChecks(s)
}

// Serve starts the real router on a loopback port until the test ends and
// returns its base URL.
func Serve(t testing.TB, s *models.Store, cfg handlers.Config) string {
	t.Helper()
	srv := httptest.NewServer(NewRouter(t, s, cfg))
	t.Cleanup(srv.Close)
	return srv.URL
}
