package handlers

import (
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// taskEditing is what the person may do with a pair's tasks, and the CSRF
// token their forms carry.
type taskEditing struct {
	canEdit, canPublish bool
	csrf                string
}

func (h *Handlers) taskEditing(c echo.Context, pair models.ExchangePair) taskEditing {
	u := currentUser(c)
	return taskEditing{
		canEdit:    models.May(u, models.ActEditTasks, pair.Ministries()...),
		canPublish: models.May(u, models.ActPublishTasks),
		csrf:       h.csrfToken(c),
	}
}

// section is a pair's task list with every task showing its saved values.
func (te taskEditing) section(pairID int64, tasks []models.CollaborationTask) views.TaskSection {
	s := views.TaskSection{PairID: pairID, CanEdit: te.canEdit, New: views.TaskNew{PairID: pairID}}
	for _, t := range tasks {
		s.Items = append(s.Items, te.item(t))
	}
	return s
}

// item is a task showing its saved values, with its outcomes.
func (te taskEditing) item(t models.CollaborationTask) views.TaskItem {
	it := views.TaskItem{Task: taskView(t), CanEdit: te.canEdit, CanPublish: te.canPublish, CSRFToken: te.csrf,
		NewOutcome: views.OutcomeNew{TaskID: t.ID}}
	for _, o := range t.Outcomes {
		it.Outcomes = append(it.Outcomes, te.outcomeEntry(o))
	}
	return it
}

func taskView(t models.CollaborationTask) views.TaskView {
	v := views.TaskView{ID: t.ID, PairID: t.PairID, Title: t.Title, Description: t.Description,
		NationalAgenda: t.NationalAgenda, StartsOn: dateOf(t.StartsOn), DueOn: dateOf(t.DueOn), Progress: t.Progress,
		Published: t.Published, Version: t.Version}
	if t.Category != nil {
		v.Category = t.Category.Label()
	}
	if t.Status != nil {
		v.Status = t.Status.Label()
	}
	if t.PublishedAt != nil {
		v.PublishedAt = t.PublishedAt.In(seoul).Format("2006-01-02 15:04")
	}
	return v
}

// taskForm is the form of task t (zero when new, with PairID set) holding in.
func (te taskEditing) taskForm(t models.CollaborationTask, in models.TaskInput, errs views.Errors) views.TaskForm {
	f := views.TaskForm{ID: t.ID, PairID: t.PairID, Errors: errs, Published: t.Published, CSRFToken: te.csrf,
		Values: views.TaskValues{Title: in.Title, Description: in.Description, Category: in.Category, Status: in.Status,
			NationalAgenda: in.NationalAgenda, StartsOn: in.StartsOn, DueOn: in.DueOn, Progress: in.Progress, Version: in.Version}}
	f.Categories = []views.Option{{Value: "", Label: "선택하십시오"}}
	for _, c := range models.TaskCategories {
		f.Categories = append(f.Categories, views.Option{Value: string(c), Label: c.Label()})
	}
	var from *models.TaskStatus
	if t.ID != 0 {
		from = t.Status
	}
	for _, s := range models.NextStatuses(from) {
		f.Statuses = append(f.Statuses, views.Option{Value: string(s), Label: s.Label()})
	}
	if from == nil {
		f.Statuses = append([]views.Option{{Value: "", Label: "선택하십시오"}}, f.Statuses...)
	}
	return f
}

// newTask is the add form's starting values.
func newTask() models.TaskInput {
	return models.TaskInput{Status: string(models.TaskDiscovered), Progress: "0"}
}

func (te taskEditing) outcomeEntry(o models.Outcome) views.OutcomeEntry {
	return views.OutcomeEntry{Outcome: outcomeView(o), CanEdit: te.canEdit, CSRFToken: te.csrf}
}

func outcomeView(o models.Outcome) views.OutcomeView {
	return views.OutcomeView{ID: o.ID, TaskID: o.TaskID, KindLabel: o.Kind.Label(), Item: outcomeItem(o),
		EvidenceURL: o.EvidenceURL, Version: o.Version}
}

// outcomeForm is the form of outcome o (zero when new, with TaskID set) holding in.
func (te taskEditing) outcomeForm(o models.Outcome, published bool, in models.OutcomeInput, errs views.Errors) views.OutcomeForm {
	f := views.OutcomeForm{ID: o.ID, TaskID: o.TaskID, Errors: errs, Published: published, CSRFToken: te.csrf,
		Values: views.OutcomeValues{Kind: in.Kind, Summary: in.Summary, Label: in.Label, ValueBefore: in.ValueBefore,
			ValueAfter: in.ValueAfter, Amount: in.Amount, Unit: in.Unit, PeriodBefore: in.PeriodBefore,
			PeriodAfter: in.PeriodAfter, Better: in.Better, EvidenceURL: in.EvidenceURL, Version: in.Version}}
	for _, k := range models.OutcomeKinds {
		f.Kinds = append(f.Kinds, views.Option{Value: string(k), Label: k.Label()})
	}
	f.Betters = []views.Option{{Value: "", Label: "선택하십시오"},
		{Value: string(models.BetterHigher), Label: models.BetterHigher.Label()},
		{Value: string(models.BetterLower), Label: models.BetterLower.Label()}}
	return f
}

func taskInput(c echo.Context) models.TaskInput {
	v, _ := strconv.Atoi(c.FormValue("version"))
	return models.TaskInput{Title: c.FormValue("title"), Description: c.FormValue("description"),
		Category: c.FormValue("category"), Status: c.FormValue("status"), NationalAgenda: c.FormValue("national_agenda"),
		StartsOn: c.FormValue("starts_on"), DueOn: c.FormValue("due_on"), Progress: c.FormValue("progress"), Version: v}
}

func outcomeInput(c echo.Context) models.OutcomeInput {
	v, _ := strconv.Atoi(c.FormValue("version"))
	return models.OutcomeInput{Kind: c.FormValue("kind"), Summary: c.FormValue("summary"), Label: c.FormValue("label"),
		ValueBefore: c.FormValue("value_before"), ValueAfter: c.FormValue("value_after"), Amount: c.FormValue("amount"),
		Unit: c.FormValue("unit"), PeriodBefore: c.FormValue("period_before"), PeriodAfter: c.FormValue("period_after"),
		Better: c.FormValue("better"), EvidenceURL: c.FormValue("evidence_url"), Version: v}
}

// taskConflict compares the task as saved with what this person entered.
func taskConflict(saved models.CollaborationTask, yours models.TaskInput) []views.ConflictRow {
	theirs := saved.InputOf()
	return conflictRows([][3]string{
		{"과제명", theirs.Title, yours.Title},
		{"과제 내용", theirs.Description, yours.Description},
		{"구분", models.TaskCategory(theirs.Category).Label(), models.TaskCategory(yours.Category).Label()},
		{"진행 상태", models.TaskStatus(theirs.Status).Label(), models.TaskStatus(yours.Status).Label()},
		{"관련 국정과제", theirs.NationalAgenda, yours.NationalAgenda},
		{"시작일", theirs.StartsOn, yours.StartsOn},
		{"완료 예정일", theirs.DueOn, yours.DueOn},
		{"진척률(%)", theirs.Progress, yours.Progress},
	})
}

// outcomeConflict compares the outcome as saved with what this person entered.
func outcomeConflict(saved models.Outcome, yours models.OutcomeInput) []views.ConflictRow {
	theirs := saved.InputOf()
	return conflictRows([][3]string{
		{"성과 유형", models.OutcomeKind(theirs.Kind).Label(), models.OutcomeKind(yours.Kind).Label()},
		{"성과 내용", theirs.Summary, yours.Summary},
		{"지표명·항목", theirs.Label, yours.Label},
		{"이전 값", theirs.ValueBefore, yours.ValueBefore},
		{"이전 기준 시점", theirs.PeriodBefore, yours.PeriodBefore},
		{"이후 값", theirs.ValueAfter, yours.ValueAfter},
		{"이후 기준 시점", theirs.PeriodAfter, yours.PeriodAfter},
		{"개선 방향", models.Better(theirs.Better).Label(), models.Better(yours.Better).Label()},
		{"절감액", theirs.Amount, yours.Amount},
		{"단위", theirs.Unit, yours.Unit},
		{"근거 자료 주소", theirs.EvidenceURL, yours.EvidenceURL},
	})
}

func conflictRows(fields [][3]string) []views.ConflictRow {
	rows := make([]views.ConflictRow, len(fields))
	for i, f := range fields {
		rows[i] = views.ConflictRow{Label: f[0], Theirs: f[1], Yours: f[2], Differs: f[1] != f[2]}
	}
	return rows
}

func dateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}
