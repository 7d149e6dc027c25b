package modelstest

import (
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/gyoryu/gyoryu/models"
)

// CountQueries counts every query the store runs from now on, so tests can
// prove that a page runs a fixed number of queries whatever its row count.
func CountQueries(t testing.TB, s *models.Store) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	cb := s.DB().Callback()
	name := "modelstest:count"
	for _, err := range []error{
		cb.Query().After("gorm:query").Register(name, count),
		cb.Row().After("gorm:row").Register(name, count),
		cb.Raw().After("gorm:raw").Register(name, count),
		cb.Create().After("gorm:create").Register(name, count),
		cb.Update().After("gorm:update").Register(name, count),
		cb.Delete().After("gorm:delete").Register(name, count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return &n
}
