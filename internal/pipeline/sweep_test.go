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
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/pipeline"
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

// oldArchived crawls the simulation once into data (and the store the
// config names) and returns its
// archived articles older than the revisit age (never revisited, gone
// from the lists a later pass reads), by host, and the host with the most.
func oldArchived(t *testing.T, sim *sitesim.Sim, data string, cfg func() pipeline.Options) (map[string][]sitesim.Truth, string) {
	t.Helper()
	if _, err := pipeline.Crawl(context.Background(), cfg()); err != nil {
		t.Fatal(err)
	}
	st := openRecords(t, cfg().Config.Store, data)
	defer st.Close()
	old := map[string][]sitesim.Truth{}
	limit := time.Now().Add(-2 * cfg().Config.Crawl.RevisitAge)
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if a, err := st.Get(tr.URL); err == nil && a.URL == tr.URL && !tr.Disallowed && tr.Published.Before(limit) {
			old[tr.Host] = append(old[tr.Host], tr)
		}
		return true
	})
	host := ""
	for h, trs := range old {
		if len(trs) > len(old[host]) || len(trs) == len(old[host]) && h < host {
			host = h
		}
	}
	if len(old[host]) < 3 {
		t.Fatalf("the simulation has no site with 3 old archived articles: %d", len(old[host]))
	}
	return old, host
}

// TestRemovalSweep: an article older than the revisit age, on no list a
// later pass reads, deleted from its site, is found removed by a later
// pass's sweep, which asks every old article of its site (the budget
// large enough); the others, found as archived, are marked checked and
// not fetched anew (their fetch time stays: nothing indexed again). A
// third pass with a budget of 3 asks at most 3 archived articles of each
// host.
func TestRemovalSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("three crawls of the simulation")
	}
	crawlBeside(t)
	now := time.Now().Truncate(time.Minute)
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Now: now, Calm: true})
	ss := &sweepSim{sim: sim}
	ss.count(nil)
	srv := httptest.NewServer(ss)
	defer srv.Close()
	data := t.TempDir()
	cfg := simConfig(srv.URL)
	budget := 1000
	cfg.Crawl.RemovalSweep = &budget
	opts := func() pipeline.Options {
		return pipeline.Options{Config: cfg, Data: data, RetryBackoff: 10 * time.Millisecond}
	}
	old, host := oldArchived(t, sim, data, opts)
	var all []string
	for _, trs := range old {
		for _, tr := range trs {
			all = append(all, tr.URL)
		}
	}
	gone := old[host][0]
	if !sim.Delete(gone.URL) {
		t.Fatalf("cannot delete %s", gone.URL)
	}
	sim.Advance(2 * 24 * time.Hour)
	before := map[string]*article.Article{}
	func() {
		st, err := store.Open(archive.ArticlesPath(data))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, tr := range old[host] {
			before[tr.URL], _ = st.Get(tr.URL)
		}
	}()

	ss.count(all)
	start := time.Now()
	rep, err := pipeline.Crawl(context.Background(), opts())
	if err != nil {
		t.Fatal(err)
	}
	sw := rep.Crawl.Removed.Sweep
	if sw.Removed != 1 || rep.Crawl.Removed.Recorded != 1 || sw.Checked < int64(len(old[host])) {
		t.Errorf("second pass: removals %+v; want the deleted article recorded by the sweep, at least %d checked", rep.Crawl.Removed, len(old[host]))
	}
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range old[host] {
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
		case !a.FetchedAt.Equal(b.FetchedAt) || len(a.ViewHistory) != len(b.ViewHistory):
			t.Errorf("%s, found as archived: fetched anew (fetched %v, was %v; %d view points, were %d)", tr.URL, a.FetchedAt, b.FetchedAt, len(a.ViewHistory), len(b.ViewHistory))
		case a.CheckedAt.Before(start):
			t.Errorf("%s, found as archived: checked at %v, before the pass began", tr.URL, a.CheckedAt)
		}
	}
	st.Close()

	// A budget of 3: no host asked about more than 3 of its old articles.
	budget = 3
	sim.Advance(2 * 24 * time.Hour)
	ss.count(all)
	rep, err = pipeline.Crawl(context.Background(), opts())
	if err != nil {
		t.Fatal(err)
	}
	asked, _ := ss.counts()
	for h, n := range asked {
		if n > budget {
			t.Errorf("third pass: %d old archived articles of %s asked; the budget is %d", n, h, budget)
		}
	}
	if asked[host] == 0 || rep.Crawl.Removed.Sweep.Queued > int64(budget*len(old)) {
		t.Errorf("third pass: %d old articles of %s asked, %d queued in all; want some, at most %d a host", asked[host], host, rep.Crawl.Removed.Sweep.Queued, budget)
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
	now := time.Now().Truncate(time.Minute)
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Now: now, Calm: true})
	ss := &sweepSim{sim: sim}
	ss.count(nil)
	srv := httptest.NewServer(ss)
	defer srv.Close()
	data := t.TempDir()
	cfg := simConfig(srv.URL)
	budget := 1000
	cfg.Crawl.RemovalSweep = &budget
	opts := func() pipeline.Options {
		return pipeline.Options{Config: cfg, Data: data, RetryBackoff: 10 * time.Millisecond}
	}
	old, host := oldArchived(t, sim, data, opts)
	gone := old[host][len(old[host])-1]
	if !sim.Delete(gone.URL) {
		t.Fatalf("cannot delete %s", gone.URL)
	}
	sim.Advance(2 * 24 * time.Hour)

	// The run stops when the sweep asks for the deleted article.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pu, _ := url.Parse(gone.URL)
	var stopped atomic.Bool
	ss.mu.Lock()
	ss.stopAt, ss.stop = pu.Host+pu.RequestURI(), func() { stopped.Store(true); cancel() }
	ss.mu.Unlock()
	rep, err := pipeline.Crawl(ctx, opts())
	if !stopped.Load() || !errors.Is(err, context.Canceled) {
		t.Fatalf("second run: stopped %v, %v; want it stopped at the deleted article", stopped.Load(), err)
	}
	if rep.Crawl.Removed.Recorded != 0 {
		t.Fatalf("second run recorded %+v", rep.Crawl.Removed)
	}

	ss.count(nil)
	rep, err = pipeline.Crawl(context.Background(), opts())
	if err != nil {
		t.Fatal(err)
	}
	if _, homes := ss.counts(); !rep.Resumed || homes[host] != 0 {
		t.Fatalf("third run: resumed %v, %s's homepage asked %d times; want a resumed run that does not ask it", rep.Resumed, host, homes[host])
	}
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
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
	now := time.Now().Truncate(time.Minute)
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Now: now, Calm: true})
	ss := &sweepSim{sim: sim}
	ss.count(nil)
	// Each request takes a little while, so that the workers overlap.
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond)
		ss.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(slow)
	defer srv.Close()
	dir := t.TempDir()
	cfg := simConfig(srv.URL)
	cfg.Store = pgtest.DSN(t)
	budget := 1000
	cfg.Crawl.RemovalSweep = &budget
	worker := func(i int) pipeline.Options {
		return pipeline.Options{Config: cfg, Data: filepath.Join(dir, fmt.Sprint("w", i)), RetryBackoff: 10 * time.Millisecond}
	}
	old, host := oldArchived(t, sim, worker(0).Data, func() pipeline.Options { return worker(0) })
	var all []string
	for _, trs := range old {
		for _, tr := range trs {
			all = append(all, tr.URL)
		}
	}
	gone := old[host][0]
	if !sim.Delete(gone.URL) {
		t.Fatalf("cannot delete %s", gone.URL)
	}
	sim.Advance(2 * 24 * time.Hour)
	ss.count(all)
	var wg sync.WaitGroup
	reps := make([]pipeline.Report, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() { reps[i], errs[i] = pipeline.Crawl(context.Background(), worker(i)) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
	}
	ss.mu.Lock()
	per := maps.Clone(ss.perURL)
	ss.mu.Unlock()
	for _, u := range all {
		pu, _ := url.Parse(u)
		if n := per[pu.Host+pu.RequestURI()]; n != 1 {
			t.Errorf("%s asked %d times in the pass; want once", u, n)
		}
	}
	swept := reps[0].Crawl.Removed.Sweep.Queued + reps[1].Crawl.Removed.Sweep.Queued
	if swept < int64(len(all)) {
		t.Errorf("the workers queued %d sweeps (%d + %d); want at least the %d old articles", swept, reps[0].Crawl.Removed.Sweep.Queued, reps[1].Crawl.Removed.Sweep.Queued, len(all))
	}
	st := openRecords(t, cfg.Store, "")
	defer st.Close()
	if a, err := st.Get(gone.URL); err != nil || a.Removed == nil {
		t.Errorf("%s, deleted: %v, not marked removed (workers: %+v, %+v)", gone.URL, err, reps[0].Crawl.Removed, reps[1].Crawl.Removed)
	}
}
