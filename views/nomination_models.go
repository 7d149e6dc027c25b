package views

// NominationRow is a nomination as lists show it; contact details come masked.
type NominationRow struct {
	URL             string
	Round           string
	Position        PositionCell // the position the exchangee goes into
	Sending         string       // the sending ministry's short name
	Name            string
	Rank            string
	CurrentPosition string
	Period          string
	Phone, Email    string // masked
	Companions      string
	Conditions      string
	Approvals       string
	Statement       string
	Status          Badge
}

// NominationDetail is one nomination with everything a decision needs.
type NominationDetail struct {
	ListURL                             string // the queue, for the breadcrumb
	URL, EditURL, RecordURL, ContactURL string // ContactURL: set when the user may see the unmasked contact
	PairURL, PairTitle                  string
	Round                               string
	Position                            PositionCell
	Sending                             string
	Name, CurrentPosition, Rank         string
	Phone, Email                        string // masked unless Unmasked
	Unmasked                            bool
	ContactErased                       bool
	PlannedPeriod, ActualStart          string
	ReturnedOn                          string
	AppointmentNo, ReturnPost           string          // 발령 문서번호, 복귀 보직
	PeriodRule                          string          // what the round allows ("교류 기간 12개월 이상 …"); "" when it sets nothing
	Extensions                          []ExtensionView // the extension requests, oldest first
	Statement                           string
	Companions                          []CompanionView
	Conditions                          []ConditionView
	Rule                                string
	Approvals                           []string
	Report                              string
	ReportOutcomes                      []string
	Status                              Badge
	Moves                               []NominationMoveForm
	CompanionRemovals                   []CompanionRemovalForm // a reviewer's 동반 교류자 제외, one per companion still in
	History                             []NominationHistoryRow
	// Registration is why an exchange begun outside the app was registered
	// rather than selected in it; "" for one selected in the app.
	Registration string
}

// ExtensionView is one extension request: the end it asks for, why, and where it stands.
type ExtensionView struct{ Period, Reason, Status, Detail string }

// CompanionView is one companion (동반 교류): Period says when an empty date
// is the exchangee's; a companion a reviewer removed shows as 제외 with the reason.
type CompanionView struct {
	ID                                        int64
	Name, Rank, Role, CurrentPosition, GoesTo string
	Period                                    string
	Decision                                  string // how the companion is decided: with the exchangee, or 제외
	Removed                                   bool
	RemovalReason                             string
	RemoveURL                                 string // set: the viewer may remove the companion (a reviewer, before approval)
}

// ConditionView is a round's eligibility condition and whether the ministry confirmed it.
type ConditionView struct {
	ID        string
	Text      string
	Confirmed bool
	By        string // who confirmed it and when: "김담당, 2025-01-10 14:05"
	Note      string // what was checked (확인 근거)
	// NoteRequired: the round asks for a note (확인 근거 필수).
	NoteRequired bool
}

// NominationMoveForm is one move the user may make, as a form.
type NominationMoveForm struct {
	URL, Label, Value string
	Reason            bool
	DateLabel         string // the date the move asks for; "" when none
	Report            bool
	Outcomes          []Option // the pair's outcomes a completion report may name
	Primary           bool
	Note              string // what the move leads to, said above its button; "" for none
	Form              Form   // models.MoveInput
}

// NominationHistoryRow is one move in a nomination's history.
type NominationHistoryRow struct{ At, Move, To, Actor, Reason, Conditions string }

// StageCount is how many positions are at one stage.
type StageCount struct {
	Label string
	Count int64
}

// NominationsPage is the list of nominations: the reviewers' queue.
type NominationsPage struct {
	Chrome
	URL        string // the queue itself: the filter form's action
	Intro      string
	Filter     Form // handlers.nominationFilter
	Rounds     []Option
	Ministries []Option
	Statuses   []Option
	StageRound string
	Stages     []StageCount
	Rows       []NominationRow
	Pager      Pager
	Exports    []NavLink
}

// NominationPage is one nomination's page.
type NominationPage struct {
	Chrome
	Title  string
	Detail NominationDetail
}

// NominationConflictPage tells a decider that someone else decided first.
type NominationConflictPage struct {
	Chrome
	Title   string
	URL     string
	Status  Badge
	Message string
}

// NominationFormPage nominates an exchangee, or edits a draft or returned nomination.
type NominationFormPage struct {
	Chrome
	ListURL      string
	Title        string
	Heading      string // a sentence: "고용노동부가 인력정책과장(중기부)에 보낼 교류자 추천"
	PeriodRule   string // what the round allows of the period; "" when it sets nothing
	Action       string
	PairURL      string
	PairTitle    string
	Position     PositionCell
	Sending      string
	Form         Form             // models.NominationInput, with a blank companion row to fill in
	Conditions   []ConditionField // the round's eligibility conditions, to confirm, in order
	ReturnReason string
}

// ConditionField is a condition of the round on the nomination form: its box
// to confirm it and its note on what was checked (row Row of condition_note).
type ConditionField struct {
	Value, Label string
	NoteRequired bool // the round asks for a note (확인 근거 필수)
	Row          int
}

// NominationRecordPage is the exchangee's record: person, work and outcomes on one page.
type NominationRecordPage struct {
	Chrome
	Title  string
	Detail NominationDetail
	Tasks  []RecordTask
	// Incentives are the decisions of finalized evaluation cycles about the exchangee.
	Incentives []RecordIncentive
}

// RecordTask is one of the pair's collaboration tasks with its outcomes.
type RecordTask struct {
	Title, Status, Category, Progress string
	Outcomes                          []string
}

// RoundSelectionPage sets how a round selects exchangees.
type RoundSelectionPage struct {
	Chrome
	RoundsURL  string
	RoundTitle string
	Action     string
	BackURL    string
	Rules      []Option
	Form       Form // models.SelectionInput
	// ConditionTexts are the conditions that can be marked as needing a note.
	ConditionTexts []string
}

// ExchangeeSlot is one direction of a pair on its page: who goes into which position.
type ExchangeeSlot struct {
	Position    PositionCell
	Sending     string
	Status      Badge
	Name        string
	URL         string // the nomination in progress, when there is one
	NominateURL string // set when the user may nominate now
	RegisterURL string // set when the user may register an exchange already running
}

// companionRowHasError reports whether any field of companion row i has a message.
func companionRowHasError(f Form, i int) bool {
	for _, name := range []string{"companion_name", "companion_current_position", "companion_goes_to", "companion_start", "companion_end"} {
		if f.Error(row(name, i)) != "" {
			return true
		}
	}
	return false
}

// CompanionRemovalForm removes one companion from a nomination under review, with a reason.
type CompanionRemovalForm struct {
	ID   string // the companion's id, for the form's id
	Name string // "라마바동반자(사무관)"
	URL  string
	Form Form
}
