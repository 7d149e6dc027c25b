package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// AuditList browses the audit log, filtered by user, record, action and dates.
func (h *Handlers) AuditList(c echo.Context) error {
	ctx := c.Request().Context()
	var v auditForm
	if err := bindForm(c, &v); err != nil {
		return err
	}
	f, errs := auditFilter(v)
	f.Page = models.Page{Size: auditPageSize}
	status := http.StatusOK
	var result models.AuditEventsPage
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		markInvalid(c)
	} else {
		var err error
		if result, err = h.store.AuditEventPage(ctx, f); err != nil {
			return err
		}
	}
	events := result.Events
	users, _, err := h.store.Users(ctx, models.UserFilter{Page: models.Page{Size: 200}})
	if err != nil {
		return err
	}
	links := urlsOf(c)
	page := views.AuditPage{Chrome: h.chrome(c, "감사 기록"), ListURL: links.to("audit"), Filter: views.NewForm(v, errs),
		Users: options(users, func(u models.User) views.Option {
			return views.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Login + " (" + u.DisplayName + ")"}
		}, anyChoice)}
	page.Actions = options(models.AuditActions, func(a string) views.Option {
		return views.Option{Value: a, Label: models.AuditActionLabel(a)}
	}, anyChoice)
	page.RecordTypes = options(models.AuditRecordTypes, func(r string) views.Option {
		return views.Option{Value: r, Label: models.AuditRecordLabel(r)}
	}, anyChoice)
	for _, e := range events {
		if e.RecordType == "nomination" && e.RecordID != nil {
			exchangeesShown(c, *e.RecordID) // the log names an exchangee's record by their name
		}
		row := views.AuditRow{At: e.At.In(models.Seoul).Format(secondLayout), Actor: e.ActorName(), IP: e.IP,
			Action: models.AuditActionLabel(e.Action), Record: e.Record()}
		for _, ch := range e.Changes() {
			row.Changes = append(row.Changes, views.AuditChange(ch))
		}
		page.Rows = append(page.Rows, row)
	}
	// Keyset pages (이전/다음), never a count of the whole log: the page costs
	// the same with a thousand events or ten million.
	q := url.Values{"user": {v.UserID}, "record_type": {v.RecordType}, "record_id": {v.RecordID}, "action": {v.Action}, "from": {v.From}, "to": {v.To}}
	if n := len(events); n > 0 {
		if result.Newer {
			nq := cloneValues(q)
			nq.Set("after", strconv.FormatInt(events[0].ID, 10))
			page.NewerURL = links.query("audit", nq)
		}
		if result.Older {
			oq := cloneValues(q)
			oq.Set("before", strconv.FormatInt(events[n-1].ID, 10))
			page.OlderURL = links.query("audit", oq)
		}
	}
	return render(c, status, views.Audit(page), nil)
}

// auditForm is the audit log's filter form, in the URL's query.
type auditForm struct {
	UserID     string `form:"user" label:"사용자"`
	RecordType string `form:"record_type" label:"대상 종류"`
	RecordID   string `form:"record_id" label:"대상 번호"`
	Action     string `form:"action" label:"행위"`
	From       string `form:"from" label:"시작일"`
	To         string `form:"to" label:"종료일"`
	// before and after are the keyset bounds of the 다음 and 이전 links, not inputs.
	Before string `form:"before" label:"이 기록보다 앞의 기록"`
	After  string `form:"after" label:"이 기록보다 뒤의 기록"`
}

// auditPageSize is how many events a page of the audit log shows.
const auditPageSize = 20

// auditFilter parses the filter form; dates are whole days in Korea time.
func auditFilter(v auditForm) (models.AuditFilter, views.Errors) {
	f := models.AuditFilter{RecordType: v.RecordType, Action: v.Action}
	errs := views.Errors{}
	if v.UserID != "" {
		if id, err := strconv.ParseInt(v.UserID, 10, 64); err == nil && id > 0 {
			f.UserID = id
		} else {
			errs["user"] = "사용자를 목록에서 고르십시오."
		}
	}
	if v.RecordID != "" {
		if id, err := strconv.ParseInt(v.RecordID, 10, 64); err == nil && id > 0 {
			f.RecordID = id
		} else {
			errs["record_id"] = "대상 번호는 1 이상의 숫자로 입력해 주십시오."
		}
	}
	day := func(field, s string) *time.Time {
		if s == "" {
			return nil
		}
		t, err := time.ParseInLocation("2006-01-02", s, models.Seoul)
		if err != nil {
			errs[field] = "날짜는 2025-01-31처럼 입력해 주십시오."
			return nil
		}
		return &t
	}
	bound := func(field, s string) int64 {
		if s == "" {
			return 0
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs[field] = "쪽 이동 주소가 올바르지 않습니다."
			return 0
		}
		return id
	}
	f.Before, f.After = bound("before", v.Before), bound("after", v.After)
	f.From = day("from", v.From)
	if to := day("to", v.To); to != nil {
		end := to.AddDate(0, 0, 1)
		f.To = &end
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		errs["to"] = "종료일은 시작일과 같거나 뒤여야 합니다."
	}
	return f, errs
}
