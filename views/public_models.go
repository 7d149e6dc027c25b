package views

// HomePage is the public results page: the programme on one screen.
type HomePage struct {
	Chrome
	Stats    ProgrammeStats
	Coverage []string // what the counts drawn from partial data cover, one sentence a round
	Rounds   []RoundSummary
	Grades   BarChart // positions by round and grade
	Latest   RoundPairs
	Outcomes []RoundOutcomes // published outcomes of the latest rounds that have some, in full
	// EarlierOutcomes are the earlier rounds with published outcomes, a link
	// and a count each, so that the page stays the same size whatever the years.
	EarlierOutcomes []RoundLink
	// GradeDistributions are the finalized evaluation cycles' published grade distributions.
	GradeDistributions []GradeDistributionView
	Network            Network
	NetworkNote        string // which rounds the network draws, when not all
	Contacts           []ContactRow
	// The public data files of the two tables, and the filtered results page.
	PairsData, OutcomesData, GradesData DataFiles
	ResultsURL                          string
	AboutURL                            string // the programme as the press release tells it
}

// DataFiles are the addresses of one table's public data, and of /data, which explains them.
type DataFiles struct{ CSV, JSON, XLSX, Guide string }

// PublicRoundPage is the public page of one round: its plan, its pairs and its published results.
type PublicRoundPage struct {
	Chrome
	Round    RoundSummary
	Pairs    RoundPairs
	Outcomes OutcomeTable
	// Grades are the published grade distributions of the cycles that evaluated the round.
	Grades     []GradeDistributionView
	GradesData DataFiles
}

// ProgrammeStats are the headline numbers, computed from the announced rounds.
type ProgrammeStats struct {
	Positions        int // planned positions over the announced rounds
	DirectorGeneral  int
	DivisionDirector int
	Rounds           int
	Ministries       int // ministries named in the published pairs: a lower bound
	Pairs            int // published pairs
	PlannedPairs     int
}

// RoundSummary is a round's plan and what of it is published.
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
	Progress         string // its pairs by stage and the companions who moved, in words
}

// RoundPairs is a round's list as far as it is published: the attachment's
// table when every pair's positions are known, otherwise the published
// ministry pairs with their tasks and one sentence on what is not published.
type RoundPairs struct {
	Title        string
	Table        PairTable
	Partial      []MinistryPair
	NotPublished string
}

// MinistryPair is a published pair whose positions are not published.
type MinistryPair struct {
	A, B  MinistryRef
	Theme string
	URL   string
	Tasks []string
}

// MinistryRef names a ministry and links to its public page.
type MinistryRef struct {
	Short, Name, URL string
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
	URL          string // the pair's public page
	A, B         PositionCell
	Stage        string // 선정, 교류자 선발 중, 교류 중, 복귀 (or 미공개)
	Companions   string // "동반 교류자 2명" once an exchange started
}

// PositionCell is a position and its ministry; an empty Title is unknown.
type PositionCell struct {
	Title        string
	Ministry     string
	MinistryName string
	MinistryURL  string
}

// RoundLink points to a round's own page with what it holds, in words ("협업과제 10건").
type RoundLink struct {
	Title string
	URL   string
	Count string
}

// RoundOutcomes is one round's table of published outcomes.
type RoundOutcomes struct {
	Title string
	URL   string
	Table OutcomeTable
	// More says how many of the round's tasks the table shows, when not all;
	// MoreLink is the link to the round's page, which lists them all.
	More, MoreLink string
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
	PairURL         string
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
	Change      string // e.g. "3.1배 증가", computed from the two published values
	Improved    bool
	BarsLabel   string // the bars' accessible name
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

// PublicPairPage is one public pair: its positions, theme, tasks and outcomes.
type PublicPairPage struct {
	Chrome
	RoundTitle   string
	RoundURL     string
	Name         string // e.g. "고용부 ↔ 중기부"
	Facts        []Fact // only what is published
	NotPublished string // one sentence on what is not
	A, B         PositionCell
	Tasks        []PublicTask
}

// Fact is one labelled value.
type Fact struct {
	Label, Value string
}

// PublicTask is a published task with its outcomes.
type PublicTask struct {
	Title    string
	Category string
	PairName string // set where the page lists several pairs' tasks
	PairURL  string
	Items    []OutcomeItem
}

// PublicMinistryPage is one ministry's public pairs, tasks and outcomes.
type PublicMinistryPage struct {
	Chrome
	Name, Short string
	NameNote    string // on an English page, when the registry has no English name
	Pairs       []MinistryPairRow
	Tasks       []PublicTask
	// EarlierRounds are the rounds before the latest ones listed: /results
	// for this ministry in each, with its counts.
	EarlierRounds []RoundLink
}

// MinistryPairRow is one of a ministry's pairs, seen from that ministry.
type MinistryPairRow struct {
	Round       string
	Theme       string
	URL         string
	Own         string // this ministry's position, or 미공개
	Counterpart MinistryRef
	TheirTitle  string
}

// DataGuidePage is /data: the public data files and what their columns mean.
type DataGuidePage struct {
	Chrome
	Notes []string // how the files write what is not published or does not apply
	Sets  []DataSet
}

// DataSet is one public data file, offered in three formats.
type DataSet struct {
	Title   string
	ID      string // e.g. pairs, for the section's id
	Files   DataFiles
	Rows    int
	Columns []DataColumn
}

// DataColumn is one column of a public data file.
type DataColumn struct {
	Name, About, Example string
}

// PolicyPage is a site policy (개인정보처리방침, 저작권정책) in sections of paragraphs.
type PolicyPage struct {
	Chrome
	Heading  string
	Sections []PolicySection
}

// PolicySection is one headed part of a policy.
type PolicySection struct {
	Heading    string
	Paragraphs []string
}

// ResultsPage is /results: published tasks and pairs filtered by round,
// ministry and category, all in the URL (a GET form, no JavaScript needed).
type ResultsPage struct {
	Chrome
	ResultsURL                     string
	Rounds, Ministries, Categories []Option // each starts with the "all" choice
	Filter                         Form     // handlers.resultsFilter: the chosen values
	Summary                        string   // what the list shows, in words
	Pairs                          []MinistryPairRow
	Tasks                          []PublicTask
	Network                        Network
	// EarlierRounds are the rounds found before the latest ones listed, when
	// no round is chosen: the same search in each, with its counts.
	EarlierRounds []RoundLink
}

// AboutPage is /about: the programme as the press release tells it.
type AboutPage struct {
	Chrome
	Source string // the press release, named once
	Items  []StoryItem
}

// StoryItem is one statement with the source's words it rests on.
type StoryItem struct {
	Heading, Sentence string
	Quote             string // the press release's text, word for word, in Korean
}
