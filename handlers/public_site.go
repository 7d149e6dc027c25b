package handlers

import (
	"context"
	"maps"
	"sync"
	"time"

	"github.com/gyoryu/gyoryu/models"
)

// publicSite keeps the public pages in memory, rendered once per public
// version. The version lives in the database (models.PublicVersion), so an
// instance sees changes made through any other instance: a request reads it
// (with every request that arrives while the read is pending sharing that one
// read), or reuses a read started at most recheck earlier.
type publicSite struct {
	store   *models.Store
	recheck time.Duration

	mu      sync.Mutex
	pending *versionRead // requests waiting for the next read of the version
	last    *versionRead // the latest successful read
	reading chan struct{}
	gen     *generation
}

// maxPagesPerVersion bounds the pages kept per version: URLs with query
// strings are many, and past the bound pages are rendered but not kept.
const maxPagesPerVersion = 512

type versionRead struct {
	started time.Time
	done    chan struct{}
	version models.PublicVersion
	err     error
}

// generation is what was built at one public version: the view, read once,
// and the pages rendered from it.
type generation struct {
	version models.PublicVersion
	loadMu  sync.Mutex
	view    *models.PublicView
	prev    *generation // the generation before, until this one's view is read

	pagesMu sync.Mutex
	pages   map[string]*cachedPage
}

func newPublicSite(store *models.Store, recheck time.Duration) *publicSite {
	return &publicSite{store: store, recheck: recheck, reading: make(chan struct{}, 1)}
}

// version reads the public version, sharing reads between concurrent requests;
// the answer always comes from a read started after the request arrived (or
// at most recheck before).
func (s *publicSite) version(ctx context.Context) (models.PublicVersion, error) {
	arrived := time.Now()
	s.mu.Lock()
	if l := s.last; l != nil && !l.started.Before(arrived.Add(-s.recheck)) {
		s.mu.Unlock()
		return l.version, nil
	}
	r := s.pending
	leader := r == nil
	if leader {
		r = &versionRead{done: make(chan struct{})}
		s.pending = r
	}
	s.mu.Unlock()
	if leader {
		s.reading <- struct{}{} // one read at a time; later arrivals join r meanwhile
		s.mu.Lock()
		s.pending = nil
		r.started = time.Now()
		s.mu.Unlock()
		readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		r.version, r.err = s.store.PublicVersion(readCtx)
		cancel()
		s.mu.Lock()
		if r.err == nil && (s.last == nil || s.last.started.Before(r.started)) {
			s.last = r
		}
		s.mu.Unlock()
		<-s.reading
		close(r.done)
	}
	select {
	case <-r.done:
		return r.version, r.err
	case <-ctx.Done():
		return models.PublicVersion{}, ctx.Err()
	}
}

// forget makes the next request read the version again: this instance has
// just changed something.
func (s *publicSite) forget() {
	s.mu.Lock()
	s.last = nil
	s.mu.Unlock()
}

// current is the generation of the current public version, with its view loaded.
func (s *publicSite) current(ctx context.Context) (*generation, error) {
	v, err := s.version(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	g := s.gen
	if g == nil || g.version.Version != v.Version || g.expired(s.store.Now()) {
		g = &generation{version: v, pages: map[string]*cachedPage{}, prev: g}
		s.gen = g
	}
	s.mu.Unlock()
	if err := g.load(ctx, s.store); err != nil {
		return nil, err
	}
	return g, nil
}

// load reads the generation's view once; a failed read is tried again by the next request.
func (g *generation) load(ctx context.Context, store *models.Store) error {
	g.loadMu.Lock()
	defer g.loadMu.Unlock()
	if g.view != nil {
		return nil
	}
	v, err := store.PublicView(ctx)
	if err != nil {
		return err
	}
	g.view = &v
	g.keepUnchangedPages()
	return nil
}

// keepUnchangedPages takes over the previous generation's pages when the view
// shows the public nothing new: most changes (a draft task saved, a proposal
// for a round not yet announced) bump the version without touching a public
// page, and rendering and compressing every page again would be wasted. The
// pages keep their validators and Last-Modified. Called with loadMu held.
func (g *generation) keepUnchangedPages() {
	prev := g.prev
	g.prev = nil // let the older generations go
	if prev == nil {
		return
	}
	prev.loadMu.Lock()
	same := prev.view != nil && prev.view.SameContent(*g.view)
	prev.loadMu.Unlock()
	if !same {
		return
	}
	prev.pagesMu.Lock()
	pages := maps.Clone(prev.pages)
	prev.pagesMu.Unlock()
	g.pagesMu.Lock()
	g.pages = pages
	g.pagesMu.Unlock()
	g.version.ChangedAt = prev.version.ChangedAt
}

// expired reports whether the view has outlived itself at now (the store's
// clock): a scheduled announcement has come.
func (g *generation) expired(now time.Time) bool {
	g.loadMu.Lock()
	defer g.loadMu.Unlock()
	if g.view == nil {
		return false
	}
	until := g.view.ValidUntil()
	return !until.IsZero() && !now.Before(until)
}

// page returns the page kept under key, rendering it with build the first time;
// concurrent first requests wait for one rendering.
func (g *generation) page(key string, build func() (publicDoc, error)) (*cachedPage, error) {
	g.pagesMu.Lock()
	p, ok := g.pages[key]
	if !ok {
		p = &cachedPage{ready: make(chan struct{})}
		if len(g.pages) < maxPagesPerVersion {
			g.pages[key] = p
		}
	}
	g.pagesMu.Unlock()
	if !ok {
		p.fill(build)
	}
	<-p.ready
	if p.err != nil {
		g.pagesMu.Lock()
		if g.pages[key] == p {
			delete(g.pages, key) // errors are not kept
		}
		g.pagesMu.Unlock()
	}
	return p, p.err
}
