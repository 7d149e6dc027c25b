package handlers

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// The public site in English: every public page has a twin under /en/ (its
// route named "en." + the Korean route's name, its path "/en" + the Korean
// path), built by the same handler with the language in the request's context.
// Text comes from the catalogue (views.T); the records' own values (titles,
// themes, outcomes) stay as published, in Korean. Ministries are named by
// their official English names from the registry, or, where the registry has
// none, by the Korean name with a note saying so.

// englishPrefix starts the path of every English page.
const englishPrefix = "/en"

// englishRoute is the name of a route's English twin.
func englishRoute(name string) string { return "en." + name }

// publicIn is h.public for a page in lang.
func (h *Handlers) publicIn(lang views.Lang, build publicHandler) echo.HandlerFunc {
	next := h.public(build)
	return func(c echo.Context) error {
		req := c.Request()
		c.SetRequest(req.WithContext(views.WithLang(req.Context(), lang)))
		return next(c)
	}
}

// t is a UI string in the page's language (views.T).
func (u urls) t(key string, args ...any) string { return views.T(u.ctx, key, args...) }

// word is a fixed word chosen at run time in the page's language (views.Word).
func (u urls) word(key string) string { return views.Word(u.ctx, key) }

// english reports whether the page is in English.
func (u urls) english() bool { return views.InEnglish(u.ctx) }

// short is a ministry's short name: in English its acronym (the registry's code).
func (u urls) short(m models.Ministry) string {
	if u.english() {
		return strings.ToUpper(m.Code)
	}
	return m.ShortName
}

// name is a ministry's official name for the page's text: in English its
// English name, or the Korean one with a note that the registry has no English name.
func (u urls) name(m models.Ministry) string {
	if !u.english() {
		return m.Name
	}
	if m.NameEn != "" {
		return m.NameEn
	}
	return m.Name + " " + u.t("(영문 명칭 미등록)")
}

// label is a ministry's official name where no Korean may appear (attributes):
// in English its English name, or its acronym.
func (u urls) label(m models.Ministry) string {
	if !u.english() {
		return m.Name
	}
	if m.NameEn != "" {
		return m.NameEn
	}
	return u.short(m) + " " + u.t("(영문 명칭 미등록)")
}

// roundTitle is a round's title: in English "Round N".
func (u urls) roundTitle(r models.Round) string {
	if u.english() {
		return u.roundNo(r.Number)
	}
	return r.Title
}

// roundNo is "N차", "Round N" in English.
func (u urls) roundNo(n int) string { return u.t("%d차", n) }

// pairName is a pair's two ministries, "고용부 ↔ 중기부".
func (u urls) pairName(p models.ExchangePair) string {
	return u.short(p.MinistryA) + " ↔ " + u.short(p.MinistryB)
}

// alternates are the page's addresses in both languages, for hreflang and the
// language switch: an English path is "/en" + the Korean one ("/en/" for "/").
func (h *Handlers) alternates(c echo.Context) (list []views.Alternate, other views.Alternate) {
	req := c.Request()
	path, query := req.URL.Path, req.URL.RawQuery
	ko, en := path, englishPrefix+path
	if views.InEnglish(req.Context()) {
		ko = strings.TrimPrefix(path, englishPrefix)
		if ko == "" {
			ko = "/"
		}
		en = path
	}
	if query != "" {
		ko, en = ko+"?"+query, en+"?"+query
	}
	base := strings.TrimSuffix(h.cfg.BaseURL, "/")
	list = []views.Alternate{{Lang: "ko", URL: base + ko}, {Lang: "en", URL: base + en}, {Lang: "x-default", URL: base + ko}}
	if views.InEnglish(req.Context()) {
		return list, views.Alternate{Lang: "ko", URL: ko, Label: "한국어"}
	}
	return list, views.Alternate{Lang: "en", URL: en, Label: "English"}
}

// stageText is a pair's stage in the page's language, 미공개 when the app holds no record.
func (u urls) stageText(pp models.PairProgress) string {
	if pp.Stage == models.PairStageUnknown {
		return u.word(views.Unknown)
	}
	return u.word(pp.Stage.Label())
}

// companionsText is how many companions moved with a pair's exchangees, once an exchange started.
func (u urls) companionsText(pp models.PairProgress) string {
	if !pp.Started {
		return ""
	}
	return u.t("동반 교류자 %d명", pp.Companions)
}

// roundProgress sums a round's pairs by stage: "교류 중 2쌍 · 선정 7쌍 · 동반 교류자 3명".
func (u urls) roundProgress(v *models.PublicView, r models.Round) string {
	count := map[models.PairStage]int{}
	companions, started := 0, false
	for _, p := range v.PairsOf(r.ID) {
		pp := v.ProgressOf(p.ID)
		count[pp.Stage]++
		companions += pp.Companions
		started = started || pp.Started
	}
	var parts []string
	for _, st := range []models.PairStage{models.PairStageExchange, models.PairStageReturned, models.PairStageNominating, models.PairStageSelected} {
		if count[st] > 0 {
			parts = append(parts, u.t("%s %d쌍", u.word(st.Label()), count[st]))
		}
	}
	if started {
		parts = append(parts, u.t("동반 교류자 %d명", companions))
	}
	if len(parts) == 0 {
		return u.word(views.Unknown)
	}
	return strings.Join(parts, " · ")
}
