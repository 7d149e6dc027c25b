package handlers_test

import (
	"context"
	"fmt"
	"github.com/gyoryu/gyoryu/handlers/handlerstest"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gyoryu/gyoryu/handlers"
	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/models/modelstest"
)

// Every list and detail page runs the same number of queries with 10 pairs
// as with 1,000 (and as many tasks, outcomes, accounts, ministries, audit
// events and status changes), for the people who see most.
func TestPagesRunAFixedNumberOfQueries(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		// Time stands still: a session's last-seen time is written once a minute
		// (one more query on the next page), and adding the rows takes about that
		// long under -race on a busy machine.
		modelstest.FakeClock(s)
		s.KeepNoReports() // the reads of a report are what is counted, not one kept
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		rows := newRows(t, s)
		cycle := modelstest.NewCycle(t, s, rows.round.ID)
		rows.cycle = &cycle
		rows.add(t, 10)
		if err := s.DB().Model(&models.EvaluationCycle{}).Where("id = ?", cycle.ID).Update("stage", models.StageFinalized).Error; err != nil {
			t.Fatal(err)
		}
		pair, task, nomination := rows.pairs[0], rows.tasks[0], rows.nominations[0]
		evaluation := "/evaluations/" + itoa64(cycle.ID)
		pages := map[string][]string{
			"admin": {"/", "/rounds/2", "/pairs", "/pairs?round=" + strconv.FormatInt(rows.round.ID, 10) + "&sort=theme",
				"/pairs/" + itoa64(pair), "/tasks/" + itoa64(task), "/progress", "/workspace", "/admin/rounds",
				"/admin/rounds/" + strconv.FormatInt(rows.round.ID, 10), "/admin/ministries", "/admin/users", "/admin/audit",
				"/data/pairs.json", "/data/outcomes.csv",
				"/nominations", "/nominations?round=" + strconv.FormatInt(rows.round.ID, 10) + "&status=submitted",
				"/nominations/" + itoa64(nomination), "/nominations/" + itoa64(nomination) + "/record",
				"/evaluations", evaluation, evaluation + "/tasks/" + itoa64(task), evaluation + "/report", evaluation + "/report/download",
				"/evaluations/upgrades", "/tasks/" + itoa64(task) + "/government-evaluation", "/evaluations/new", evaluation + "/edit"},
			"moel": {"/workspace", "/pairs", "/pairs/" + itoa64(pair), "/tasks/" + itoa64(task), "/progress", "/nominations",
				evaluation, evaluation + "/tasks/" + itoa64(task)},
			"reviewer": {"/evaluations", evaluation, evaluation + "/tasks/" + itoa64(task), evaluation + "/tasks/" + itoa64(task) + "/scores/edit",
				evaluation + "/report", "/evaluations/upgrades"},
			"mss": {"/workspace", "/nominations", "/nominations/" + itoa64(nomination)},
		}
		clients := map[string]*handlerstest.Client{}
		for login := range pages {
			clients[login] = handlerstest.NewClient(t, e)
			clients[login].Login(login, models.DemoPassword)
		}
		measure := func() map[string]int64 {
			counter := modelstest.CountQueries(t, s)
			out := map[string]int64{}
			for login, list := range pages {
				for _, p := range list {
					// A session last seen over a minute ago is touched (one write) on its
					// next request, and a slow run (-race) crosses that minute somewhere:
					// let an uncounted request do it.
					clients[login].Get("/account/password")
					before := counter.Load()
					if rec := clients[login].Get(p); rec.Code != http.StatusOK {
						t.Fatalf("GET %s as %s = %d", p, login, rec.Code)
					}
					out[login+" "+p] = counter.Load() - before
				}
			}
			return out
		}
		few := measure()
		start := time.Now()
		rows.add(t, 990)
		t.Logf("990 more pairs with their rows in %s", time.Since(start).Round(time.Millisecond))
		many := measure()
		for page, n := range few {
			if many[page] != n {
				t.Errorf("%s ran %d queries with 10 pairs, %d with 1,000", page, n, many[page])
			}
		}
	})
}

// rows adds pairs between moel and mss to round 2, each selected with a
// published task and an outcome, and with each pair an account, a ministry, an
// audit event of the first task and a status change of the first pair, in one
// batch insert per table.
type rows struct {
	s           *models.Store
	round       models.Round
	moel, mss   models.Ministry
	pairs       []int64
	tasks       []int64
	nominations []int64
	added       int
	adminUserID int64
	cycle       *models.EvaluationCycle // when set, every task gets a self-assessment and a review in it
}

func newRows(t *testing.T, s *models.Store) *rows {
	t.Helper()
	r := &rows{s: s, adminUserID: mustUserID(t, s, "admin")}
	db := s.DB()
	if err := db.Where("number = 2").Take(&r.round).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Where("code = ?", "moel").Take(&r.moel).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Where("code = ?", "mss").Take(&r.mss).Error; err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *rows) add(t *testing.T, n int) {
	t.Helper()
	err := r.s.DB().Transaction(func(tx *gorm.DB) error {
		positions := make([]models.Position, 2*n)
		for i := range n {
			positions[2*i] = models.Position{MinistryID: r.moel.ID}
			positions[2*i+1] = models.Position{MinistryID: r.mss.ID}
		}
		if err := tx.Omit("Ministry").CreateInBatches(&positions, 500).Error; err != nil {
			return err
		}
		pairs := make([]models.ExchangePair, n)
		for i := range pairs {
			num, theme := 100+r.added+i, fmt.Sprintf("협업 분야 %d", r.added+i)
			pairs[i] = models.ExchangePair{RoundID: r.round.ID, Number: &num, Theme: &theme, Status: models.PairSelected,
				MinistryAID: r.moel.ID, PositionAID: positions[2*i].ID, MinistryBID: r.mss.ID, PositionBID: positions[2*i+1].ID}
		}
		if err := tx.Omit("Round", "MinistryA", "MinistryB", "PositionA", "PositionB").CreateInBatches(&pairs, 500).Error; err != nil {
			return err
		}
		category, status := models.CategoryPublicBenefit, models.TaskInProgress
		tasks := make([]models.CollaborationTask, n)
		for i := range tasks {
			pairID := pairs[i].ID
			if i%2 == 1 && len(r.pairs) > 0 {
				pairID = r.pairs[0] // half the tasks on the first pair: its page grows too
			}
			tasks[i] = models.CollaborationTask{PairID: pairID, Title: fmt.Sprintf("과제 %d", r.added+i), Category: &category,
				Status: &status, Published: true, Position: r.added + i, Version: 1}
		}
		if err := tx.Omit("Pair", "Outcomes").CreateInBatches(&tasks, 500).Error; err != nil {
			return err
		}
		outcomes := make([]models.Outcome, n)
		for i := range outcomes {
			taskID := tasks[i].ID
			if i%2 == 1 && len(r.tasks) > 0 {
				taskID = r.tasks[0]
			}
			outcomes[i] = models.Outcome{TaskID: taskID, Kind: models.OutcomeNarrative, Summary: fmt.Sprintf("성과 %d", r.added+i),
				Position: r.added + i, Version: 1}
		}
		if err := tx.CreateInBatches(&outcomes, 500).Error; err != nil {
			return err
		}
		users := make([]models.User, n)
		ministries := make([]models.Ministry, n)
		for i := range n {
			k := r.added + i
			users[i] = models.User{Login: fmt.Sprintf("extra%04d", k), DisplayName: "추가", Role: models.RoleReviewer, Active: true}
			ministries[i] = models.Ministry{Code: fmt.Sprintf("m%04d", k), ShortName: fmt.Sprintf("부처%04d", k),
				Name: fmt.Sprintf("추가부처%04d", k), Kind: models.KindAgency, Active: true}
		}
		if err := tx.Omit("Ministry").CreateInBatches(&users, 500).Error; err != nil {
			return err
		}
		if err := tx.CreateInBatches(&ministries, 500).Error; err != nil {
			return err
		}
		firstTask := tasks[0].ID
		if len(r.tasks) > 0 {
			firstTask = r.tasks[0]
		}
		after := `{"title":"과제"}`
		events := make([]models.AuditEvent, n)
		statuses := make([]models.PairStatusEvent, n)
		firstPair := pairs[0].ID
		if len(r.pairs) > 0 {
			firstPair = r.pairs[0]
		}
		for i := range n {
			events[i] = models.AuditEvent{At: time.Now(), UserID: &r.adminUserID, Actor: "admin", Action: models.AuditUpdate,
				RecordType: "task", RecordID: &firstTask, Before: &after, After: &after}
			statuses[i] = models.PairStatusEvent{PairID: firstPair, ToStatus: models.PairSelected, UserID: &r.adminUserID, At: time.Now()}
		}
		if err := tx.CreateInBatches(&events, 500).Error; err != nil {
			return err
		}
		if err := tx.Omit("User").CreateInBatches(&statuses, 500).Error; err != nil {
			return err
		}
		// mss's exchangee for each pair's moel position, every other one a draft, each
		// with a companion and the first one with a companion and a history entry more per pair
		nominations := make([]models.Nomination, n)
		for i := range nominations {
			start, end := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
			status := models.NominationSubmitted
			if i%2 == 1 {
				status = models.NominationDraft
			}
			nominations[i] = models.Nomination{PairID: pairs[i].ID, PositionID: positions[2*i].ID, MinistryID: r.mss.ID,
				Status: status, ExchangeeName: fmt.Sprintf("교류자 %d", r.added+i), Rank: "서기관", WorkPhone: "044-000-0000",
				Email: "x@korea.kr", PlannedStart: &start, PlannedEnd: &end, Submission: 1, Version: 1}
			if status == models.NominationSubmitted { // agreed to by the receiving ministry: with the reviewers
				nominations[i].ConsentedSubmission = 1
			}
		}
		if err := tx.Omit(clause.Associations).CreateInBatches(&nominations, 500).Error; err != nil {
			return err
		}
		firstNomination := nominations[0].ID
		if len(r.nominations) > 0 {
			firstNomination = r.nominations[0]
		}
		companions := make([]models.NominationCompanion, 2*n)
		moves := make([]models.NominationEvent, n)
		for i := range n {
			companions[2*i] = models.NominationCompanion{NominationID: nominations[i].ID, Name: "동반자", Rank: "사무관"}
			companions[2*i+1] = models.NominationCompanion{NominationID: firstNomination, Name: "동반자", Rank: "사무관", Position: i}
			moves[i] = models.NominationEvent{NominationID: firstNomination, Move: models.MoveSubmit, ToStatus: models.NominationSubmitted,
				UserID: &r.adminUserID, At: time.Now()}
		}
		if err := tx.CreateInBatches(&companions, 500).Error; err != nil {
			return err
		}
		if err := tx.Omit("User").CreateInBatches(&moves, 500).Error; err != nil {
			return err
		}
		if r.cycle != nil {
			if err := r.addEvaluations(tx, tasks); err != nil {
				return err
			}
		}
		for i := range n {
			r.pairs = append(r.pairs, pairs[i].ID)
			r.tasks = append(r.tasks, tasks[i].ID)
			r.nominations = append(r.nominations, nominations[i].ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("add %d pairs with their rows: %v", n, err)
	}
	if err := r.s.ChangedBySQL(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.added += n
}

// addEvaluations gives each task a 정부업무평가 entry marked for upgrade, a self-assessment in the cycle and a review
// (by a new reviewer each, on the first task: its page grows too) with a
// score for every criterion.
func (r *rows) addEvaluations(tx *gorm.DB, tasks []models.CollaborationTask) error {
	now := time.Now()
	selfs := make([]models.SelfAssessment, len(tasks))
	reviewers := make([]models.User, len(tasks))
	for i, t := range tasks {
		selfs[i] = models.SelfAssessment{CycleID: r.cycle.ID, TaskID: t.ID, Narrative: "추진 경과", SubmittedAt: &now, Version: 1}
		reviewers[i] = models.User{Login: fmt.Sprintf("scorer%04d", r.added+i), DisplayName: "심사자", Role: models.RoleReviewer, Active: true}
	}
	if err := tx.CreateInBatches(&selfs, 500).Error; err != nil {
		return err
	}
	govs := make([]models.GovernmentEvaluation, len(tasks))
	for i, t := range tasks {
		govs[i] = models.GovernmentEvaluation{TaskID: t.ID, Year: 2024, Result: "우수", Upgrade: true, UpgradePlan: "확대", Version: 1}
	}
	if err := tx.Omit(clause.Associations).CreateInBatches(&govs, 500).Error; err != nil {
		return err
	}
	if err := tx.Omit("Ministry").CreateInBatches(&reviewers, 500).Error; err != nil {
		return err
	}
	reviews := make([]models.EvaluationReview, 2*len(tasks))
	for i, t := range tasks {
		reviews[2*i] = models.EvaluationReview{CycleID: r.cycle.ID, TaskID: t.ID, ReviewerID: reviewers[i].ID, Version: 1}
		reviews[2*i+1] = models.EvaluationReview{CycleID: r.cycle.ID, TaskID: r.firstTask(tasks), ReviewerID: reviewers[i].ID, Version: 1}
	}
	if r.added == 0 {
		reviews = reviews[:len(tasks)] // the first batch: the first task's reviews come with later batches
		for i := range reviews {
			reviews[i] = models.EvaluationReview{CycleID: r.cycle.ID, TaskID: tasks[i].ID, ReviewerID: reviewers[i].ID, Version: 1}
		}
	}
	if err := tx.Omit(clause.Associations).CreateInBatches(&reviews, 500).Error; err != nil {
		return err
	}
	var scores []models.EvaluationScore
	for _, rv := range reviews {
		for _, c := range r.cycle.Criteria {
			scores = append(scores, models.EvaluationScore{ReviewID: rv.ID, CriterionID: c.ID, Score: 90})
		}
	}
	return tx.CreateInBatches(&scores, 500).Error
}

func (r *rows) firstTask(tasks []models.CollaborationTask) int64 {
	if len(r.tasks) > 0 {
		return r.tasks[0]
	}
	return tasks[0].ID
}

// The pages and saves that make up most of a working day (and of make load)
// stay within a budget of queries each: every query is a round trip holding a
// pooled connection, and under load the tails grow with them. A page over its
// budget fails here; one well under it should have its budget lowered. (The
// public version, read at most every PUBLIC_RECHECK and shared by concurrent
// requests, is a prepared statement outside GORM and not counted.)
func TestBusiestPagesStayWithinTheirQueryBudgets(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		handlerstest.SeedAccounts(t, s)
		modelstest.FakeClock(s)
		s.KeepNoReports() // the reads of a report are what is counted, not one kept
		e := handlerstest.NewRouter(t, s, handlers.Config{})
		rows := newRows(t, s)
		rows.add(t, 10)
		pair, task, nomination := itoa64(rows.pairs[0]), itoa64(rows.tasks[0]), itoa64(rows.nominations[0])
		type step struct {
			login, name string
			budget      int64
			htmx        bool
			do          func(c *handlerstest.Client) *httptest.ResponseRecorder
		}
		get := func(path string) func(c *handlerstest.Client) *httptest.ResponseRecorder {
			return func(c *handlerstest.Client) *httptest.ResponseRecorder { return c.Get(path) }
		}
		var saveForm url.Values
		// "+ 1": a page that shows exchangees' names writes its access record (접속기록), one INSERT.
		steps := []step{
			{"moel", "GET /workspace", 8, false, get("/workspace")},
			{"moel", "GET /pairs", 7, false, get("/pairs")},
			{"moel", "GET /pairs/:id", 7 + 1, false, get("/pairs/" + pair)},
			{"moel", "GET /tasks/:id", 7, false, get("/tasks/" + task)},
			{"moel", "GET /tasks/:id/edit (htmx)", 3, true, func(c *handlerstest.Client) *httptest.ResponseRecorder {
				rec := c.Get("/tasks/" + task + "/edit")
				saveForm = taskForm(parseRec(t, rec), "body")
				saveForm.Set("title", "예산 안의 저장")
				return rec
			}},
			{"moel", "POST /tasks/:id (htmx)", 10, true, func(c *handlerstest.Client) *httptest.ResponseRecorder {
				return c.Post("/tasks/"+task, saveForm)
			}},
			{"mss", "GET /workspace", 12, false, get("/workspace")},
			// +1 (issue 21): who confirmed each eligibility condition, and the extension requests.
			{"mss", "GET /nominations", 11 + 1 + 1, false, get("/nominations?round=" + strconv.FormatInt(rows.round.ID, 10))},
			{"mss", "GET /nominations/:id", 9 + 1 + 1, false, get("/nominations/" + nomination)},
			{"reviewer", "GET /workspace", 9, false, get("/workspace")},
			{"reviewer", "GET /nominations?status=submitted", 13 + 1 + 1, false,
				get("/nominations?status=submitted&round=" + strconv.FormatInt(rows.round.ID, 10))},
			// +1: a nomination's move bumps the public version (a pair's public stage, issue 24).
			// +6 (issue 21): the locked nomination's conditions and extension requests, the round's conditions
			// (checked and kept in the history), the audit entry naming the nomination before and after.
			{"reviewer", "POST /nominations/:id/approve", 14 + 1 + 6, false, func(c *handlerstest.Client) *httptest.ResponseRecorder {
				return c.Post("/nominations/"+nomination+"/approve", url.Values{"version": {"1"}})
			}},
			{"admin", "GET /workspace", 11, false, get("/workspace")},
			{"admin", "GET /admin/audit", 8 + 1, false, get("/admin/audit")},
		}
		clients := map[string]*handlerstest.Client{}
		counter := modelstest.CountQueries(t, s)
		for _, st := range steps {
			c := clients[st.login]
			if c == nil {
				c = handlerstest.NewClient(t, e)
				c.Login(st.login, models.DemoPassword)
				clients[st.login] = c
			}
			c.HTMX = false
			c.Get("/account/password") // a session's once-a-minute touch happens here, uncounted
			c.HTMX = st.htmx
			before := counter.Load()
			rec := st.do(c)
			n := counter.Load() - before
			if rec.Code >= 400 {
				t.Fatalf("%s as %s = %d", st.name, st.login, rec.Code)
			}
			budget := st.budget
			if s.Dialect() == models.DialectPostgres && strings.HasPrefix(st.name, "GET ") && !st.htmx {
				// The menu's count (or the workspace's list) runs in a read-only
				// transaction that keeps its generic plan: one SET LOCAL more.
				budget++
			}
			if n > budget {
				t.Errorf("%s as %s ran %d queries, over its budget of %d", st.name, st.login, n, budget)
			} else {
				t.Logf("%s as %s: %d queries (budget %d)", st.name, st.login, n, budget)
			}
		}
	})
}
