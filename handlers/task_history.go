package handlers

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// taskPage builds a task's page: its item and its history from the audit log.
func (h *Handlers) taskPage(c echo.Context, t models.CollaborationTask, item views.TaskItem) (views.TaskPage, error) {
	p := pageParam(c)
	events, total, err := h.store.TaskHistory(c.Request().Context(), t.ID, p)
	if err != nil {
		return views.TaskPage{}, err
	}
	page := views.TaskPage{Chrome: h.chrome(c, t.Title), PairTitle: pairTitle(t.Pair), PairURL: pairURL(t.PairID), Item: item}
	for _, e := range events {
		page.History = append(page.History, historyRow(e))
	}
	page.Pager = pager(p, total, func(n int) string { return taskURLOf(t.ID) + "?page=" + strconv.Itoa(n) })
	return page, nil
}

var historyActions = map[string]string{
	models.AuditCreate: "등록", models.AuditUpdate: "수정", models.AuditDelete: "삭제",
	models.AuditPublish: "공개", models.AuditUnpublish: "공개 해제",
}

// historyFields names, in order, the recorded fields a person cares about.
var historyFields = []struct{ key, label string }{
	{"Title", "과제명"}, {"Description", "과제 내용"}, {"Category", "구분"}, {"Status", "진행 상태"},
	{"NationalAgenda", "관련 국정과제"}, {"StartsOn", "시작일"}, {"DueOn", "완료 예정일"}, {"Progress", "진척률"},
	{"Published", "공개 여부"}, {"Kind", "성과 유형"}, {"Summary", "성과 내용"}, {"Label", "지표명·항목"},
	{"ValueBefore", "이전 값"}, {"PeriodBefore", "이전 기준 시점"}, {"ValueAfter", "이후 값"},
	{"PeriodAfter", "이후 기준 시점"}, {"Better", "개선 방향"}, {"Amount", "절감액"}, {"Unit", "단위"},
	{"EvidenceURL", "근거 자료"}, {"Reason", "사유"},
}

func historyRow(e models.AuditEvent) views.HistoryRow {
	row := views.HistoryRow{At: e.At.In(seoul).Format("2006-01-02 15:04:05"), Actor: e.Actor, Action: e.Action}
	if a, ok := historyActions[e.Action]; ok {
		row.Action = a
	}
	row.Record = "과제"
	if e.RecordType == "outcome" && e.RecordID != nil {
		row.Record = "성과 #" + strconv.FormatInt(*e.RecordID, 10)
	}
	before, after := jsonFields(e.Before), jsonFields(e.After)
	var changes []string
	for _, f := range historyFields {
		b, inBefore := before[f.key]
		a, inAfter := after[f.key]
		switch {
		case inBefore && inAfter && string(b) != string(a):
			changes = append(changes, f.label+": "+historyValue(f.key, b)+" → "+historyValue(f.key, a))
		case !inBefore && inAfter && e.Action != models.AuditUpdate && !isEmptyJSON(a):
			changes = append(changes, f.label+": "+historyValue(f.key, a))
		case inBefore && !inAfter && slices.Contains([]string{"Title", "Summary"}, f.key):
			changes = append(changes, f.label+": "+historyValue(f.key, b))
		}
	}
	row.Changes = strings.Join(changes, "; ")
	return row
}

func jsonFields(s *string) map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	if s != nil {
		_ = json.Unmarshal([]byte(*s), &m)
	}
	return m
}

func isEmptyJSON(raw json.RawMessage) bool {
	switch string(raw) {
	case "null", `""`, "0", "false":
		return true
	}
	return false
}

// historyValue shows a recorded value in Korean: labels for codes, dates without time.
func historyValue(key string, raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil || v == nil {
		return "없음"
	}
	switch x := v.(type) {
	case bool:
		if x {
			return "공개"
		}
		return "비공개"
	case float64:
		if key == "Progress" {
			return strconv.Itoa(int(x)) + "%"
		}
		return formatNumber(x)
	case string:
		switch key {
		case "Category":
			return models.TaskCategory(x).Label()
		case "Status":
			return models.TaskStatus(x).Label()
		case "Kind":
			return models.OutcomeKind(x).Label()
		case "Better":
			return models.Better(x).Label()
		case "StartsOn", "DueOn":
			if len(x) >= 10 {
				return x[:10]
			}
		}
		if x == "" {
			return "없음"
		}
		if r := []rune(x); len(r) > 60 {
			return string(r[:60]) + "…"
		}
		return x
	}
	return fmt.Sprint(v)
}
