package handlers_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/static"
)

// newRouter builds the real router over a store, as cmd/web does.
func newRouter(t *testing.T, s *models.Store, cfg handlers.Config) *echo.Echo {
	t.Helper()
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return handlers.New(s, assets, log, cfg).Router()
}

// do sends a request through the router and returns the recorded response.
func do(t *testing.T, e http.Handler, method, target string, body io.Reader, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

// get fetches a page and parses it, failing unless the status is want.
func get(t *testing.T, e http.Handler, target string, want int) *goquery.Document {
	t.Helper()
	rec := do(t, e, http.MethodGet, target, nil, nil)
	if rec.Code != want {
		t.Fatalf("GET %s = %d, want %d\n%s", target, rec.Code, want, truncate(rec.Body.String(), 600))
	}
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatalf("parse %s: %v", target, err)
	}
	return doc
}

// text is an element's text with runs of white space collapsed.
func text(s *goquery.Selection) string {
	return strings.Join(strings.Fields(s.Text()), " ")
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func mustAssets(t *testing.T) *static.Assets {
	t.Helper()
	a, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	return a
}
