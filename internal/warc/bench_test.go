package warc

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	gowarc "github.com/internetarchive/gowarc"
)

// benchPage is a 30 KB article-like page; each URL gets a distinct payload.
var benchPage = pageBody("bench", 30<<10)

func benchServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!-- %s -->\n", r.URL.Path)
		io.WriteString(w, benchPage)
	}))
}

// runPages fetches b.N distinct pages with 4 workers per CPU and reports pages/s.
func runPages(b *testing.B, srv *httptest.Server, c *http.Client) {
	var n atomic.Int64
	b.SetParallelism(4)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := c.Get(fmt.Sprintf("%s/page/%d", srv.URL, n.Add(1)))
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "pages/s")
}

func dirSize(dir string) int64 {
	var total int64
	m, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz*"))
	for _, p := range m {
		if st, err := os.Stat(p); err == nil {
			total += st.Size()
		}
	}
	return total
}

// BenchmarkRecord compares a plain keep-alive client, the recording client
// of this package, and gowarc's own WARC-writing client (no keep-alive).
func BenchmarkRecord(b *testing.B) {
	srv := benchServer()
	defer srv.Close()

	b.Run("plain", func(b *testing.B) {
		t := &http.Transport{MaxIdleConnsPerHost: 16}
		defer t.CloseIdleConnections()
		runPages(b, srv, &http.Client{Transport: t})
	})

	b.Run("archive", func(b *testing.B) {
		dir := b.TempDir()
		rec, err := Open(Options{Dir: dir, MaxFileSize: 64 << 20})
		if err != nil {
			b.Fatal(err)
		}
		runPages(b, srv, rec.Client())
		b.StopTimer()
		if err := rec.Close(); err != nil {
			b.Fatal(err)
		}
		_, nbytes := rec.Stats()
		b.ReportMetric(float64(nbytes)/float64(b.N), "WARCbytes/page")
	})

	b.Run("gowarc-client", func(b *testing.B) {
		dir := b.TempDir()
		rs := gowarc.NewRotatorSettings()
		rs.OutputDirectory = dir
		rs.Prefix = "bench"
		rs.Compression = "GZIP"
		c, err := gowarc.NewWARCWritingHTTPClient(gowarc.HTTPClientSettings{RotatorSettings: rs, TempDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		go func() {
			for e := range c.ErrChan {
				b.Error(e.Func, e.Err)
			}
		}()
		runPages(b, srv, &c.Client)
		b.StopTimer()
		c.Close()
		b.ReportMetric(float64(dirSize(dir))/float64(b.N), "WARCbytes/page")
	})
}

// BenchmarkWriteExchange archives exchanges of a 15 KB page (the request
// and response records compressed and appended to the open file) without
// a network: the recording's own CPU per exchange. Each payload is stored
// in full (no revisits).
func BenchmarkWriteExchange(b *testing.B) {
	rec, err := Open(Options{Dir: b.TempDir(), MaxFileSize: 64 << 20, RevisitMinSize: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer rec.Close()
	body := pageBody("bench", 15<<10)
	xs := make([]*exchange, 64)
	for i := range xs {
		req := fmt.Sprintf("GET /a/%d.html HTTP/1.1\r\nHost: www.example.cn\r\nUser-Agent: wenming\r\nAccept-Encoding: gzip\r\n\r\n", i)
		page := fmt.Sprintf("<!-- %d -->\n", i) + body
		hdr := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(page))
		resp := []byte(hdr + page)
		xs[i] = &exchange{target: fmt.Sprintf("http://www.example.cn/a/%d.html", i), date: time.Now(), ip: "127.0.0.1",
			request: []byte(req), resp: resp, hdrLen: len(hdr), status: 200, mime: "text/html", payload: sha1Digest(resp[len(hdr):])}
	}
	for i := 0; b.Loop(); i++ {
		if _, err := rec.write(xs[i%len(xs)]); err != nil {
			b.Fatal(err)
		}
	}
	_, n := rec.Stats()
	b.ReportMetric(float64(n)/float64(b.N), "WARCbytes/exchange")
}
