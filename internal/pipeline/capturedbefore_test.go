package pipeline

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/wenming-archive/wenming/internal/warc"
)

// TestCapturedBeforeFollowsRedirects: a document captured behind a
// redirect (a download script answering 302 to the file) counts as
// captured under the URL the article links, so a later run does not fetch
// it again; a redirect to an error, a loop, or nothing captured does not.
func TestCapturedBeforeFollowsRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/plus/download.php", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/uploads/soft/a.pdf", http.StatusFound)
	})
	mux.HandleFunc("/hop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/plus/download.php?open=1", http.StatusFound)
	})
	mux.HandleFunc("/uploads/soft/a.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4 a document")
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/missing.pdf", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	rec, err := warc.Open(warc.Options{Dir: dir, Prefix: "test", Software: "wenming-test", UserAgent: "wenming-test/1"})
	if err != nil {
		t.Fatal(err)
	}
	c := rec.Client()
	for _, p := range []string{"/hop", "/gone", "/loop"} {
		resp, err := c.Get(srv.URL + p)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	dirs := []string{dir}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"/uploads/soft/a.pdf", true},
		{"/plus/download.php?open=1", true}, // one redirect to the file
		{"/hop", true},                      // two
		{"/gone", false},                    // to a 404
		{"/loop", false},
		{"/never.pdf", false},
	} {
		if got := capturedBefore(dirs, srv.URL+tc.path); got != tc.want {
			t.Errorf("capturedBefore(%s) = %v, want %v", tc.path, got, tc.want)
		}
	}
}
