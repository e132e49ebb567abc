package crawl

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestGuardHoldsBody: a request whose context holds a heldBody has the
// decoded body of its last answer handed there, and an empty body in the
// response; without one the response carries the body as before.
func TestGuardHoldsBody(t *testing.T) {
	page := "<html><body>文明实践进社区</body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			w.Header().Set("Location", "/page")
			w.WriteHeader(http.StatusFound)
			io.WriteString(w, "moved to /page")
		case "/moved-empty":
			w.Header().Set("Location", "/empty")
			w.WriteHeader(http.StatusFound)
			io.WriteString(w, "moved to /empty")
		case "/empty":
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(page))
		}
	}))
	defer srv.Close()
	client := &http.Client{Transport: guard{inner: http.DefaultTransport, maxBody: 1 << 20, timeout: 10 * time.Second}}

	cases := []struct {
		name     string
		path     string
		hold     bool
		wantResp string // what the response's body reads
		wantHeld string
		wantOK   bool
	}{
		{name: "not held", path: "/page", wantResp: page},
		{name: "held", path: "/page", hold: true, wantHeld: page, wantOK: true},
		{name: "held after a redirect", path: "/moved", hold: true, wantHeld: page, wantOK: true},
		{name: "no body after a redirect", path: "/moved-empty", hold: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var h heldBody
			ctx := context.Background()
			if tc.hold {
				ctx = holding(ctx, &h)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.wantResp {
				t.Errorf("response body %q, want %q", b, tc.wantResp)
			}
			if string(h.body) != tc.wantHeld || h.ok != tc.wantOK {
				t.Errorf("held %q (ok %v), want %q (ok %v)", h.body, h.ok, tc.wantHeld, tc.wantOK)
			}
		})
	}
}

// TestFetchTakesHeldBody: the crawler's fetches take their pages from the
// guard (fetched.held, let go once taken), decoded to UTF-8 (the page is
// GBK).
func TestFetchTakesHeldBody(t *testing.T) {
	srv := httptest.NewServer(newTinyWeb(1))
	defer srv.Close()
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{}, nopSink)
	f := c.fetch(context.Background(), "http://top.wenming.test/news/0.html", kindPage, 0)
	if f.err != nil || f.status != http.StatusOK {
		t.Fatalf("fetch: status %d, %v", f.status, f.err)
	}
	if !f.held.ok || f.held.body != nil {
		t.Fatalf("body not held, or not taken (ok %v, %d bytes left)", f.held.ok, len(f.held.body))
	}
	if !strings.Contains(string(f.body), "文明实践进社区") {
		t.Errorf("page not decoded from GBK: %.200q", f.body)
	}
}
