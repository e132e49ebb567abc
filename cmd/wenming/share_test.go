package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/childtest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// gate lets a set number of requests through to the simulation, then
// holds every later one until opened: a crawl that holds its archive for
// as long as a test needs.
type gate struct {
	h       http.Handler
	allow   atomic.Int64 // requests let through before holding; <0: never hold
	held    atomic.Int64 // requests waiting
	mu      sync.Mutex
	release chan struct{}
}

func newGate(h http.Handler) *gate {
	g := &gate{h: h, release: make(chan struct{})}
	g.allow.Store(-1)
	return g
}

// hold lets n more requests through, then holds the rest.
func (g *gate) hold(n int64) {
	g.mu.Lock()
	g.release = make(chan struct{})
	g.mu.Unlock()
	g.allow.Store(n)
}

// open lets every request through again.
func (g *gate) open() {
	g.allow.Store(-1)
	g.mu.Lock()
	close(g.release)
	g.mu.Unlock()
}

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if g.allow.Load() >= 0 && g.allow.Add(-1) < 0 {
		g.mu.Lock()
		release := g.release
		g.mu.Unlock()
		g.held.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
		g.held.Add(-1)
	}
	g.h.ServeHTTP(w, r)
}

// startChild starts wenming args in a child process (this test binary,
// see TestWenmingChild), its standard output read line by line into lines.
func startChild(t *testing.T, args ...string) (cmd *exec.Cmd, lines <-chan string, stderr *lockedWriter) {
	t.Helper()
	cmd = childtest.Command(t, "TestWenmingChild", childEnv, args)
	stderr = &lockedWriter{}
	cmd.Stderr = stderr
	return cmd, childtest.StartLines(t, cmd), stderr
}

// lockedWriter collects a child's output, safe to read while it writes.
type lockedWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls cond every 50 ms for up to limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// searchTotal is the number of articles "wenming search --json" finds,
// and the notes it gives.
func searchTotal(t *testing.T, cfg, q string) (int, []string) {
	t.Helper()
	out := wenmingOK(t, "search", "--config", cfg, "--json", q)
	var res struct {
		Total int      `json:"total"`
		Notes []string `json:"notes"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search %s: %v\n%s", q, err, out)
	}
	return res.Total, res.Notes
}

// apiTotal is the total of the served API's search, and its status.
func apiTotal(base, q string) (int, int) {
	resp, err := http.Get(base + "/api/search?q=" + q)
	if err != nil {
		return 0, 0
	}
	defer resp.Body.Close()
	var res struct {
		Total int `json:"total"`
	}
	json.NewDecoder(resp.Body).Decode(&res)
	return res.Total, resp.StatusCode
}

// TestReadWhileACrawlHoldsTheArchive runs a crawl in one process and reads
// its archive from others: search, a URL lookup and an export while it
// runs; a server started during the crawl that goes on serving after it;
// and a second crawl that starts under the running server.
func TestReadWhileACrawlHoldsTheArchive(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a simulation three times (about 20 s)")
	}
	g := newGate(sitesim.New(sitesim.Options{Seed: 11, Articles: 120, Calm: true}))
	srv := httptest.NewServer(g)
	defer srv.Close()
	cfg, data := archiveConfig(t, "crawl:\n  proxy: %s\n  delay: 0s\n  random_delay: 0s\n  per_host: 2\n", srv.URL)
	wenmingOK(t, "crawl", "--config", cfg)
	want, _ := searchTotal(t, cfg, "文明")
	if want == 0 {
		t.Fatal("the first crawl archived nothing that search finds")
	}

	// A second crawl, held up once it is under way.
	g.hold(30)
	crawl, _, crawlErr := startChild(t, "crawl", "--config", cfg, "--log-level", "warn")
	waitFor(t, 30*time.Second, "the crawl never got under way", func() bool { return g.held.Load() > 0 })
	if _, err := os.Stat(archive.HolderPath(data)); err != nil {
		t.Fatalf("the running crawl announces no share: %v", err)
	}

	got, notes := searchTotal(t, cfg, "文明")
	if got != want || len(notes) == 0 || !strings.Contains(notes[0], "read through the running crawl") {
		t.Errorf("search during the crawl: %d hits, notes %q; want %d and a note", got, notes, want)
	}
	out := filepath.Join(t.TempDir(), "during.jsonl")
	if code, _, errOut := wenming(t, "export", "--config", cfg, "-o", out); code != exitOK {
		t.Errorf("export during the crawl: code %d: %s", code, errOut)
	} else if b, _ := os.ReadFile(out); strings.Count(string(b), "\n") < want {
		t.Errorf("export during the crawl: %d records, want at least %d", strings.Count(string(b), "\n"), want)
	}
	var first string
	if b, _ := os.ReadFile(out); len(b) > 0 {
		var rec struct{ URL string }
		json.Unmarshal([]byte(strings.SplitN(string(b), "\n", 2)[0]), &rec)
		first = rec.URL
	}
	if code, outText, errOut := wenming(t, "search", "--config", cfg, first); code != exitOK || !strings.Contains(outText, first) {
		t.Errorf("lookup of %s during the crawl: code %d, %q %s", first, code, outText, errOut)
	}

	// A server started during the crawl reads through it…
	serve, lines, serveErr := startChild(t, "serve", "--config", cfg, "--addr", "127.0.0.1:0")
	var base string
	for line := range lines {
		if _, addr, ok := strings.Cut(line, " on http://"); ok {
			base = "http://" + strings.TrimSuffix(addr, "/")
			break
		}
	}
	if base == "" {
		t.Fatalf("serve did not start: %s", serveErr)
	}
	if n, status := apiTotal(base, "文明"); status != http.StatusOK || n != want {
		t.Errorf("served during the crawl: status %d, %d hits; want 200, %d", status, n, want)
	}

	// …and reads the files itself once the crawl has ended.
	g.open()
	if err := crawl.Wait(); err != nil {
		t.Fatalf("held crawl: %v: %s", err, crawlErr)
	}
	waitFor(t, 10*time.Second, "the server never read the archive again after the crawl", func() bool {
		_, status := apiTotal(base, "文明")
		_, err := os.Stat(archive.HolderPath(data))
		return status == http.StatusOK && os.IsNotExist(err)
	})

	// A crawl started under the running server takes the archive.
	wenmingOK(t, "crawl", "--config", cfg)
	waitFor(t, 10*time.Second, "the server never came back after the third crawl", func() bool {
		n, status := apiTotal(base, "文明")
		return status == http.StatusOK && n >= want
	})
	serve.Process.Signal(syscall.SIGINT)
	if err := serve.Wait(); err != nil {
		t.Errorf("serve: %v: %s", err, serveErr)
	}
}
