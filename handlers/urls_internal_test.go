package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"weak"

	"github.com/gyoryu/gyoryu/static"
)

// The router's paths kept by name give every route's address as echo's
// Reverse does: with each parameter filled, and with parameters missing.
func TestKeptRoutePathsAreEchosReverse(t *testing.T) {
	t.Parallel()
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	e := New(nil, assets, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{}).Router()
	u := urls{e: e, ctx: context.Background()}
	if _, ok := routePaths.Load(weak.Make(e)); !ok {
		t.Fatal("the router's paths were not kept")
	}
	checked := 0
	for _, r := range e.Routes() {
		for n := range 3 {
			args := make([]string, n)
			params := make([]any, n)
			for i := range args {
				args[i] = fmt.Sprintf("v%d", i+7)
				params[i] = args[i]
			}
			if got, want := u.reverse(r.Name, args), e.Reverse(r.Name, params...); got != want {
				t.Errorf("%s with %v: %q, echo %q", r.Name, args, got, want)
			}
			checked++
		}
	}
	if checked < 300 || u.reverse("no.such.route", nil) != "" {
		t.Errorf("%d checked; unknown name: %q", checked, u.reverse("no.such.route", nil))
	}
}
