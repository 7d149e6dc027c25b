package handlers

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/sheet"
	"github.com/gyoryu/gyoryu/views"
)

// The published grade distributions of finalized evaluation cycles: on the
// home page (every one), on a round's page (the cycles that evaluated it) and
// in /data/grades; how many tasks got each grade, never a task or a person.

// publicDate is a date as public pages write it: 2025. 1. 20., in English 20 January 2025.
func publicDate(u urls, t time.Time) string {
	if u.english() {
		return t.Format("2 January 2006")
	}
	return t.Format("2006. 1. 2.")
}

// gradeDistributions lays out published distributions for a public page.
func gradeDistributions(u urls, list []models.PublicDistribution) []views.GradeDistributionView {
	out := make([]views.GradeDistributionView, len(list))
	for i, pd := range list {
		out[i] = gradeDistribution(u, pd.Cycle, pd.Distribution)
	}
	return out
}

// gradeDistribution lays out one cycle's distribution: its facts, chart and table.
func gradeDistribution(u urls, c models.EvaluationCycle, d models.GradeDistribution) views.GradeDistributionView {
	rounds := make([]string, len(c.Rounds))
	for i, r := range c.Rounds {
		rounds[i] = u.roundNo(r.Number)
	}
	v := views.GradeDistributionView{ID: "grades-" + strconv.FormatInt(c.ID, 10), Name: c.Name,
		Period: publicDate(u, c.PeriodStart) + " ~ " + publicDate(u, c.PeriodEnd), Rounds: strings.Join(rounds, ", "),
		Summary: u.t("협업과제 %d개를 평가해 %d개가 등급을 받았습니다.", d.Tasks, d.Scored)}
	v.Caption = u.t("%s 실적 점검·평가 등급 분포: 등급, 기준 점수, 협업과제 수, 비율", v.Rounds)
	for _, g := range d.Grades {
		v.Rows = append(v.Rows, views.GradeRow{Grade: g.Grade, From: u.t("%s점 이상", g.MinTenths), Tasks: u.t("%d개", g.Tasks),
			Share: d.ShareTenths(g).String() + "%"})
	}
	v.Chart = gradeDistributionChart(u, v.ID, d)
	return v
}

// gradeDistributionChart draws one bar per grade, its height the number of tasks.
func gradeDistributionChart(u urls, id string, d models.GradeDistribution) views.BarChart {
	const width, height, top, bottom, barW, gap = 480, 200, 30, 32, 52, 32
	c := views.BarChart{ID: id, Caption: u.t("등급별 협업과제 수"), Width: width, Height: height, Series: []string{u.t("협업과제 수")}}
	for _, g := range d.Grades {
		c.Max = max(c.Max, g.Tasks)
	}
	if c.Max == 0 {
		return views.BarChart{}
	}
	total := len(d.Grades)*barW + (len(d.Grades)-1)*gap
	x := max(0, (width-total)/2)
	plot := height - top - bottom
	for _, g := range d.Grades {
		h := int(math.Round(float64(g.Tasks) / float64(c.Max) * float64(plot)))
		c.Groups = append(c.Groups, views.BarGroup{Label: g.Grade, LabelX: x + barW/2, Bars: []views.Bar{{X: x, Y: top + plot - h, W: barW, H: h,
			Value: g.Tasks, Text: u.t("%s 등급 협업과제 %d개", g.Grade, g.Tasks)}}})
		x += barW + gap
	}
	return c
}

var gradeColumns = []views.DataColumn{
	{Name: "평가명", About: "실적 점검·평가의 이름 (관리자가 정한 이름)", Example: "2025년 상반기 실적 점검"},
	{Name: "평가 대상 기간 시작일", About: "평가한 실적의 기간이 시작하는 날", Example: "2025-01-01"},
	{Name: "평가 대상 기간 종료일", About: "평가한 실적의 기간이 끝나는 날", Example: "2025-06-30"},
	{Name: "대상 차수", About: "평가한 협업과제가 속한 차수", Example: "2"},
	{Name: "평가한 협업과제 수", About: "평가 대상인 협업과제의 수 (평가마다 같은 값)", Example: "3"},
	{Name: "등급을 받은 협업과제 수", About: "그 가운데 채점되어 등급을 받은 협업과제의 수 (평가마다 같은 값)", Example: "3"},
	{Name: "등급", About: "평가의 등급 (높은 등급부터)", Example: "A"},
	{Name: "기준 점수", About: "이 점수 이상이면 이 등급 (100점 환산)", Example: "80"},
	{Name: "협업과제 수", About: "이 등급을 받은 협업과제의 수", Example: "2"},
	{Name: "비율 (계산값)", About: "등급을 받은 협업과제 가운데 이 등급의 비율 (%, 이 누리집이 계산해 소수점 첫째 자리까지 반올림)", Example: "66.7"},
	{Name: "공개일", About: "관리자가 등급 분포를 공개한 날", Example: "2025-07-31"},
}

// gradesData is every published grade distribution, one grade a row.
func gradesData(v *models.PublicView) dataset {
	d := dataset{Title: "등급 분포", File: "grades", Columns: gradeColumns}
	for _, pd := range v.Distributions {
		c, dist := pd.Cycle, pd.Distribution
		rounds := make([]string, len(c.Rounds))
		for i, r := range c.Rounds {
			rounds[i] = strconv.Itoa(r.Number)
		}
		for _, g := range dist.Grades {
			share, _ := strconv.ParseFloat(dist.ShareTenths(g).String(), 64)
			from, _ := strconv.ParseFloat(g.MinTenths.String(), 64)
			d.Rows = append(d.Rows, []sheet.Value{c.Name, c.PeriodStart.Format(time.DateOnly), c.PeriodEnd.Format(time.DateOnly),
				strings.Join(rounds, ", "), float64(dist.Tasks), float64(dist.Scored), g.Grade, from, float64(g.Tasks), share,
				dist.PublishedAt.In(models.Seoul).Format(time.DateOnly)})
		}
	}
	return d
}
