package handlers

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/sheet"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/views"
)

// ExportXLSX downloads a round's selected pairs as a workbook in the attachment's layout.
func (h *Handlers) ExportXLSX(c echo.Context) error {
	return h.export(c, "xlsx", xlsxType,
		func(b *bytes.Buffer, r models.Round, rows []sheet.Row) error {
			return sheet.WriteXLSX(b, roundSheetTitle(r), rows)
		})
}

// ExportCSV downloads a round's selected pairs as CSV in UTF-8 with a BOM.
func (h *Handlers) ExportCSV(c echo.Context) error {
	return h.export(c, "csv", "text/csv; charset=utf-8",
		func(b *bytes.Buffer, _ models.Round, rows []sheet.Row) error { return sheet.WriteCSV(b, rows) })
}

// roundSheetTitle is the title printed above a round's list, as the attachment's: "2차 전략적 인사교류 대상직위".
func roundSheetTitle(r models.Round) string { return r.Title + " 대상직위" }

func (h *Handlers) export(c echo.Context, ext, contentType string, write func(*bytes.Buffer, models.Round, []sheet.Row) error) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	rows, err := h.store.RoundSheet(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, r, rows); err != nil {
		return err
	}
	return download(c, "round-"+strconv.Itoa(r.Number)+"-pairs."+ext, strconv.Itoa(r.Number)+"차_교류직위."+ext, contentType, buf.Bytes())
}

// xlsxType is the media type of a workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// download answers with a file to save, never kept by a cache: name is its
// ASCII file name for old clients, korean the name people see.
func download(c echo.Context, name, korean, contentType string, body []byte) error {
	if err := writeAccessRecord(c); err != nil { // 접속기록, before the file goes out
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition,
		"attachment; filename=\""+name+"\"; filename*=UTF-8''"+url.PathEscape(korean))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, contentType, body)
}

// exportLinks are the download links of a round's list.
func exportLinks(u urls, roundID int64) []views.NavLink {
	return []views.NavLink{{Label: "XLSX로 내려받기", URL: u.to("round.export.xlsx", roundID)},
		{Label: "CSV로 내려받기", URL: u.to("round.export.csv", roundID)}}
}

// ExportNominationsForm asks why a round's exchangees are downloaded: the
// file holds their names (and contacts, for administrators).
func (h *Handlers) ExportNominationsForm(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	return h.askDownloadReason(c, nominationsDownload(c, r))
}

// ExportNominationsXLSX downloads a round's exchangees as a workbook, with the
// reason typed (422 without one), written in the access record. Contact
// details are in it only for those who may see personal data, and that is audited.
func (h *Handlers) ExportNominationsXLSX(c echo.Context) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	return h.downloadWithReason(c, nominationsDownload(c, r), func(reason string) error {
		return h.writeNominationsXLSX(c, r, reason)
	})
}

// nominationsDownload is the reason form of a round's exchangee workbook.
func nominationsDownload(c echo.Context, r models.Round) views.DownloadReasonPage {
	u := urlsOf(c)
	page := views.DownloadReasonPage{Title: r.Title + " 교류자 목록 내려받기", BackLabel: "교류자 선발",
		BackURL: u.query("nominations", url.Values{"round": {strconv.FormatInt(r.ID, 10)}}),
		What:    "교류직위마다 교류자 성명, 직급, 동반 교류자가 담긴 XLSX 파일입니다.", Action: u.to("round.nominations.xlsx", r.ID)}
	if models.MayAtAll(currentUser(c), models.ActViewPersonalData) {
		page.What = "교류직위마다 교류자 성명, 직급, 동반 교류자와 연락처(사무실 전화, 전자우편)가 담긴 XLSX 파일입니다."
	}
	return page
}

// askDownloadReason shows the form that asks why a file naming people is
// downloaded.
func (h *Handlers) askDownloadReason(c echo.Context, page views.DownloadReasonPage) error {
	return h.renderDownloadReason(c, http.StatusOK, page, models.DownloadReason{}, nil)
}

// downloadWithReason answers that form: without a reason it comes back with
// its message (422); with one, write sends the file and the reason goes into
// the access record.
func (h *Handlers) downloadWithReason(c echo.Context, page views.DownloadReasonPage, write func(reason string) error) error {
	return postForm(h, c, formPost[models.DownloadReason]{
		Save: func(in *models.DownloadReason) (saved, error) {
			reason, err := in.Check()
			return saved{answer: func() error { return write(reason) }}, err
		},
		Form: func(status int, in *models.DownloadReason, errs views.Errors) error {
			return h.renderDownloadReason(c, status, page, *in, errs)
		},
	})
}

func (h *Handlers) renderDownloadReason(c echo.Context, status int, page views.DownloadReasonPage, in models.DownloadReason, errs views.Errors) error {
	page.Chrome = h.chrome(c, page.Title)
	page.Form = views.NewForm(in, errs)
	return render(c, status, views.DownloadReason(page), nil)
}

func (h *Handlers) writeNominationsXLSX(c echo.Context, r models.Round, reason string) error {
	ctx := c.Request().Context()
	rows, err := h.store.RoundNominationSheet(ctx, r.ID)
	if err != nil {
		return err
	}
	contacts := models.MayAtAll(currentUser(c), models.ActViewPersonalData)
	if contacts {
		if err := h.store.Audit(ctx, actor(c), models.AuditViewPersonal, "round", r.ID,
			map[string]string{"열람": "교류자 연락처 (교류자 목록 내려받기)"}); err != nil {
			return err
		}
	}
	for _, row := range rows {
		if row.NominationID != 0 {
			exchangeesShown(c, row.NominationID)
		}
	}
	downloadReason(c, reason)
	var buf bytes.Buffer
	if err := sheet.WriteNominationsXLSX(&buf, rows, contacts); err != nil {
		return err
	}
	return download(c, "round-"+strconv.Itoa(r.Number)+"-exchangees.xlsx", strconv.Itoa(r.Number)+"차_교류자.xlsx", xlsxType, buf.Bytes())
}
