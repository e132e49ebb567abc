package warc

import (
	"bytes"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/proxytest"
)

// forwardProxy answers absolute-URI requests as the real hosts would (the
// way the simulated hierarchy does) and tunnels CONNECT to tlsAddr.
type forwardProxy struct {
	site    http.Handler
	tlsAddr string

	mu       sync.Mutex
	seen     []string // request lines received
	newConns int
}

func (p *forwardProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.seen = append(p.seen, r.Method+" "+r.RequestURI)
	p.mu.Unlock()
	if r.Method == http.MethodConnect {
		proxytest.Tunnel(w, p.tlsAddr)
		return
	}
	if !r.URL.IsAbs() || r.URL.Host != "www.wenming.cn" {
		http.Error(w, "unknown host "+r.Host, http.StatusBadGateway)
		return
	}
	p.site.ServeHTTP(w, r)
}

func TestRecordThroughHTTPProxy(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(siteHandler())
	defer tlsSrv.Close()
	fp := &forwardProxy{site: siteHandler(), tlsAddr: tlsSrv.Listener.Addr().String()}
	px := httptest.NewUnstartedServer(fp)
	px.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			fp.mu.Lock()
			fp.newConns++
			fp.mu.Unlock()
		}
	}
	px.Start()
	defer px.Close()

	dir := t.TempDir()
	roots := tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	rec := openT(t, Options{Dir: dir, Proxy: px.URL, TLSConfig: &tls.Config{RootCAs: roots}})
	urls := []string{"http://www.wenming.cn/", "http://www.wenming.cn/page/1", "http://www.wenming.cn/redirect",
		"https://secure.example.com/page/2", "https://secure.example.com/page/3"}
	for _, u := range urls {
		if status, _ := fetch(t, rec.Client(), u); status != 200 {
			t.Errorf("%s: status %d", u, status)
		}
		if _, ok := rec.Lookup(u); !ok {
			t.Errorf("Lookup(%s): not found", u)
		}
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	px.Close()

	recs := readAll(t, dir)
	targets := map[string]readRecord{}
	for _, rs := range recs {
		for _, r := range rs {
			if r.typ == "request" {
				targets[r.target] = r
			}
			if strings.Contains(r.target, "127.0.0.1") {
				t.Errorf("record %s names the proxy: %s", r.typ, r.target)
			}
		}
	}
	for _, u := range append(urls, "http://www.wenming.cn/page/target") {
		r, ok := targets[u]
		if !ok {
			t.Errorf("no request record for %s", u)
			continue
		}
		want := "GET " + u + " HTTP/1.1\r\n" // absolute-URI form, as sent to the proxy
		if strings.HasPrefix(u, "https:") {
			want = "GET " + strings.TrimPrefix(u, "https://secure.example.com") + " HTTP/1.1\r\n" // inside the tunnel
		}
		if !bytes.HasPrefix(r.block, []byte(want)) {
			t.Errorf("%s: request record starts %q, want %q", u, r.block[:min(len(r.block), 60)], want)
		}
	}
	checkIndex(t, dir, recs)
	fp.mu.Lock()
	defer fp.mu.Unlock()
	// One keep-alive connection for all plain requests, one tunnel for https.
	if fp.newConns != 2 {
		t.Errorf("proxy saw %d connections (%v), want 2", fp.newConns, fp.seen)
	}
}

func TestProxySchemes(t *testing.T) {
	for _, p := range []string{"ftp://x:1", "http://", "::"} {
		if _, err := Open(Options{Dir: t.TempDir(), Proxy: p}); err == nil {
			t.Errorf("Open with proxy %q succeeded", p)
		}
	}
	r, err := Open(Options{Dir: t.TempDir(), Proxy: "socks5://127.0.0.1:1080"})
	if err != nil {
		t.Fatalf("socks5 proxy: %v", err)
	}
	r.Close()
}
