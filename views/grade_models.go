package views

// GradeDistributionView is a finalized cycle's published grade distribution:
// how many of its tasks got each grade, never a task or a person.
type GradeDistributionView struct {
	ID      string // e.g. grades-3: the ids of its heading and chart
	Name    string // the cycle's name, as the programme office wrote it
	Period  string // the period evaluated
	Rounds  string // the rounds evaluated, e.g. 2차
	Summary string // how many tasks were evaluated and graded, in words
	Chart   BarChart
	Caption string // the table's caption
	Rows    []GradeRow
}

// GradeRow is one grade of a distribution.
type GradeRow struct {
	Grade string
	From  string // the score from which it was given, e.g. 80.0점 이상
	Tasks string // e.g. 2개
	Share string // of the graded tasks, computed, e.g. 66.7%
}

// GradeDistributionPage is an administrator's preview of a cycle's grade
// distribution before publishing it, or the page from which to withdraw it.
type GradeDistributionPage struct {
	Chrome
	ListURL, CycleURL, CycleName string
	PublishURL, WithdrawURL      string
	Published                    bool   // shown on the public site now
	PublishedAt                  string // when, for a published one
	Problem                      string // why it cannot be published; "" when it can
	Preview                      GradeDistributionView
	Stamp                        string
	Error                        string
}
