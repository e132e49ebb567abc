package pipeline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/childtest"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
)

// crashChildEnv carries the child's settings, a crashSpec.
const crashChildEnv = "WENMING_CRASH_CHILD"

// crashSpec is what the crawler process of TestKillAndResume crawls: the
// simulation behind Proxy, into the archive Data.
type crashSpec struct{ Data, Proxy string }

// TestCrashChild is the crawler process that TestKillAndResume kills. It
// does nothing unless started by that test.
func TestCrashChild(t *testing.T) {
	var s crashSpec
	if !childtest.Child(t, crashChildEnv, &s) {
		t.Skip("run by TestKillAndResume")
	}
	cfg := simConfig(s.Proxy)
	cfg.Crawl.Workers, cfg.Crawl.PerHost = 4, 1
	if _, err := pipeline.Crawl(context.Background(), pipeline.Options{Config: cfg, Data: s.Data, RetryBackoff: 10 * time.Millisecond}); err != nil {
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
	var mu sync.Mutex
	gets := map[string]int{}
	sim := sitesim.New(sitesim.Options{Seed: 11, Articles: 250, Log: func(r sitesim.Request) {
		// Only answered requests: the simulation's flaky answers (503,
		// 429, 5xx) are retried, which is no refetch of an archived page.
		if r.Method != "GET" || r.Status != http.StatusOK {
			return
		}
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

	kills := []time.Duration{300 * time.Millisecond, 700 * time.Millisecond, 450 * time.Millisecond, 900 * time.Millisecond}
	killed := 0
	for i, after := range kills {
		cmd := childtest.Command(t, "TestCrashChild", crashChildEnv, spec)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Kill() // SIGKILL: no chance to flush anything
		err := cmd.Wait()
		t.Logf("kill %d after %v: %v", i+1, after, err)
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
	// At most the requests in flight at each kill are fetched again: one
	// per worker (4) being fetched or stored, and one per worker whose
	// result waits in the scheduler's buffer for the frontier to mark it
	// done.
	if limit := len(kills) * 2 * 4; refetched > limit {
		t.Errorf("%d article pages fetched more than once; at most %d were in flight at the kills", refetched, limit)
	}
	t.Logf("%d articles, %d fetched twice across %d kills", reachable, refetched, len(kills))

	validateWARCs(t, filepath.Join(data, "warc"))
	if _, err := os.Stat(filepath.Join(data, "warc")); err != nil {
		t.Fatal(err)
	}
	wantSettled(t, data, n)
}

// wantSettled fails the test unless the archive in data is settled after
// a crawl that ended abnormally: its search index holds the n records,
// and no WARC file is left unfinished.
func wantSettled(t *testing.T, data string, n int) {
	t.Helper()
	ix, err := index.Open(archive.IndexPath(data))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if c, _ := ix.Count(); int(c) != n {
		t.Errorf("index holds %d documents, records %d", c, n)
	}
	if open, _ := filepath.Glob(filepath.Join(data, "warc", "*.open")); len(open) != 0 {
		t.Errorf("unfinished WARC files left: %v", open)
	}
}
