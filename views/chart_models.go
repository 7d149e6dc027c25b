package views

// BarChart is a grouped bar chart laid out by the handler: each group is a
// round, each bar a grade. The same numbers are also given as a table.
type BarChart struct {
	ID      string // names the caption's id where a page draws several charts; "" is bar-chart
	Caption string
	Width   int
	Height  int
	Groups  []BarGroup
	Series  []string // one legend entry per bar of a group, e.g. 국장급, 과장급
	Max     int
}

// BarGroup is one group of bars with its label under it.
type BarGroup struct {
	Label  string
	LabelX int
	Bars   []Bar
}

// Bar is one bar: its geometry in the chart's coordinates and its value.
type Bar struct {
	Series     int // index into BarChart.Series, for its colour
	X, Y, W, H int
	Value      int
	Text       string // the value as read aloud, e.g. "1차 국장급 10개"
}

// Network draws ministries as nodes on a circle and pairs as links between
// them; each link leads to its pair's page and each node to its ministry's.
type Network struct {
	Size  int
	Nodes []NetworkNode
	Links []NetworkLink
}

// NetworkNode is a ministry on the circle.
type NetworkNode struct {
	X, Y           int
	LabelX, LabelY int
	Anchor         string // text-anchor of the label
	Short, Name    string
	URL            string
	Pairs          int
}

// NetworkLink is a pair between two ministries.
type NetworkLink struct {
	X1, Y1, X2, Y2 int
	Round          int
	Label          string // e.g. "2차 고용부 ↔ 중기부: 중소기업 인력난 해소를 위한 고용지원 강화"
	URL            string
}

// CaptionID is the id of the chart's caption, unique on its page.
func (c BarChart) CaptionID() string {
	if c.ID == "" {
		return "bar-chart-caption"
	}
	return c.ID + "-caption"
}
