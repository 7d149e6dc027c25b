package handlers

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/form"
	"github.com/gyoryu/gyoryu/views"
)

// taskEditing is what the person may do with a pair's tasks, the CSRF token
// their forms carry, and the addresses the tasks' views link to.
type taskEditing struct {
	canEdit, canPublish bool
	csrf                string
	u                   urls
	from                string // the page an htmx request came from; "" otherwise
}

func (h *Handlers) taskEditing(c echo.Context, pair models.ExchangePair) taskEditing {
	u := currentUser(c)
	te := taskEditing{
		canEdit:    models.May(u, models.ActEditTasks, pair.Ministries()...),
		canPublish: models.MayOnEvery(u, models.ActPublishTasks),
		csrf:       h.csrfToken(c),
		u:          urlsOf(c),
	}
	if isHTMX(c) {
		te.from = htmxCurrentPath(c)
	}
	return te
}

// onPage reports whether path (with its query or fragment) is the page at page.
func onPage(path, page string) bool {
	rest, ok := strings.CutPrefix(path, page)
	return ok && (rest == "" || strings.ContainsAny(rest[:1], "?#"))
}

// level is the heading level of task t's title: 2 when htmx swaps it into the
// task's own page, under its h1; 0 (the pair page's h3) otherwise.
func (te taskEditing) level(t models.CollaborationTask) int {
	if onPage(te.from, te.u.to("task", t.ID)) {
		return 2
	}
	return 0
}

// section is a pair's task list with every task showing its saved values.
func (te taskEditing) section(pair models.ExchangePair, tasks []models.CollaborationTask) views.TaskSection {
	s := views.TaskSection{PairID: pair.ID, CanEdit: te.canEdit, New: te.newSlot(pair.ID)}
	for _, t := range tasks {
		s.Items = append(s.Items, te.item(t))
	}
	return s
}

// newSlot is the closed 과제 추가 slot under a pair's tasks.
func (te taskEditing) newSlot(pairID int64) views.TaskNew {
	return views.TaskNew{PairID: pairID, URL: te.u.to("task.new", pairID)}
}

// item is a task showing its saved values, with its outcomes.
func (te taskEditing) item(t models.CollaborationTask) views.TaskItem {
	it := views.TaskItem{Task: te.taskView(t), CanEdit: te.canEdit, CanPublish: te.canPublish, CSRFToken: te.csrf,
		NewOutcome: te.newOutcome(t.ID), Level: te.level(t)}
	for _, o := range t.Outcomes {
		it.Outcomes = append(it.Outcomes, te.outcomeEntry(o))
	}
	return it
}

func (te taskEditing) taskView(t models.CollaborationTask) views.TaskView {
	v := views.TaskView{ID: t.ID, PairID: t.PairID, Title: t.Title, Description: t.Description,
		NationalAgenda: t.NationalAgenda, StartsOn: dateOf(t.StartsOn), DueOn: dateOf(t.DueOn), Progress: t.Progress,
		Published: t.Published, Version: t.Version,
		URL: te.u.to("task", t.ID), EditURL: te.u.to("task.edit", t.ID), DeleteURL: te.u.to("task.delete", t.ID),
		PublishURL: te.u.to("task.publish.preview", t.ID)}
	if t.Category != nil {
		v.Category = t.Category.Label()
	}
	if t.Status != nil {
		v.Status = t.Status.Label()
	}
	if t.PublishedAt != nil {
		v.PublishedAt = t.PublishedAt.In(models.Seoul).Format(minuteLayout)
	}
	return v
}

// taskForm is the form of task t (zero when new, with PairID set) holding in.
func (te taskEditing) taskForm(t models.CollaborationTask, in models.TaskInput, errs views.Errors) views.TaskForm {
	f := views.TaskForm{ID: t.ID, PairID: t.PairID, Form: views.NewForm(in, errs), Published: t.Published, CSRFToken: te.csrf,
		Categories: options(models.TaskCategories, labelled[models.TaskCategory], chooseChoice)}
	pairURL := te.u.to("pair", t.PairID)
	var from *models.TaskStatus
	if t.ID == 0 {
		f.Action, f.CancelURL, f.CancelGet = te.u.to("task.create", t.PairID), pairURL+"#tasks", pairURL
	} else {
		from = t.Status
		f.Action, f.CancelURL, f.CancelGet = te.u.to("task.update", t.ID), taskPlace(te.u, t), te.u.to("task", t.ID)
	}
	var leading []views.Option
	if from == nil {
		leading = append(leading, chooseChoice) // a status not set yet must be chosen
	}
	f.Statuses = options(models.NextStatuses(from), labelled[models.TaskStatus], leading...)
	return f
}

// place is a task's place on its pair's page.
func (te taskEditing) place(t models.CollaborationTask) string { return taskPlace(te.u, t) }

func taskPlace(u urls, t models.CollaborationTask) string {
	return u.to("pair", t.PairID) + "#task-" + strconv.FormatInt(t.ID, 10)
}

// newTask is the add form's starting values.
func newTask() models.TaskInput {
	return models.TaskInput{Status: string(models.TaskDiscovered)} // progress not entered yet
}

// newOutcome is the closed 성과 추가 slot under a task's outcomes.
func (te taskEditing) newOutcome(taskID int64) views.OutcomeNew {
	return views.OutcomeNew{TaskID: taskID, URL: te.u.to("outcome.new", taskID)}
}

func (te taskEditing) outcomeEntry(o models.Outcome) views.OutcomeEntry {
	return views.OutcomeEntry{Outcome: te.outcomeView(o), CanEdit: te.canEdit, CSRFToken: te.csrf}
}

func (te taskEditing) outcomeView(o models.Outcome) views.OutcomeView {
	return views.OutcomeView{ID: o.ID, TaskID: o.TaskID, KindLabel: o.Kind.Label(), Item: outcomeItem(te.u, o),
		EvidenceURL: o.EvidenceURL, Version: o.Version,
		URL: te.u.to("outcome", o.ID), EditURL: te.u.to("outcome.edit", o.ID), DeleteURL: te.u.to("outcome.delete", o.ID)}
}

// outcomeForm is the form of outcome o (zero when new, with TaskID set) holding in.
func (te taskEditing) outcomeForm(o models.Outcome, published bool, in models.OutcomeInput, errs views.Errors) views.OutcomeForm {
	f := views.OutcomeForm{ID: o.ID, TaskID: o.TaskID, Form: views.NewForm(in, errs), Published: published, CSRFToken: te.csrf,
		Kinds:   options(models.OutcomeKinds, labelled[models.OutcomeKind]),
		Betters: options([]models.Better{models.BetterHigher, models.BetterLower}, labelled[models.Better], chooseChoice)}
	taskURL := te.u.to("task", o.TaskID)
	if o.ID == 0 {
		f.Action, f.CancelGet = te.u.to("outcome.create", o.TaskID), taskURL
		f.CancelURL = taskURL + "#task-" + strconv.FormatInt(o.TaskID, 10) + "-outcome-new"
	} else {
		f.Action, f.CancelURL, f.CancelGet = te.u.to("outcome.update", o.ID), te.outcomePlace(o), te.u.to("outcome", o.ID)
	}
	return f
}

// outcomePlace is an outcome's place on its task's page.
func (te taskEditing) outcomePlace(o models.Outcome) string {
	return te.u.to("task", o.TaskID) + "#outcome-" + strconv.FormatInt(o.ID, 10)
}

// taskConflict compares the task as saved with what this person entered.
func taskConflict(now models.CollaborationTask, yours models.TaskInput) []views.ConflictRow {
	return conflictRows(now.InputOf(), yours, map[string]func(string) string{
		"category": func(v string) string { return models.TaskCategory(v).Label() },
		"status":   func(v string) string { return models.TaskStatus(v).Label() },
	})
}

// outcomeConflict compares the outcome as saved with what this person entered.
func outcomeConflict(now models.Outcome, yours models.OutcomeInput) []views.ConflictRow {
	return conflictRows(now.InputOf(), yours, map[string]func(string) string{
		"kind":   func(v string) string { return models.OutcomeKind(v).Label() },
		"better": func(v string) string { return models.Better(v).Label() },
	})
}

// conflictRows compares a form's values as saved (theirs) with what this
// person entered, field by labelled field of the form's struct, under its
// labels; words turns a stored choice into what people read.
func conflictRows[T any](theirs, yours T, words map[string]func(string) string) []views.ConflictRow {
	a, b := form.Values(theirs), form.Values(yours)
	var rows []views.ConflictRow
	for _, f := range form.Fields(theirs) {
		if f.Label == "" {
			continue // hidden: the version
		}
		t, y := strings.Join(a[f.Name], ", "), strings.Join(b[f.Name], ", ")
		if w := words[f.Name]; w != nil {
			t, y = w(t), w(y)
		}
		rows = append(rows, views.ConflictRow{Label: f.Label, Theirs: t, Yours: y, Differs: t != y})
	}
	return rows
}

// progressText is a task's progress as people read it: 미입력 until someone enters it.
func progressText(p *int) string {
	if p == nil {
		return views.NotEntered
	}
	return strconv.Itoa(*p) + "%"
}
