package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
)

// sweepSim is a simulation behind a proxy that counts the requests for
// a set of article URLs, per host, and can stop a run at one of them.
type sweepSim struct {
	sim *sitesim.Sim
	mu  sync.Mutex
	// watched are the URLs counted (host and request URI); asked counts
	// them per host.
	watched map[string]bool
	asked   map[string]int
	perURL  map[string]int // the watched URLs' requests
	// stopAt, when set, is the URL (host and request URI) whose request cancels the
	// run (stop) and is answered 503.
	stopAt string
	stop   context.CancelFunc
	// homes counts the requests of "/" per host.
	homes map[string]int
}

func (s *sweepSim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Host + r.URL.RequestURI()
	s.mu.Lock()
	if s.watched[key] {
		s.asked[r.Host]++
		s.perURL[key]++
	}
	if r.URL.Path == "/" {
		s.homes[r.Host]++
	}
	stop := s.stopAt == key && s.stop != nil
	if stop {
		s.stop()
		s.stopAt = ""
	}
	s.mu.Unlock()
	if stop {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	s.sim.ServeHTTP(w, r)
}

// count starts counting the requests of urls afresh (and of homepages).
func (s *sweepSim) count(urls []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.watched, s.asked, s.homes, s.perURL = map[string]bool{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, u := range urls {
		pu, _ := url.Parse(u)
		s.watched[pu.Host+pu.RequestURI()] = true
	}
}

func (s *sweepSim) counts() (asked, homes map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	asked, homes = map[string]int{}, map[string]int{}
	for h, n := range s.asked {
		asked[h] = n
	}
	for h, n := range s.homes {
		homes[h] = n
	}
	return asked, homes
}

// sweepCase is the simulation crawled once, its archived articles older
// than twice the revisit age (never revisited, gone from the lists a later
// pass reads) and the host with the most, for a later pass to sweep.
type sweepCase struct {
	sim    *sitesim.Sim
	ss     *sweepSim
	cfg    config.Config
	budget int // crawl.removal_sweep: 1000 (every article) unless set
	dir    string
	old    map[string][]sitesim.Truth // by host
	host   string
	all    []string // the URLs of old's articles
}

// newSweepCase serves the simulation, each request after delay, and
// crawls it once with worker 0, into the PostgreSQL store dsn when set.
func newSweepCase(t *testing.T, delay time.Duration, dsn string) *sweepCase {
	t.Helper()
	now := time.Now().Truncate(time.Minute)
	c := &sweepCase{sim: sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Now: now, Calm: true}), budget: 1000, dir: t.TempDir()}
	c.ss = &sweepSim{sim: c.sim}
	c.ss.count(nil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		c.ss.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c.cfg = pipelinetest.Config(srv.URL)
	c.cfg.Store = dsn
	c.cfg.Crawl.RemovalSweep = &c.budget
	if _, err := pipeline.Crawl(context.Background(), c.opts(0)); err != nil {
		t.Fatal(err)
	}
	st := c.records(t)
	defer st.Close()
	c.old = map[string][]sitesim.Truth{}
	limit := time.Now().Add(-2 * c.cfg.Crawl.RevisitAge)
	c.sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if a, err := st.Get(tr.URL); err == nil && a.URL == tr.URL && !tr.Disallowed && tr.Published.Before(limit) {
			c.old[tr.Host] = append(c.old[tr.Host], tr)
			c.all = append(c.all, tr.URL)
		}
		return true
	})
	for h, trs := range c.old {
		if len(trs) > len(c.old[c.host]) || len(trs) == len(c.old[c.host]) && h < c.host {
			c.host = h
		}
	}
	if len(c.old[c.host]) < 3 {
		t.Fatalf("the simulation has no site with 3 old archived articles: %d", len(c.old[c.host]))
	}
	return c
}

// opts are the options of a run of worker i, in a data directory of its own.
func (c *sweepCase) opts(i int) pipeline.Options {
	return pipelinetest.Options(c.cfg, filepath.Join(c.dir, fmt.Sprint("w", i)))
}

// records opens the records: worker 0's archive, or the store.
func (c *sweepCase) records(t *testing.T) archive.Records {
	return openRecords(t, c.cfg.Store, c.opts(0).Data)
}

// deleteOld deletes the i-th old article of the host with the most and
// moves the simulated clock on two days.
func (c *sweepCase) deleteOld(t *testing.T, i int) sitesim.Truth {
	t.Helper()
	tr := c.old[c.host][i]
	if !c.sim.Delete(tr.URL) {
		t.Fatalf("cannot delete %s", tr.URL)
	}
	c.sim.Advance(2 * 24 * time.Hour)
	return tr
}

// TestRemovalSweep: an article older than the revisit age, on no list a
// later pass reads, deleted from its site, is found removed by a later
// pass's sweep, which asks every old article of its site (the budget
// large enough); one edited is archived anew, its old text kept as a
// version; the others, found as archived, are marked checked and not
// fetched anew (their fetch time stays: nothing indexed again). A
// third pass with a budget of 3 asks at most 3 archived articles of each
// host, 3 of the site's with the most however low max_pages_per_site.
func TestRemovalSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("three crawls of the simulation")
	}
	crawlBeside(t)
	c := newSweepCase(t, 0, "")
	edited := c.old[c.host][1]
	if !c.sim.Edit(edited.URL) {
		t.Fatalf("cannot edit %s", edited.URL)
	}
	gone := c.deleteOld(t, 0)
	before := map[string]*article.Article{}
	func() {
		st := c.records(t)
		defer st.Close()
		for _, u := range c.all {
			before[u], _ = st.Get(u)
		}
	}()

	c.ss.count(c.all)
	start := time.Now()
	rep, err := pipeline.Crawl(context.Background(), c.opts(0))
	if err != nil {
		t.Fatal(err)
	}
	sw := rep.Crawl.Removed.Sweep
	if sw.Removed != 1 || rep.Crawl.Removed.Recorded != 1 || sw.Checked < int64(len(c.old[c.host])) {
		t.Errorf("second pass: removals %+v; want the deleted article recorded by the sweep, at least %d checked", rep.Crawl.Removed, len(c.old[c.host]))
	}
	// Every old article of every site: those answered 304 and those of
	// sites that give no validators, answered with the page.
	st := c.records(t)
	for _, u := range c.all {
		tr, _ := c.sim.Truth(u)
		a, err := st.Get(tr.URL)
		if err != nil {
			t.Fatal(err)
		}
		b := before[tr.URL]
		switch {
		case tr.URL == gone.URL:
			if a.Removed == nil || a.Removed.Status != 404 {
				t.Errorf("%s, deleted, old: not marked removed by the sweep (%+v)", tr.URL, a.Removed)
			}
		case a.Removed != nil:
			t.Errorf("%s, not deleted: marked removed", tr.URL)
		case tr.URL == edited.URL:
			if vs, err := st.Versions(tr.URL); err != nil || len(vs) != 1 || a.Body == b.Body || a.FetchedAt.Before(start) {
				t.Errorf("%s, edited: %d versions (%v), fetched %v; want the new text archived by the sweep, the old kept as a version", tr.URL, len(vs), err, a.FetchedAt)
			}
		case !a.FetchedAt.Equal(b.FetchedAt) || len(a.ViewHistory) != len(b.ViewHistory):
			t.Errorf("%s, found as archived: fetched anew (fetched %v, was %v; %d view points, were %d)", tr.URL, a.FetchedAt, b.FetchedAt, len(a.ViewHistory), len(b.ViewHistory))
		case a.CheckedAt.Before(start):
			t.Errorf("%s, found as archived: checked at %v, before the pass began", tr.URL, a.CheckedAt)
		}
	}
	st.Close()

	// A budget of 3: no host asked about more than 3 of its old articles,
	// and max_pages_per_site, which bounds the rest of a site's pages,
	// does not bound them.
	c.budget = 3
	c.cfg.Scope.MaxPagesPerSite = 2
	c.sim.Advance(2 * 24 * time.Hour)
	c.ss.count(c.all)
	rep, err = pipeline.Crawl(context.Background(), c.opts(0))
	if err != nil {
		t.Fatal(err)
	}
	asked, _ := c.ss.counts()
	for h, n := range asked {
		if n > c.budget {
			t.Errorf("third pass: %d old archived articles of %s asked; the budget is %d", n, h, c.budget)
		}
	}
	if asked[c.host] != c.budget || rep.Crawl.Removed.Sweep.Queued > int64(c.budget*len(c.old)) {
		t.Errorf("third pass: %d old articles of %s asked, %d queued in all; want %d, at most %d a host", asked[c.host], c.host, rep.Crawl.Removed.Sweep.Queued, c.budget, c.budget)
	}
}

// TestSweepResumedKeepsHealth: a run killed after a site's homepage
// answered, resumed without asking it again, records the removal its
// sweep finds there: the site's health seen before the interruption
// counts.
func TestSweepResumedKeepsHealth(t *testing.T) {
	if testing.Short() {
		t.Skip("three crawls of the simulation")
	}
	crawlBeside(t)
	c := newSweepCase(t, 0, "")
	gone := c.deleteOld(t, len(c.old[c.host])-1)

	// The run stops when the sweep asks for the deleted article.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pu, _ := url.Parse(gone.URL)
	var stopped atomic.Bool
	c.ss.mu.Lock()
	c.ss.stopAt, c.ss.stop = pu.Host+pu.RequestURI(), func() { stopped.Store(true); cancel() }
	c.ss.mu.Unlock()
	rep, err := pipeline.Crawl(ctx, c.opts(0))
	if !stopped.Load() || !errors.Is(err, context.Canceled) {
		t.Fatalf("second run: stopped %v, %v; want it stopped at the deleted article", stopped.Load(), err)
	}
	if rep.Crawl.Removed.Recorded != 0 {
		t.Fatalf("second run recorded %+v", rep.Crawl.Removed)
	}

	c.ss.count(nil)
	rep, err = pipeline.Crawl(context.Background(), c.opts(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, homes := c.ss.counts(); !rep.Resumed || homes[c.host] != 0 {
		t.Fatalf("third run: resumed %v, %s's homepage asked %d times; want a resumed run that does not ask it", rep.Resumed, c.host, homes[c.host])
	}
	st := c.records(t)
	defer st.Close()
	a, err := st.Get(gone.URL)
	if err != nil {
		t.Fatal(err)
	}
	if a.Removed == nil {
		t.Errorf("%s, deleted and found gone by the resumed run: not marked removed (%+v held on %v)", gone.URL, rep.Crawl.Removed.Held, rep.Crawl.Removed.HeldHosts)
	}
}

// openRecords opens the records of the archive in data, or the PostgreSQL
// store dsn names.
func openRecords(t *testing.T, dsn, data string) archive.Records {
	t.Helper()
	if dsn != "" {
		r, err := pgstore.OpenRecords(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestSweepWorkersShareAPass: two workers sharing a PostgreSQL store
// crawl a later pass together: the sweep asks every old archived article
// once in the pass, not once a worker, and the deleted one is marked
// removed.
func TestSweepWorkersShareAPass(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls of the simulation by two workers")
	}
	crawlBeside(t)
	// Each request takes a little while, so that the workers overlap.
	c := newSweepCase(t, 2*time.Millisecond, pgtest.DSN(t))
	gone := c.deleteOld(t, 0)
	c.ss.count(c.all)
	var wg sync.WaitGroup
	reps := make([]pipeline.Report, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() { reps[i], errs[i] = pipeline.Crawl(context.Background(), c.opts(i)) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
	}
	c.ss.mu.Lock()
	per := maps.Clone(c.ss.perURL)
	c.ss.mu.Unlock()
	for _, u := range c.all {
		pu, _ := url.Parse(u)
		if n := per[pu.Host+pu.RequestURI()]; n != 1 {
			t.Errorf("%s asked %d times in the pass; want once", u, n)
		}
	}
	swept := reps[0].Crawl.Removed.Sweep.Queued + reps[1].Crawl.Removed.Sweep.Queued
	if swept < int64(len(c.all)) {
		t.Errorf("the workers queued %d sweeps (%d + %d); want at least the %d old articles", swept, reps[0].Crawl.Removed.Sweep.Queued, reps[1].Crawl.Removed.Sweep.Queued, len(c.all))
	}
	st := c.records(t)
	defer st.Close()
	if a, err := st.Get(gone.URL); err != nil || a.Removed == nil {
		t.Errorf("%s, deleted: %v, not marked removed (workers: %+v, %+v)", gone.URL, err, reps[0].Crawl.Removed, reps[1].Crawl.Removed)
	}
}
