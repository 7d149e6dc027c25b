package handlers

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// taskPage builds a task's page: its item and its history from the audit log.
func (h *Handlers) taskPage(c echo.Context, t models.CollaborationTask, item views.TaskItem) (views.TaskPage, error) {
	p := pageParam(c)
	events, total, err := h.store.TaskHistory(c.Request().Context(), t.ID, p)
	if err != nil {
		return views.TaskPage{}, err
	}
	u := urlsOf(c)
	page := views.TaskPage{Chrome: h.chrome(c, t.Title), WorkspaceURL: u.to("workspace"), PairTitle: pairTitle(t.Pair),
		PairURL: u.to("pair", t.PairID), Item: item}
	page.Item.Level = 2 // under the page's h1
	for _, e := range events {
		page.History = append(page.History, historyRow(e))
	}
	page.Pager = pager(p, total, func(n int) string {
		return u.query("task", url.Values{"page": {strconv.Itoa(n)}}, t.ID)
	})
	return page, nil
}

// historyRow is an audit event as a history line; the domain says what changed.
func historyRow(e models.AuditEvent) views.HistoryRow {
	row := views.HistoryRow{At: e.At.In(models.Seoul).Format(secondLayout), Actor: e.ActorName(), Action: models.AuditActionLabel(e.Action)}
	row.Record = "과제"
	if e.RecordType == "outcome" {
		row.Record = e.Record()
	}
	var changes []string
	for _, ch := range e.Changes() {
		switch {
		case ch.Before != "" && ch.After != "":
			changes = append(changes, ch.Label+": "+ch.Before+" → "+ch.After)
		case ch.After != "":
			changes = append(changes, ch.Label+": "+ch.After)
		default:
			changes = append(changes, ch.Label+": "+ch.Before)
		}
	}
	row.Changes = strings.Join(changes, "; ")
	return row
}
