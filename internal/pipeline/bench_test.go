package pipeline_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// BenchmarkCrawl crawls a 20,000-article simulation without politeness
// delays, with WARC recording on, archives and indexes it, and reports
// pages/s and articles/s of the crawl, run-pages/s (the pages over the
// whole run's wall clock, the indexing after the crawl included) and WARC
// bytes per article; the CPU time (user and
// system) per page crawled of the crawl, from its start to its end (the
// indexing after it not counted), this process's and the simulation's
// together (crawl-cpu-ms/page), as BenchmarkCrawlWget counts wget's and
// the simulation's, and the crawler's minor page faults per page
// (crawl-faults/page: pages of its file maps read in again after a
// release, fresh heap; a count the machine's load does not move, unlike
// CPU time); and the memory of this process, the crawler's alone:
// the simulation runs in a process of its own (startSimProcess), as it
// does for wget and as the real sites do for `wenming crawl`. Memory is
// the peak Go heap and peak RSS (the test binary's own text, ~25 MB,
// included) of the whole run and of each of its phases, the crawl and the
// indexing after it (crawl-peak-…, index-peak-…; see memPeaks); the
// simulation process's peak RSS is reported apart (sim-peak-RSS-MB). The
// indexing after the crawl is reported as indexed/s (wall clock) and, less
// moved by the machine's load, as its CPU time and minor faults per
// article indexed (index-cpu-ms/article, index-faults/article), and the
// index's size on disk once the run has closed it (index-MB).
//
//	go test ./internal/pipeline -run '^$' -bench Crawl -benchtime 1x -timeout 60m
//
// WENMING_BENCH_ARTICLES changes the size, WENMING_BENCH_SITES the number
// of sites (sitesim's Options.Sites; the fixed 18 by default):
// WENMING_BENCH_SITES=3000 WENMING_BENCH_ARTICLES=12000 crawls a network
// of the real one's width, four articles a site. WENMING_BENCH_HEAPPROFILE=FILE
// writes heap profiles at each phase's peak to FILE.crawl and FILE.index.
// WENMING_BENCH_CRAWLPROFILE names a file for a CPU profile of the crawl
// alone (from its start to its end, the indexing after it left out; the
// crawler's, the simulation's not in it); WENMING_BENCH_INDEXPROFILE one
// of the indexing after it.
// WENMING_BENCH_SMAPS=FILE traces the resident memory of each mapped file
// and the pipeline's log into FILE (see smapsTrace).
func BenchmarkCrawl(b *testing.B) {
	n, sites := benchArticles(b), benchSites(b)
	for i := 0; i < b.N; i++ {
		// Calm: a throughput figure, not a measure of waiting out the
		// simulated rate limits and server errors (their waits are the
		// servers' to set).
		sim := startSimProcess(b, simChildSpec{Seed: 42, Articles: n, Sites: sites, Calm: true})
		cfg := pipelinetest.Config(sim.URL)
		cfg.Crawl.Workers = 16
		cfg.Crawl.PerHost = 4

		peaks := newMemPeaks()
		stop := make(chan struct{})
		go peaks.sample(b, stop)
		logger := startSmapsTrace(b, stop)
		// Progress is called once, when the crawl ends (before the
		// indexing): the CPU spent up to there is the crawl's.
		var crawlCPU, simCPU time.Duration
		stopProfile := startProfile(b, "WENMING_BENCH_CRAWLPROFILE")
		stopIndexProfile := func() {}
		var crawlFaults int64
		var crawlAllocs, crawlGCs uint64 // bytes allocated, collections
		var crawlGCCPU float64           // the collector's CPU, seconds
		var indexCPU0 time.Duration      // the process's CPU when the crawl ended
		var indexFaults0 int64
		// The cores' use from here to the crawl's end.
		trace := startCPUTrace(sim, 100*time.Millisecond, stop)
		sim0 := sim.Usage(b)
		cpu0, faults0 := proctest.CPUTime(), minorFaults()
		allocs0, gcs0, gcCPU0 := heapAllocs()
		crawlEnd := func(crawl.Stats) {
			if crawlCPU == 0 {
				simCPU = sim.Usage(b).CPU - sim0.CPU
				indexCPU0, indexFaults0 = proctest.CPUTime(), minorFaults()
				crawlCPU = indexCPU0 - cpu0 + simCPU
				crawlFaults = indexFaults0 - faults0
				allocs, gcs, gcCPU := heapAllocs()
				crawlAllocs, crawlGCs, crawlGCCPU = allocs-allocs0, gcs-gcs0, gcCPU-gcCPU0
				trace.markEnd()
				stopProfile()
				stopIndexProfile = startProfile(b, "WENMING_BENCH_INDEXPROFILE")
				peaks.next()
			}
		}
		// The WARC fsyncs (each shared by the articles waiting for it).
		var warcSyncs atomic.Int64
		start := time.Now()
		data := b.TempDir()
		opts := pipelinetest.Options(cfg, data)
		opts.Progress, opts.ProgressEvery, opts.Logger = crawlEnd, 24*time.Hour, logger
		opts.WARCSynced = func(string, int64) { warcSyncs.Add(1) }
		rep, err := pipeline.Crawl(context.Background(), opts)
		stopProfile()
		stopIndexProfile()
		indexCPU, indexFaults := proctest.CPUTime()-indexCPU0, minorFaults()-indexFaults0
		crawlTime := rep.Crawl.Duration
		total := time.Since(start)
		close(stop)
		simRSS := sim.Close(b)
		if err != nil {
			b.Fatal(err)
		}
		if simRSS > 0 {
			b.ReportMetric(float64(simRSS)/(1<<20), "sim-peak-RSS-MB")
		}
		b.ReportMetric(float64(rep.Crawl.Pages)/crawlTime.Seconds(), "pages/s")
		// The whole run, crawl and the indexing after it: what a user
		// waits for until the last page is searchable.
		b.ReportMetric(float64(rep.Crawl.Pages)/total.Seconds(), "run-pages/s")
		b.ReportMetric(float64(rep.Crawl.Pages), "pages")
		if rep.Crawl.Pages > 0 {
			b.ReportMetric(crawlCPU.Seconds()*1000/float64(rep.Crawl.Pages), "crawl-cpu-ms/page")
			b.ReportMetric(simCPU.Seconds()*1000/float64(rep.Crawl.Pages), "sim-cpu-ms/page")
			if crawlFaults > 0 {
				b.ReportMetric(float64(crawlFaults)/float64(rep.Crawl.Pages), "crawl-faults/page")
			}
			if crawlAllocs > 0 {
				// What drives the collector's CPU: the crawler's heap
				// allocation a page (the simulation's not in it), and
				// the collections the crawl made.
				b.ReportMetric(float64(crawlAllocs)/1024/float64(rep.Crawl.Pages), "crawl-alloc-KB/page")
				b.ReportMetric(float64(crawlGCs), "crawl-gcs")
				b.ReportMetric(crawlGCCPU*1000/float64(rep.Crawl.Pages), "crawl-gc-cpu-ms/page")
			}
		}
		b.ReportMetric(float64(rep.Crawl.ArticlesNew)/crawlTime.Seconds(), "articles/s")
		b.ReportMetric(float64(rep.Crawl.ArticlesNew), "articles")
		b.ReportMetric(float64(rep.Indexed)/(total-crawlTime).Seconds(), "indexed/s")
		if rep.Indexed > 0 && indexCPU0 > 0 {
			// The indexing after the crawl: its CPU and minor faults
			// per article, figures the machine's load moves less than
			// indexed/s.
			b.ReportMetric(indexCPU.Seconds()*1000/float64(rep.Indexed), "index-cpu-ms/article")
			if indexFaults > 0 {
				b.ReportMetric(float64(indexFaults)/float64(rep.Indexed), "index-faults/article")
			}
		}
		if rep.Crawl.ArticlesNew > 0 {
			b.ReportMetric(float64(rep.WARCBytes)/float64(rep.Crawl.ArticlesNew), "warc-bytes/article")
		}
		// The search index as the run left it, closed.
		b.ReportMetric(float64(proctest.MustDirSize(b, archive.IndexPath(data)))/(1<<20), "index-MB")
		if c := rep.RecordCommits; c.Commits > 0 {
			// The records' group commits during the crawl: how many,
			// the Puts each held and the pages each wrote.
			b.ReportMetric(float64(c.Commits), "store-commits")
			b.ReportMetric(float64(c.Puts)/float64(c.Commits), "store-puts/commit")
			b.ReportMetric(float64(c.Pages)/float64(c.Commits), "store-pages/commit")
		}
		b.ReportMetric(float64(warcSyncs.Load()), "warc-syncs")
		trace.report(b)
		peaks.next()
		peaks.report(b)
	}
}

// heapAllocs is the bytes the process allocated on the heap so far, the
// collections it completed and the CPU the collector spent, in seconds
// (runtime/metrics, the runtime's own estimate; zeros when the runtime
// does not say).
func heapAllocs() (bytes, gcs uint64, gcCPU float64) {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		bytes = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		gcs = s[1].Value.Uint64()
	}
	if s[2].Value.Kind() == metrics.KindFloat64 {
		gcCPU = s[2].Value.Float64()
	}
	return bytes, gcs, gcCPU
}

// startSmapsTrace starts a trace of the process's mapped memory into
// WENMING_BENCH_SMAPS, when set, sampled every 50 ms until stop closes,
// and returns the logger that logs the pipeline's messages into it (nil
// when unset).
func startSmapsTrace(b *testing.B, stop <-chan struct{}) *slog.Logger {
	path := os.Getenv("WENMING_BENCH_SMAPS")
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	tr := newSmapsTrace(f)
	go tr.run(50*time.Millisecond, stop)
	return tr.logger()
}

// startProfile starts a CPU profile into the file the environment
// variable env names, when set, and returns what stops it (once; later
// calls do nothing).
func startProfile(b *testing.B, env string) (stop func()) {
	path := os.Getenv(env)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		b.Fatal(err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			pprof.StopCPUProfile()
			if err := f.Close(); err != nil {
				b.Error(err)
			}
		})
	}
}

// memPeaks follows the memory of the process through the two phases of
// a crawl benchmark, the crawl and the indexing after it: the peak RSS of
// each (the kernel's high-water mark, reset between them through
// /proc/self/clear_refs), and the peaks of its anonymous RSS and of the
// Go heap in use, sampled every 100 ms. With WENMING_BENCH_HEAPPROFILE=FILE
// it writes a heap profile when the heap reaches a new peak to FILE.crawl
// and FILE.index (at most every ten seconds, and once it has grown by a
// tenth since the last one): what a profile at the end of the run would
// miss, once the crawl has let go of its memory.
type memPeaks struct {
	mu    sync.Mutex
	cur   phasePeak
	ended []phasePeak // of the phases ended, in order
	// hwm says the kernel's high-water mark counts from the phase's
	// start (from the process's, for the first).
	hwm     bool
	profile peakProfiler
}

// phasePeak is the memory of the process at its peak in one phase, in
// bytes; rss is 0 when the high-water mark could not be reset for it.
type phasePeak struct{ rss, anon, heap uint64 }

// benchPhases name the phases of a crawl benchmark.
var benchPhases = []string{"crawl", "index"}

func newMemPeaks() *memPeaks {
	m := &memPeaks{hwm: true}
	m.profile.path = heapProfilePath(0)
	return m
}

// heapProfilePath is where the heap profile of phase i goes, "" for none.
func heapProfilePath(i int) string {
	path := os.Getenv("WENMING_BENCH_HEAPPROFILE")
	if path == "" || i >= len(benchPhases) {
		return ""
	}
	return path + "." + benchPhases[i]
}

// sample samples the memory every 100 ms until stop closes.
func (m *memPeaks) sample(b *testing.B, stop <-chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		m.sampleOnce(b)
		select {
		case <-t.C:
		case <-stop:
			return
		}
	}
}

func (m *memPeaks) sampleOnce(b *testing.B) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	anon := procStatus("RssAnon:")
	m.mu.Lock()
	defer m.mu.Unlock()
	if ms.HeapInuse > m.cur.heap {
		m.cur.heap = ms.HeapInuse
		m.profile.atPeak(b, ms.HeapInuse)
	}
	m.cur.anon = max(m.cur.anon, anon)
}

// next ends the phase under way (after the last, it does nothing).
func (m *memPeaks) next() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.ended) >= len(benchPhases) {
		return
	}
	if m.hwm {
		m.cur.rss = procStatus("VmHWM:")
	}
	m.ended = append(m.ended, m.cur)
	m.cur = phasePeak{}
	// Not Linux, or not allowed: the next phases' peak RSS is unknown
	// (the whole run's is still known).
	m.hwm = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	m.profile = peakProfiler{path: heapProfilePath(len(m.ended))}
}

// report reports the peaks of the whole run (peak-RSS-MB,
// peak-anon-RSS-MB, peak-heap-MB) and of each phase.
func (m *memPeaks) report(b *testing.B) {
	m.mu.Lock()
	defer m.mu.Unlock()
	const mb = 1 << 20
	var all phasePeak
	for i, p := range m.ended {
		all = phasePeak{rss: max(all.rss, p.rss), anon: max(all.anon, p.anon), heap: max(all.heap, p.heap)}
		name := benchPhases[i]
		if p.rss > 0 {
			b.ReportMetric(float64(p.rss)/mb, name+"-peak-RSS-MB")
		}
		b.ReportMetric(float64(p.anon)/mb, name+"-peak-anon-MB")
		b.ReportMetric(float64(p.heap)/mb, name+"-peak-heap-MB")
	}
	b.ReportMetric(float64(all.heap)/mb, "peak-heap-MB")
	if rss := max(all.rss, procStatus("VmHWM:")); rss > 0 {
		b.ReportMetric(float64(rss)/mb, "peak-RSS-MB")
	}
	// The resident memory of the process's own, not counting the
	// pages of memory-mapped files (bbolt, index segments), which
	// the kernel reclaims when it needs them.
	if all.anon > 0 {
		b.ReportMetric(float64(all.anon)/mb, "peak-anon-RSS-MB")
	}
}

// peakProfiler writes a heap profile to path, when set, as the heap
// reaches new peaks (see memPeaks).
type peakProfiler struct {
	path     string
	last     time.Time
	lastPeak uint64
}

func (p *peakProfiler) atPeak(b *testing.B, heap uint64) {
	if p.path == "" || time.Since(p.last) < 10*time.Second || heap < p.lastPeak+p.lastPeak/10 {
		return
	}
	p.last, p.lastPeak = time.Now(), heap
	f, err := os.Create(p.path)
	if err != nil {
		b.Log(err)
		return
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Log(err)
	}
}

// procStatus reads a size in kB from /proc/self/status (Linux): field
// "VmHWM:" is the high-water resident set size, "RssAnon:" the resident
// anonymous memory now.
func procStatus(field string) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// benchArticles is the size of the crawl benchmarks' simulation: 20,000
// articles, or WENMING_BENCH_ARTICLES.
func benchArticles(b *testing.B) int { return benchNumber(b, "WENMING_BENCH_ARTICLES", 20000) }

// benchSites is WENMING_BENCH_SITES, 0 (the fixed 18 sites) when unset.
func benchSites(b *testing.B) int { return benchNumber(b, "WENMING_BENCH_SITES", 0) }

// benchNumber is the positive number the environment variable name holds,
// or def when it is unset.
func benchNumber(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		b.Fatalf("%s=%q: want a positive number", name, s)
	}
	return v
}

// BenchmarkCrawlWget runs the peer the crawl benchmark is compared with:
// GNU wget fetching the same simulation recursively through it as a proxy
// (`wget -r -l inf -H -D wenming.cn --warc-file`, robots.txt obeyed, one
// connection, WARC written), for at most WENMING_WGET_SECONDS (default
// 60) seconds, since a recursive wget walks into the simulation's traps
// and would not end. It reports the pages it was answered per second,
// and the CPU time per page of wget and of the simulation serving it (in
// a process of its own, as for BenchmarkCrawl), to set beside
// BenchmarkCrawl's crawl-cpu-ms/page; and the distinct articles among
// the pages it fetched (its log's URLs resolved by a simulation of the
// same seed: an article's aliases count once), per second until the last
// new one came (its log's times are to the second), to set beside
// BenchmarkCrawl's articles/s: wget's pages include the simulation's
// traps, which it never leaves, and the images it links. It is skipped
// when wget is not installed.
//
//	go test ./internal/pipeline -run '^$' -bench 'Crawl(Wget)?$' -benchtime 1x -timeout 40m
func BenchmarkCrawlWget(b *testing.B) {
	wget, err := exec.LookPath("wget")
	if err != nil {
		b.Skip("wget is not installed (Debian: apt-get install wget)")
	}
	limit := 60 * time.Second
	if s := os.Getenv("WENMING_WGET_SECONDS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("WENMING_WGET_SECONDS=%q: want a positive number", s)
		}
		limit = time.Duration(v) * time.Second
	}
	for i := 0; i < b.N; i++ {
		spec := simChildSpec{Seed: 42, Articles: benchArticles(b), Calm: true}
		sim := startSimProcess(b, spec)
		dir := b.TempDir()
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		cmd := exec.CommandContext(ctx, wget, "-r", "-l", "inf", "-H", "-D", "wenming.cn", "-nv",
			"-e", "robots=on", "-e", "use_proxy=yes", "-e", "http_proxy="+strings.TrimPrefix(sim.URL, "http://"),
			"--warc-file="+filepath.Join(dir, "wget"), "-P", filepath.Join(dir, "files"), "http://www.wenming.cn/")
		// -nv writes a line per URL fetched to standard error, which
		// went to a pipe read and dropped before: kept, it costs wget
		// nothing more.
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &log
		sim0 := sim.Usage(b)
		start := time.Now()
		err := cmd.Run()
		took := time.Since(start)
		// The simulation's CPU and wget's: what the crawl benchmark's
		// crawl-cpu-ms/page counts for wenming.
		sim1 := sim.Usage(b)
		pages, requests := sim1.Pages-sim0.Pages, sim1.Requests-sim0.Requests
		simCPU := sim1.CPU - sim0.CPU
		cpu := simCPU
		if ps := cmd.ProcessState; ps != nil {
			cpu += ps.UserTime() + ps.SystemTime()
		}
		cancel()
		sim.Close(b)
		if err != nil && ctx.Err() == nil {
			var ee *exec.ExitError
			// wget exits 8 when some page answered an error (the
			// simulation's 404s): the walk itself went on.
			if !errors.As(err, &ee) || ee.ExitCode() != 8 {
				b.Fatalf("wget: %v", err)
			}
		}
		b.ReportMetric(float64(pages)/took.Seconds(), "pages/s")
		b.ReportMetric(float64(requests)/took.Seconds(), "requests/s")
		b.ReportMetric(float64(pages), "pages")
		// Its articles per second are counted until the last new one:
		// it has them all well before its time is up, and spends the
		// rest in the simulation's calendar trap.
		articles, upToLast := distinctArticles(spec, wgetFetches(log.String()))
		if articles > 0 {
			b.ReportMetric(float64(articles)/upToLast.Seconds(), "articles/s")
			b.ReportMetric(upToLast.Seconds(), "seconds-to-last-article")
		}
		b.ReportMetric(float64(articles), "articles")
		if pages > 0 {
			b.ReportMetric(cpu.Seconds()*1000/float64(pages), "cpu-ms/page")
			b.ReportMetric(simCPU.Seconds()*1000/float64(pages), "sim-cpu-ms/page")
		}
	}
}

// wgetFetch is a URL wget fetched and saved, and when (to the second,
// as its -nv log says).
type wgetFetch struct {
	at  time.Time
	url string
}

// wgetFetches reads the lines "2026-12-06 11:18:30 URL:http://… [n/n] ->
// …" of wget's -nv log.
func wgetFetches(log string) []wgetFetch {
	var fs []wgetFetch
	for line := range strings.Lines(log) {
		stamp, rest, ok := strings.Cut(line, " URL:")
		if !ok {
			continue
		}
		at, err := time.ParseInLocation(time.DateTime, stamp, time.Local)
		u, _, ok := strings.Cut(rest, " ")
		if err == nil && ok {
			fs = append(fs, wgetFetch{at, u})
		}
	}
	return fs
}

// distinctArticles counts the articles of the simulation spec among the
// fetches: each once, under whichever of its URLs (aliases, pages of a
// multi-page one) it was fetched; and returns how long after the first
// fetch the last new one came (to the second, and at least one).
func distinctArticles(spec simChildSpec, fs []wgetFetch) (int, time.Duration) {
	sim := sitesim.New(sitesim.Options{Seed: spec.Seed, Articles: spec.Articles, Sites: spec.Sites, Calm: spec.Calm})
	seen := map[string]bool{}
	var last time.Time
	for _, f := range fs {
		if t, ok := sim.Truth(f.url); ok && !seen[t.URL] {
			seen[t.URL] = true
			last = f.at
		}
	}
	if len(seen) == 0 {
		return 0, 0
	}
	return len(seen), max(last.Sub(fs[0].at), time.Second)
}
