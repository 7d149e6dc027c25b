package handlers

import (
	"math"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// gradeChart lays out the announced rounds' positions per grade as grouped bars.
func gradeChart(u urls, rounds []models.Round) views.BarChart {
	const width, height, top, bottom, barW, gap, groupGap = 480, 240, 30, 32, 52, 8, 56
	c := views.BarChart{Caption: u.t("차수별 교류직위 수 (국장급·과장급)"), Width: width, Height: height, Series: []string{u.t("국장급"), u.t("과장급")}}
	for _, r := range rounds {
		c.Max = max(c.Max, r.PlannedDirectorGeneral, r.PlannedDivisionDirector)
	}
	if c.Max == 0 {
		return views.BarChart{}
	}
	groupW := 2*barW + gap
	total := len(rounds)*groupW + (len(rounds)-1)*groupGap
	x := (width - total) / 2
	plot := height - top - bottom
	for _, r := range rounds {
		g := views.BarGroup{Label: u.roundTitle(r), LabelX: x + groupW/2}
		if len(rounds) > 1 {
			g.Label = u.roundNo(r.Number)
		}
		for i, v := range []int{r.PlannedDirectorGeneral, r.PlannedDivisionDirector} {
			h := int(math.Round(float64(v) / float64(c.Max) * float64(plot)))
			g.Bars = append(g.Bars, views.Bar{Series: i, X: x + i*(barW+gap), Y: top + plot - h, W: barW, H: h, Value: v,
				Text: u.roundNo(r.Number) + " " + c.Series[i] + " " + u.t("%d개", v)})
		}
		c.Groups = append(c.Groups, g)
		x += groupW + groupGap
	}
	return c
}

// network places the ministries of the public pairs on a circle, in order of
// first appearance, and joins each pair's two ministries.
func network(u urls, v *models.PublicView) views.Network {
	const size, radius, labelGap = 560, 200, 22
	ministries := v.Ministries()
	n := views.Network{Size: size}
	at := map[int64]int{}
	for i, m := range ministries {
		angle := 2*math.Pi*float64(i)/float64(len(ministries)) - math.Pi/2
		cos, sin := math.Cos(angle), math.Sin(angle)
		node := views.NetworkNode{
			X: size/2 + int(math.Round(radius*cos)), Y: size/2 + int(math.Round(radius*sin)),
			LabelX: size/2 + int(math.Round((radius+labelGap)*cos)), LabelY: size/2 + int(math.Round((radius+labelGap)*sin)) + 5,
			Anchor: "middle", Short: u.short(m), Name: u.label(m), URL: u.publicMinistry(m.Code),
		}
		switch {
		case cos > 0.3:
			node.Anchor = "start"
		case cos < -0.3:
			node.Anchor = "end"
		}
		at[m.ID] = i
		n.Nodes = append(n.Nodes, node)
	}
	for _, p := range v.Pairs {
		a, b := &n.Nodes[at[p.MinistryAID]], &n.Nodes[at[p.MinistryBID]]
		a.Pairs++
		b.Pairs++
		round := v.RoundNumber(p.RoundID)
		label := u.roundNo(round) + " " + u.pairName(p)
		if p.Theme != nil && !u.english() { // the label is an attribute too: no Korean theme in English
			label += ": " + *p.Theme
		}
		n.Links = append(n.Links, views.NetworkLink{X1: a.X, Y1: a.Y, X2: b.X, Y2: b.Y, Round: round, Label: label,
			URL: u.publicPair(round, v.PairKey(p))})
	}
	return n
}
