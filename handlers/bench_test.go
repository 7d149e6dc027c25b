package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// BenchmarkPublicPages measures the public pages end to end through the router,
// on each database: go test -run '^$' -bench PublicPages -benchmem ./handlers
func BenchmarkPublicPages(b *testing.B) {
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			s := modelstest.New(b, dialect)
			seedAccounts(b, s)
			e := newRouter(b, s, handlers.Config{})
			for _, path := range []string{"/", "/rounds/1"} {
				b.Run(path, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						rec := httptest.NewRecorder()
						e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
						if rec.Code != http.StatusOK {
							b.Fatalf("GET %s = %d", path, rec.Code)
						}
					}
				})
			}
		})
	}
}
