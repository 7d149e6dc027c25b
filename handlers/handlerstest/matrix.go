package handlerstest

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// The access matrix: every route of the table called as every persona, with
// who must get through. TestAccessMatrix (handlers) checks the answers; the
// browser tests (e2e) walk the pages each signed-in persona may open.

// Persona is one kind of caller in the access matrix.
type Persona string

// The personas: nobody signed in, the coordinators of two ministries, a
// reviewer and an administrator (the demo accounts).
const (
	Anonymous Persona = "anonymous"
	CoordMOEL Persona = "coordinator of moel"
	CoordMSS  Persona = "coordinator of mss"
	Reviewer  Persona = "reviewer"
	Admin     Persona = "admin"
)

// Personas are every persona of the matrix.
var Personas = []Persona{Anonymous, CoordMOEL, CoordMSS, Reviewer, Admin}

// Login is the demo account the persona signs in as ("" for Anonymous).
func (p Persona) Login() string {
	return map[Persona]string{CoordMOEL: "moel", CoordMSS: "mss", Reviewer: "reviewer", Admin: "admin"}[p]
}

// Who may: sets of personas.
var (
	Everyone     = []Persona{Anonymous, CoordMOEL, CoordMSS, Reviewer, Admin}
	SignedIn     = []Persona{CoordMOEL, CoordMSS, Reviewer, Admin}
	AdminOnly    = []Persona{Admin}
	MSSSide      = []Persona{CoordMSS, Reviewer, Admin} // records of ministry mss, not moel
	Coordinators = []Persona{CoordMOEL, CoordMSS}
	MSSOnly      = []Persona{CoordMSS}
	Reviewers    = []Persona{Reviewer, Admin}
	ReviewerOnly = []Persona{Reviewer}
	MSSEdit      = []Persona{CoordMSS, Admin} // change records of ministry mss
	MSSContact   = []Persona{CoordMSS, Reviewer, Admin}
)

// RouteCase is how the matrix calls one route, and who must get through.
// Paths name fixtures in braces: {mssPair} is a pair that mss is in and moel is not.
type RouteCase struct {
	Path    string
	Form    url.Values // the form a POST sends
	Allowed []Persona
}

// Allows reports whether persona p must get through.
func (rc RouteCase) Allows(p Persona) bool { return slices.Contains(rc.Allowed, p) }

var RouteCases = map[string]RouteCase{
	"home":               {Path: "/", Allowed: Everyone},
	"round":              {Path: "/rounds/2", Allowed: Everyone},
	"public.pair":        {Path: "/p/2/1", Allowed: Everyone},
	"public.ministry":    {Path: "/ministries/moel", Allowed: Everyone},
	"data":               {Path: "/data", Allowed: Everyone},
	"privacy":            {Path: "/privacy", Allowed: Everyone},
	"results":            {Path: "/results?round=1", Allowed: Everyone},
	"copyright":          {Path: "/copyright", Allowed: Everyone},
	"data.pairs":         {Path: "/data/pairs.csv", Allowed: Everyone},
	"data.outcomes":      {Path: "/data/outcomes.json", Allowed: Everyone},
	"data.grades":        {Path: "/data/grades.csv", Allowed: Everyone},
	"healthz":            {Path: "/healthz", Allowed: Everyone},
	"readyz":             {Path: "/readyz", Allowed: Everyone},
	"static":             {Path: "{css}", Allowed: Everyone},
	"favicon":            {Path: "/favicon.ico", Allowed: Everyone},
	"about":              {Path: "/about", Allowed: Everyone},
	"en.about":           {Path: "/en/about", Allowed: Everyone},
	"en.home":            {Path: "/en/", Allowed: Everyone},
	"en.round":           {Path: "/en/rounds/2", Allowed: Everyone},
	"en.public.pair":     {Path: "/en/p/2/1", Allowed: Everyone},
	"en.public.ministry": {Path: "/en/ministries/moel", Allowed: Everyone},
	"en.data":            {Path: "/en/data", Allowed: Everyone},
	"en.privacy":         {Path: "/en/privacy", Allowed: Everyone},
	"en.results":         {Path: "/en/results?round=1", Allowed: Everyone},
	"en.copyright":       {Path: "/en/copyright", Allowed: Everyone},
	"login":              {Path: "/login", Allowed: Everyone},
	"login.submit":       {Path: "/login", Form: url.Values{"login": {"nobody"}, "password": {"wrong-password"}}, Allowed: Everyone},
	"logout":             {Path: "/logout", Allowed: SignedIn},
	"password":           {Path: "/account/password", Allowed: SignedIn},
	"password.submit":    {Path: "/account/password", Form: url.Values{"current_password": {"x"}}, Allowed: SignedIn},
	// The second step of a sign-in: without a pending sign-in, back to /login (303).
	"login.code":         {Path: "/login/code", Allowed: Everyone},
	"login.code.submit":  {Path: "/login/code", Form: url.Values{"code": {"000000"}}, Allowed: Everyone},
	"login.enrol":        {Path: "/login/enrol", Allowed: Everyone},
	"login.enrol.submit": {Path: "/login/enrol", Form: url.Values{"code": {"000000"}}, Allowed: Everyone},
	// One's own second factor: the matrix's accounts have none, so its writes are refused (wrong code, or nothing to change).
	"second_factor":        {Path: "/account/second-factor", Allowed: SignedIn},
	"second_factor.enrol":  {Path: "/account/second-factor", Form: url.Values{"code": {""}}, Allowed: SignedIn},
	"second_factor.codes":  {Path: "/account/second-factor/recovery-codes", Form: url.Values{"code": {""}}, Allowed: SignedIn},
	"second_factor.remove": {Path: "/account/second-factor/remove", Form: url.Values{"code": {""}}, Allowed: SignedIn},
	// One's own notifications: another person's is not found (404), never shown.
	"notifications":          {Path: "/notifications", Allowed: SignedIn},
	"notifications.read":     {Path: "/notifications/read", Form: url.Values{}, Allowed: SignedIn},
	"notification.read":      {Path: "/notifications/999999/read", Form: url.Values{}, Allowed: SignedIn},
	"notifications.settings": {Path: "/notifications/settings", Form: url.Values{"notify_mail": {"daily"}}, Allowed: SignedIn},
	"reset":                  {Path: "/reset/{resetToken}", Allowed: Everyone},
	"reset.submit":           {Path: "/reset/{resetToken}", Form: url.Values{"new_password": {"short"}}, Allowed: Everyone},
	"workspace":              {Path: "/workspace", Allowed: SignedIn},
	"pair":                   {Path: "/pairs/{mssPair}", Allowed: MSSSide},
	"progress":               {Path: "/progress?round=1", Allowed: SignedIn},
	// Task and outcome writes send stale or invalid forms, so that the matrix changes nothing.
	"task.new":                 {Path: "/pairs/{mssPair}/tasks/new", Allowed: MSSEdit},
	"task.create":              {Path: "/pairs/{mssPair}/tasks", Form: url.Values{"title": {""}}, Allowed: MSSEdit},
	"task":                     {Path: "/tasks/{mssTask}", Allowed: MSSSide},
	"task.edit":                {Path: "/tasks/{mssTask}/edit", Allowed: MSSEdit},
	"task.update":              {Path: "/tasks/{mssTask}", Form: url.Values{"title": {"x"}, "version": {"0"}}, Allowed: MSSEdit},
	"task.delete.confirm":      {Path: "/tasks/{mssTask}/delete", Allowed: MSSEdit},
	"task.delete":              {Path: "/tasks/{mssTask}/delete", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	"task.publish.preview":     {Path: "/tasks/{mssTask}/publish", Allowed: AdminOnly},
	"task.publish":             {Path: "/tasks/{mssTask}/publish", Form: url.Values{"stamp": {"stale"}}, Allowed: AdminOnly},
	"task.unpublish":           {Path: "/tasks/{mssTask}/unpublish", Allowed: AdminOnly},
	"outcome.new":              {Path: "/tasks/{mssTask}/outcomes/new", Allowed: MSSEdit},
	"outcome.create":           {Path: "/tasks/{mssTask}/outcomes", Form: url.Values{"kind": {""}}, Allowed: MSSEdit},
	"outcome":                  {Path: "/outcomes/{mssOutcome}", Allowed: MSSSide},
	"outcome.edit":             {Path: "/outcomes/{mssOutcome}/edit", Allowed: MSSEdit},
	"outcome.update":           {Path: "/outcomes/{mssOutcome}", Form: url.Values{"summary": {"x"}, "version": {"0"}}, Allowed: MSSEdit},
	"outcome.delete.confirm":   {Path: "/outcomes/{mssOutcome}/delete", Allowed: MSSEdit},
	"outcome.delete":           {Path: "/outcomes/{mssOutcome}/delete", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	"users":                    {Path: "/admin/users", Allowed: AdminOnly},
	"user.new":                 {Path: "/admin/users/new", Allowed: AdminOnly},
	"user.create":              {Path: "/admin/users", Form: url.Values{"login": {""}}, Allowed: AdminOnly},
	"user":                     {Path: "/admin/users/{user}", Allowed: AdminOnly},
	"user.update":              {Path: "/admin/users/{user}", Form: url.Values{"display_name": {""}}, Allowed: AdminOnly},
	"user.active":              {Path: "/admin/users/{user}/active", Form: url.Values{"active": {"1"}}, Allowed: AdminOnly},
	"user.reset":               {Path: "/admin/users/{user}/reset", Allowed: AdminOnly},
	"audit":                    {Path: "/admin/audit", Allowed: AdminOnly},
	"access":                   {Path: "/admin/access?kind=view", Allowed: AdminOnly},
	"access.export":            {Path: "/admin/access/export", Form: url.Values{"reason": {"월간 점검"}, "kind": {"reveal"}}, Allowed: AdminOnly},
	"throttles":                {Path: "/admin/sign-in-limits", Allowed: AdminOnly},
	"user.second_factor.reset": {Path: "/admin/users/{user}/second-factor/reset", Allowed: AdminOnly},
	"throttle.clear":           {Path: "/admin/sign-in-limits/clear", Form: url.Values{"key": {"login:nobody-at-all"}}, Allowed: AdminOnly},

	"pairs":           {Path: "/pairs?round={openRound}&status=proposed&sort=theme", Allowed: SignedIn},
	"proposal.new":    {Path: "/pairs/new", Allowed: Coordinators},
	"proposal.create": {Path: "/pairs", Form: url.Values{"title": {""}}, Allowed: Coordinators},
	// {toMss} is proposed by moef to mss, {byMss} by mss to moef, both in an open round.
	"pair.agree":    {Path: "/pairs/{toMss}/agree", Allowed: MSSOnly},
	"pair.decline":  {Path: "/pairs/{toMss}/decline", Form: url.Values{"reason": {""}}, Allowed: MSSOnly},
	"pair.withdraw": {Path: "/pairs/{byMss}/withdraw", Allowed: MSSOnly},
	"pair.select":   {Path: "/pairs/{toMss}/select", Allowed: AdminOnly},
	"pair.reject":   {Path: "/pairs/{byMss}/reject", Form: url.Values{"reason": {""}}, Allowed: AdminOnly},

	// {mssNomination} is mss's submitted exchangee for the other position of {mssPair}; the
	// writes send a stale version or invalid input, so that the matrix changes nothing.
	"nominations":        {Path: "/nominations?round={round}&status=submitted", Allowed: SignedIn},
	"nomination.new":     {Path: "/pairs/{mssPair}/positions/{intoCounterpart}/nominations/new", Allowed: MSSEdit},
	"nomination.create":  {Path: "/pairs/{mssPair}/positions/{intoCounterpart}/nominations", Form: url.Values{"email": {"x"}}, Allowed: MSSEdit},
	"nomination":         {Path: "/nominations/{mssNomination}", Allowed: MSSSide},
	"nomination.record":  {Path: "/nominations/{mssNomination}/record", Allowed: MSSSide},
	"nomination.contact": {Path: "/nominations/{mssNomination}/contact", Allowed: MSSContact},
	"nomination.edit":    {Path: "/nominations/{mssNomination}/edit", Allowed: MSSEdit},
	"nomination.update":  {Path: "/nominations/{mssNomination}", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	"nomination.submit":  {Path: "/nominations/{mssNomination}/submit", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	// The receiving side of the mss nomination is neither moel nor mss: only the administrator.
	"nomination.consent": {Path: "/nominations/{mssNomination}/consent", Form: url.Values{"version": {"0"}}, Allowed: AdminOnly},
	"nomination.decline": {Path: "/nominations/{mssNomination}/decline", Form: url.Values{"version": {"0"}}, Allowed: AdminOnly},
	"nomination.approve": {Path: "/nominations/{mssNomination}/approve", Form: url.Values{"version": {"0"}}, Allowed: Reviewers},
	"nomination.return":  {Path: "/nominations/{mssNomination}/return", Form: url.Values{"version": {"0"}}, Allowed: Reviewers},
	// {mssCompanion} is a companion of {mssNomination}: a stale version changes nothing.
	"nomination.companion.remove": {Path: "/nominations/{mssNomination}/companions/{mssCompanion}/remove", Form: url.Values{"version": {"0"}, "reason": {"x"}}, Allowed: Reviewers},
	"nomination.revoke":           {Path: "/nominations/{mssNomination}/revoke", Form: url.Values{"version": {"0"}}, Allowed: AdminOnly},
	"nomination.start":            {Path: "/nominations/{mssNomination}/start", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	"nomination.extend":           {Path: "/nominations/{mssNomination}/extend", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	"nomination.end":              {Path: "/nominations/{mssNomination}/end", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	// The receiving side of the mss nomination is neither moel nor mss: only the administrator.
	"nomination.extend_agree":   {Path: "/nominations/{mssNomination}/extension/agree", Form: url.Values{"version": {"0"}}, Allowed: AdminOnly},
	"nomination.extend_decline": {Path: "/nominations/{mssNomination}/extension/decline", Form: url.Values{"version": {"0"}}, Allowed: AdminOnly},
	"nomination.extend_approve": {Path: "/nominations/{mssNomination}/extension/approve", Form: url.Values{"version": {"0"}}, Allowed: Reviewers},
	"nomination.extend_return":  {Path: "/nominations/{mssNomination}/extension/return", Form: url.Values{"version": {"0"}}, Allowed: Reviewers},
	"nomination.report":         {Path: "/nominations/{mssNomination}/report", Form: url.Values{"version": {"0"}}, Allowed: MSSEdit},
	"nomination.acknowledge":    {Path: "/nominations/{mssNomination}/acknowledge", Form: url.Values{"version": {"0"}}, Allowed: Reviewers},
	"round.selection":           {Path: "/admin/rounds/{round}/selection", Allowed: AdminOnly},
	"round.selection.update":    {Path: "/admin/rounds/{round}/selection", Form: url.Values{"approval_rule": {""}}, Allowed: AdminOnly},

	// {cycle} is an evaluation cycle over rounds 1 and 2 in 준비: its writes are refused for the stage or a stale version.
	"evaluations":                {Path: "/evaluations", Allowed: SignedIn},
	"evaluation.new":             {Path: "/evaluations/new", Allowed: AdminOnly},
	"evaluation.create":          {Path: "/evaluations", Form: url.Values{"name": {""}}, Allowed: AdminOnly},
	"evaluation":                 {Path: "/evaluations/{cycle}", Allowed: SignedIn},
	"evaluation.edit":            {Path: "/evaluations/{cycle}/edit", Allowed: AdminOnly},
	"evaluation.update":          {Path: "/evaluations/{cycle}", Form: url.Values{"version": {"0"}}, Allowed: AdminOnly},
	"evaluation.advance":         {Path: "/evaluations/{cycle}/stage", Form: url.Values{"version": {"0"}}, Allowed: AdminOnly},
	"evaluation.task":            {Path: "/evaluations/{cycle}/tasks/{mssTask}", Allowed: MSSSide},
	"evaluation.self":            {Path: "/evaluations/{cycle}/tasks/{mssTask}/self", Form: url.Values{"narrative": {""}}, Allowed: MSSOnly},
	"evaluation.score.edit":      {Path: "/evaluations/{cycle}/tasks/{mssTask}/scores/edit", Allowed: ReviewerOnly},
	"evaluation.score":           {Path: "/evaluations/{cycle}/tasks/{mssTask}/scores", Form: url.Values{"score": {"x"}}, Allowed: ReviewerOnly},
	"evaluation.incentive_kinds": {Path: "/evaluations/{cycle}/incentive-kinds", Form: url.Values{"incentive_kinds": {""}}, Allowed: AdminOnly},
	"evaluation.summary":         {Path: "/evaluations/{cycle}/tasks/{mssTask}/summary", Form: url.Values{"summary": {""}}, Allowed: AdminOnly},
	"evaluation.upgrades":        {Path: "/evaluations/upgrades", Allowed: SignedIn},
	"task.government":            {Path: "/tasks/{mssTask}/government-evaluation?year=2024", Allowed: MSSEdit},
	"government.scales":          {Path: "/evaluations/government-scales", Allowed: AdminOnly},
	"government.scale.new":       {Path: "/evaluations/government-scales/new", Allowed: AdminOnly},
	"government.scale.create":    {Path: "/evaluations/government-scales", Form: url.Values{"year": {"x"}}, Allowed: AdminOnly},
	"government.scale":           {Path: "/evaluations/government-scales/2024", Allowed: AdminOnly},
	"government.scale.update":    {Path: "/evaluations/government-scales/2024", Form: url.Values{"grades": {""}}, Allowed: AdminOnly},
	"task.government.update":     {Path: "/tasks/{mssTask}/government-evaluation", Form: url.Values{"year": {"x"}}, Allowed: MSSEdit},
	"evaluation.report":          {Path: "/evaluations/{cycle}/report", Allowed: Reviewers},
	"evaluation.report.download": {Path: "/evaluations/{cycle}/report/download", Allowed: Reviewers},
	"evaluation.report.xlsx":     {Path: "/evaluations/{cycle}/report.xlsx", Form: url.Values{"reason": {"접근 권한 점검"}}, Allowed: Reviewers},
	"evaluation.incentive":       {Path: "/evaluations/{cycle}/incentives/{mssNomination}", Form: url.Values{"decision": {""}}, Allowed: AdminOnly},
	// 기여도 평가: every signed-in person reads the page (coordinators their pairs' people); only the
	// exchange's two ministries write, and {cycle} in 준비 refuses it (422).
	"evaluation.contributions": {Path: "/evaluations/{cycle}/contributions", Allowed: SignedIn},
	"evaluation.contribution":  {Path: "/evaluations/{cycle}/contributions/{mssNomination}", Form: url.Values{"level": {""}}, Allowed: MSSOnly},
	// Publishing {cycle}'s grade distribution is refused (422): it is not 확정; withdrawing it changes nothing.
	"evaluation.grades.preview":  {Path: "/evaluations/{cycle}/grades/publish", Allowed: AdminOnly},
	"evaluation.grades.publish":  {Path: "/evaluations/{cycle}/grades/publish", Form: url.Values{"stamp": {"stale"}}, Allowed: AdminOnly},
	"evaluation.grades.withdraw": {Path: "/evaluations/{cycle}/grades/withdraw", Allowed: AdminOnly},

	"rounds":               {Path: "/admin/rounds", Allowed: AdminOnly},
	"round.new":            {Path: "/admin/rounds/new", Allowed: AdminOnly},
	"round.create":         {Path: "/admin/rounds", Form: url.Values{"number": {""}}, Allowed: AdminOnly},
	"round.edit":           {Path: "/admin/rounds/{round}", Allowed: AdminOnly},
	"round.update":         {Path: "/admin/rounds/{round}", Form: url.Values{"title": {""}}, Allowed: AdminOnly},
	"round.advance":        {Path: "/admin/rounds/{round}/status", Form: url.Values{"to": {"preparing"}}, Allowed: AdminOnly},
	"round.import":         {Path: "/admin/rounds/{round}/import", Allowed: AdminOnly},
	"round.import.preview": {Path: "/admin/rounds/{round}/import", Allowed: AdminOnly},
	"round.import.confirm": {Path: "/admin/rounds/{round}/import/confirm", Form: url.Values{"rows": {"[]"}}, Allowed: AdminOnly},
	"round.export.xlsx":    {Path: "/admin/rounds/{round}/pairs.xlsx", Allowed: Reviewers},
	// A download of personal data asks a reason first; the matrix sends one, so that those allowed get the file.
	"round.nominations.download": {Path: "/admin/rounds/{round}/nominations", Allowed: Reviewers},
	"round.nominations.xlsx":     {Path: "/admin/rounds/{round}/nominations.xlsx", Form: url.Values{"reason": {"접근 권한 점검"}}, Allowed: Reviewers},
	"round.export.csv":           {Path: "/admin/rounds/{round}/pairs.csv", Allowed: Reviewers},
	"ministries":                 {Path: "/admin/ministries", Allowed: AdminOnly},
	"ministry.new":               {Path: "/admin/ministries/new", Allowed: AdminOnly},
	"ministry.create":            {Path: "/admin/ministries", Form: url.Values{"code": {""}}, Allowed: AdminOnly},
	"ministry.edit":              {Path: "/admin/ministries/{ministry}", Allowed: AdminOnly},
	"ministry.update":            {Path: "/admin/ministries/{ministry}", Form: url.Values{"code": {""}}, Allowed: AdminOnly},
	"ministry.active":            {Path: "/admin/ministries/{ministry}/active", Form: url.Values{"active": {"1"}}, Allowed: AdminOnly},

	// Registering an exchange already running is the administrator's alone; the
	// matrix's post lacks every field, and the position has a nomination (422).
	"registration.new":    {Path: "/pairs/{mssPair}/positions/{intoCounterpart}/registration", Allowed: AdminOnly},
	"registration.create": {Path: "/pairs/{mssPair}/positions/{intoCounterpart}/registration", Form: url.Values{"exchangee_name": {""}}, Allowed: AdminOnly},
}

// Fixtures are the records the matrix paths name, by name.
type Fixtures map[string]string

// Expand puts the fixtures into a path: /pairs/{mssPair} → /pairs/12.
func (f Fixtures) Expand(path string) string {
	for k, v := range f {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	return path
}

// MatrixFixtures finds or makes the records the matrix paths name.
func MatrixFixtures(t testing.TB, s *models.Store, e http.Handler) Fixtures {
	t.Helper()
	ctx := context.Background()
	fx := Fixtures{}
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
	n, err := s.CreateNomination(ctx, modelstest.As(t, s, "mss"), pair.ID, into, modelstest.TestNomination(true))
	if err != nil {
		t.Fatalf("a nomination of mss: %v", err)
	}
	fx["mssNomination"] = strconv.FormatInt(n.ID, 10)
	var companion models.NominationCompanion
	if err := s.DB().Where("nomination_id = ?", n.ID).Order("id").Take(&companion).Error; err != nil {
		t.Fatalf("a companion of the mss nomination: %v", err)
	}
	fx["mssCompanion"] = strconv.FormatInt(companion.ID, 10)
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
	home := NewClient(t, e).Get("/")
	doc, err := goquery.NewDocumentFromReader(home.Body)
	if err != nil || home.Code != http.StatusOK {
		t.Fatalf("the home page: %d %v", home.Code, err)
	}
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
	fx["cycle"] = strconv.FormatInt(modelstest.NewCycle(t, s, r1.ID, r2.ID).ID, 10)
	// 2024's 정부업무평가 grades, so that the task's form of 2024 and the grades' form show their fields.
	if sc, err := s.GovernmentScaleOf(ctx, 2024); err != nil {
		t.Fatal(err)
	} else if sc == nil {
		if _, err := s.SaveGovernmentScale(ctx, models.System, models.GovernmentScaleInput{Year: "2024", Grades: "우수\n보통\n미흡"}); err != nil {
			t.Fatal(err)
		}
	}
	open := modelstest.OpenRound(t, s, 3)
	fx["openRound"] = strconv.FormatInt(open.ID, 10)
	fx["toMss"] = strconv.FormatInt(modelstest.Propose(t, s, "moef", "mss", open.ID).ID, 10)
	fx["byMss"] = strconv.FormatInt(modelstest.Propose(t, s, "mss", "moef", open.ID).ID, 10)
	return fx
}
