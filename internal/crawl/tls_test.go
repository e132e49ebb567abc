package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestUnverifiedCertificate crawls an HTTPS site whose certificate no
// trusted root signed (as one without its intermediate, or self-signed,
// fails): by default its pages are archived and the host named in the
// summary with why; with StrictTLS the host is refused, once, as
// KindCertificate.
func TestUnverifiedCertificate(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			w.Write([]byte(`<html><head><title>某县文明网</title></head><body><ul><li><a href="/a/1.html">文章1</a></li></ul></body></html>`))
		case "/a/1.html":
			w.Write([]byte(`<html><head><title>文章</title></head><body>` + numberedArticle("tls1") + `</body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	// By name: a name is what a client sends and checks (an IP is
	// neither), and the certificate is not for "localhost".
	site := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	host := strings.TrimPrefix(site, "https://")
	host = host[:strings.LastIndex(host, ":")]
	for _, strict := range []bool{false, true} {
		var sink urlSink
		c, _ := newTestCrawler(t, "", t.TempDir(), Options{Workers: 2, StrictTLS: strict, Retries: 2,
			Seeds: []SiteSpec{{URL: site + "/", Name: "某县文明网", Level: article.National}}}, sink.store)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		sum, err := c.Run(ctx)
		cancel()
		if err != nil && (!strict || !strings.Contains(err.Error(), "certificate")) {
			t.Fatal(err)
		}
		archived := sink.missing(site+"/a/1.html") == nil
		if !strict {
			if !archived {
				t.Errorf("default: the article was not archived (errors %v %v)", sum.Errors, sum.ErrorSamples)
			}
			if why := sum.Unverified[host]; !strings.Contains(why, "certificate") {
				t.Errorf("default: unverified hosts %v, want %s with why", sum.Unverified, host)
			}
			continue
		}
		if archived {
			t.Error("strict: archived a page of a host whose certificate failed")
		}
		if sum.Errors[KindCertificate] != 1 || sum.Retried != 0 {
			t.Errorf("strict: errors %v, retried %d; want one %s error, nothing retried", sum.Errors, sum.Retried, KindCertificate)
		}
		if len(sum.Unverified) != 0 {
			t.Errorf("strict: unverified %v", sum.Unverified)
		}
	}
}
