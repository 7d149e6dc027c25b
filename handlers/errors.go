package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// koreanStatus gives each status the heading and message people see.
var koreanStatus = map[int][2]string{
	http.StatusBadRequest:            {"잘못된 요청입니다", "요청 내용을 확인한 뒤 다시 시도해 주십시오."},
	http.StatusUnauthorized:          {"로그인이 필요합니다", "로그인한 뒤 다시 시도해 주십시오."},
	http.StatusForbidden:             {"권한이 없습니다", "이 화면이나 기능을 사용할 권한이 없습니다."},
	http.StatusNotFound:              {"페이지를 찾을 수 없습니다", "주소가 바뀌었거나 없는 자료입니다. 주소를 다시 확인해 주십시오."},
	http.StatusMethodNotAllowed:      {"허용되지 않은 요청입니다", "이 주소는 그 방식의 요청을 받지 않습니다."},
	http.StatusConflict:              {"다른 사람이 먼저 수정했습니다", "최신 내용을 확인한 뒤 다시 저장해 주십시오."},
	http.StatusRequestEntityTooLarge: {"요청이 너무 큽니다", "보내는 자료의 크기를 줄여 다시 시도해 주십시오."},
	http.StatusTooManyRequests:       {"요청이 너무 많습니다", "잠시 후 다시 시도해 주십시오."},
	http.StatusServiceUnavailable:    {"서비스를 잠시 사용할 수 없습니다", "잠시 후 다시 시도해 주십시오."},
	http.StatusInternalServerError:   {"일시적인 오류가 발생했습니다", "잠시 후 다시 시도해 주십시오. 문제가 계속되면 담당 부서에 문의해 주십시오."},
}

// handleError turns any error into a status and a Korean page (or fragment).
// Server errors are logged by the request logger, once.
func (h *Handlers) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := http.StatusInternalServerError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he):
		status = he.Code
	case errors.Is(err, models.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, models.ErrForbidden):
		status = http.StatusForbidden
	case errors.Is(err, models.ErrConflict), errors.Is(err, models.ErrWrongState):
		status = http.StatusConflict
	case models.DatabaseUnavailable(err), models.DatabaseReadOnly(err):
		status = http.StatusServiceUnavailable
		c.Response().Header().Set("Retry-After", "5")
	}
	text, ok := koreanStatus[status]
	if !ok {
		text = koreanStatus[http.StatusInternalServerError]
	}
	if he != nil {
		if msg, ok := he.Message.(userMessage); ok {
			text[1] = string(msg)
		}
	}
	if models.DatabaseReadOnly(err) {
		text = [2]string{"지금은 저장할 수 없습니다", "데이터베이스 점검 중이라 읽기만 할 수 있습니다. 저장하려던 내용은 저장되지 않았습니다. 잠시 후 다시 시도해 주십시오."}
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	forgetAccess(c) // an error page names nobody
	page := views.ErrorPage{Chrome: h.chrome(c, text[0]), Status: status, Heading: text[0], Message: text[1]}
	comp := views.Error(page)
	if rerr := render(c, status, comp, views.ErrorFragment(page)); rerr != nil {
		h.log.Error("render error page", "error", rerr)
	}
}
