package models

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Audited records are written to the log as JSON under their json names
// (snake_case, explicit on every field), so renaming a Go field cannot
// silently drop their history. Changes reads an event back field by field;
// a record type gets a history by listing its fields in auditFields.

// Change is one field an audit event set, changed or removed, shown in Korean.
type Change struct {
	Label  string
	Before string // "" when the event set the field (a creation)
	After  string // "" when the event removed it (a deletion)
}

// auditField is a field of an audited record that people care about.
type auditField struct {
	key, label   string
	keepOnDelete bool // a deletion still names it (what was deleted)
}

// auditFields lists, per record type and in order, the fields a history shows.
var auditFields = map[string][]auditField{
	"task": {{"title", "과제명", true}, {"description", "과제 내용", false}, {"category", "구분", false},
		{"status", "진행 상태", false}, {"national_agenda", "관련 국정과제", false}, {"starts_on", "시작일", false},
		{"due_on", "완료 예정일", false}, {"progress", "진척률", false}, {"published", "공개 여부", false}, {"reason", "사유", false}},
	"outcome": {{"kind", "성과 유형", false}, {"summary", "성과 내용", true}, {"label", "지표명·항목", false},
		{"value_before", "이전 값", false}, {"period_before", "이전 기준 시점", false}, {"value_after", "이후 값", false},
		{"period_after", "이후 기준 시점", false}, {"better", "개선 방향", false}, {"amount", "절감액", false},
		{"unit", "단위", false}, {"evidence_url", "근거 자료", false}},
	"evaluation_cycle": {{"name", "평가명", true}, {"period", "평가 대상 기간", false}, {"rounds", "대상 차수", false},
		{"criteria", "평가 항목·가중치", false}, {"scale", "배점", false}, {"bands", "등급 기준", false},
		{"incentive", "우대 기준 점수", false}, {"self_due", "자체 점검 마감일", false}, {"review_due", "심사 마감일", false},
		{"stage", "평가 단계", false}},
	"self_assessment": {{"narrative", "추진 경과", false}, {"outcomes", "갱신한 성과", false},
		{"evidence_links", "근거 자료", false}, {"submitted_at", "제출 시각", false}},
	"evaluation_review": {{"scores", "점수·의견", false}},
	"incentive":         {{"decision", "인사상 특전 결정", false}, {"note", "비고", false}},
	"government_evaluation": {{"year", "정부업무평가 연도", false}, {"result", "정부업무평가 결과", false},
		{"upgrade", "고도화 대상", false}, {"upgrade_plan", "고도화 계획", false}},
}

// Changes lists what the event did to the fields its record type shows:
// changed values, the values a creation (or a publication) set, and the name
// of what a deletion removed.
func (e AuditEvent) Changes() []Change {
	before, after := jsonFields(e.Before), jsonFields(e.After)
	var out []Change
	for _, f := range auditFields[e.RecordType] {
		b, inBefore := before[f.key]
		a, inAfter := after[f.key]
		switch {
		case inBefore && inAfter && string(b) != string(a):
			out = append(out, Change{Label: f.label, Before: auditValue(f.key, b), After: auditValue(f.key, a)})
		case !inBefore && inAfter && e.Action != AuditUpdate && !isEmptyJSON(a):
			out = append(out, Change{Label: f.label, After: auditValue(f.key, a)})
		case inBefore && !inAfter && f.keepOnDelete:
			out = append(out, Change{Label: f.label, Before: auditValue(f.key, b)})
		}
	}
	return out
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

// auditValue shows a recorded value in Korean: labels for codes, dates without time.
func auditValue(key string, raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil || v == nil {
		return "없음"
	}
	switch x := v.(type) {
	case bool:
		if key == "upgrade" {
			if x {
				return "예"
			}
			return "아니요"
		}
		if x {
			return "공개"
		}
		return "비공개"
	case float64:
		if key == "progress" {
			return strconv.Itoa(int(x)) + "%"
		}
		if key == "year" {
			return strconv.Itoa(int(x)) // a year, not an amount: no thousands separator
		}
		return FormatNumber(x)
	case string:
		switch key {
		case "category":
			return TaskCategory(x).Label()
		case "status":
			return TaskStatus(x).Label()
		case "kind":
			return OutcomeKind(x).Label()
		case "better":
			return Better(x).Label()
		case "stage":
			return EvaluationStage(x).Label()
		case "decision":
			return IncentiveKind(x).Label()
		case "submitted_at":
			if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
				return t.In(kst).Format("2006-01-02 15:04")
			}
		case "starts_on", "due_on", "self_due", "review_due":
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

// FormatNumber writes a number with thousands separators and no needless decimals.
func FormatNumber(v float64) string {
	s := TrimFloat(v, 2)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// TrimFloat writes v with at most decimals digits after the point, none trailing.
func TrimFloat(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
