package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/childtest"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
	"github.com/wenming-archive/wenming/internal/warc"
)

// The simulated crawl of TestDiskFull. Crawled whole, its WARC file
// (1.7 MB), records (1.3 MB) and queue take about 3.2 MB, and its search
// index 3.3 MB more.
const (
	diskFullArticles = 200
	diskFullWorkers  = 4
)

// smallFilesystems are the sizes TestDiskFull crawls into: the first ones
// fill up during the crawl (first the records, the WARC file or the
// queue, whichever grows past the room left), the last one once the
// crawl is over, while the search index is written.
var smallFilesystems = []struct {
	size    int
	inCrawl bool
}{{700 << 10, true}, {1200 << 10, true}, {1700 << 10, true}, {4200 << 10, false}}

// fullRun is what the crawl on the small filesystem ended with.
type fullRun struct {
	Kind, Dir, Err string
	Stopped        time.Time // when the crawler logged that it stops
}

// stopHandler notes when the crawler says it stops for a disk error.
type stopHandler struct {
	slog.Handler
	mu sync.Mutex
	at time.Time
}

func (h *stopHandler) Handle(ctx context.Context, r slog.Record) error {
	if strings.HasPrefix(r.Message, "cannot write the archive") {
		h.mu.Lock()
		if h.at.IsZero() {
			h.at = r.Time
		}
		h.mu.Unlock()
	}
	return h.Handler.Handle(ctx, r)
}

func diskFullConfig(proxy string) config.Config {
	cfg := pipelinetest.Config(proxy)
	cfg.Crawl.Workers = diskFullWorkers
	cfg.Crawl.MinFreeSpace = 1 << 30 // more than the small filesystem: a warning
	return cfg
}

// crawlUntilFull crawls into data, on a filesystem that fills up.
func crawlUntilFull(cfg config.Config, data string) (fullRun, pipeline.Report) {
	h := &stopHandler{Handler: slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})}
	opts := pipelinetest.Options(cfg, data)
	opts.Logger = slog.New(h)
	rep, err := pipeline.Crawl(context.Background(), opts)
	var fr fullRun
	if err != nil {
		fr.Err = err.Error()
	}
	var de *crawl.DiskError
	if errors.As(err, &de) {
		fr.Kind, fr.Dir = de.Kind, de.Dir
	}
	fr.Stopped = h.at
	return fr, rep
}

// diskFullChildEnv carries the fallback child's settings, a diskFullSpec.
const diskFullChildEnv = "WENMING_DISKFULL_CHILD"

// diskFullSpec is what the fallback child crawls: the simulation behind
// Proxy, into the archive Data, with files limited to Limit bytes.
type diskFullSpec struct {
	Data, Proxy string
	Limit       uint64
}

// TestDiskFullChild is the crawl TestDiskFull runs under RLIMIT_FSIZE when
// it may not mount a small filesystem. It does nothing unless started so.
func TestDiskFullChild(t *testing.T) {
	var s diskFullSpec
	if !childtest.Child(t, diskFullChildEnv, &s) {
		t.Skip("run by TestDiskFull")
	}
	// A write past the limit must fail with EFBIG, not kill the process.
	signal.Ignore(syscall.SIGXFSZ)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: s.Limit, Max: s.Limit}); err != nil {
		t.Fatal(err)
	}
	fr, _ := crawlUntilFull(diskFullConfig(s.Proxy), s.Data)
	b, _ := json.Marshal(fr)
	fmt.Printf("RESULT %s\n", b)
}

// TestDiskFull crawls a simulated hierarchy into an archive on a small
// filesystem that fills up mid-crawl: the run stops promptly with a
// disk-full error naming the archive, is logged as failed with the reason,
// and leaves WARC, CDXJ and records consistent. Once the filesystem is
// grown, the next run archives every article: none lost, none twice.
//
// The small filesystem is a tmpfs mount; where mounting is not permitted,
// a child process crawls under RLIMIT_FSIZE (files may not grow past a
// limit, which fails writes with EFBIG) instead.
func TestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a simulation twice for each of four filesystem sizes (about 15 s)")
	}
	for _, fs := range smallFilesystems {
		t.Run(fmt.Sprintf("%dKiB", fs.size>>10), func(t *testing.T) { testDiskFull(t, fs.size, fs.inCrawl) })
	}
}

// testDiskFull runs TestDiskFull with a filesystem of size bytes, which
// fills up during the crawl (inCrawl) or after it.
func testDiskFull(t *testing.T, size int, inCrawl bool) {
	var mu sync.Mutex
	var hits []time.Time
	// The simulation's clock starts at simNow when it is made: a
	// request's Time (its arrival) is then born + (Time - simNow) on the
	// wall clock, or a little later (born is taken after New).
	simNow := time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)
	var born time.Time
	sim := sitesim.New(sitesim.Options{Seed: 5, Articles: diskFullArticles, Now: simNow, Log: func(r sitesim.Request) {
		mu.Lock()
		hits = append(hits, born.Add(r.Time.Sub(simNow)))
		mu.Unlock()
	}})
	born = time.Now()
	srv := httptest.NewServer(sim)
	defer srv.Close()
	cfg := diskFullConfig(srv.URL)

	small := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(small, 0o755); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(small, "archive")
	var fr fullRun
	mounted := os.Getenv("WENMING_DISKFULL_RLIMIT") == "" &&
		syscall.Mount("tmpfs", small, "tmpfs", 0, fmt.Sprintf("size=%d", size)) == nil
	if mounted {
		t.Cleanup(func() { syscall.Unmount(small, syscall.MNT_DETACH) })
		var rep pipeline.Report
		fr, rep = crawlUntilFull(cfg, data)
		if len(rep.Warnings) == 0 || !strings.Contains(rep.Warnings[0], "crawl.min_free_space") {
			t.Errorf("no free-space warning before the run: %q", rep.Warnings)
		}
	} else {
		if !inCrawl {
			// RLIMIT_FSIZE limits each file, not the filesystem: the
			// index written after the crawl is many segment files, none
			// of them as large as the crawl's own files, so no limit
			// fills it up after the crawl and not during it.
			t.Skip("a filesystem that fills up after the crawl needs a tmpfs mount (not permitted here, or WENMING_DISKFULL_RLIMIT is set): RLIMIT_FSIZE limits single files only")
		}
		t.Logf("mounting a tmpfs is not permitted here (or WENMING_DISKFULL_RLIMIT is set); limiting file sizes with RLIMIT_FSIZE in a child instead")
		cmd := childtest.Command(t, "TestDiskFullChild", diskFullChildEnv, diskFullSpec{Data: data, Proxy: srv.URL, Limit: uint64(size) / 2})
		out, err := cmd.CombinedOutput()
		_, res, ok := strings.Cut(string(out), "RESULT ")
		if err != nil || !ok || json.Unmarshal([]byte(strings.SplitN(res, "\n", 2)[0]), &fr) != nil {
			t.Fatalf("child crawl: %v\n%s", err, out)
		}
	}

	// Stopped for a full disk, naming the archive and what to do.
	if fr.Kind != crawl.KindDiskFull || fr.Dir != data || !strings.Contains(fr.Err, "run the same command again") {
		t.Fatalf("crawl on a full disk ended with %+v, want a %s error naming %s", fr, crawl.KindDiskFull, data)
	}
	t.Logf("first run: %s", fr.Err)
	mu.Lock()
	arrived := slices.Clone(hits)
	mu.Unlock()
	if !inCrawl {
		if !fr.Stopped.IsZero() {
			t.Fatalf("the filesystem filled during the crawl, want after it (grow smallFilesystems[%d])", len(smallFilesystems)-1)
		}
		t.Logf("filesystem full after the crawl (%d requests)", len(arrived))
	} else {
		checkPrompt(t, fr, arrived)
	}

	// Logged as failed, with the reason; no marker of a running run left.
	logged, err := runs.Read(data)
	if err != nil || len(logged) != 1 {
		t.Fatalf("run log: %+v %v", logged, err)
	}
	if r := logged[0]; r.Status != "failed" || !strings.Contains(r.Error, "disk full") || r.Errors[crawl.KindDiskFull] == 0 || r.Errors[crawl.KindNetwork] != 0 {
		t.Errorf("run logged as %s: %q, errors %v", r.Status, r.Error, r.Errors)
	}
	if _, ok, _ := runs.Current(data); ok {
		t.Error("a marker of a running run is left")
	}

	// Space is freed: the filesystem grows (or, under RLIMIT_FSIZE, the
	// limit is gone).
	if mounted {
		if err := syscall.Mount("tmpfs", small, "tmpfs", syscall.MS_REMOUNT, "size=64m"); err != nil {
			t.Fatalf("grow the filesystem: %v", err)
		}
	}
	cfg.Crawl.MinFreeSpace = 1 << 20
	rep, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatalf("crawl after space was freed: %v", err)
	}
	// A crawl stopped by the full disk is resumed; one that was over is
	// not, and the new pass settles what the failed run could not.
	if rep.Resumed != inCrawl || rep.Crawl.Pending != 0 || len(rep.Warnings) != 0 {
		t.Errorf("second run: resumed %v, %d pending, warnings %q; want resumed %v, finished, no warning", rep.Resumed, rep.Crawl.Pending, rep.Warnings, inCrawl)
	}
	t.Logf("second run: %d requests, %d new articles, %d in the archive", rep.Crawl.Requests, rep.Crawl.ArticlesNew, rep.Total)
	checkComplete(t, sim, data)
	if logged, _ := runs.Read(data); len(logged) != 2 || logged[1].Status != "ok" {
		t.Errorf("run log after the second run: %+v", logged)
	}
}

// checkPrompt checks that the crawl stopped at once: the requests in
// flight at the first failure, no more.
func checkPrompt(t *testing.T, fr fullRun, arrived []time.Time) {
	t.Helper()
	before, after := 0, 0
	for _, h := range arrived {
		if h.After(fr.Stopped) {
			after++
		} else {
			before++
		}
	}
	// Each worker may have a page and the counter or retry it leads to
	// on the way; on a loaded machine a third one can slip past the moment
	// the stop is logged. A crawl that did not stop goes on for hundreds.
	if fr.Stopped.IsZero() || after > 3*diskFullWorkers {
		t.Errorf("%d requests after the crawl said it stops (at %v), want ≤ %d", after, fr.Stopped, 3*diskFullWorkers)
	}
	t.Logf("filesystem full after %d requests; %d more after the stop", before, after)
}

// checkComplete checks an archive against its simulation: every reachable
// article archived once, with a capture in a valid WARC file that the
// CDXJ names; the index agrees with the records.
func checkComplete(t *testing.T, sim *sitesim.Sim, data string) {
	t.Helper()
	warcDir := filepath.Join(data, "warc")
	validateWARCs(t, warcDir)
	indexed := indexedURLs(t, warcDir)
	for c, err := range warc.ReadIndex(warcDir) {
		if err != nil {
			t.Fatal(err)
		}
		if c.Status == 200 {
			checkCapture(t, warcDir, &article.Article{URL: c.URL, Capture: &article.Capture{File: c.File, Offset: c.Offset, Length: c.Length}})
		}
	}
	st := bolttest.Open(t, archive.ArticlesPath(data), store.Open) // checked at the end
	reachable, lost := 0, 0
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Disallowed {
			return true
		}
		reachable++
		a, err := st.Get(tr.URL)
		if err != nil {
			lost++
			t.Errorf("lost: %s", tr.URL)
			return true
		}
		checkCapture(t, warcDir, a)
		if !indexed[a.URL] {
			t.Errorf("%s: not in the CDXJ index", a.URL)
		}
		return true
	})
	n, _ := st.Len()
	if n != reachable || lost != 0 {
		t.Errorf("archive holds %d records, %d of %d reachable articles lost", n, lost, reachable)
	}
	wantSettled(t, data, n)
}
