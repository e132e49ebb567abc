package crawl

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract"
)

// corpusScripts returns the inline scripts of each page of the shared
// corpora, as eachLinkAt collects them.
func corpusScripts(tb testing.TB) [][]string {
	var pages [][]string
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		body, _, err := extract.Decode(raw, "")
		if err != nil {
			return nil
		}
		root, err := html.Parse(strings.NewReader(string(body)))
		if err != nil {
			return nil
		}
		var scripts []string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "script" {
				if t := n.FirstChild; t != nil && t.Type == html.TextNode {
					scripts = append(scripts, t.Data)
				}
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
		pages = append(pages, scripts)
		return nil
	})
	if err != nil || len(pages) == 0 {
		tb.Skipf("corpus not read (%v)", err)
	}
	return pages
}

// BenchmarkXHRRequests reads the load-time data requests (and, where a
// page makes one, its records' link template) of every page of the
// shared corpora, as a crawl reads each page's scripts; one op is one
// page.
func BenchmarkXHRRequests(b *testing.B) {
	pages := corpusScripts(b)
	b.ReportAllocs()
	b.ResetTimer()
	found := 0
	for i := range b.N {
		scripts := pages[i%len(pages)]
		if reqs := xhrRequests(scripts); len(reqs) > 0 {
			found++
			_ = recordTemplate(scripts)
		}
	}
	b.ReportMetric(float64(len(pages)), "pages")
}
