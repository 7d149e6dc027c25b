package modelstest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// PostgreSQL: every database this package makes is named
// gyoryu_test_<unix seconds>_<process>_<what>, so that several test processes
// (packages) share the server without meeting, each drops its own, and the
// first to start drops those older than staleAfter, left by killed runs.
const (
	dbPrefix   = "gyoryu_test_"
	staleAfter = 24 * time.Hour
)

// pgServer is the TEST_DATABASE_URL server as this process uses it.
type pgServer struct {
	base      string
	admin     *models.Store // on the URL's own database: creates and drops the others
	process   string        // gyoryu_test_<unix>_<random>
	n         atomic.Int64
	templates templates
}

var (
	pgMu  sync.Mutex
	pgs   *pgServer
	pgErr error
)

// postgres connects to the server once per process (and sweeps stale databases).
func postgres(base string) (*pgServer, error) {
	pgMu.Lock()
	defer pgMu.Unlock()
	if pgs != nil || pgErr != nil {
		return pgs, pgErr
	}
	admin, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: base, MaxConns: 4})
	if err != nil {
		pgErr = err
		return nil, err
	}
	p := &pgServer{base: base, admin: admin,
		process: fmt.Sprintf("%s%d_%s", dbPrefix, time.Now().Unix(), randomHex(4))}
	p.templates.dialect = models.DialectPostgres
	p.templates.build = p.buildTemplate
	p.templates.done = func(name string) error {
		// No one may connect to a template: CREATE DATABASE refuses one in use.
		return p.exec(`ALTER DATABASE "` + name + `" ALLOW_CONNECTIONS false`)
	}
	p.sweep(time.Now())
	pgs = p
	return p, nil
}

func (p *pgServer) exec(sql string) error { return p.admin.DB().Exec(sql).Error }

// buildTemplate makes the database of a template: empty (from template0) for
// the migrated one, else a copy of its parent.
func (p *pgServer) buildTemplate(k kind, parent *template) (string, *models.Store, error) {
	name := p.process + "_" + k.String()
	from := "template0"
	if parent != nil {
		from = parent.name
	}
	if err := p.exec(`CREATE DATABASE "` + name + `" TEMPLATE "` + from + `"`); err != nil {
		return "", nil, fmt.Errorf("%s template: %w", k, err)
	}
	s, err := models.Open(context.Background(), models.OpenOptions{DatabaseURL: p.url(name), MaxConns: 2})
	return name, s, err
}

// create makes a database of the test's own from a template.
func (p *pgServer) create(template string) (string, error) {
	name := fmt.Sprintf("%s_%d", p.process, p.n.Add(1))
	return name, p.exec(`CREATE DATABASE "` + name + `" TEMPLATE "` + template + `"`)
}

// recreate makes the database name again from a template.
func (p *pgServer) recreate(name, template string) error {
	if err := p.drop(name); err != nil {
		return err
	}
	return p.exec(`CREATE DATABASE "` + name + `" TEMPLATE "` + template + `"`)
}

// drop drops a database, ending the sessions still on it.
func (p *pgServer) drop(name string) error {
	return p.exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`)
}

// url is TEST_DATABASE_URL on another database (in its public schema).
func (p *pgServer) url(database string) string {
	u, err := url.Parse(p.base)
	if err != nil {
		panic(err) // models.Open parsed it already
	}
	u.Path = "/" + database
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String()
}

// databaseOf is the database a store's URL names.
func databaseOf(s *models.Store) string {
	u, err := url.Parse(s.URL())
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Path, "/")
}

// databases lists the server's databases named with prefix.
func (p *pgServer) databases(prefix string) ([]string, error) {
	var names []string
	like := strings.ReplaceAll(prefix, "_", `\_`) + "%"
	err := p.admin.DB().Raw("SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname", like).Scan(&names).Error
	return names, err
}

// sweep drops the test databases made more than staleAfter before now, which
// runs killed before their end left behind.
func (p *pgServer) sweep(now time.Time) {
	names, err := p.databases(dbPrefix)
	if err != nil {
		return
	}
	for _, name := range names {
		stamp, _, _ := strings.Cut(strings.TrimPrefix(name, dbPrefix), "_")
		sec, err := strconv.ParseInt(stamp, 10, 64)
		if err != nil || now.Sub(time.Unix(sec, 0)) < staleAfter {
			continue
		}
		p.drop(name) // another process may be dropping it too
	}
}

// sqlite's templates are files in a folder of the process's own.
var (
	sqMu  sync.Mutex
	sq    *templates
	sqDir string
)

func sqliteTemplates() *templates {
	sqMu.Lock()
	defer sqMu.Unlock()
	if sq != nil {
		return sq
	}
	sq = &templates{dialect: models.DialectSQLite}
	sq.build = func(k kind, parent *template) (string, *models.Store, error) {
		sqMu.Lock()
		defer sqMu.Unlock()
		if sqDir == "" {
			dir, err := os.MkdirTemp("", "gyoryu-modelstest-")
			if err != nil {
				return "", nil, err
			}
			sqDir = dir
		}
		path := filepath.Join(sqDir, k.String()+".db")
		if parent != nil {
			if err := copyFile(parent.name, path); err != nil {
				return "", nil, fmt.Errorf("%s template: %w", k, err)
			}
		}
		s, err := models.Open(context.Background(), models.OpenOptions{SQLitePath: path})
		return path, s, err
	}
	sq.done = func(path string) error {
		if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
			return fmt.Errorf("template %s: its write-ahead log was not checkpointed", path)
		}
		return nil
	}
	return sq
}

// cleanUp drops this process's databases and removes its template files.
func cleanUp() {
	pgMu.Lock()
	if p := pgs; p != nil {
		if names, err := p.databases(p.process + "_"); err == nil {
			for _, name := range names {
				if err := p.drop(name); err != nil {
					fmt.Fprintf(os.Stderr, "modelstest: drop database %s: %v\n", name, err)
				}
			}
		}
		p.admin.Close()
		pgs = nil
	}
	pgMu.Unlock()
	sqMu.Lock()
	if sqDir != "" {
		os.RemoveAll(sqDir)
		sqDir = ""
	}
	sq = nil
	sqMu.Unlock()
}
