package handlers

import (
	"errors"

	"github.com/gyoryu/gyoryu/models"
)

// A change based on a version someone else has since saved over comes back
// from the domain as a *models.StaleError carrying the record as now saved.
// Every handler answers it through stale, with 409 and the saved record; a
// form shows it next to what the person entered (views.ConflictNotice), a
// deletion says staleDeleteNotice.

// staleDeleteNotice is the message of a deletion refused because the record changed.
const staleDeleteNotice = "다른 사람이 먼저 수정했습니다. 바뀐 내용을 확인한 뒤 다시 삭제해 주십시오."

// stale is the record as now saved when err says someone saved it first.
func stale[T any](err error) (T, bool) {
	var se *models.StaleError[T]
	if errors.As(err, &se) {
		return se.Current, true
	}
	var zero T
	return zero, false
}
