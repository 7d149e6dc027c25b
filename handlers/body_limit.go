package handlers

import (
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/gommon/bytes"
)

// drainLimit is how much of a too-large body is read and thrown away so the
// browser, still uploading, receives the answer; past it the connection closes.
const drainLimit = 64 << 20

// uploadTooLarge is what people see when a file is over the upload limit.
const uploadTooLarge = "파일이 5MB보다 큽니다. 5MB 이하의 파일을 올려 주십시오."

var errBodyTooLarge = errors.New("request body too large")

// limitedBody fails reads past limit and remembers that it did.
type limitedBody struct {
	io.ReadCloser
	left int64
	hit  bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		b.hit = true
		return 0, errBodyTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// limitBody bounds a route's request body. Over the limit, it reads what the
// client still sends (up to drainLimit) before answering 413 with a Korean
// message: a server that answers and closes while the browser is uploading
// leaves it showing "connection reset" instead of the answer.
func (h *Handlers) limitBody(limit, message string) echo.MiddlewareFunc {
	n, err := bytes.Parse(limit)
	if err != nil {
		panic("body limit " + limit + ": " + err.Error())
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return tooLarge(req.Body, message)
			}
			lb := &limitedBody{ReadCloser: req.Body, left: n + 1}
			req.Body = lb
			err := next(c)
			if lb.hit && !c.Response().Committed {
				return tooLarge(lb.ReadCloser, message)
			}
			return err
		}
	}
}

func tooLarge(body io.Reader, message string) error {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainLimit))
	if message == "" {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	}
	return echo.NewHTTPError(http.StatusRequestEntityTooLarge, userMessage(message))
}
