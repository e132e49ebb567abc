package crawl

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestUnverifiedCertificate crawls an HTTPS site whose certificate no
// trusted root signed (as one without its intermediate, or self-signed,
// fails), and one that also speaks only TLS 1.0 with RSA key exchange (a
// server set up a decade ago, which Go's client refuses by default), and
// one of TLS 1.2 with RSA key exchange only: by
// default their pages are archived and the host named in the summary with
// why; with StrictTLS the host is refused, once, as KindCertificate or
// KindTLSHandshake.
func TestUnverifiedCertificate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		server *tls.Config // nil: httptest's
		why    []string    // in Summary.Unverified
		strict string      // the error kind with StrictTLS
	}{
		{"untrusted", nil, []string{"certificate failed verification"}, KindCertificate},
		{"legacy", &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10, CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}},
			[]string{"certificate failed verification", "TLS 1.0 with TLS_RSA_WITH_AES_128_CBC_SHA"}, KindTLSHandshake},
		{"rsa-key-exchange", &tls.Config{MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}},
			[]string{"TLS 1.2 with TLS_RSA_WITH_AES_128_GCM_SHA256"}, KindTLSHandshake},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
			srv.TLS = tc.server
			srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the strict client's refused handshakes
			srv.StartTLS()
			defer srv.Close()
			checkCertificateCrawl(t, srv.URL, tc.why, tc.strict)
		})
	}
}

// checkCertificateCrawl crawls the site at srvURL (https://127.0.0.1:port)
// by name, by default and with StrictTLS: by default its article is
// archived and the host named with each of why; strict, the host is
// refused once with strictKind and nothing is retried.
func checkCertificateCrawl(t *testing.T, srvURL string, why []string, strictKind string) {
	t.Helper()
	// By name: a name is what a client sends and checks (an IP is
	// neither), and the certificate is not for "localhost".
	site := strings.Replace(srvURL, "127.0.0.1", "localhost", 1)
	host := strings.TrimPrefix(site, "https://")
	host = host[:strings.LastIndex(host, ":")]
	for _, strict := range []bool{false, true} {
		var sink urlSink
		c, _ := newTestCrawler(t, "", t.TempDir(), Options{Workers: 2, StrictTLS: strict, Retries: 2,
			Seeds: []SiteSpec{{URL: site + "/", Name: "某县文明网", Level: article.National}}}, sink.store)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		sum, err := c.Run(ctx)
		cancel()
		if err != nil && !strict {
			t.Fatal(err)
		}
		archived := sink.missing(site+"/a/1.html") == nil
		if !strict {
			if !archived {
				t.Errorf("default: the article was not archived (errors %v %v)", sum.Errors, sum.ErrorSamples)
			}
			for _, w := range why {
				if !strings.Contains(sum.Unverified[host], w) {
					t.Errorf("default: unverified hosts %v, want %s with %q", sum.Unverified, host, w)
				}
			}
			continue
		}
		if archived {
			t.Error("strict: archived a page of a host whose HTTPS failed")
		}
		if sum.Errors[strictKind] != 1 || sum.Retried != 0 {
			t.Errorf("strict: errors %v, retried %d; want one %s error, nothing retried", sum.Errors, sum.Retried, strictKind)
		}
		if len(sum.Unverified) != 0 {
			t.Errorf("strict: unverified %v", sum.Unverified)
		}
	}
}
