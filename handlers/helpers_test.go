package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
)

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

func parse(t *testing.T, html string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func mustUserID(t *testing.T, s *models.Store, login string) int64 {
	t.Helper()
	var u models.User
	if err := s.DB().Where("login = ?", login).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return u.ID
}

func userID(t *testing.T, s *models.Store, login string) string {
	return strconv.FormatInt(mustUserID(t, s, login), 10)
}

func ministryID(t *testing.T, s *models.Store, code string) string {
	t.Helper()
	var m models.Ministry
	if err := s.DB().Where("code = ?", code).Take(&m).Error; err != nil {
		t.Fatalf("ministry %s: %v", code, err)
	}
	return strconv.FormatInt(m.ID, 10)
}
