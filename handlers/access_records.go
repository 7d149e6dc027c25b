package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
)

// 접속기록: every answer that carries exchangees' personal data writes one
// access record before its bytes go out. A route that may carry them says so
// in the route table (Route.Personal, with its kind); while the handler builds
// its answer it names the exchangees it puts in (exchangeesShown); render and
// download write the record with those ids just before they write the answer.
// An answer that names nobody writes none; an error page drops what was noted.
// TestEveryPageThatNamesAnExchangeeWritesOneAccessRecord walks the table.

const ctxAccess = "gyoryu.access"

// accessNote is what the request has put in its answer so far.
type accessNote struct {
	h          *Handlers
	kind       models.AccessKind
	recordType string
	ids        []int64
	reason     string
	written    bool
}

// noteAccess gives the request its note; kind is the route's (view when the
// route declares none but still names someone, e.g. a form shown again).
func (h *Handlers) noteAccess(kind models.AccessKind, next echo.HandlerFunc) echo.HandlerFunc {
	if kind == "" {
		kind = models.AccessView
	}
	return func(c echo.Context) error {
		c.Set(ctxAccess, &accessNote{h: h, kind: kind, recordType: "nomination"})
		return next(c)
	}
}

// exchangeesShown notes the nominations whose exchangees' names (or contact
// details) the answer being built shows.
func exchangeesShown(c echo.Context, nominationIDs ...int64) {
	if n, ok := c.Get(ctxAccess).(*accessNote); ok {
		n.ids = append(n.ids, nominationIDs...)
	}
}

// accountsShown notes the accounts whose data a download of access records carries.
func accountsShown(c echo.Context, userIDs ...int64) {
	if n, ok := c.Get(ctxAccess).(*accessNote); ok {
		n.recordType = "user"
		n.ids = append(n.ids, userIDs...)
	}
}

// downloadReason notes the reason typed for a download.
func downloadReason(c echo.Context, reason string) {
	if n, ok := c.Get(ctxAccess).(*accessNote); ok {
		n.reason = reason
	}
}

// forgetAccess drops what was noted: the answer is an error page.
func forgetAccess(c echo.Context) {
	if n, ok := c.Get(ctxAccess).(*accessNote); ok {
		n.ids = nil
	}
}

// writeAccessRecord writes the request's access record, once, when its answer
// names someone (or is a download with a reason): called by render and
// download before they write. A failure fails the answer: no record, no data.
func writeAccessRecord(c echo.Context) error {
	n, ok := c.Get(ctxAccess).(*accessNote)
	if !ok || n.written || (len(n.ids) == 0 && n.reason == "") {
		return nil
	}
	if c.Request().Method == http.MethodHead {
		return nil // nothing of the page goes out
	}
	n.written = true
	return n.h.store.RecordAccess(c.Request().Context(), nil, actor(c), models.AccessEntry{Kind: n.kind,
		Path: c.Request().URL.Path, RecordType: n.recordType, RecordIDs: n.ids, Reason: n.reason})
}
