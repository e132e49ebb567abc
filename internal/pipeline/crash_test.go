package pipeline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/childtest"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
)

// crashChildEnv carries the child's settings, a crashSpec.
const crashChildEnv = "WENMING_CRASH_CHILD"

// crashSpec is what the crawler process of TestKillAndResume crawls: the
// simulation behind Proxy, into the archive Data.
type crashSpec struct{ Data, Proxy string }

// options are those of the crawls the crash tests stop and resume: four
// workers, one request a host at a time, quick retries.
func (s crashSpec) options() pipeline.Options {
	cfg := pipelinetest.Config(s.Proxy)
	cfg.Crawl.Workers, cfg.Crawl.PerHost = 4, 1
	return pipelinetest.Options(cfg, s.Data)
}

// TestCrashChild is the crawler process that TestKillAndResume kills. It
// does nothing unless started by that test.
func TestCrashChild(t *testing.T) {
	var s crashSpec
	if !childtest.Child(t, crashChildEnv, &s) {
		t.Skip("run by TestKillAndResume")
	}
	if _, err := pipeline.Crawl(context.Background(), s.options()); err != nil {
		t.Fatal(err)
	}
}

// TestKillAndResume kills the crawler with SIGKILL at several moments of a
// simulated crawl, restarts it each time, and checks the archive at the
// end: every article archived exactly once, no article page fetched again
// after it was archived (beyond the requests in flight at each kill),
// valid WARC files, and an index that agrees with the records.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts a crawler several times")
	}
	crawlBeside(t)
	var mu sync.Mutex
	gets := map[string]int{}
	var answered atomic.Int64 // GETs answered 200, to kill at a point of progress
	sim := sitesim.New(sitesim.Options{Seed: 11, Articles: 250, Log: func(r sitesim.Request) {
		// Only answered requests: the simulation's flaky answers (503,
		// 429, 5xx) are retried, which is no refetch of an archived page.
		if r.Method != "GET" || r.Status != http.StatusOK {
			return
		}
		answered.Add(1)
		u := "http://" + r.Host + r.Path
		if r.RawQuery != "" {
			u += "?" + r.RawQuery
		}
		mu.Lock()
		gets[u]++
		mu.Unlock()
	}})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	data := t.TempDir()
	spec := crashSpec{Data: data, Proxy: srv.URL}

	// Each kill comes after the child has had this many pages answered:
	// counted in requests, not in time, so that a slow start (a loaded
	// machine compiling or scheduling the child late) still kills the
	// crawl in the middle of its work rather than before it began.
	kills := []int64{30, 70, 45, 90}
	killed := 0
	for i, after := range kills {
		cmd := childtest.Command(t, "TestCrashChild", crashChildEnv, spec)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var err error
		select {
		case err = <-exited:
		case <-answeredAtLeast(&answered, answered.Load()+after, 2*time.Minute):
			cmd.Process.Kill() // SIGKILL: no chance to flush anything
			err = <-exited
		}
		t.Logf("kill %d after %d more pages answered: %v", i+1, after, err)
		if err == nil {
			t.Logf("the crawl finished before kill %d:\n%s", i+1, out.String())
		} else {
			killed++
		}
	}
	cmd := childtest.Command(t, "TestCrashChild", crashChildEnv, spec, "-test.v")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}

	// Every killed run is in the run log, as killed, once.
	logged, err := runs.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	killedLogged := 0
	for _, r := range logged {
		if r.Status == runs.StatusKilled {
			killedLogged++
		}
	}
	if killedLogged == 0 || killedLogged > killed || logged[len(logged)-1].Status != "ok" {
		t.Errorf("run log after %d kills: %d killed runs logged, last %+v", killed, killedLogged, logged[len(logged)-1])
	}

	st := bolttest.Open(t, archive.ArticlesPath(data), store.Open) // checked at the end
	reachable := 0
	refetched := 0
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Disallowed {
			return true
		}
		reachable++
		if _, err := st.Get(tr.URL); err != nil {
			t.Errorf("not archived after the kills: %s", tr.URL)
		}
		mu.Lock()
		n := gets[tr.URL]
		mu.Unlock()
		if n > 1 {
			refetched++
		}
		return true
	})
	n, _ := st.Len()
	if n != reachable {
		t.Errorf("archive holds %d records, want %d", n, reachable)
	}
	// At most the pages not yet durably done at each kill are fetched
	// again: one per worker (4) being fetched, up to four per worker whose
	// article is being stored apart from its worker (the crawl's bound on
	// pending commits), and one per worker whose result waits in the
	// scheduler's buffer for the frontier to mark it done.
	const workers = 4
	if limit := len(kills) * workers * (1 + 4 + 1); refetched > limit {
		t.Errorf("%d article pages fetched more than once; at most %d were in flight at the kills", refetched, limit)
	}
	t.Logf("%d articles, %d fetched twice across %d kills", reachable, refetched, len(kills))

	validateWARCs(t, filepath.Join(data, "warc"))
	if _, err := os.Stat(filepath.Join(data, "warc")); err != nil {
		t.Fatal(err)
	}
	wantSettled(t, data, n)
}

// answeredAtLeast returns a channel closed once n reaches want, or after
// limit has passed (the kill then comes late rather than never).
func answeredAtLeast(n *atomic.Int64, want int64, limit time.Duration) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		deadline := time.Now().Add(limit)
		for n.Load() < want && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return done
}

// wantSettled fails the test unless the archive in data is settled after
// a crawl that ended abnormally: its search index holds the n records,
// and no WARC file is left unfinished.
func wantSettled(t *testing.T, data string, n int) {
	t.Helper()
	ix := openIndex(t, data)
	defer ix.Close()
	if c, _ := ix.Count(); int(c) != n {
		t.Errorf("index holds %d documents, records %d", c, n)
	}
	if open, _ := filepath.Glob(filepath.Join(data, "warc", "*.open")); len(open) != 0 {
		t.Errorf("unfinished WARC files left: %v", open)
	}
}
