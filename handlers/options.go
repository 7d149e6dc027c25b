package handlers

import (
	"strconv"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// options builds a select's choices, one per item, after the leading ones
// (전체, 선택…) when given. Every select list is built with it.
func options[T any](items []T, choice func(T) views.Option, leading ...views.Option) []views.Option {
	opts := make([]views.Option, 0, len(leading)+len(items))
	opts = append(opts, leading...)
	for _, it := range items {
		opts = append(opts, choice(it))
	}
	return opts
}

// Choices that several selects share.
var (
	anyChoice    = views.Option{Value: "", Label: "전체"}
	chooseChoice = views.Option{Value: "", Label: "선택하십시오"}
)

// labelled is a choice of a value with a Korean label (roles, kinds, statuses).
func labelled[T interface {
	~string
	Label() string
}](v T) views.Option {
	return views.Option{Value: string(v), Label: v.Label()}
}

func roundChoice(r models.Round) views.Option {
	return views.Option{Value: strconv.FormatInt(r.ID, 10), Label: r.Title}
}

func ministryChoice(m models.Ministry) views.Option {
	return views.Option{Value: strconv.FormatInt(m.ID, 10), Label: m.ShortName}
}

// ministryNamed is a ministry with its official name, for forms that assign one.
func ministryNamed(m models.Ministry) views.Option {
	return views.Option{Value: strconv.FormatInt(m.ID, 10), Label: m.ShortName + " (" + m.Name + ")"}
}

// gradeChoices are the two grades, 과장급 first, after the leading choices.
func gradeChoices(leading ...views.Option) []views.Option {
	return options([]models.Grade{models.GradeDivisionDirector, models.GradeDirectorGeneral}, labelled[models.Grade], leading...)
}

// activeOnly keeps the ministries that may be chosen for new records.
func activeOnly(list []models.Ministry, except *int64) []models.Ministry {
	var out []models.Ministry
	for _, m := range list {
		if m.Active && (except == nil || m.ID != *except) {
			out = append(out, m)
		}
	}
	return out
}
