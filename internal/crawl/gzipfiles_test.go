package crawl

import (
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestSimGzipFiles crawls the simulation with a county offering data
// releases as gzip files (sitesim.ExtraGzipFiles): linked from articles
// through a download script whose URL names no file type (the link text
// does: 附件【…tar.gz】), served as application/x-gzip, one of them a
// decompression bomb labelled Content-Encoding: gzip. Without
// CaptureAttachments no file is fetched: a link whose text names a
// document is no page. With it, each file is recorded on its article and
// fetched once, as it was sent (not decoded), the bomb included, at a
// bounded cost in memory. Before, the links were fetched as pages and the
// bomb ended the run's only error (decompression_bomb), and no file was
// an attachment.
func TestSimGzipFiles(t *testing.T) {
	for _, capture := range []bool{false, true} {
		name := map[bool]string{false: "pages", true: "attachments"}[capture]
		t.Run(name, func(t *testing.T) { crawlGzipFiles(t, capture) })
	}
}

func crawlGzipFiles(t *testing.T, capture bool) {
	var mu sync.Mutex
	asked := map[string]int{}
	opts := sitesim.Options{Seed: 7, Articles: 300, Calm: true, Extras: []string{sitesim.ExtraGzipFiles}, Log: func(r sitesim.Request) {
		if r.Path == "/system/_content/download.jsp" {
			mu.Lock()
			asked[r.RawQuery]++
			mu.Unlock()
		}
	}}
	peak, stop := heapPeak()
	sim, sum, sink, _ := simCrawlWith(t, opts, Options{CaptureAttachments: capture})
	stop()
	checkSimArchive(t, sim, sum, sink)
	files, bomb := sim.GzipFiles()
	if len(files) < 2 || bomb == "" {
		t.Fatalf("the simulation offers %d files, bomb %q", len(files), bomb)
	}
	mu.Lock()
	defer mu.Unlock()
	if !capture {
		if len(asked) > 0 {
			t.Errorf("data files fetched as pages: %v", asked)
		}
		return
	}
	offered := map[string]bool{}
	sink.mu.Lock()
	for _, a := range sink.urls {
		for _, at := range a.Attachments {
			offered[mustCanon(at.URL)] = true // as the page wrote it
		}
	}
	sink.mu.Unlock()
	for _, f := range files {
		if !offered[f] {
			t.Errorf("%s is no article's attachment", f)
		}
	}
	for q, n := range asked {
		if n != 1 {
			t.Errorf("download.jsp?%s asked %d times", q, n)
		}
	}
	if len(asked) != len(files) || sum.Attachments.Captured != int64(len(files)) {
		t.Errorf("%d files fetched, %d captured, want the %d offered", len(asked), sum.Attachments.Captured, len(files))
	}
	// The bomb inflates to 2 GiB: held decoded, or a page's 10 MiB cap
	// of it, the heap would show it.
	if p := peak(); p > 200<<20 {
		t.Errorf("peak heap %d MiB", p>>20)
	}
	t.Logf("%d files, peak heap %d MiB, attachments %+v", len(files), peak()>>20, sum.Attachments)
}

// heapPeak samples the heap's live objects until stop is called, and
// returns the highest sample.
func heapPeak() (peak func() uint64, stop func()) {
	var max atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > max.Load() {
				max.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return max.Load, func() { close(done); wg.Wait() }
}
