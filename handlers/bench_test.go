package handlers_test

import (
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

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
			handlerstest.SeedAccounts(b, s)
			e := handlerstest.NewRouter(b, s, handlers.Config{})
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

// BenchmarkHomeParallel serves / from many goroutines at once over real HTTP
// on loopback, the way a burst of public readers would:
// go test -run '^$' -bench HomeParallel -benchmem ./handlers
func BenchmarkHomeParallel(b *testing.B) {
	for _, dialect := range []string{models.DialectSQLite, models.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			s := modelstest.New(b, dialect)
			handlerstest.SeedAccounts(b, s)
			srv := httptest.NewServer(handlerstest.NewRouter(b, s, handlers.Config{}))
			defer srv.Close()
			client := srv.Client()
			client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
			b.ReportAllocs()
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					res, err := client.Get(srv.URL + "/")
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						b.Errorf("GET / = %d", res.StatusCode)
						return
					}
				}
			})
		})
	}
}

// BenchmarkKeptHome serves the kept home page with the version read for every
// request and with a recheck interval, to show what the read costs.
func BenchmarkKeptHome(b *testing.B) {
	s := modelstest.New(b, models.DialectSQLite)
	handlerstest.SeedAccounts(b, s)
	for _, recheck := range []time.Duration{0, time.Second} {
		e := handlerstest.NewRouter(b, s, handlers.Config{PublicRecheck: recheck})
		b.Run("recheck="+recheck.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			}
		})
	}
}
