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
	"user": {{"display_name", "이름", true}, {"login", "아이디", false}, {"role", "역할", false}, {"office", "소속 심사 기관", false},
		{"email", "전자우편", false}, {"phone", "전화", false}, {"active", "사용 여부", false},
		{"reason", "사유", false}, {"expires_at", "링크 유효 기한", false}, {"fields", "열람 항목", false}},
	"pair": {{"number", "연번", false}, {"grade", "구분", false}, {"theme", "협업 분야", true}, {"status", "상태", false},
		{"position_a.title", "첫째 직위", false}, {"position_b.title", "둘째 직위", false},
		{"rationale", "교류가 필요한 이유", false}, {"agenda_task", "관련 국정과제", false}},
	"round": {{"number", "차수", false}, {"title", "제목", true}, {"status", "단계", false},
		{"planned_director_general", "국장급 계획 직위 수", false}, {"planned_division_director", "과장급 계획 직위 수", false},
		{"schedule_note", "일정 설명", false}, {"proposals_due_on", "직위 제안 마감일", false}, {"selected_on", "선정일", false},
		{"evaluation_on", "실적 평가일", false}, {"announce_at", "공개(보도) 일시", false},
		{"approval_rule", "승인 방식", false}, {"ApprovalRule", "승인 방식", false}, {"Conditions", "자격 요건", false},
		{"note_required", "확인 근거를 받을 요건", false},
		{"min_months", "최소 교류 기간(개월)", false}, {"max_months", "최대 교류 기간(개월)", false}, {"latest_start", "가장 늦은 교류 시작일", false},
		{"pairs", "저장한 교류직위 수", false}, {"열람", "열람 내용", false}},
	"ministry": {{"name", "공식 명칭", true}, {"short_name", "약칭", false}, {"code", "영문 약칭", false}, {"name_en", "영문 공식 명칭", false},
		{"kind", "유형", false}, {"active", "사용 여부", false}},
	"nomination": {{"move", "처리", false}, {"reason", "사유", false}, {"exchangee_name", "교류자 성명", true}, {"status", "상태", false}, {"current_position", "현재 직위", false},
		{"rank", "직급", false}, {"work_phone", "사무실 전화번호", false}, {"email", "전자우편", false},
		{"planned_start", "시작 예정일", false}, {"planned_end", "종료 예정일", false}, {"statement", "수행할 업무", false}, {"conditions", "자격 요건 확인", false},
		{"actual_start", "발령일", false}, {"appointment_no", "발령 문서번호", false}, {"returned_on", "복귀일", false},
		{"return_post", "복귀 보직", false}, {"report", "완료 보고", false},
		{"registration", "등록 사유", false},
		{"Erased", "지운 항목", false}, {"ReturnedOn", "복귀일", false}, {"Days", "보유 기간(일)", false},
		{"열람", "열람 내용", false}},
	"programme": {{"Rounds", "차수", false}, {"Ministries", "부처", false}, {"Pairs", "교류직위", false},
		{"Tasks", "협업과제", false}, {"Outcomes", "성과", false}, {"Contacts", "문의처", false}},
	"evaluation_cycle": {{"name", "평가명", true}, {"period", "평가 대상 기간", false}, {"rounds", "대상 차수", false},
		{"criteria", "평가 항목·가중치", false}, {"scale", "배점", false}, {"bands", "등급 기준", false},
		{"incentive", "우대 기준 점수", false}, {"self_due", "자체 점검 마감일", false}, {"review_due", "심사 마감일", false},
		{"stage", "평가 단계", false}},
	"self_assessment": {{"narrative", "추진 경과", false}, {"outcomes", "갱신한 성과", false},
		{"evidence_links", "근거 자료", false}, {"submitted_at", "제출 시각", false}},
	"evaluation_review": {{"scores", "점수·의견", false}},
	"incentive":         {{"decision", "인사상 특전 결정", false}, {"note", "비고", false}},
	"contribution":      {{"level", "기여도", false}, {"comment", "의견", false}},
	"government_evaluation": {{"year", "정부업무평가 연도", false}, {"result", "정부업무평가 결과", false},
		{"upgrade", "고도화 대상", false}, {"upgrade_plan", "고도화 계획", false}},
	"government_scale": {{"year", "평가 연도", false}, {"grades", "결과 등급", false}},
}

// Changes lists what the event did to the fields its record type shows:
// changed values, the values a creation (or a publication) set, and the name
// of what a deletion removed.
func (e AuditEvent) Changes() []Change {
	before, after := jsonFields(e.Before), jsonFields(e.After)
	var out []Change
	for _, f := range auditFields[e.RecordType] {
		b, inBefore := lookupJSON(before, f.key)
		a, inAfter := lookupJSON(after, f.key)
		switch {
		case inBefore && inAfter && string(b) != string(a):
			out = append(out, Change{Label: f.label, Before: auditValue(e.RecordType, f.key, b), After: auditValue(e.RecordType, f.key, a)})
		case !inBefore && inAfter && (e.Action != AuditUpdate || e.Before == nil) && !isEmptyJSON(a):
			out = append(out, Change{Label: f.label, After: auditValue(e.RecordType, f.key, a)})
		case inBefore && !inAfter && f.keepOnDelete:
			out = append(out, Change{Label: f.label, Before: auditValue(e.RecordType, f.key, b)})
		}
	}
	return out
}

// lookupJSON finds a field, or a field of a nested record ("position_a.title").
func lookupJSON(fields map[string]json.RawMessage, key string) (json.RawMessage, bool) {
	head, rest, nested := strings.Cut(key, ".")
	raw, ok := fields[head]
	if !ok || !nested {
		return raw, ok
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(raw, &inner) != nil {
		return nil, false
	}
	return lookupJSON(inner, rest)
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
func auditValue(recordType, key string, raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil || v == nil {
		if key == "progress" {
			return "미입력"
		}
		return "없음"
	}
	switch x := v.(type) {
	case bool:
		switch key {
		case "active":
			if x {
				return "사용"
			}
			return "중지"
		case "upgrade":
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
	case []any:
		parts := make([]string, 0, len(x))
		for _, item := range x {
			parts = append(parts, fmt.Sprint(item))
		}
		if len(parts) == 0 {
			return "없음"
		}
		return strings.Join(parts, ", ")
	case string:
		if l, ok := auditCodeLabel(recordType, key, x); ok {
			return l
		}
		switch key {
		case "starts_on", "due_on", "proposals_due_on", "selected_on", "evaluation_on", "planned_start", "planned_end",
			"actual_start", "returned_on", "self_due", "review_due":
			if len(x) >= 10 {
				return x[:10]
			}
		case "expires_at", "announce_at", "submitted_at":
			if at, err := time.Parse(time.RFC3339Nano, x); err == nil {
				return at.In(Seoul).Format("2006-01-02 15:04")
			}
		case "stage":
			return EvaluationStage(x).Label()
		case "decision":
			return incentiveName(x)
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

// auditCodeLabel is the Korean label of a code a record stores.
func auditCodeLabel(recordType, key, code string) (string, bool) {
	switch key {
	case "category":
		return TaskCategory(code).Label(), true
	case "better":
		return Better(code).Label(), true
	case "grade":
		return Grade(code).Label(), true
	case "role":
		return Role(code).Label(), true
	case "office":
		return Office(code).Label(), true
	case "approval_rule", "ApprovalRule":
		return ApprovalRule(code).Label(), true
	case "kind":
		if recordType == "ministry" {
			return MinistryKind(code).Label(), true
		}
		return OutcomeKind(code).Label(), true
	case "status":
		switch recordType {
		case "pair":
			return PairStatus(code).Label(), true
		case "round":
			return RoundStatus(code).Label(), true
		case "nomination":
			return NominationStatus(code).Label(), true
		}
		return TaskStatus(code).Label(), true
	case "fields":
		return strings.NewReplacer("email", "전자우편", "phone", "전화").Replace(code), true
	case "reason":
		if code == "throttled" {
			return "로그인 실패가 거듭되어 잠시 막음", true
		}
	}
	return "", false
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
