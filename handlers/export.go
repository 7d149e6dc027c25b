package handlers

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gyoryu/gyoryu/models/sheet"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/views"
)

// ExportXLSX downloads a round's selected pairs as a workbook in the attachment's layout.
func (h *Handlers) ExportXLSX(c echo.Context) error {
	return h.export(c, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		func(b *bytes.Buffer, rows []sheet.Row) error { return sheet.WriteXLSX(b, rows) })
}

// ExportCSV downloads a round's selected pairs as CSV in UTF-8 with a BOM.
func (h *Handlers) ExportCSV(c echo.Context) error {
	return h.export(c, "csv", "text/csv; charset=utf-8",
		func(b *bytes.Buffer, rows []sheet.Row) error { return sheet.WriteCSV(b, rows) })
}

func (h *Handlers) export(c echo.Context, ext, contentType string, write func(*bytes.Buffer, []sheet.Row) error) error {
	r, err := h.roundParam(c)
	if err != nil {
		return err
	}
	rows, err := h.store.RoundSheet(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, rows); err != nil {
		return err
	}
	name := strconv.Itoa(r.Number) + "차_교류직위." + ext
	c.Response().Header().Set(echo.HeaderContentDisposition,
		"attachment; filename=\"round-"+strconv.Itoa(r.Number)+"-pairs."+ext+"\"; filename*=UTF-8''"+url.PathEscape(name))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, contentType, buf.Bytes())
}

// exportLinks are the download links of a round's list.
func exportLinks(u urls, roundID int64) []views.NavLink {
	return []views.NavLink{{Label: "XLSX로 내려받기", URL: u.to("round.export.xlsx", roundID)},
		{Label: "CSV로 내려받기", URL: u.to("round.export.csv", roundID)}}
}
