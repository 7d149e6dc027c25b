package handlers_test

import (
	"bytes"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// A round's exchangees export in a ministry's layout; contact details only for
// those who may see personal data, and their download is audited.
func TestARoundsExchangeesExportWithContactsOnlyWhereAllowed(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		pair := modelstest.Round2Pair(t, s, "moel", "mss")
		nominate(t, s, "mss", pair.ID, pair.PositionAID, true)
		path := "/admin/rounds/" + itoa64(pair.RoundID) + "/nominations.xlsx"
		read := func(login string) [][]string {
			t.Helper()
			rec := signIn(t, e, login).Post(path, url.Values{"reason": {"교류자 현황 보고"}})
			if rec.Code != http.StatusOK {
				t.Fatalf("%s downloads = %d", login, rec.Code)
			}
			f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows("교류자")
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}
		rows := read("reviewer")
		if got := strings.Join(rows[0], ","); got != "연번,구분,교류직위,교류자,직급,동반 교류,상태" {
			t.Errorf("reviewer's header = %s", got)
		}
		if len(rows) != 1+18 { // round 2: 9 pairs, 18 positions
			t.Errorf("%d rows, want a header and 18 positions", len(rows))
		}
		if got := strings.Join(rows[1], ","); got != "1,과장급,기업일자리지원과장 (고용부),"+modelstest.TestExchangee+",서기관,"+modelstest.TestCompanion+" 사무관,받는 부처 동의 대기" {
			t.Errorf("first position = %s", got)
		}
		if strings.Contains(strings.Join(rows[1], ","), modelstest.TestPhone) {
			t.Error("the reviewer's workbook has the contact details")
		}
		var before int64
		s.DB().Model(&models.AuditEvent{}).Where("action = ?", models.AuditViewPersonal).Count(&before)
		rows = read("admin")
		if len(rows[0]) != 9 || rows[1][7] != modelstest.TestPhone || rows[1][8] != modelstest.TestEmail {
			t.Errorf("the admin's workbook: header %v, first row %v", rows[0], rows[1])
		}
		var after int64
		s.DB().Model(&models.AuditEvent{}).Where("action = ?", models.AuditViewPersonal).Count(&after)
		if after != before+1 {
			t.Errorf("the download of contacts was audited %d times, want once", after-before)
		}
	})
}
