package handlers

import (
	"errors"
	"mime"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
)

// brokenInput is the message for a request carrying bytes no text may hold.
const brokenInput = "보낸 내용에 쓸 수 없는 문자(제어 문자나 깨진 글자)가 있습니다. 내용을 다시 입력해 주십시오."

// multipartMemory is how much of a multipart body is kept in memory; the
// route's body limit bounds the whole body anyway.
const multipartMemory = 8 << 20

// refuseBrokenInput answers 400 to a request whose path, query string or form
// text is not valid UTF-8 or holds control characters (form text may hold
// tab, CR and LF), before any handler sees it: once, for every route. Uploaded
// files are the import's to check, cell by cell. It runs inside the route's
// body limit, as it reads the body.
func (h *Handlers) refuseBrokenInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if !models.UsableText(req.URL.Path, false) {
			return badInput()
		}
		query, err := url.ParseQuery(req.URL.RawQuery)
		if err != nil || !usableValues(query, false) {
			return badInput()
		}
		if req.Method != http.MethodPost {
			return next(c)
		}
		ct, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
		switch ct {
		case echo.MIMEApplicationForm:
			err = req.ParseForm()
		case echo.MIMEMultipartForm:
			err = req.ParseMultipartForm(multipartMemory)
		default:
			return next(c)
		}
		switch {
		case errors.Is(err, errBodyTooLarge):
			return err // limitBody answers
		case err != nil:
			return badInput()
		case !usableValues(req.PostForm, true):
			return badInput()
		}
		return next(c)
	}
}

func usableValues(values url.Values, multiline bool) bool {
	for k, vs := range values {
		if !models.UsableText(k, false) {
			return false
		}
		for _, v := range vs {
			if !models.UsableText(v, multiline) {
				return false
			}
		}
	}
	return true
}

func badInput() error {
	return echo.NewHTTPError(http.StatusBadRequest, userMessage(brokenInput))
}

// userMessage is a Korean message for people, carried by an *echo.HTTPError
// to the error page in place of its status's usual message.
type userMessage string
