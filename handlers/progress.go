package handlers

import (
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// progressFilter is the progress page's filter form: a round's number and a ministry's id.
type progressFilter struct {
	Round    string `form:"round" label:"차수"`
	Ministry string `form:"ministry" label:"부처"`
}

// Progress is the overview of collaboration tasks by status and category and
// by ministry, per round. A coordinator sees their own ministry's pairs only.
func (h *Handlers) Progress(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	var pf progressFilter
	if err := bindForm(c, &pf); err != nil {
		return err
	}
	rounds, err := h.store.Rounds(ctx)
	if err != nil {
		return err
	}
	ministries, err := h.store.Ministries(ctx)
	if err != nil {
		return err
	}
	page := views.ProgressPage{Chrome: h.chrome(c, "협업과제 추진 현황"), ListURL: urlsOf(c).to("progress"), Intro: "모든 부처의 협업과제입니다.",
		Rounds: options(rounds, func(r models.Round) views.Option {
			return views.Option{Value: strconv.Itoa(r.Number), Label: r.Title}
		}, views.Option{Value: "", Label: "전체 차수"})}
	var f models.ProgressFilter
	var chosen progressFilter // the filter as understood: an unknown value is no filter
	for _, r := range rounds {
		if v := strconv.Itoa(r.Number); pf.Round == v {
			f.RoundID, chosen.Round = r.ID, v
		}
	}
	if models.MayOnEvery(u, models.ActViewProgress) { // every ministry: offer the choice
		page.Ministries = options(ministries, ministryChoice, views.Option{Value: "", Label: "전체 부처"})
		for _, m := range ministries {
			if v := strconv.FormatInt(m.ID, 10); pf.Ministry == v {
				f.MinistryID, chosen.Ministry = m.ID, v
				page.Intro = models.Particle(m.Name, "이", "가") + " 참여하는 교류직위의 협업과제입니다."
			}
		}
	} else {
		if u.MinistryID == nil || !models.May(u, models.ActViewProgress, *u.MinistryID) {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		f.MinistryID = *u.MinistryID
		page.Intro = models.Particle(u.Ministry.Name, "이", "가") + " 참여하는 교류직위의 협업과제입니다."
	}
	page.Filter = views.NewForm(chosen, nil)
	pr, err := h.store.TaskProgress(ctx, f)
	if err != nil {
		return err
	}
	progressTables(&page, pr, ministries)
	return render(c, http.StatusOK, views.Progress(page), nil)
}

// progressTables lays the counts out: categories × statuses, ministries × statuses.
func progressTables(page *views.ProgressPage, pr models.Progress, ministries []models.Ministry) {
	column := map[string]int{}
	for i, s := range models.TaskStatuses {
		page.Statuses = append(page.Statuses, s.Label())
		column[string(s)] = i
	}
	page.Statuses = append(page.Statuses, "미입력")
	unknown := len(page.Statuses) - 1
	col := func(s *models.TaskStatus) int {
		if s == nil {
			return unknown
		}
		if i, ok := column[string(*s)]; ok {
			return i
		}
		return unknown
	}
	newRow := func(label string) views.ProgressRow {
		return views.ProgressRow{Label: label, Counts: make([]int, len(page.Statuses))}
	}
	byCategory := map[string]*views.ProgressRow{}
	var order []string
	for _, c := range models.TaskCategories {
		order = append(order, string(c))
		r := newRow(c.Label())
		byCategory[string(c)] = &r
	}
	page.Total = newRow("합계")
	for _, n := range pr.ByStatusCategory {
		key := ""
		if n.Category != nil {
			key = string(*n.Category)
		}
		r, ok := byCategory[key]
		if !ok {
			nr := newRow("미입력")
			r, byCategory[key] = &nr, &nr
			order = append(order, key)
		}
		r.Counts[col(n.Status)] += n.N
		r.Total += n.N
		page.Total.Counts[col(n.Status)] += n.N
		page.Total.Total += n.N
	}
	for _, k := range order {
		page.ByCategory = append(page.ByCategory, *byCategory[k])
	}
	byMinistry := map[int64]*views.ProgressRow{}
	sums, entered := map[int64]int{}, map[int64]int{}
	for _, n := range pr.ByMinistry {
		r, ok := byMinistry[n.MinistryID]
		if !ok {
			nr := newRow("")
			r, byMinistry[n.MinistryID] = &nr, &nr
		}
		r.Counts[col(n.Status)] += n.N
		r.Total += n.N
		sums[n.MinistryID] += n.ProgressSum
		entered[n.MinistryID] += n.Entered
	}
	for _, m := range ministries {
		r, ok := byMinistry[m.ID]
		if !ok {
			continue
		}
		r.Label = m.ShortName
		r.AvgProgress = averageProgress(sums[m.ID], entered[m.ID], r.Total)
		page.ByMinistry = append(page.ByMinistry, *r)
	}
}

// averageProgress is the average of the progress entered, saying how many of
// the tasks it leaves out because nobody entered theirs: unknown is not 0%.
func averageProgress(sum, entered, total int) string {
	switch {
	case entered == 0:
		return "미입력"
	case entered < total:
		return fmt.Sprintf("%d%% (입력한 %d건 평균, 미입력 %d건)", int(math.Round(float64(sum)/float64(entered))), entered, total-entered)
	}
	return fmt.Sprintf("%d%%", int(math.Round(float64(sum)/float64(entered))))
}
