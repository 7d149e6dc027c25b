package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// fieldErrors extracts the field messages of a validation error, or nil.
func fieldErrors(err error) views.Errors {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return views.Errors(ve.Fields)
	}
	return nil
}

// idParam reads a positive integer path parameter; anything else is a 404.
func idParam(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id < 1 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

// pageParam reads the "page" query parameter (1 when absent or wrong).
func pageParam(c echo.Context) models.Page {
	n, err := strconv.Atoi(c.QueryParam("page"))
	if err != nil || n < 1 {
		n = 1
	}
	return models.Page{Number: n, Size: models.DefaultPageSize}
}

// pager builds the pagination links for a list of total rows.
func pager(p models.Page, total int64, url func(n int) string) views.Pager {
	pages := int((total + int64(p.Limit()) - 1) / int64(p.Limit()))
	if pages < 1 {
		pages = 1
	}
	return views.Pager{Page: max(p.Number, 1), Pages: pages, Total: total, URL: url}
}
