package crawl

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestManyHostsFewConnections crawls a hierarchy of 200 sites straight,
// as a crawl of the real network does (no proxy: a connection per host,
// every host dialled to the loopback server, the crawler's own transport
// otherwise), and counts its open files: the idle keep-alive connections
// are bounded for the crawl, not kept one per host (3,000 hosts would
// hold 3,000 connections, twice the files in a process that also serves
// them, past many a system's limit of 1,024), and no goroutine is kept
// per host.
func TestManyHostsFewConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of 200 sites (about 4 s of CPU)")
	}
	// 200 sites: the peaks are those of 400 (files grow by 210, goroutines
	// by 330, bounded by the transport's 100 idle connections), while a
	// connection kept per host (MaxIdleConns 0) grows the files by 400 and
	// the goroutines by 610, past both bounds (checked).
	const sites = 200
	var mu sync.Mutex
	hosts := map[string]bool{}
	sim := sitesim.New(sitesim.Options{Seed: 3, Sites: sites, Articles: sites, Calm: true, Log: func(r sitesim.Request) {
		mu.Lock()
		hosts[r.Host] = true
		mu.Unlock()
	}})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	c, _ := newTestCrawler(t, "", t.TempDir(), Options{Workers: 8, PerHost: 1,
		Seeds: []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}}, nopSink)
	tr, ok := c.client.Transport.(gated).inner.(guard).inner.(*http.Transport)
	if !ok {
		t.Fatalf("the crawler's transport is %T", c.client.Transport)
	}
	var d net.Dialer
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, srv.Listener.Addr().String())
	}
	before, goroutines0 := proctest.OpenFiles(), runtime.NumGoroutine()
	peaks := proctest.Peaks(10 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err := c.Run(ctx)
	peakGoroutines, peakFiles := peaks()
	if err != nil {
		t.Fatal(err)
	}
	if len(hosts) != sites {
		t.Errorf("%d hosts requested, want the %d sites", len(hosts), sites)
	}
	// Each connection is two files here (the server's end too): at most
	// the transport's idle connections and those of the requests in flight.
	if grown := peakFiles - before; grown > 2*(tr.MaxIdleConns+8)+20 {
		t.Errorf("open files grew by %d crawling %d hosts (idle connections kept: at most %d)", grown, sites, tr.MaxIdleConns)
	}
	if grown := peakGoroutines - goroutines0; grown > 4*(tr.MaxIdleConns+8)+60 {
		t.Errorf("goroutines grew by %d crawling %d hosts", grown, sites)
	}
	t.Logf("%d hosts: open files %d → peak %d, goroutines %d → peak %d", sites, before, peakFiles, goroutines0, peakGoroutines)
}
