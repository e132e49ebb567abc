package server_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
)

// panickyArticles fails the way a damaged store does: bbolt panics on a
// page it cannot read.
type panickyArticles struct{}

func (panickyArticles) Get(string) (*article.Article, error) {
	panic("assertion failed: Page expected to be: 2795, but self identifies as 0")
}

// TestPanicAnswers500: a request whose archive read panics answers 500
// (JSON for the API, a page otherwise) and the server keeps serving.
func TestPanicAnswers500(t *testing.T) {
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	srv := httptest.NewServer(server.New(ix, panickyArticles{}, server.Options{}))
	defer srv.Close()
	id := server.ArticleID("http://www.example.gov.cn/a/1.html")
	for _, tt := range []struct{ path, ctype string }{
		{"/api/articles/" + id, "application/json"},
		{"/articles/" + id, "text/html"},
	} {
		for range 2 { // the second request shows the server is still up
			resp, err := srv.Client().Get(srv.URL + tt.path)
			if err != nil {
				t.Fatalf("%s: %v (connection dropped?)", tt.path, err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusInternalServerError || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) {
				t.Errorf("%s: %d %s, want 500 %s", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.ctype)
			}
		}
	}
}
