package views

// HomePage is the public results page: the programme on one screen.
type HomePage struct {
	Chrome
	Stats    ProgrammeStats
	Rounds   []RoundSummary
	Round2   PairTable
	Outcomes OutcomeTable
	Contacts []ContactRow
	// The public data files of the two tables.
	PairsData, OutcomesData DataFiles
}

// DataFiles are the addresses of one table's public data.
type DataFiles struct{ CSV, JSON string }

// PublicRoundPage is the public page of one round: its plan, its pairs and its published results.
type PublicRoundPage struct {
	Chrome
	Round    RoundSummary
	Pairs    PairTable
	Outcomes OutcomeTable
}

// ProgrammeStats are the headline numbers, computed from the database.
type ProgrammeStats struct {
	Positions        int // planned positions over every round
	DirectorGeneral  int
	DivisionDirector int
	Rounds           int
	Ministries       int // ministries named in the pairs on record
	Pairs            int // pairs on record
	PlannedPairs     int
}

// RoundSummary is a round's plan and progress.
type RoundSummary struct {
	Number           int
	Title            string
	Status           string
	Schedule         string
	Positions        int
	DirectorGeneral  int
	DivisionDirector int
	PlannedPairs     int
	PairsOnRecord    int
	URL              string
}

// PairTable is a round's pairs in the attachment's layout.
type PairTable struct {
	Caption string
	Rows    []PairRow
}

// PairRow is one pair; GradeRowSpan > 0 starts a merged 구분 cell, 0 continues one.
type PairRow struct {
	Number       string
	Grade        string
	GradeRowSpan int
	Theme        string
	A, B         PositionCell
}

// PositionCell is a position and its ministry; an empty Title is unknown.
type PositionCell struct {
	Title        string
	Ministry     string
	MinistryName string
}

// OutcomeTable lists collaboration tasks with their main outcomes.
type OutcomeTable struct {
	Caption string
	Rows    []OutcomeRow
}

// OutcomeRow is one task; CategoryRowSpan works like PairRow.GradeRowSpan.
type OutcomeRow struct {
	Category        string
	CategoryRowSpan int
	Ministries      string
	Task            string
	Items           []OutcomeItem
}

// OutcomeItem is one result; Metric or Amount is set when it has numbers.
type OutcomeItem struct {
	Summary string
	Metric  *MetricView
	Amount  string
}

// MetricView is a before/after figure ready to draw.
type MetricView struct {
	Label       string
	BeforeLabel string // e.g. "2023년 274,000명"
	AfterLabel  string
	BeforeWidth int // bar widths in percent of the larger value
	AfterWidth  int
	Change      string // e.g. "3.1배 증가", "67% 단축"
	Improved    bool
}

// ContactRow is one programme office contact.
type ContactRow struct {
	Organization   string
	Duty           string
	Responsibility string
	JobTitle       string
	Name           string
	Phone          string
}
