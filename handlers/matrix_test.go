package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// persona is one kind of caller in the access matrix.
type persona string

const (
	anonymous persona = "anonymous"
	coordMOEL persona = "coordinator of moel"
	coordMSS  persona = "coordinator of mss"
	reviewer  persona = "reviewer"
	admin     persona = "admin"
)

var personas = []persona{anonymous, coordMOEL, coordMSS, reviewer, admin}

var personaLogin = map[persona]string{coordMOEL: "moel", coordMSS: "mss", reviewer: "reviewer", admin: "admin"}

// Who may: sets of personas.
var (
	everyone     = []persona{anonymous, coordMOEL, coordMSS, reviewer, admin}
	signedIn     = []persona{coordMOEL, coordMSS, reviewer, admin}
	adminOnly    = []persona{admin}
	mssSide      = []persona{coordMSS, reviewer, admin} // records of ministry mss, not moel
	coordinators = []persona{coordMOEL, coordMSS}
	mssOnly      = []persona{coordMSS}
	reviewers    = []persona{reviewer, admin}
	reviewerOnly = []persona{reviewer}
	mssEdit      = []persona{coordMSS, admin} // change records of ministry mss
	mssContact   = []persona{coordMSS, reviewer, admin}
)

// routeCase is how the matrix calls one route, and who must get through.
// Paths name fixtures in braces: {mssPair} is a pair that mss is in and moel is not.
type routeCase struct {
	path    string
	form    url.Values
	allowed []persona
}

// routeCases must hold every route of the route table; the coverage test fails otherwise.
var routeCases = map[string]routeCase{
	"home":            {path: "/", allowed: everyone},
	"round":           {path: "/rounds/2", allowed: everyone},
	"public.pair":     {path: "/p/2/1", allowed: everyone},
	"public.ministry": {path: "/ministries/moel", allowed: everyone},
	"data":            {path: "/data", allowed: everyone},
	"privacy":         {path: "/privacy", allowed: everyone},
	"results":         {path: "/results?round=1", allowed: everyone},
	"copyright":       {path: "/copyright", allowed: everyone},
	"data.pairs":      {path: "/data/pairs.csv", allowed: everyone},
	"data.outcomes":   {path: "/data/outcomes.json", allowed: everyone},
	"healthz":         {path: "/healthz", allowed: everyone},
	"readyz":          {path: "/readyz", allowed: everyone},
	"static":          {path: "{css}", allowed: everyone},
	"favicon":         {path: "/favicon.ico", allowed: everyone},
	"login":           {path: "/login", allowed: everyone},
	"login.submit":    {path: "/login", form: url.Values{"login": {"nobody"}, "password": {"wrong-password"}}, allowed: everyone},
	"logout":          {path: "/logout", allowed: signedIn},
	"password":        {path: "/account/password", allowed: signedIn},
	"password.submit": {path: "/account/password", form: url.Values{"current_password": {"x"}}, allowed: signedIn},
	"reset":           {path: "/reset/{resetToken}", allowed: everyone},
	"reset.submit":    {path: "/reset/{resetToken}", form: url.Values{"new_password": {"short"}}, allowed: everyone},
	"workspace":       {path: "/workspace", allowed: signedIn},
	"pair":            {path: "/pairs/{mssPair}", allowed: mssSide},
	"progress":        {path: "/progress?round=1", allowed: signedIn},
	// Task and outcome writes send stale or invalid forms, so that the matrix changes nothing.
	"task.new":               {path: "/pairs/{mssPair}/tasks/new", allowed: mssEdit},
	"task.create":            {path: "/pairs/{mssPair}/tasks", form: url.Values{"title": {""}}, allowed: mssEdit},
	"task":                   {path: "/tasks/{mssTask}", allowed: mssSide},
	"task.edit":              {path: "/tasks/{mssTask}/edit", allowed: mssEdit},
	"task.update":            {path: "/tasks/{mssTask}", form: url.Values{"title": {"x"}, "version": {"0"}}, allowed: mssEdit},
	"task.delete.confirm":    {path: "/tasks/{mssTask}/delete", allowed: mssEdit},
	"task.delete":            {path: "/tasks/{mssTask}/delete", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"task.publish.preview":   {path: "/tasks/{mssTask}/publish", allowed: adminOnly},
	"task.publish":           {path: "/tasks/{mssTask}/publish", form: url.Values{"stamp": {"stale"}}, allowed: adminOnly},
	"task.unpublish":         {path: "/tasks/{mssTask}/unpublish", allowed: adminOnly},
	"outcome.new":            {path: "/tasks/{mssTask}/outcomes/new", allowed: mssEdit},
	"outcome.create":         {path: "/tasks/{mssTask}/outcomes", form: url.Values{"kind": {""}}, allowed: mssEdit},
	"outcome":                {path: "/outcomes/{mssOutcome}", allowed: mssSide},
	"outcome.edit":           {path: "/outcomes/{mssOutcome}/edit", allowed: mssEdit},
	"outcome.update":         {path: "/outcomes/{mssOutcome}", form: url.Values{"summary": {"x"}, "version": {"0"}}, allowed: mssEdit},
	"outcome.delete.confirm": {path: "/outcomes/{mssOutcome}/delete", allowed: mssEdit},
	"outcome.delete":         {path: "/outcomes/{mssOutcome}/delete", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"users":                  {path: "/admin/users", allowed: adminOnly},
	"user.new":               {path: "/admin/users/new", allowed: adminOnly},
	"user.create":            {path: "/admin/users", form: url.Values{"login": {""}}, allowed: adminOnly},
	"user":                   {path: "/admin/users/{user}", allowed: adminOnly},
	"user.update":            {path: "/admin/users/{user}", form: url.Values{"display_name": {""}}, allowed: adminOnly},
	"user.active":            {path: "/admin/users/{user}/active", form: url.Values{"active": {"1"}}, allowed: adminOnly},
	"user.reset":             {path: "/admin/users/{user}/reset", allowed: adminOnly},
	"audit":                  {path: "/admin/audit", allowed: adminOnly},

	"pairs":           {path: "/pairs?round={openRound}&status=proposed&sort=theme", allowed: signedIn},
	"proposal.new":    {path: "/pairs/new", allowed: coordinators},
	"proposal.create": {path: "/pairs", form: url.Values{"title": {""}}, allowed: coordinators},
	// {toMss} is proposed by moef to mss, {byMss} by mss to moef, both in an open round.
	"pair.agree":    {path: "/pairs/{toMss}/agree", allowed: mssOnly},
	"pair.decline":  {path: "/pairs/{toMss}/decline", form: url.Values{"reason": {""}}, allowed: mssOnly},
	"pair.withdraw": {path: "/pairs/{byMss}/withdraw", allowed: mssOnly},
	"pair.select":   {path: "/pairs/{toMss}/select", allowed: adminOnly},
	"pair.reject":   {path: "/pairs/{byMss}/reject", form: url.Values{"reason": {""}}, allowed: adminOnly},

	// {mssNomination} is mss's submitted exchangee for the other position of {mssPair}; the
	// writes send a stale version or invalid input, so that the matrix changes nothing.
	"nominations":            {path: "/nominations?round={round}&status=submitted", allowed: signedIn},
	"nomination.new":         {path: "/pairs/{mssPair}/positions/{intoCounterpart}/nominations/new", allowed: mssEdit},
	"nomination.create":      {path: "/pairs/{mssPair}/positions/{intoCounterpart}/nominations", form: url.Values{"email": {"x"}}, allowed: mssEdit},
	"nomination":             {path: "/nominations/{mssNomination}", allowed: mssSide},
	"nomination.record":      {path: "/nominations/{mssNomination}/record", allowed: mssSide},
	"nomination.contact":     {path: "/nominations/{mssNomination}/contact", allowed: mssContact},
	"nomination.edit":        {path: "/nominations/{mssNomination}/edit", allowed: mssEdit},
	"nomination.update":      {path: "/nominations/{mssNomination}", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"nomination.submit":      {path: "/nominations/{mssNomination}/submit", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"nomination.approve":     {path: "/nominations/{mssNomination}/approve", form: url.Values{"version": {"0"}}, allowed: reviewers},
	"nomination.return":      {path: "/nominations/{mssNomination}/return", form: url.Values{"version": {"0"}}, allowed: reviewers},
	"nomination.revoke":      {path: "/nominations/{mssNomination}/revoke", form: url.Values{"version": {"0"}}, allowed: adminOnly},
	"nomination.start":       {path: "/nominations/{mssNomination}/start", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"nomination.extend":      {path: "/nominations/{mssNomination}/extend", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"nomination.end":         {path: "/nominations/{mssNomination}/end", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"nomination.report":      {path: "/nominations/{mssNomination}/report", form: url.Values{"version": {"0"}}, allowed: mssEdit},
	"nomination.acknowledge": {path: "/nominations/{mssNomination}/acknowledge", form: url.Values{"version": {"0"}}, allowed: reviewers},
	"round.selection":        {path: "/admin/rounds/{round}/selection", allowed: adminOnly},
	"round.selection.update": {path: "/admin/rounds/{round}/selection", form: url.Values{"approval_rule": {""}}, allowed: adminOnly},

	// {cycle} is an evaluation cycle over rounds 1 and 2 in 준비: its writes are refused for the stage or a stale version.
	"evaluations":            {path: "/evaluations", allowed: signedIn},
	"evaluation.new":         {path: "/evaluations/new", allowed: adminOnly},
	"evaluation.create":      {path: "/evaluations", form: url.Values{"name": {""}}, allowed: adminOnly},
	"evaluation":             {path: "/evaluations/{cycle}", allowed: signedIn},
	"evaluation.edit":        {path: "/evaluations/{cycle}/edit", allowed: adminOnly},
	"evaluation.update":      {path: "/evaluations/{cycle}", form: url.Values{"version": {"0"}}, allowed: adminOnly},
	"evaluation.advance":     {path: "/evaluations/{cycle}/stage", form: url.Values{"version": {"0"}}, allowed: adminOnly},
	"evaluation.task":        {path: "/evaluations/{cycle}/tasks/{mssTask}", allowed: mssSide},
	"evaluation.self":        {path: "/evaluations/{cycle}/tasks/{mssTask}/self", form: url.Values{"narrative": {""}}, allowed: mssOnly},
	"evaluation.score.edit":  {path: "/evaluations/{cycle}/tasks/{mssTask}/scores/edit", allowed: reviewerOnly},
	"evaluation.score":       {path: "/evaluations/{cycle}/tasks/{mssTask}/scores", form: url.Values{"score": {"x"}}, allowed: reviewerOnly},
	"evaluation.upgrades":    {path: "/evaluations/upgrades", allowed: signedIn},
	"task.government":        {path: "/tasks/{mssTask}/government-evaluation", allowed: mssEdit},
	"task.government.update": {path: "/tasks/{mssTask}/government-evaluation", form: url.Values{"year": {"x"}}, allowed: mssEdit},
	"evaluation.report":      {path: "/evaluations/{cycle}/report", allowed: reviewers},
	"evaluation.report.xlsx": {path: "/evaluations/{cycle}/report.xlsx", allowed: reviewers},
	"evaluation.incentive":   {path: "/evaluations/{cycle}/incentives/{mssNomination}", form: url.Values{"decision": {""}}, allowed: adminOnly},

	"rounds":                 {path: "/admin/rounds", allowed: adminOnly},
	"round.new":              {path: "/admin/rounds/new", allowed: adminOnly},
	"round.create":           {path: "/admin/rounds", form: url.Values{"number": {""}}, allowed: adminOnly},
	"round.edit":             {path: "/admin/rounds/{round}", allowed: adminOnly},
	"round.update":           {path: "/admin/rounds/{round}", form: url.Values{"title": {""}}, allowed: adminOnly},
	"round.advance":          {path: "/admin/rounds/{round}/status", form: url.Values{"to": {"preparing"}}, allowed: adminOnly},
	"round.import":           {path: "/admin/rounds/{round}/import", allowed: adminOnly},
	"round.import.preview":   {path: "/admin/rounds/{round}/import", allowed: adminOnly},
	"round.import.confirm":   {path: "/admin/rounds/{round}/import/confirm", form: url.Values{"rows": {"[]"}}, allowed: adminOnly},
	"round.export.xlsx":      {path: "/admin/rounds/{round}/pairs.xlsx", allowed: reviewers},
	"round.nominations.xlsx": {path: "/admin/rounds/{round}/nominations.xlsx", allowed: reviewers},
	"round.export.csv":       {path: "/admin/rounds/{round}/pairs.csv", allowed: reviewers},
	"ministries":             {path: "/admin/ministries", allowed: adminOnly},
	"ministry.new":           {path: "/admin/ministries/new", allowed: adminOnly},
	"ministry.create":        {path: "/admin/ministries", form: url.Values{"code": {""}}, allowed: adminOnly},
	"ministry.edit":          {path: "/admin/ministries/{ministry}", allowed: adminOnly},
	"ministry.update":        {path: "/admin/ministries/{ministry}", form: url.Values{"code": {""}}, allowed: adminOnly},
	"ministry.active":        {path: "/admin/ministries/{ministry}/active", form: url.Values{"active": {"1"}}, allowed: adminOnly},
}

func TestEveryRouteHasAnAccessRuleAndAMatrixCase(t *testing.T) {
	h := handlers.New(nil, mustAssets(t), nil, handlers.Config{})
	known := map[models.Action]bool{handlers.Public: true}
	for _, a := range models.Actions() {
		known[a] = true
	}
	seen := map[string]bool{}
	for _, r := range h.Routes() {
		if !known[r.Access] {
			t.Errorf("route %s %s (%s) has access %q, which is neither Public nor a policy action", r.Method, r.Path, r.Name, r.Access)
		}
		if _, ok := routeCases[r.Name]; !ok {
			t.Errorf("route %s %s (%s) has no case in the access matrix", r.Method, r.Path, r.Name)
		}
		if seen[r.Name] {
			t.Errorf("route name %s is used twice", r.Name)
		}
		seen[r.Name] = true
	}
	for name := range routeCases {
		if !seen[name] {
			t.Errorf("matrix case %s names no route", name)
		}
	}
}

func TestAccessMatrix(t *testing.T) {
	modelstest.EachParallel(t, func(t *testing.T, s *models.Store) {
		seedAccounts(t, s)
		e := newRouter(t, s, handlers.Config{})
		h := handlers.New(s, mustAssets(t), nil, handlers.Config{})
		fx := matrixFixtures(t, s, e)
		n := 0
		for _, r := range h.Routes() {
			rc := routeCases[r.Name]
			for _, p := range personas {
				n++
				t.Run(r.Name+"/"+string(p), func(t *testing.T) {
					c := newClient(t, e)
					// each case from its own documentation address (TEST-NET), so that
					// the failed sign-ins the matrix makes do not throttle the next case
					c.remote = "198.51.100." + strconv.Itoa(n%250+1) + ":40000"
					if p != anonymous {
						c.login(personaLogin[p], models.DemoPassword)
					} else {
						c.get("/login") // an anonymous visitor's CSRF cookie, so the guard decides
					}
					path := fx.expand(rc.path)
					var rec = c.do(r.Method, path, nil, nil)
					if r.Method != http.MethodGet {
						rec = c.post(path, cloneForm(rc.form))
					}
					want := contains(rc.allowed, p)
					if rec.Code >= 500 {
						t.Errorf("%s %s as %s: status %d, a server error", r.Method, path, p, rec.Code)
					}
					if got := !denied(rec); got != want {
						t.Errorf("%s %s as %s: status %d (location %q); want allowed=%v",
							r.Method, path, p, rec.Code, rec.Header().Get("Location"), want)
					}
					if !want && p != anonymous && rec.Code != http.StatusForbidden {
						t.Errorf("%s %s as %s: status %d, want 403 for a signed-in user", r.Method, path, p, rec.Code)
					}
				})
			}
		}
	})
}

func TestAnonymousHTMXGets401AndPagesRedirectToLogin(t *testing.T) {
	modelstest.EachSeeded(t, func(t *testing.T, s *models.Store) {
		e := newRouter(t, s, handlers.Config{})
		c := newClient(t, e)
		rec := c.do(http.MethodGet, "/workspace", nil, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fworkspace" {
			t.Errorf("anonymous page request: %d %q, want 303 to /login?next=%%2Fworkspace", rec.Code, rec.Header().Get("Location"))
		}
		c.htmx = true
		rec = c.do(http.MethodGet, "/workspace", nil, http.Header{"Hx-Current-Url": {"http://example.test/pairs/3?tab=x"}})
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("anonymous htmx request: %d, want 401", rec.Code)
		}
		if got := rec.Header().Get("HX-Redirect"); got != "/login?next=%2Fpairs%2F3%3Ftab%3Dx" {
			t.Errorf("HX-Redirect = %q, want the login page coming back to /pairs/3?tab=x", got)
		}
		// A boosted link wants a whole page, so it is sent to sign in like one.
		rec = c.do(http.MethodGet, "/workspace", nil, http.Header{"Hx-Boosted": {"true"}, "Hx-Current-Url": {"http://example.test/"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fworkspace" {
			t.Errorf("anonymous boosted request: %d %q, want 303 to /login?next=%%2Fworkspace", rec.Code, rec.Header().Get("Location"))
		}
	})
}

// denied reports whether a response refused the caller: 403, the guard's 401,
// or a redirect to the login page.
func denied(rec interface {
	Result() *http.Response
}) bool {
	res := rec.Result()
	switch {
	case res.StatusCode == http.StatusForbidden:
		return true
	case res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login?next="):
		return true
	case res.StatusCode == http.StatusUnauthorized:
		doc, err := goquery.NewDocumentFromReader(res.Body)
		return err == nil && strings.TrimSpace(doc.Find("h1").Text()) == "로그인이 필요합니다"
	}
	return false
}

type fixtures map[string]string

func (f fixtures) expand(path string) string {
	for k, v := range f {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	return path
}

// matrixFixtures finds or makes the records the matrix paths name.
func matrixFixtures(t *testing.T, s *models.Store, e http.Handler) fixtures {
	t.Helper()
	ctx := context.Background()
	fx := fixtures{}
	var mss, moel models.Ministry
	if err := s.DB().Where("code = ?", "mss").Take(&mss).Error; err != nil {
		t.Fatalf("ministry mss: %v", err)
	}
	if err := s.DB().Where("code = ?", "moel").Take(&moel).Error; err != nil {
		t.Fatalf("ministry moel: %v", err)
	}
	var pair models.ExchangePair
	err := s.DB().Where("(ministry_a_id = ? OR ministry_b_id = ?) AND ministry_a_id <> ? AND ministry_b_id <> ?",
		mss.ID, mss.ID, moel.ID, moel.ID).Order("id").Take(&pair).Error
	if err != nil {
		t.Fatalf("a pair of mss without moel: %v", err)
	}
	fx["mssPair"] = strconv.FormatInt(pair.ID, 10)
	into := pair.PositionAID // the other ministry's position, into which mss sends
	if pair.MinistryAID == mss.ID {
		into = pair.PositionBID
	}
	fx["intoCounterpart"] = strconv.FormatInt(into, 10)
	n, err := s.CreateNomination(ctx, as(t, s, "mss"), pair.ID, into, testNomination(true))
	if err != nil {
		t.Fatalf("a nomination of mss: %v", err)
	}
	fx["mssNomination"] = strconv.FormatInt(n.ID, 10)
	var task models.CollaborationTask
	if err := s.DB().Where("pair_id = ?", pair.ID).Order("id").Take(&task).Error; err != nil {
		t.Fatalf("a task of the mss pair: %v", err)
	}
	fx["mssTask"] = strconv.FormatInt(task.ID, 10)
	var outcome models.Outcome
	if err := s.DB().Where("task_id = ?", task.ID).Order("id").Take(&outcome).Error; err != nil {
		t.Fatalf("an outcome of the mss task: %v", err)
	}
	fx["mssOutcome"] = strconv.FormatInt(outcome.ID, 10)
	target, err := s.CreateUser(ctx, models.System, models.UserInput{Login: "target", DisplayName: "대상", Role: models.RoleReviewer})
	if err != nil {
		t.Fatal(err)
	}
	fx["user"] = strconv.FormatInt(target.ID, 10)
	token, _, err := s.CreatePasswordReset(ctx, models.System, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	fx["resetToken"] = token
	doc := get(t, e, "/", http.StatusOK)
	css, ok := doc.Find(`link[rel=stylesheet]`).Attr("href")
	if !ok {
		t.Fatal("the home page links no stylesheet")
	}
	fx["css"] = css

	r2, err := s.RoundByNumber(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	fx["round"] = strconv.FormatInt(r2.ID, 10)
	fx["ministry"] = strconv.FormatInt(mss.ID, 10)
	r1, err := s.RoundByNumber(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	fx["cycle"] = strconv.FormatInt(newCycle(t, s, r1.ID, r2.ID).ID, 10)
	open := openRound(t, s, 3)
	fx["openRound"] = strconv.FormatInt(open.ID, 10)
	fx["toMss"] = strconv.FormatInt(propose(t, s, "moef", "mss", open.ID).ID, 10)
	fx["byMss"] = strconv.FormatInt(propose(t, s, "mss", "moef", open.ID).ID, 10)
	return fx
}

func cloneForm(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	return out
}

func contains(list []persona, p persona) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}
