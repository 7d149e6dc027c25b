package handlers

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/sheet"
	"github.com/gyoryu/gyoryu/views"
)

// accessFilterForm is the 접속기록's filter, in the URL's query; before and
// after are the keyset bounds of the 다음 and 이전 links, not inputs.
type accessFilterForm struct {
	UserID string `form:"user" label:"계정"`
	Kind   string `form:"kind" label:"수행 업무"`
	Record string `form:"record" label:"교류자 기록 번호"`
	From   string `form:"from" label:"시작일"`
	To     string `form:"to" label:"종료일"`
	Before string `form:"before" label:"이 기록보다 앞의 기록"`
	After  string `form:"after" label:"이 기록보다 뒤의 기록"`
}

// accessExportForm is the export's form: the filter, carried in hidden
// inputs, and the reason typed.
type accessExportForm struct {
	accessFilterForm
	models.DownloadReason
}

// accessPageSize is how many records a page of the 접속기록 shows.
const accessPageSize = 50

// accessExportLimit is the most records one download carries.
const accessExportLimit = 10000

// accessFilter parses the filter form; dates are Korea dates.
func accessFilter(v accessFilterForm) (models.AccessFilter, views.Errors) {
	f := models.AccessFilter{Limit: accessPageSize}
	errs := views.Errors{}
	id := func(field, s, msg string) int64 {
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			errs[field] = msg
			return 0
		}
		return n
	}
	f.UserID = id("user", v.UserID, "계정을 목록에서 고르십시오.")
	f.RecordID = id("record", v.Record, "교류자 기록 번호는 1 이상의 숫자로 입력해 주십시오.")
	f.Before = id("before", v.Before, "쪽 이동 주소가 올바르지 않습니다.")
	f.After = id("after", v.After, "쪽 이동 주소가 올바르지 않습니다.")
	if v.Kind != "" {
		f.Kind = models.AccessKind(v.Kind)
		if !slices.Contains(models.AccessKinds, f.Kind) {
			errs["kind"] = "수행 업무를 목록에서 고르십시오."
		}
	}
	day := func(field, s string) string {
		if s == "" {
			return ""
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			errs[field] = "날짜는 2025-01-31처럼 입력해 주십시오."
			return ""
		}
		return s
	}
	f.From, f.To = day("from", v.From), day("to", v.To)
	if f.From != "" && f.To != "" && f.To < f.From {
		errs["to"] = "종료일은 시작일과 같거나 뒤여야 합니다."
	}
	return f, errs
}

// query is the filter as a URL query, without the keyset bounds.
func (v accessFilterForm) query() url.Values {
	q := url.Values{}
	for k, s := range map[string]string{"user": v.UserID, "kind": v.Kind, "record": v.Record, "from": v.From, "to": v.To} {
		if s != "" {
			q.Set(k, s)
		}
	}
	return q
}

// accessSubjectsShown is how many of a record's subjects its row names. A
// page that lists a round's exchangees writes one record naming them all (up
// to 200 at a time in the synthetic years), and fifty rows of them made the
// page 300 KB of links (76 KB now); the export (내려받기) lists every one.
const accessSubjectsShown = 10

// shownSubjects are the subjects of r its row names, and how many more r has.
func shownSubjects(r models.AccessRecord) (shown []int64, more int) {
	ids := r.Subjects()
	n := min(len(ids), accessSubjectsShown)
	return ids[:n], len(ids) - n
}

// AccessList is the administrators' 접속기록: the records, newest first by
// keyset, the days the monthly review should look at, and the export form.
func (h *Handlers) AccessList(c echo.Context) error {
	var v accessFilterForm
	if err := bindForm(c, &v); err != nil {
		return err
	}
	return h.renderAccess(c, v, models.DownloadReason{}, nil)
}

func (h *Handlers) renderAccess(c echo.Context, v accessFilterForm, reason models.DownloadReason, exportErrs views.Errors) error {
	ctx := c.Request().Context()
	f, errs := accessFilter(v)
	status := http.StatusOK
	if len(exportErrs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	var records models.AccessPage
	var flags []models.AccessFlag
	review := f
	if review.From == "" && review.To == "" {
		// The monthly review's month: the last 31 days.
		now := time.Now().In(models.Seoul)
		review.From, review.To = now.AddDate(0, 0, -30).Format(time.DateOnly), now.Format(time.DateOnly)
	}
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		markInvalid(c)
	} else {
		var err error
		if records, err = h.store.AccessRecords(ctx, f); err != nil {
			return err
		}
		if flags, err = h.store.AccessFlags(ctx, review); err != nil {
			return err
		}
	}
	users, _, err := h.store.Users(ctx, models.UserFilter{Page: models.Page{Size: 200}})
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = u.DisplayName + " (" + u.Login + ")"
	}
	account := func(id *int64, login string) string {
		if id != nil && names[*id] != "" {
			return names[*id]
		}
		return login
	}
	links := urlsOf(c)
	page := views.AccessPage{Chrome: h.chrome(c, "접속기록"), ListURL: links.to("access"), Filter: views.NewForm(v, errs),
		Retention: retentionText(h.cfg.AccessRetention),
		Users: options(users, func(u models.User) views.Option {
			return views.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Login + " (" + u.DisplayName + ")"}
		}, anyChoice),
		Kinds: options(models.AccessKinds, func(k models.AccessKind) views.Option {
			return views.Option{Value: string(k), Label: k.Label()}
		}, anyChoice),
		ReviewPeriod: review.From + " ~ " + review.To,
		ReviewRule: "하루에 연락처 열람 " + strconv.Itoa(models.FlagRevealsPerDay) + "회 이상 또는 내려받기 " +
			strconv.Itoa(models.FlagExportsPerDay) + "회 이상인 계정의 날입니다. 매달 살펴보고 업무상 필요했는지 확인하십시오."}
	for _, fl := range flags {
		q := url.Values{"kind": {string(fl.Kind)}, "from": {fl.Day}, "to": {fl.Day}}
		if fl.UserID != nil {
			q.Set("user", strconv.FormatInt(*fl.UserID, 10))
		}
		page.Flags = append(page.Flags, views.AccessFlagRow{Day: fl.Day, Account: account(fl.UserID, fl.Login),
			Kind: fl.Kind.Label(), Count: strconv.FormatInt(fl.Count, 10) + "회", URL: links.query("access", q)})
	}
	var subjects []int64
	shownOf, moreOf := make([][]int64, len(records.Records)), make([]int, len(records.Records))
	for i, r := range records.Records {
		shownOf[i], moreOf[i] = shownSubjects(r)
		if r.RecordType == "nomination" {
			subjects = append(subjects, shownOf[i]...)
		}
	}
	titles, err := h.store.NominationTitles(ctx, subjects)
	if err != nil {
		return err
	}
	for i, r := range records.Records {
		row := views.AccessRow{At: r.At.In(models.Seoul).Format(secondLayout), Account: account(r.UserID, r.Login), IP: r.IP,
			Kind: r.Kind.Label(), Path: r.Path, Reason: r.Reason}
		shown, more := shownOf[i], moreOf[i]
		if more > 0 {
			row.More = "외 교류자 " + strconv.Itoa(more) + "명"
			if r.RecordType == "user" {
				row.More = "외 계정 " + strconv.Itoa(more) + "개"
			}
			row.More += " (내려받은 파일에 모두 있습니다)"
		}
		for _, id := range shown {
			switch {
			case r.RecordType == "user":
				row.Subjects = append(row.Subjects, views.NavLink{Label: "계정 " + account(&id, strconv.FormatInt(id, 10)), URL: links.to("user", id)})
			case titles[id] != "":
				row.Subjects = append(row.Subjects, views.NavLink{Label: titles[id] + " (" + strconv.FormatInt(id, 10) + ")", URL: links.to("nomination.record", id)})
			default:
				row.Subjects = append(row.Subjects, views.NavLink{Label: "교류자 기록 " + strconv.FormatInt(id, 10)})
			}
		}
		page.Rows = append(page.Rows, row)
	}
	q := v.query()
	if n := len(records.Records); n > 0 {
		if records.Newer {
			nq := cloneValues(q)
			nq.Set("after", strconv.FormatInt(records.Records[0].ID, 10))
			page.NewerURL = links.query("access", nq)
		}
		if records.Older {
			oq := cloneValues(q)
			oq.Set("before", strconv.FormatInt(records.Records[n-1].ID, 10))
			page.OlderURL = links.query("access", oq)
		}
	}
	export := accessExportForm{accessFilterForm: v, DownloadReason: reason}
	export.Before, export.After = "", ""
	page.Export = views.AccessExport{URL: links.to("access.export"), Form: views.NewForm(export, exportErrs)}
	for _, k := range []string{"user", "kind", "record", "from", "to"} {
		if s := q.Get(k); s != "" {
			page.Export.Hidden = append(page.Export.Hidden, views.HiddenValue{Name: k, Value: s})
		}
	}
	return render(c, status, views.Access(page), nil)
}

func cloneValues(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// retentionText says how long the records are kept: "2년", "800일".
func retentionText(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days%365 == 0 {
		return strconv.Itoa(days/365) + "년"
	}
	return strconv.Itoa(days) + "일"
}

// AccessExport downloads the records the filter selects as CSV (UTF-8 with
// a BOM, for Korean Excel), with the reason typed; the download is itself
// an access record, naming the accounts whose records it carries.
func (h *Handlers) AccessExport(c echo.Context) error {
	return postForm(h, c, formPost[accessExportForm]{
		Save: func(in *accessExportForm) (saved, error) {
			reason, err := in.Check()
			if err != nil {
				return saved{}, err
			}
			f, errs := accessFilter(in.accessFilterForm)
			if len(errs) > 0 {
				return saved{}, models.FieldErrors{"reason": "내려받을 기록의 조건이 올바르지 않습니다. 조건을 다시 골라 조회한 뒤 내려받으십시오."}.Err()
			}
			f.Before, f.After, f.Limit = 0, 0, accessExportLimit
			return saved{answer: func() error { return h.writeAccessCSV(c, f, reason) }}, nil
		},
		Form: func(status int, in *accessExportForm, errs views.Errors) error {
			return h.renderAccess(c, in.accessFilterForm, in.DownloadReason, errs)
		},
	})
}

func (h *Handlers) writeAccessCSV(c echo.Context, f models.AccessFilter, reason string) error {
	records, err := h.store.AccessRecords(c.Request().Context(), f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"일시", "계정", "사용자 번호", "접속 주소", "수행 업무", "화면 주소", "대상 종류", "대상 번호", "사유"})
	seen := map[int64]bool{}
	for _, r := range records.Records {
		user := ""
		if r.UserID != nil {
			user = strconv.FormatInt(*r.UserID, 10)
			if !seen[*r.UserID] {
				seen[*r.UserID] = true
				accountsShown(c, *r.UserID)
			}
		}
		subject := map[string]string{"nomination": "교류자", "user": "계정"}[r.RecordType]
		cells := []string{r.At.In(models.Seoul).Format(secondLayout), r.Login, user, r.IP, r.Kind.Label(), r.Path, subject,
			strings.ReplaceAll(r.RecordIDs, ",", " "), r.Reason}
		for i := range cells {
			cells[i] = sheet.Cell(cells[i])
		}
		_ = w.Write(cells)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	downloadReason(c, reason)
	return download(c, "access-records.csv", "접속기록.csv", "text/csv; charset=utf-8", buf.Bytes())
}
