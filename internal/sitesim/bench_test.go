package sitesim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func BenchmarkTruth(b *testing.B) {
	sim := New(Options{Calm: true, Seed: 5, Articles: 200000})
	s := sim.sites[0]
	for i := 0; b.Loop(); i++ {
		sim.truth(s.at(i % s.n0))
	}
}

func BenchmarkArticlePage(b *testing.B) {
	sim := New(Options{Calm: true, Seed: 5, Articles: 200000})
	var urls []string
	sim.ForEachArticle(func(t Truth) bool {
		urls = append(urls, t.URL)
		return len(urls) < 500
	})
	for i := 0; b.Loop(); i++ {
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, httptest.NewRequest("GET", urls[i%len(urls)], nil))
	}
}

// BenchmarkCrawlMix serves the requests of a polite breadth-first crawl
// of a calm 2,000-article simulation (robots.txt honoured, traps not
// followed past the pages ordinary pages link), the mix the crawl bench
// asks of the simulation process: mostly article pages, then list pages,
// homepages, counters, robots.txt. It reports the handler's cost per
// request, without a network in between.
func BenchmarkCrawlMix(b *testing.B) {
	urls := crawlMix(b, New(Options{Calm: true, Seed: 42, Articles: 2000}))
	sim := New(Options{Calm: true, Seed: 42, Articles: 2000})
	w := &discardWriter{h: http.Header{}}
	b.ResetTimer()
	for b.Loop() {
		serveMix(sim, w, urls)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(urls)), "ns/request")
	b.ReportMetric(float64(len(urls)), "requests")
}

// serveMix asks sim for every URL of urls, in order.
func serveMix(sim *Sim, w *discardWriter, urls []string) {
	for _, u := range urls {
		clear(w.h)
		sim.ServeHTTP(w, httptest.NewRequest("GET", u, nil))
	}
}

// crawlMix lists the URLs a polite breadth-first crawl of sim requests
// (politeWalk), in order.
func crawlMix(b *testing.B, sim *Sim) []string {
	var out []string
	politeWalk(b, sim, func(u *url.URL, _ int, _ bool) { out = append(out, u.String()) }, func(string) {})
	return out
}

// discardWriter is a ResponseWriter that keeps nothing but its header.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

// WriteString is what net/http's response writer has too: the handler's
// io.WriteString writes without a copy.
func (w *discardWriter) WriteString(s string) (int, error) { return len(s), nil }

// ReadFrom is what net/http's response writer has too: ServeContent
// copies the page without a buffer of its own.
func (w *discardWriter) ReadFrom(r io.Reader) (int64, error) { return io.Copy(io.Discard, r) }
