package models

import (
	"strconv"
	"time"
)

// The periods of an exchange: the dates a nomination carries are held to the
// round's settings (the shortest and longest exchange, the latest start; the
// administrator enters them, none is assumed) and to sane bounds around the
// round's year, so that neither a start in 1900 nor an end decades ahead is
// recorded.

// saneYears is how far past its year a round's dates may reach.
const saneYears = 10

// DateBounds are the dates a nomination of the round may carry: from the
// first day of the round's year (the year of its earliest date set, its announcement or its
// creation) up to, not including, the first day saneYears later.
func (r Round) DateBounds() (from, to time.Time) {
	year := 0
	for _, d := range []*time.Time{r.ProposalsDueOn, r.SelectedOn, r.ExchangeStartsOn, r.AnnounceAt, &r.CreatedAt} {
		if d != nil && !d.IsZero() && (year == 0 || d.Year() < year) {
			year = d.Year()
		}
	}
	if year == 0 { // a round not loaded: a guard, not a rule
		year = 2000
	}
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year+saneYears+1, 1, 1, 0, 0, 0, 0, time.UTC)
}

// checkDate refuses a date outside the round's bounds, under field.
func (r Round) checkDate(d *time.Time, field, label string, errs FieldErrors) {
	if d == nil || errs[field] != "" {
		return
	}
	from, to := r.DateBounds()
	if d.Before(from) || !d.Before(to) {
		errs[field] = Particle(label, "은", "는") + " " + dateString(&from) + "부터 " + dateString(ptr(to.AddDate(0, 0, -1))) + " 사이의 날짜로 입력해 주십시오."
	}
}

// checkStart refuses a start later than the round's latest start, under field.
func (r Round) checkStart(d *time.Time, field, label string, errs FieldErrors) {
	r.checkDate(d, field, label, errs)
	if d != nil && errs[field] == "" && r.LatestStart != nil && d.After(*r.LatestStart) {
		errs[field] = "이 차수의 교류는 " + dateString(r.LatestStart) + "까지 시작해야 합니다."
	}
}

// checkLength refuses a period from start to end (both days in it) shorter
// or longer than the round allows, under endField.
func (r Round) checkLength(start, end *time.Time, endField string, errs FieldErrors) {
	if start == nil || end == nil || errs[endField] != "" {
		return
	}
	if r.MinMonths != nil && end.Before(monthsOn(*start, *r.MinMonths)) {
		errs[endField] = "이 차수의 교류 기간은 " + strconv.Itoa(*r.MinMonths) + "개월 이상입니다. 종료일을 " +
			dateString(ptr(monthsOn(*start, *r.MinMonths))) + " 또는 그 뒤로 입력해 주십시오."
	}
	if r.MaxMonths != nil && end.After(monthsOn(*start, *r.MaxMonths)) {
		errs[endField] = "이 차수의 교류 기간은 연장을 포함해 " + strconv.Itoa(*r.MaxMonths) + "개월까지입니다. 종료일을 " +
			dateString(ptr(monthsOn(*start, *r.MaxMonths))) + " 또는 그 앞으로 입력해 주십시오."
	}
}

// monthsOn is the last day of a period of months starting on start:
// 2025-01-20 and 2 months end on 2025-03-19.
func monthsOn(start time.Time, months int) time.Time { return start.AddDate(0, months, -1) }

// PeriodRule says in words what the round allows, for the forms: "교류 기간 12개월 이상 24개월 이하, 2025-03-31까지 시작";
// "" when the round sets nothing.
func (r Round) PeriodRule() string {
	var parts []string
	switch {
	case r.MinMonths != nil && r.MaxMonths != nil:
		parts = append(parts, "교류 기간 "+strconv.Itoa(*r.MinMonths)+"개월 이상 "+strconv.Itoa(*r.MaxMonths)+"개월 이하(연장 포함)")
	case r.MinMonths != nil:
		parts = append(parts, "교류 기간 "+strconv.Itoa(*r.MinMonths)+"개월 이상")
	case r.MaxMonths != nil:
		parts = append(parts, "교류 기간 "+strconv.Itoa(*r.MaxMonths)+"개월 이하(연장 포함)")
	}
	if r.LatestStart != nil {
		parts = append(parts, dateString(r.LatestStart)+"까지 시작")
	}
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += ", "
		}
		out += p
	}
	return out
}

func ptr[T any](v T) *T { return &v }
