package crawl

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/warc"
)

// hostileSite is a tiny site, served by host name (the test server is the
// crawler's proxy): the homepage of top.wenming.test links to an ordinary
// article, /good.html, and to /bad.html, which the bad handler serves.
type hostileSite struct {
	bad http.HandlerFunc

	mu      sync.Mutex
	badHits int
}

func (s *hostileSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if offHost(w, r, "top.wenming.test") {
		return
	}
	switch r.URL.Path {
	case "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	case "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>顶层文明网</title></head><body><a href="/">首页</a>`+
			`<ul><li><a href="/good.html">第一条新闻</a></li><li><a href="/bad.html">第二条新闻</a></li></ul></body></html>`)
	case "/good.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML("第一条"))
	case "/bad.html":
		s.mu.Lock()
		s.badHits++
		s.mu.Unlock()
		s.bad(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (s *hostileSite) hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.badHits
}

// articleHTML is a page the extractor takes for an article.
func articleHTML(title string) string {
	return `<html><head><title>` + title + `</title></head><body><a href="/">首页</a><div class="article"><h1>` + title + `新闻</h1>` +
		`<div class="info">发布时间：2023-03-22 10:00 来源：本站</div>` +
		`<div class="content"><p>近日，顶层文明网组织开展了“文明实践进社区”志愿服务活动，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>` +
		`<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办。</p></div></div></body></html>`
}

// zeroDeflate is raw deflate data for n MiB of zero bytes, about 1 KiB per
// MiB, built in milliseconds: one flushed MiB repeated (compressing the
// whole would take seconds).
func zeroDeflate(n int) []byte {
	zero := make([]byte, 1<<20)
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	var marks []int
	for i := 0; i < 3; i++ {
		w.Write(zero)
		w.Flush() // an empty stored block: each MiB ends on a byte boundary
		marks = append(marks, b.Len())
	}
	first, seg := b.Bytes()[:marks[0]], b.Bytes()[marks[1]:marks[2]]
	if !bytes.Equal(b.Bytes()[marks[0]:marks[1]], seg) {
		panic("deflate segments differ")
	}
	out := append([]byte{}, first...)
	for i := 1; i < n; i++ {
		out = append(out, seg...)
	}
	return append(out, 1, 0, 0, 0xff, 0xff) // a final empty stored block
}

var (
	bombsOnce             sync.Once
	gzipBomb, deflateBomb []byte
)

// bombs returns a gzip and a zlib ("deflate") body of 1 MiB each that
// decode to 1 GiB.
func bombs() (gz, zl []byte) {
	bombsOnce.Do(func() {
		const mib = 1024
		raw := zeroDeflate(mib)
		zero := make([]byte, 1<<20)
		crc := uint32(0)
		for i := 0; i < mib; i++ {
			crc = crc32.Update(crc, crc32.IEEETable, zero)
		}
		gzipBomb = append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff}, raw...)
		gzipBomb = binary.LittleEndian.AppendUint32(gzipBomb, crc)
		gzipBomb = binary.LittleEndian.AppendUint32(gzipBomb, uint32(mib<<20)) // size mod 2^32
		deflateBomb = append([]byte{0x78, 0xda}, raw...)
		// Adler-32 of n zero bytes: a = 1, b = n mod 65521.
		deflateBomb = binary.BigEndian.AppendUint32(deflateBomb, uint32((mib<<20)%65521)<<16|1)
	})
	return gzipBomb, deflateBomb
}

func TestBombsAreValid(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 2 GiB")
	}
	gz, zl := bombs()
	gr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := io.Copy(io.Discard, gr); err != nil || n != 1<<30 {
		t.Errorf("gzip bomb: %d bytes, %v", n, err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(zl))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := io.Copy(io.Discard, zr); err != nil || n != 1<<30 {
		t.Errorf("deflate bomb: %d bytes, %v", n, err)
	}
	if len(gz) > 2<<20 || len(zl) > 2<<20 {
		t.Errorf("bombs of %d and %d bytes", len(gz), len(zl))
	}
}

// hijack takes over the connection and writes raw bytes (nil for none).
// With reset, closing it sends a TCP RST instead of a FIN.
func hijack(w http.ResponseWriter, raw string, reset bool) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	buf.Flush()
	io.WriteString(conn, raw)
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		tc.SetLinger(0)
	}
	conn.Close()
}

// drip writes the headers, then one byte every interval until the client
// gives up.
func drip(interval time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "100000")
		w.WriteHeader(http.StatusOK)
		rc := http.NewResponseController(w)
		for {
			if _, err := io.WriteString(w, "<"); err != nil {
				return
			}
			rc.Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(interval):
			}
		}
	}
}

// big writes n bytes of HTML, announcing the length or not (chunked).
func big(n int, announce bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if announce {
			w.Header().Set("Content-Length", fmt.Sprint(n))
		}
		chunk := bytes.Repeat([]byte("<p>文明实践</p>\n"), 4096)
		for n > 0 {
			k := min(n, len(chunk))
			if _, err := w.Write(chunk[:k]); err != nil {
				return
			}
			n -= k
		}
	}
}

// encoded serves body with the given headers.
func encoded(body []byte, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.Write(body)
	}
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	io.WriteString(w, s)
	w.Close()
	return b.Bytes()
}

func rawDeflated(s string) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	io.WriteString(w, s)
	w.Close()
	return b.Bytes()
}

func gbk(s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// TestHostileServers crawls a tiny site whose /bad.html misbehaves in one
// way per case. The crawl ends in bounded time and memory, counts the
// failure under its kind (retrying only what may pass), archives nothing
// of the bad page, and still archives the good one.
func TestHostileServers(t *testing.T) {
	const timeout = 2 * time.Second
	gzBomb, zlBomb := bombs()
	withMeta := strings.Replace(articleHTML("第二条"), "<head>", `<head><meta charset="gbk">`, 1)
	pre, post, _ := strings.Cut(withMeta, "近日，")
	// 0x81 0x7f is no GBK character, nor is a lone 0xff.
	invalidGBK := bytes.Join([][]byte{gbk(pre + "近日"), {0x81, 0x7f}, gbk("，" + post), {0xff}}, nil)
	invalidUTF8 := strings.Replace(articleHTML("第二条"), "近日，", "近日\xff\xfe，", 1)
	half := articleHTML("第二条")[:300]

	cases := []struct {
		name string
		bad  http.HandlerFunc
		kind string // "" for a page fetched without error
		// archived: the bad page is an article that is archived.
		archived bool
		// replaced: invalid bytes in the archived text became U+FFFD.
		replaced bool
		// retried: fetched again after the failure (Retries is 1).
		retried bool
		// maxAlloc bounds the bytes allocated over the whole crawl (0:
		// unchecked): about the 10 MiB cap, not the 30 MiB or 1 GiB sent.
		maxAlloc uint64
		// slow: the case waits for the timeout. The slow cases wait
		// together, once the others are done: those count the bytes the
		// whole process allocates (maxAlloc), and run alone.
		slow bool
	}{
		{name: "slow drip", bad: drip(time.Second), kind: KindTimeout, retried: true, slow: true},
		{name: "stall halfway", kind: KindTimeout, retried: true, slow: true, bad: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(2*len(half)))
			io.WriteString(w, half)
			http.NewResponseController(w).Flush()
			<-r.Context().Done()
		}},
		{name: "Content-Length longer than body", kind: KindTruncated, retried: true, bad: func(w http.ResponseWriter, r *http.Request) {
			hijack(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"+half, false)
		}},
		{name: "chunked body cut off", kind: KindTruncated, retried: true, bad: func(w http.ResponseWriter, r *http.Request) {
			hijack(w, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(half), half), false)
		}},
		{name: "gzip body cut off", kind: KindTruncated, retried: true, bad: func(w http.ResponseWriter, r *http.Request) {
			gz := gzipped(articleHTML("第二条"))
			hijack(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"+string(gz[:len(gz)/2]), false)
		}},
		{name: "30 MB page, chunked", bad: big(30<<20, false), kind: KindTooLarge, maxAlloc: 32 << 20},
		{name: "30 MB page, Content-Length", bad: big(30<<20, true), kind: KindTooLarge, maxAlloc: 32 << 20},
		{name: "gzip bomb", bad: encoded(gzBomb, "Content-Type", "text/html", "Content-Encoding", "gzip"), kind: KindDecompressionBomb, maxAlloc: 32 << 20},
		{name: "deflate bomb", bad: encoded(zlBomb, "Content-Type", "text/html", "Content-Encoding", "deflate"), kind: KindDecompressionBomb, maxAlloc: 32 << 20},
		// Not a page: fetched, not decoded, not archived.
		{name: "application/x-gzip bomb", bad: encoded(gzBomb, "Content-Type", "application/x-gzip"), kind: "", maxAlloc: 32 << 20},
		{name: "corrupt gzip", bad: encoded([]byte("\x1f\x8b\x08\x00garbage garbage garbage"), "Content-Type", "text/html", "Content-Encoding", "gzip"), kind: KindBadEncoding},
		{name: "gzip page", bad: encoded(gzipped(articleHTML("第二条")), "Content-Type", "text/html; charset=utf-8", "Content-Encoding", "gzip"), archived: true},
		// A front that decompressed the page kept the label (sites.md):
		// the bytes are the page.
		{name: "plain page labelled gzip", bad: encoded([]byte(articleHTML("第二条")), "Content-Type", "text/html; charset=utf-8", "Content-Encoding", "gzip"), archived: true},
		{name: "plain page labelled deflate", bad: encoded([]byte("\r\n"+articleHTML("第二条")), "Content-Type", "text/html; charset=utf-8", "Content-Encoding", "deflate"), archived: true},
		{name: "raw deflate page", bad: encoded(rawDeflated(articleHTML("第二条")), "Content-Type", "text/html; charset=utf-8", "Content-Encoding", "deflate"), archived: true},
		{name: "connection reset", kind: KindConnectionReset, retried: true, bad: func(w http.ResponseWriter, r *http.Request) {
			hijack(w, "", true)
		}},
		{name: "connection reset mid-body", kind: KindConnectionReset, retried: true, bad: func(w http.ResponseWriter, r *http.Request) {
			hijack(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"+half, true)
		}},
		// colly must not decode the charset before the crawler does.
		{name: "GBK page, charset in header", bad: encoded(gbk(articleHTML("第二条")), "Content-Type", "text/html; charset=GBK"), archived: true},
		{name: "invalid GBK bytes, charset in header", bad: encoded(invalidGBK, "Content-Type", "text/html; charset=gbk"), archived: true, replaced: true},
		{name: "invalid GBK bytes, charset in meta", bad: encoded(invalidGBK, "Content-Type", "text/html"), archived: true, replaced: true},
		{name: "invalid UTF-8 bytes", bad: encoded([]byte(invalidUTF8), "Content-Type", "text/html; charset=utf-8"), archived: true, replaced: true},
		{name: "redirect to file:", kind: KindBadScheme, bad: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		}},
		{name: "redirect to ftp:", kind: KindBadScheme, bad: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "ftp://top.wenming.test/x", http.StatusMovedPermanently)
		}},
		{name: "redirect loop", kind: KindRedirectLoop, bad: func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(r.URL.Query().Get("n"))
			http.Redirect(w, r, fmt.Sprintf("/bad.html?n=%d", n+1), http.StatusFound)
		}},
		{name: "10 redirects", archived: true, bad: func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(r.URL.Query().Get("n"))
			if n < maxRedirects {
				http.Redirect(w, r, fmt.Sprintf("/bad.html?n=%d", n+1), http.StatusFound)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, articleHTML("第二条"))
		}},
		{name: "redirect out of scope", kind: KindRedirect, bad: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://elsewhere.test/", http.StatusFound)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.slow {
				if testing.Short() {
					t.Skip("waits for the timeout")
				}
				t.Parallel()
			}
			site := &hostileSite{bad: tc.bad}
			srv := httptest.NewServer(site)
			defer srv.Close()
			var archived urlSink
			c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: 2, Timeout: timeout, Retries: 1}, archived.store)

			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			sum, err := c.Run(context.Background())
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}

			// Bounded time: every fetch of the bad page ends within the
			// timeout (it is fetched twice where retried).
			if limit := 2*timeout + 10*time.Second; took > limit {
				t.Errorf("crawl took %v, over %v", took, limit)
			}
			// Bounded memory.
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("crawl took %v, allocated %.1f MiB; errors %v %v", took.Round(time.Millisecond), float64(alloc)/(1<<20), sum.Errors, sum.ErrorSamples)
			if tc.maxAlloc > 0 && alloc > tc.maxAlloc {
				t.Errorf("crawl allocated %d MiB, over %d MiB", alloc>>20, tc.maxAlloc>>20)
			}

			// The error kind, and nothing else.
			want := map[string]int64{}
			if tc.kind != "" {
				want[tc.kind] = 1
			}
			if fmt.Sprint(sum.Errors) != fmt.Sprint(want) {
				t.Errorf("errors %v, want %v (samples %v)", sum.Errors, want, sum.ErrorSamples)
			}
			hits := site.hits()
			switch {
			case strings.Contains(tc.name, "redirects"), tc.kind == KindRedirectLoop:
				if hits != 1+maxRedirects {
					t.Errorf("redirect chain of %d requests, want %d (not retried)", hits, 1+maxRedirects)
				}
			case tc.retried && hits < 2:
				t.Errorf("bad page fetched %d times, want a retry", hits)
			case !tc.retried && hits != 1:
				t.Errorf("bad page fetched %d times, want once", hits)
			}

			// The good page is archived; the bad one only if it is a page.
			archived.mu.Lock()
			defer archived.mu.Unlock()
			got := map[string]*article.Article{}
			for _, a := range archived.urls {
				got[strings.TrimPrefix(a.URL, "http://top.wenming.test")] = a
				// A page reached through redirects is stored under its
				// target, with the linked URL as an alias.
				for _, alias := range a.Aliases {
					got[strings.TrimPrefix(alias, "http://top.wenming.test")] = a
				}
			}
			if got["/good.html"] == nil {
				t.Errorf("good page not archived; archived %d articles", len(archived.urls))
			}
			bad := got["/bad.html"]
			if tc.archived != (bad != nil) {
				t.Fatalf("bad page archived: %v, want %v", bad != nil, tc.archived)
			}
			if bad != nil {
				if !utf8.ValidString(bad.Body) || !utf8.ValidString(bad.Title) {
					t.Errorf("archived invalid UTF-8: %q", bad.Body)
				}
				if !strings.Contains(bad.Body, "志愿者们走进社区") || !strings.Contains(bad.Title, "第二条") {
					t.Errorf("archived body is not the page's text: %q / %q", bad.Title, bad.Body)
				}
				if tc.replaced != strings.Contains(bad.Body, "\uFFFD") {
					t.Errorf("replacement characters: %v, want %v: %q", !tc.replaced, tc.replaced, bad.Body)
				}
			}
		})
	}
}

// TestErrorKinds checks the classification of errors as they reach the
// crawler (wrapped by net/http and colly) and the retry decision.
func TestErrorKinds(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("Get %q: %w", "http://x/", err) }
	cases := []struct {
		err   error
		kind  string
		retry bool
	}{
		{wrap(&FetchError{Kind: KindTooLarge, Err: errors.New("big")}), KindTooLarge, false},
		{wrap(&FetchError{Kind: KindDecompressionBomb, Err: errors.New("bomb")}), KindDecompressionBomb, false},
		{wrap(&FetchError{Kind: KindBadScheme, Err: errors.New("file")}), KindBadScheme, false},
		{wrap(&FetchError{Kind: KindRedirectLoop, Err: errors.New("loop")}), KindRedirectLoop, false},
		{wrap(&FetchError{Kind: KindTruncated, Err: io.ErrUnexpectedEOF}), KindTruncated, true},
		{wrap(fmt.Errorf("redirect to x: %w", errRobots)), KindRedirect, false},
		{wrap(context.DeadlineExceeded), KindTimeout, true},
		{wrap(&net.OpError{Op: "read", Err: timeoutErr{}}), KindTimeout, true},
		{wrap(&net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), KindConnectionReset, true},
		{wrap(io.EOF), KindConnectionReset, true},
		{wrap(io.ErrUnexpectedEOF), KindTruncated, true},
		{wrap(errors.New("dial tcp: lookup x: no such host")), KindNetwork, true},
	}
	for _, tc := range cases {
		f := &fetched{err: tc.err}
		if got := errorKind(f); got != tc.kind {
			t.Errorf("%v: kind %q, want %q", tc.err, got, tc.kind)
		}
		if got := retryable(f); got != tc.retry {
			t.Errorf("%v: retryable %v, want %v", tc.err, got, tc.retry)
		}
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// TestHostileWARC crawls through the WARC recorder: the guard reads the
// recorder's body, so a gzip-encoded page is archived as the bytes on the
// wire (still gzip-encoded) while the crawler gets the decoded page, and a
// truncated answer leaves no record behind.
func TestHostileWARC(t *testing.T) {
	page := gzipped(articleHTML("第二条"))
	cases := []struct {
		name     string
		bad      http.HandlerFunc
		kind     string
		recorded bool
	}{
		{name: "gzip page", bad: encoded(page, "Content-Type", "text/html; charset=utf-8", "Content-Encoding", "gzip"), recorded: true},
		{name: "truncated", kind: KindTruncated, bad: func(w http.ResponseWriter, r *http.Request) {
			hijack(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html>", false)
		}},
		{name: "30 MB page", kind: KindTooLarge, bad: big(30<<20, true)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := &hostileSite{bad: tc.bad}
			srv := httptest.NewServer(site)
			defer srv.Close()
			dir := t.TempDir()
			rec, err := warc.Open(warc.Options{Dir: filepath.Join(dir, "warc"), Proxy: srv.URL, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			var archived urlSink
			c, _ := newTestCrawler(t, srv.URL, dir, Options{Workers: 2, Timeout: 5 * time.Second, Transport: rec.Transport()}, archived.store)
			sum, err := c.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			const badURL = "http://top.wenming.test/bad.html"
			capture, recorded := rec.Lookup(badURL)
			_, goodRecorded := rec.Lookup("http://top.wenming.test/good.html")
			if err := rec.Close(); err != nil {
				t.Fatal(err)
			}
			want := map[string]int64{}
			if tc.kind != "" {
				want[tc.kind] = 1
			}
			if fmt.Sprint(sum.Errors) != fmt.Sprint(want) {
				t.Errorf("errors %v, want %v (samples %v)", sum.Errors, want, sum.ErrorSamples)
			}
			if !goodRecorded {
				t.Error("good page not in the WARC")
			}
			if recorded != tc.recorded {
				t.Fatalf("bad page in the WARC: %v, want %v", recorded, tc.recorded)
			}
			if tc.recorded != (archived.get(badURL) != nil) {
				t.Errorf("bad page archived: %v, want %v", !tc.recorded, tc.recorded)
			}
			if !recorded {
				return
			}
			// The response record holds the gzip body as it was sent.
			f, err := os.ReadFile(filepath.Join(dir, "warc", capture.File))
			if err != nil {
				t.Fatal(err)
			}
			zr, err := gzip.NewReader(bytes.NewReader(f[capture.Offset : capture.Offset+capture.Length]))
			if err != nil {
				t.Fatal(err)
			}
			zr.Multistream(false)
			record, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(record, []byte("Content-Encoding: gzip")) || !bytes.HasSuffix(bytes.TrimRight(record, "\r\n"), page) {
				t.Errorf("WARC response record is not the raw exchange:\n%.400q", record)
			}
		})
	}
}
