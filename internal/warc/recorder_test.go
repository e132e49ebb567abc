package warc

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func openT(t testing.TB, opts Options) *Recorder {
	t.Helper()
	r, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRecordSite(t *testing.T) {
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	dir := t.TempDir()
	rec := openT(t, Options{Dir: dir, Prefix: "test", MaxFileSize: 2 << 10, Software: "wenming-test", UserAgent: "wenming-test/1"})
	c := rec.Client()

	for _, p := range sitePaths {
		status, body := fetch(t, c, srv.URL+p)
		switch p {
		case "/missing":
			if status != 404 {
				t.Errorf("%s: status %d", p, status)
			}
		case "/gz":
			if body != pageBody("gzip", 4000) {
				t.Errorf("/gz: body not decoded for the caller")
			}
		case "/redirect":
			if body != pageBody("/page/target", 6000) {
				t.Errorf("/redirect: not followed")
			}
		}
		// Known as soon as the body has been read.
		capt, ok := rec.Lookup(srv.URL + p)
		if !ok {
			t.Errorf("Lookup(%s) during the run: not found", p)
			continue
		}
		if capt.File == "" || capt.Length == 0 || capt.Status == 0 {
			t.Errorf("Lookup(%s) = %+v", p, capt)
		}
	}
	// A request with a body and a response without one.
	resp, err := c.Post(srv.URL+"/page/form", "application/x-www-form-urlencoded", strings.NewReader("q=文明"))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp, err = c.Head(srv.URL + "/page/head"); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if c, ok := rec.Lookup(srv.URL + "/page/head"); !ok || c.Status != 200 {
		t.Errorf("Lookup(HEAD /page/head) = %+v, %v", c, ok)
	}
	if c, ok := rec.Lookup(srv.URL + "/dup2"); !ok || !c.Revisit || c.Mime != revisitMime {
		t.Errorf("Lookup(/dup2) = %+v, want a revisit", c)
	}
	if c, ok := rec.Lookup(srv.URL + "/dup1"); !ok || c.Revisit || c.Mime != "text/html" || c.Status != 200 {
		t.Errorf("Lookup(/dup1) = %+v, want a full response", c)
	}
	if c, ok := rec.Lookup(strings.ToUpper(srv.URL[:4]) + srv.URL[4:] + "/missing#frag"); !ok || c.Status != 404 {
		t.Errorf("Lookup(normalised /missing) = %+v, %v", c, ok)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	records, nbytes := rec.Stats()
	if open, _ := filepath.Glob(filepath.Join(dir, "*.open")); len(open) > 0 {
		t.Errorf("left .open files: %v", open)
	}

	recs := readAll(t, dir)
	if len(recs) < 3 {
		t.Errorf("%d files, want rotation at 2 KiB to give several", len(recs))
	}
	var total int64
	responses := map[string]readRecord{}
	var nrec int
	for file, rs := range recs {
		st, _ := os.Stat(filepath.Join(dir, file))
		total += st.Size()
		nrec += len(rs)
		if rs[0].typ != "warcinfo" {
			t.Errorf("%s: first record is %s", file, rs[0].typ)
		}
		if !bytes.Contains(rs[0].block, []byte("software: wenming-test")) || !bytes.Contains(rs[0].block, []byte("http-header-user-agent: wenming-test/1")) {
			t.Errorf("%s: warcinfo %q", file, rs[0].block)
		}
		// request, then its response or revisit, pointing at each other
		for i := 1; i < len(rs); i += 2 {
			if rs[i].typ != "request" || i+1 >= len(rs) {
				t.Fatalf("%s: record %d is %s, want a request followed by its response", file, i, rs[i].typ)
			}
			q, s := rs[i], rs[i+1]
			if s.typ != "response" && s.typ != "revisit" {
				t.Errorf("%s: record %d is %s after a request", file, i+1, s.typ)
			}
			if q.concurrent != s.id || s.concurrent != q.id || q.target != s.target {
				t.Errorf("%s: request/response pair %d not linked: %+v / %+v", file, i, q, s)
			}
			if !bytes.HasPrefix(q.block, []byte("GET /")) && !bytes.HasPrefix(q.block, []byte("POST /page/form")) && !bytes.HasPrefix(q.block, []byte("HEAD /page/head")) {
				t.Errorf("%s: request block %q", file, q.block[:min(40, len(q.block))])
			}
			responses[s.target] = s
		}
	}
	if int64(nrec) != records || total != nbytes {
		t.Errorf("Stats() = %d records, %d bytes; files hold %d records, %d bytes", records, nbytes, nrec, total)
	}
	if r := responses[srv.URL+"/page/head"]; !bytes.HasPrefix(r.block, []byte("HTTP/1.1 200")) || !bytes.HasSuffix(r.block, []byte("\r\n\r\n")) {
		t.Errorf("HEAD response record %q", r.block)
	}
	for _, p := range append(sitePaths, "/page/target", "/page/form", "/page/head") {
		if _, ok := responses[srv.URL+p]; !ok {
			t.Errorf("no response record for %s", p)
		}
	}
	if r := responses[srv.URL+"/dup2"]; r.typ != "revisit" || r.payloadDigest != responses[srv.URL+"/dup1"].payloadDigest {
		t.Errorf("/dup2 is %s with digest %s, want a revisit of /dup1", r.typ, r.payloadDigest)
	}
	if r, first := responses[srv.URL+"/dup2"], responses[srv.URL+"/dup1"]; r.refersTo != first.id {
		t.Errorf("/dup2 refers to record %q; want /dup1's, %q", r.refersTo, first.id)
	}
	if r := responses[srv.URL+"/gz"]; !bytes.Contains(r.block, []byte("Content-Encoding: gzip")) || bytes.Contains(r.block, []byte("paragraph")) {
		t.Errorf("/gz: response record is not the raw gzip body as sent")
	}
	if r := responses[srv.URL+"/chunked"]; !bytes.Contains(r.block, []byte("Transfer-Encoding: chunked")) || !bytes.HasSuffix(r.block, []byte("\r\n0\r\n\r\n")) {
		t.Errorf("/chunked: response record is not the raw chunked stream")
	}
	if r := responses[srv.URL+"/redirect"]; !bytes.HasPrefix(r.block, []byte("HTTP/1.1 301")) {
		t.Errorf("/redirect: %q", r.block[:min(30, len(r.block))])
	}

	cs := checkIndex(t, dir, recs)
	if len(cs) != len(sitePaths)+3 {
		t.Errorf("index holds %d captures, want %d", len(cs), len(sitePaths)+3)
	}
	for _, c := range cs {
		if live, _ := rec.Lookup(c.URL); live != c {
			t.Errorf("Lookup(%s) = %+v, index has %+v", c.URL, live, c)
		}
		if c.URL == srv.URL+"/missing" && (c.Status != 404 || c.Mime != "text/plain") {
			t.Errorf("index entry for /missing: %+v", c)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, IndexName))
	first := strings.SplitN(string(raw), "\n", 2)[0]
	if !strings.HasPrefix(first, "1,0,0,127:") || !strings.Contains(first, `"digest": "sha1:`) && !strings.Contains(first, `"digest":"sha1:`) {
		t.Errorf("index line %q", first)
	}

	// A second run appends new files, revisits payloads of the first run
	// and merges its captures into the same index.
	rec2 := openT(t, Options{Dir: dir, Prefix: "test"})
	fetch(t, rec2.Client(), srv.URL+"/dup1")
	if c, ok := rec2.Lookup(srv.URL + "/dup1"); !ok || !c.Revisit {
		t.Errorf("second run: /dup1 = %+v, want a revisit of the first run's capture", c)
	}
	if err := rec2.Close(); err != nil {
		t.Fatal(err)
	}
	if cs2 := checkIndex(t, dir, readAll(t, dir)); len(cs2) != len(cs)+1 {
		t.Errorf("after a second run the index holds %d captures, want %d", len(cs2), len(cs)+1)
	}
}

func TestKeepAlive(t *testing.T) {
	var conns int
	srv := httptest.NewUnstartedServer(siteHandler())
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns++
		}
	}
	srv.Start()
	defer srv.Close()
	dir := t.TempDir()
	rec := openT(t, Options{Dir: dir})
	for i := range 20 {
		fetch(t, rec.Client(), fmt.Sprintf("%s/page/%d", srv.URL, i))
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if conns != 1 {
		t.Errorf("20 sequential fetches used %d connections, want 1 (keep-alive)", conns)
	}
	if cs := checkIndex(t, dir, readAll(t, dir)); len(cs) != 20 {
		t.Errorf("%d captures, want 20", len(cs))
	}
}

func TestOpenLocksDir(t *testing.T) {
	dir := t.TempDir()
	rec := openT(t, Options{Dir: dir})
	if _, err := Open(Options{Dir: dir}); err == nil {
		t.Error("a second Open of the same directory succeeded")
	}
	if _, err := Repair(dir); err == nil {
		t.Error("Repair ran while a recorder holds the directory")
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Repair(dir); err != nil {
		t.Errorf("Repair after Close: %v", err)
	}
}

func TestSURT(t *testing.T) {
	for in, want := range map[string]string{
		"http://www.wenming.cn/":                   "cn,wenming)/",
		"http://www.wenming.cn":                    "cn,wenming)/",
		"https://WWW2.Example.com:443/A/B?y=2&x=1": "com,example)/a/b?x=1&y=2",
		"http://hb.wenming.cn:8080/x.html":         "cn,wenming,hb:8080)/x.html",
		"http://127.0.0.1:5000/p":                  "1,0,0,127:5000)/p",
	} {
		if got := SURT(in); got != want {
			t.Errorf("SURT(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSpilledIndex records more captures than are held in memory: the
// run's index lines go to sorted chunk files and are merged at Close with
// what the index already held.
func TestSpilledIndex(t *testing.T) {
	defer func(n int) { spillLines = n }(spillLines)
	spillLines = 7
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	dir := t.TempDir()
	for run := range 2 {
		rec := openT(t, Options{Dir: dir})
		for i := range 25 {
			fetch(t, rec.Client(), fmt.Sprintf("%s/page/%d?run=%d", srv.URL, i, run))
		}
		if err := rec.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if cs := checkIndex(t, dir, readAll(t, dir)); len(cs) != 50 {
		t.Errorf("%d captures in the index, want 50", len(cs))
	}
	if m, _ := filepath.Glob(filepath.Join(dir, chunkPrefix+"*")); len(m) != 0 {
		t.Errorf("chunk files left: %v", m)
	}
}

// TestKeepAliveBodies fetches pages of different sizes over a few
// keep-alive connections at once: every response record holds its own
// page, whole (a connection reuses its response buffer once the exchange
// in it is written).
func TestKeepAliveBodies(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/sized/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(path.Base(r.URL.Path))
		body := pageBody(r.URL.Path, n)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		io.WriteString(w, body)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	rec := openT(t, Options{Dir: dir, MaxIdleConnsPerHost: 3})
	want := map[string]string{}
	var paths []string
	for i := range 60 {
		p := fmt.Sprintf("/sized/%d/%d", i, 200+(i*7919)%40000)
		paths = append(paths, p)
		n, _ := strconv.Atoi(path.Base(p))
		want[srv.URL+p] = pageBody(p, n)
	}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := w; i < len(paths); i += 3 {
				if _, body := fetch(t, rec.Client(), srv.URL+paths[i]); body != want[srv.URL+paths[i]] {
					t.Errorf("%s: body of %d bytes, want %d", paths[i], len(body), len(want[srv.URL+paths[i]]))
				}
			}
		})
	}
	wg.Wait()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, recs := range readAll(t, dir) {
		for _, r := range recs {
			if r.typ != "response" {
				continue
			}
			seen++
			if w, ok := want[r.target]; !ok || !bytes.HasSuffix(r.block, []byte("\r\n\r\n"+w)) {
				t.Errorf("response record of %s does not hold its page", r.target)
			}
		}
	}
	if seen != len(paths) {
		t.Errorf("%d response records, want %d", seen, len(paths))
	}
}
