package frontier

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

// prefillFlag sets the size of the seen-set before a Push benchmark starts;
// a crawl of 20,000 articles ends with one to two million.
var prefillFlag = flag.Int("prefill", 100_000, "seen URLs before BenchmarkPush starts")

var benchHosts = func() []string {
	h := make([]string, 20)
	for i := range h {
		h[i] = fmt.Sprintf("s%02d.wenming.cn", i)
	}
	return h
}()

func benchReq(i int) Request {
	h := benchHosts[i%len(benchHosts)]
	return Request{
		URL:     fmt.Sprintf("http://%s/wmcj/202503/t20250301_%08d.shtml", h, i),
		Host:    h,
		Kind:    "article",
		Depth:   3,
		Site:    h,
		Referer: "http://" + h + "/wmcj/index.shtml",
	}
}

func openBench(b *testing.B, noSync bool) *Frontier {
	b.Helper()
	f, err := open(filepath.Join(b.TempDir(), "frontier.db"), options{timeout: time.Second, noSync: noSync})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f
}

// prefill pushes requests [0, n) in pages of 1,000.
func prefill(b *testing.B, f *Frontier, n int) {
	b.Helper()
	page := make([]Request, 0, 1000)
	for i := range n {
		page = append(page, benchReq(i))
		if len(page) == cap(page) || i == n-1 {
			if _, err := f.Push(page...); err != nil {
				b.Fatal(err)
			}
			page = page[:0]
		}
	}
}

// BenchmarkPush pushes the links of one page: 50 per call, 40 of them
// (80%) already seen, over a seen-set of -prefill URLs.
func BenchmarkPush(b *testing.B) {
	for _, mode := range []struct {
		name   string
		noSync bool
	}{{"nosync", true}, {"fsync", false}} {
		b.Run(mode.name, func(b *testing.B) {
			benchPrefill := *prefillFlag
			f := openBench(b, mode.noSync)
			prefill(b, f, benchPrefill)
			rng := rand.New(rand.NewPCG(1, 2))
			page := make([]Request, 50)
			next := benchPrefill
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				for j := range page {
					if j%5 == 4 {
						page[j] = benchReq(next)
						next++
					} else {
						page[j] = benchReq(rng.IntN(benchPrefill))
					}
				}
				n, err := f.Push(page...)
				if err != nil {
					b.Fatal(err)
				}
				if n != 10 {
					b.Fatalf("Push added %d, want 10", n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(page)), "ns/link")
		})
	}
}

// BenchmarkPushAllSeen pushes pages of 50 links all already seen: the read
// path alone.
func BenchmarkPushAllSeen(b *testing.B) {
	benchPrefill := *prefillFlag
	f := openBench(b, true)
	prefill(b, f, benchPrefill)
	rng := rand.New(rand.NewPCG(1, 2))
	page := make([]Request, 50)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for j := range page {
			page[j] = benchReq(rng.IntN(benchPrefill))
		}
		if n, err := f.Push(page...); err != nil || n != 0 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkPop pops from 20 hosts in turn; with Done it is the full
// life of a request after its push.
func BenchmarkPop(b *testing.B) {
	for _, mode := range []struct {
		name         string
		noSync, done bool
	}{{"nosync", true, false}, {"nosync+done", true, true}, {"fsync", false, false}} {
		b.Run(mode.name, func(b *testing.B) {
			f := openBench(b, mode.noSync)
			prefill(b, f, b.N+len(benchHosts))
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				r, ok, err := f.Pop(benchHosts[i%len(benchHosts)])
				if err != nil || !ok {
					b.Fatal(ok, err)
				}
				if mode.done {
					if err := f.Done(r.URL); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
