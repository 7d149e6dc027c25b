package handlers

import (
	"errors"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// This file is the one place that reads what a person sent. The convention,
// for every form:
//
//  1. The domain declares the form as a struct of the strings the person typed,
//     each field tagged with its input's name (models.RoundInput, TaskInput...):
//     Number string `form:"number"`.
//  2. The handler fills it with bindForm and hands it to the domain unchanged:
//     var in models.RoundInput; if err := bindForm(c, &in); err != nil {...}
//  3. The domain parses and checks every field and returns a *ValidationError
//     with a message per field; it saves nothing unless every field is valid.
//  4. The handler shows the form again with the person's strings and
//     fieldErrors(err), or goes on.
//
// GET filters (lists) are bound the same way, from the query string. What a
// person types is a string field; only ids chosen from a list and hidden
// versions may be int fields (a non-number reads 0, which the domain refuses).

// bindForm copies the request's form (the query string for GET) into the
// string, int and []string fields of dst tagged `form:"name"`. A missing field
// is empty; an int that is not a number is 0; a []string gets every value sent
// under the name, in order (rows of a table, ticked boxes).
func bindForm(c echo.Context, dst any) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	bindValues(values, reflect.ValueOf(dst).Elem())
	return nil
}

func bindValues(values url.Values, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := v.Field(i)
		if t.Field(i).Anonymous && f.Kind() == reflect.Struct {
			bindValues(values, f) // an embedded form: its fields are the outer form's
			continue
		}
		name := t.Field(i).Tag.Get("form")
		if name == "" {
			continue
		}
		switch f.Kind() {
		case reflect.String:
			f.SetString(values.Get(name))
		case reflect.Int, reflect.Int64:
			n, _ := strconv.ParseInt(strings.TrimSpace(values.Get(name)), 10, 64)
			f.SetInt(n)
		case reflect.Slice: // a field sent once per row or per ticked box
			if f.Type().Elem().Kind() != reflect.String {
				panic(fmt.Sprintf("bindForm: field %s of %s is a list of something other than strings", t.Field(i).Name, t))
			}
			f.Set(reflect.ValueOf(append([]string(nil), values[name]...)).Convert(f.Type()))
		default:
			panic(fmt.Sprintf("bindForm: field %s of %s is neither string, int nor a list of strings", t.Field(i).Name, t))
		}
	}
}

// formValues is the request's form fields: the query string for GET and HEAD,
// the posted body (URL-encoded or multipart) otherwise.
func formValues(c echo.Context) (url.Values, error) {
	r := c.Request()
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL.Query(), nil
	}
	var err error
	if strings.HasPrefix(r.Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
		err = r.ParseMultipartForm(32 << 20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
	}
	return r.PostForm, nil
}

// uploadedFile is the file posted in the named field of a multipart form.
func uploadedFile(c echo.Context, name string) (*multipart.FileHeader, error) {
	return c.FormFile(name)
}

// formValue is one posted field, for the middleware that needs a single one (CSRF).
func formValue(c echo.Context, name string) string {
	values, err := formValues(c)
	if err != nil {
		return ""
	}
	return values.Get(name)
}

// fieldErrors is a copy of the field messages of a validation error, or nil.
func fieldErrors(err error) views.Errors {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return views.Errors(maps.Clone(ve.Fields))
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

// queryID reads an optional record id; anything but a positive number is 0.
func queryID(s string) int64 {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0
	}
	return id
}
