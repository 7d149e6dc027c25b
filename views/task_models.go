package views

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"strconv"

	"github.com/a-h/templ"
)

// EditMode is how a task or an outcome shows in the list edited in place.
type EditMode int

// Modes: the saved record; its form; the conflict view after a stale save.
const (
	Showing EditMode = iota
	Editing
	Conflicting
)

// TaskSection is the pair page's list of tasks with its editing controls.
type TaskSection struct {
	PairID  int64
	CanEdit bool
	Items   []TaskItem
	New     TaskNew
}

// TaskItem is one task as the list shows it, in one mode. Its element id is
// task-<id> in every mode, so htmx swaps one mode for another in place.
type TaskItem struct {
	Mode       EditMode
	Task       TaskView
	Form       TaskForm      // Editing, Conflicting: the form (in conflict: yours, on the new version)
	Conflict   []ConflictRow // Conflicting: the saved values next to yours
	Notice     string        // a message on the task, e.g. why it could not be deleted
	Outcomes   []OutcomeEntry
	NewOutcome OutcomeNew
	CanEdit    bool
	CanPublish bool
	CSRFToken  string
	// Level is the heading level of the task's title: 3 under the pair page's
	// 협업과제 (0 means 3), 2 on the task's own page.
	Level int
	// Focus marks the answer to a save, an addition or a cancel: the page's
	// script puts the keyboard focus on the task's 수정 button.
	Focus bool
}

// TaskView is a saved task's values, ready to show, with its addresses.
type TaskView struct {
	ID, PairID     int64
	URL            string // the task's page (htmx: its item)
	EditURL        string
	DeleteURL      string
	PublishURL     string
	Title          string
	Description    string
	Category       string
	Status         string
	NationalAgenda string
	StartsOn       string
	DueOn          string
	Progress       *int // nil: nobody entered it (미입력)
	Published      bool
	PublishedAt    string
	Version        int
}

// TaskForm edits a task, or adds one when ID is 0.
type TaskForm struct {
	ID, PairID int64
	Action     string // where the form posts
	CancelURL  string // where 취소 goes without JavaScript
	CancelGet  string // what htmx fetches on 취소 to show the saved state again
	Form       Form   // models.TaskInput
	Categories []Option
	Statuses   []Option
	Published  bool // warn that a change of title or category takes it off the public site
	CSRFToken  string
}

// TaskNew is the slot under the list: the 과제 추가 button, or its form when Open.
type TaskNew struct {
	PairID int64
	URL    string // the add form
	Open   bool
	Form   TaskForm
}

// ConflictRow compares one field: what is saved now and what this person entered.
type ConflictRow struct {
	Label, Theirs, Yours string
	Differs              bool
}

// OutcomeEntry is one outcome in a task's list, in one mode (id outcome-<id>).
type OutcomeEntry struct {
	Mode      EditMode
	Outcome   OutcomeView
	Form      OutcomeForm
	Conflict  []ConflictRow
	Notice    string
	CanEdit   bool
	CSRFToken string
	Focus     bool // the answer to a save, an addition or a cancel: focus its 수정 button
}

// OutcomeView is a saved outcome: the public item plus what editors need.
type OutcomeView struct {
	ID, TaskID  int64
	URL         string // the outcome (htmx: its entry)
	EditURL     string
	DeleteURL   string
	KindLabel   string
	Item        OutcomeItem
	EvidenceURL string
	Version     int
}

// OutcomeForm edits an outcome, or adds one to task TaskID when ID is 0.
type OutcomeForm struct {
	ID, TaskID int64
	Action     string // where the form posts
	CancelURL  string // where 취소 goes without JavaScript
	CancelGet  string // what htmx fetches on 취소
	Form       Form   // models.OutcomeInput
	Kinds      []Option
	Betters    []Option
	Published  bool // the task is public: saving takes it off until it is published again
	CSRFToken  string
}

// OutcomeNew is the slot under a task's outcomes: 성과 추가, or its form when Open.
type OutcomeNew struct {
	TaskID int64
	URL    string // the add form
	Open   bool
	Form   OutcomeForm
}

// Element ids, which htmx targets: task-7, outcome-9, task-7-outcomes.
func taskID(id int64) string          { return "task-" + strconv.FormatInt(id, 10) }
func outcomeID(id int64) string       { return "outcome-" + strconv.FormatInt(id, 10) }
func outcomeListID(task int64) string { return taskID(task) + "-outcomes" }
func outcomeNewID(task int64) string  { return taskID(task) + "-outcome-new" }

// versionVals is the hx-vals that sends a record's version with a delete.
func versionVals(version int) string {
	b, _ := json.Marshal(map[string]string{"version": strconv.Itoa(version)})
	return string(b)
}

// target is the element the form's answer replaces.
func (f TaskForm) target() string {
	if f.ID == 0 {
		return "task-new"
	}
	return taskID(f.ID)
}

// fields are the form's fields, their ids scoped by the element it replaces.
func (f TaskForm) fields() Form { return f.Form.Scoped(f.target()) }

func (f OutcomeForm) fields() Form { return f.Form.Scoped(f.target()) }

func (f OutcomeForm) target() string {
	if f.ID == 0 {
		return outcomeNewID(f.TaskID)
	}
	return outcomeID(f.ID)
}

// taskPeriod shows a task's start and due dates; a date not set yet reads 미정.
func taskPeriod(starts, due string) string {
	if starts == "" && due == "" {
		return "미정"
	}
	if starts == "" {
		starts = "미정"
	}
	if due == "" {
		due = "미정"
	}
	return starts + " ~ " + due
}

// level is the heading level of the task's title.
func (it TaskItem) level() int {
	if it.Level == 0 {
		return 3
	}
	return it.Level
}

// done is what the status line says once the form's record is saved.
func (f TaskForm) done() string {
	if f.ID == 0 {
		return "과제를 추가했습니다."
	}
	return "과제를 저장했습니다."
}

func (f OutcomeForm) done() string {
	if f.ID == 0 {
		return "성과를 추가했습니다."
	}
	return "성과를 저장했습니다."
}

// heading is an <h2>…<h6> of the given level around its children, for
// components shown at different depths of a page.
func heading(level int, id string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		tag := "h" + strconv.Itoa(min(max(level, 2), 6))
		open := "<" + tag + ">"
		if id != "" {
			open = "<" + tag + ` id="` + html.EscapeString(id) + `">`
		}
		if _, err := io.WriteString(w, open); err != nil {
			return err
		}
		children := templ.GetChildren(ctx)
		if err := children.Render(templ.ClearChildren(ctx), w); err != nil {
			return err
		}
		_, err := io.WriteString(w, "</"+tag+">")
		return err
	})
}
