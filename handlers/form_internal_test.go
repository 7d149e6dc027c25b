package handlers

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
)

// The messages a handler shows are its own copy: changing them (adding a
// form's own message, say) leaves the domain's error as it was.
func TestFieldErrorsCopiesTheDomainsMessages(t *testing.T) {
	t.Parallel()
	err := models.FieldErrors{"code": "이미 쓰이고 있는 영문 약칭입니다."}.Err()
	errs := fieldErrors(err)
	errs["code"], errs["name"] = "바뀜", "더함"
	if again := fieldErrors(err); len(again) != 1 || again["code"] != "이미 쓰이고 있는 영문 약칭입니다." {
		t.Errorf("the domain's messages changed with the handler's copy: %v", again)
	}
}

// bindForm fills tagged string and int fields, embedded forms included, from
// the posted body or, for GET, from the query; untagged fields stay as they were.
func TestBindFormReadsTaggedFieldsFromBodyOrQuery(t *testing.T) {
	t.Parallel()
	type inner struct {
		Name string `form:"name"`
	}
	type form struct {
		inner
		Count   int    `form:"count"`
		Bad     int    `form:"bad"`
		Missing string `form:"missing"`
		Kept    string
	}
	e := echo.New()
	for _, tc := range []struct {
		method, target, body string
	}{
		{http.MethodPost, "/x?name=query", url.Values{"name": {"교류"}, "count": {" 42 "}, "bad": {"abc"}}.Encode()},
		{http.MethodGet, "/x?" + url.Values{"name": {"교류"}, "count": {"42"}, "bad": {"abc"}}.Encode(), ""},
	} {
		req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
		f := form{Kept: "kept", Missing: "old"}
		if err := bindForm(e.NewContext(req, httptest.NewRecorder()), &f); err != nil {
			t.Fatal(err)
		}
		if f.Name != "교류" || f.Count != 42 || f.Bad != 0 || f.Missing != "" || f.Kept != "kept" {
			t.Errorf("%s: bound %+v", tc.method, f)
		}
	}
}
