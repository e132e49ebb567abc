package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestMain removes the demo archive the tests copy from after they ran.
func TestMain(m *testing.M) { pgtest.Main(m, demo.Remove) }

// inFlight counts the requests a handler serves at once per host and
// keeps the most ever seen.
type inFlight struct {
	h     http.Handler
	mu    sync.Mutex
	now   map[string]int
	most  map[string]int
	total atomic.Int64
}

func (f *inFlight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Host
	if host == "" {
		host = r.Host
	}
	f.mu.Lock()
	f.now[host]++
	f.most[host] = max(f.most[host], f.now[host])
	f.mu.Unlock()
	f.total.Add(1)
	defer func() {
		f.mu.Lock()
		f.now[host]--
		f.mu.Unlock()
	}()
	f.h.ServeHTTP(w, r)
}

// workersConfig writes, in dir, the config of crawl workers that share
// the store dsn and crawl through proxy without delays, one request per
// host at a time, with the crawl settings more (YAML lines under crawl:),
// and returns its path.
func workersConfig(t *testing.T, dir, dsn, proxy, more string) string {
	t.Helper()
	cfg := filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf("data: %s\nstore: %q\ncrawl:\n  proxy: %s\n  delay: 0s\n  random_delay: 0s\n  per_host: 1\n%s",
		filepath.Join(dir, "unused"), dsn, proxy, more)
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestWorkersShareAStore: three crawl processes share one PostgreSQL
// store and crawl the simulation together; one is killed mid-crawl. Every
// article is archived once, no host ever has more than per_host requests
// in flight across the workers.
func TestWorkersShareAStore(t *testing.T) {
	if testing.Short() {
		t.Skip("three crawl processes over a simulation (about 30 s)")
	}
	dsn := pgtest.DSN(t)
	sim := sitesim.New(sitesim.Options{Seed: 11, Articles: 150, Calm: true})
	// Each request takes a little while, so that requests overlap.
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond)
		sim.ServeHTTP(w, r)
	})
	flight := &inFlight{h: slow, now: map[string]int{}, most: map[string]int{}}
	srv := httptest.NewServer(flight)
	defer srv.Close()
	dir := t.TempDir()
	// The killed worker's hosts come back after the lease. A worker
	// stalled for longer than its lease (a loaded machine's starved
	// process) loses its hosts and sends nothing more for the requests
	// it had taken (the lease fence): per_host holds across workers
	// whatever the stalls, which a short lease makes frequent here.
	cfg := workersConfig(t, dir, dsn, srv.URL, "  workers: 4\n  lease: 2s\n")
	type worker struct {
		done chan error
		err  *lockedWriter
		kill func()
	}
	var workers []worker
	for i := range 3 {
		cmd, _, errOut := startChild(t, "crawl", "--config", cfg, "--data", filepath.Join(dir, fmt.Sprintf("w%d", i)), "--log-level", "warn")
		w := worker{done: make(chan error, 1), err: errOut, kill: func() { cmd.Process.Signal(syscall.SIGKILL) }}
		go func() { w.done <- cmd.Wait() }()
		workers = append(workers, w)
	}
	// Kill the first once the crawl is under way.
	waitFor(t, 60*time.Second, "the crawl never got under way", func() bool { return flight.total.Load() > 150 })
	workers[0].kill()
	<-workers[0].done
	// A reader searches while the others crawl: its index (in its own
	// directory, an index per year) is made from the records archived so
	// far, and caught up with the rest later.
	readerCfg := filepath.Join(dir, "reader.yaml")
	ryaml := fmt.Sprintf("data: %s\nstore: %q\nindex:\n  shards: year\nwarc:\n  read_dirs: [%s, %s, %s]\n", filepath.Join(dir, "reader"), dsn,
		filepath.Join(dir, "w0", "warc"), filepath.Join(dir, "w1", "warc"), filepath.Join(dir, "w2", "warc"))
	if err := os.WriteFile(readerCfg, []byte(ryaml), 0o644); err != nil {
		t.Fatal(err)
	}
	early := searchAll(t, readerCfg)
	// What rewrites the records waits for the workers.
	if code, _, errOut := wenming(t, "check", "--config", readerCfg, "--repair"); code == exitOK || !strings.Contains(errOut, "crawl workers are running") {
		t.Errorf("check --repair while workers run: exit %d, %s", code, errOut)
	}
	for i, w := range workers[1:] {
		select {
		case err := <-w.done:
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i+1, err, w.err.String())
			}
		case <-time.After(3 * time.Minute):
			t.Fatalf("worker %d did not finish:\n%s", i+1, w.err.String())
		}
	}
	for host, n := range flight.most {
		if n > 1 {
			t.Errorf("%s had %d requests in flight at once; per_host is 1", host, n)
		}
	}

	recs, err := pgstore.OpenRecords(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer recs.Close()
	if err := recs.Check(); err != nil {
		t.Error(err)
	}
	want, records := 0, map[string]bool{}
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Disallowed {
			return true
		}
		want++
		c, ok, err := recs.Resolve(tr.URL)
		if err != nil || !ok {
			t.Errorf("article %s not archived (%v)", tr.URL, err)
			return true
		}
		if records[c] {
			t.Errorf("two articles archived as %s", c)
		}
		records[c] = true
		for _, a := range tr.Aliases {
			if ac, ok, _ := recs.Resolve(a); ok && ac != c {
				t.Errorf("article %s archived twice: as %s and %s", tr.URL, c, ac)
			}
		}
		return true
	})
	if n, _ := recs.Len(); n != len(records) || n != want {
		t.Errorf("%d records for %d articles (%d found)", n, want, len(records))
	}
	t.Logf("%d articles, %d requests", want, flight.total.Load())

	// The reader's search and export find every article once.
	hits := searchAll(t, readerCfg)
	t.Logf("a search during the crawl found %d articles, after it %d", len(early), len(hits))
	if len(early) >= want {
		t.Logf("the search during the crawl found all %d articles already: the catch-up is not exercised", want)
	}
	checkOnce := func(what string, urls []string) {
		t.Helper()
		got := map[string]bool{}
		for _, u := range urls {
			if got[u] {
				t.Errorf("%s: %s twice", what, u)
			}
			got[u] = true
		}
		if len(got) != len(records) {
			t.Errorf("%s: %d articles, want %d", what, len(got), len(records))
		}
		for u := range records {
			if !got[u] {
				t.Errorf("%s: %s missing", what, u)
			}
		}
	}
	checkOnce("search --store", hits)
	if shards, _ := filepath.Glob(filepath.Join(dir, "reader", "index.bleve", "y*")); len(shards) < 2 {
		t.Errorf("the reader's index has shards %v; want one per year", shards)
	}
	out := wenmingOK(t, "export", "--config", readerCfg, "--format", "jsonl")
	var exported []string
	for line := range strings.Lines(out) {
		var a struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("export line %q: %v", line, err)
		}
		exported = append(exported, a.URL)
	}
	checkOnce("export --store", exported)
	// The captures of every worker, found through warc.read_dirs.
	warcOut := filepath.Join(dir, "all.warc.gz")
	out = wenmingOK(t, "export", "--config", readerCfg, "--format", "warc", "-o", warcOut, "--json")
	var sum exportSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("export summary %q: %v", out, err)
	}
	t.Logf("export warc: %+v", sum)
	if sum.Articles+sum.NoCapture != len(records) || sum.Articles < len(records)*9/10 {
		t.Errorf("export warc copied %d captures (%d without) of %d articles", sum.Articles, sum.NoCapture, len(records))
	}

	// The run log in the store: every worker's run, the killed one's too.
	out = wenmingOK(t, "runs", "--config", readerCfg, "--json")
	var logged []struct {
		Worker, Status string
		Pages          int64
	}
	if err := json.Unmarshal([]byte(out), &logged); err != nil {
		t.Fatalf("runs output %q: %v", out, err)
	}
	statuses := map[string]int{}
	workerNames := map[string]bool{}
	for _, r := range logged {
		statuses[r.Status]++
		workerNames[r.Worker] = true
	}
	if len(logged) != 3 || statuses["ok"] != 2 || statuses["killed"] != 1 || len(workerNames) != 3 {
		t.Errorf("run log in the store: %+v", logged)
	}
	// Now nothing runs: the archive checks out, and may be repaired.
	if code, out, errOut := wenming(t, "check", "--config", readerCfg, "--repair"); code != exitOK {
		t.Errorf("check --repair of the shared archive: exit %d\n%s%s", code, out, errOut)
	} else {
		t.Log(strings.TrimSpace(out))
	}
}

// searchAll runs "wenming search" on every article the index of the
// reader's config holds and returns their URLs.
func searchAll(t *testing.T, cfg string) []string {
	t.Helper()
	out := wenmingOK(t, "search", "--config", cfg, "--since", "1990", "--limit", "1000", "--json")
	var res struct {
		Total uint64 `json:"total"`
		Hits  []struct {
			URL string `json:"url"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search output %q: %v", out, err)
	}
	if int(res.Total) != len(res.Hits) {
		t.Errorf("search: total %d, %d hits", res.Total, len(res.Hits))
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.URL)
	}
	return urls
}

// TestWorkersShareAWideStore: two crawl processes share one PostgreSQL
// store over a hierarchy of WENMING_WIDE_SITES sites (sitesim's
// Options.Sites: 500 is a tenth of a minute's work for two workers, the
// real 3,000 several minutes), leasing hosts from the frontier in the
// database. Both end; every site is visited, every article archived once
// with its whole lineage, and no host ever has more than per_host
// requests in flight across the workers.
func TestWorkersShareAWideStore(t *testing.T) {
	sites, _ := strconv.Atoi(os.Getenv("WENMING_WIDE_SITES"))
	if sites <= 18 {
		t.Skip("set WENMING_WIDE_SITES (500, 3000) to crawl a wide hierarchy with two workers")
	}
	dsn := pgtest.DSN(t)
	sim := sitesim.New(sitesim.Options{Seed: 5, Sites: sites, Articles: 4 * sites, Calm: true})
	flight := &inFlight{h: sim, now: map[string]int{}, most: map[string]int{}}
	srv := httptest.NewServer(flight)
	defer srv.Close()
	dir := t.TempDir()
	cfg := workersConfig(t, dir, dsn, srv.URL, "  workers: 8\n")
	begin := time.Now()
	var done []chan error
	var stderr []*lockedWriter
	for i := range 2 {
		cmd, _, errOut := startChild(t, "crawl", "--config", cfg, "--data", filepath.Join(dir, fmt.Sprintf("w%d", i)), "--log-level", "warn")
		d := make(chan error, 1)
		go func() { d <- cmd.Wait() }()
		done, stderr = append(done, d), append(stderr, errOut)
	}
	for i, d := range done {
		select {
		case err := <-d:
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i, err, stderr[i].String())
			}
		case <-time.After(20 * time.Minute):
			t.Fatalf("worker %d did not finish:\n%s", i, stderr[i].String())
		}
	}
	t.Logf("%d sites: %d requests in %s", sites, flight.total.Load(), time.Since(begin).Round(time.Second))
	for host, n := range flight.most {
		if n > 1 {
			t.Errorf("%s had %d requests in flight at once; per_host is 1", host, n)
		}
	}
	for _, s := range sim.Sites() {
		if flight.most[s.Host] == 0 {
			t.Errorf("%s (%s) never requested", s.Host, s.Name)
		}
	}
	recs, err := pgstore.OpenRecords(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer recs.Close()
	want, archived := 0, map[string]bool{}
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Disallowed {
			return true
		}
		want++
		a, err := recs.Get(tr.URL)
		if err != nil {
			t.Errorf("article %s not archived (%v)", tr.URL, err)
			return true
		}
		if archived[a.URL] {
			t.Errorf("two articles archived as %s", a.URL)
		}
		archived[a.URL] = true
		if got := a.LineageNames(); !slices.Equal(got, tr.Lineage) {
			t.Errorf("%s: lineage %v, want %v", tr.URL, got, tr.Lineage)
		}
		return true
	})
	if n, _ := recs.Len(); n != want {
		t.Errorf("%d records for %d articles", n, want)
	}
}
