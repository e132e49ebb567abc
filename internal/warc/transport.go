package warc

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync"
	"time"

	"golang.org/x/net/proxy"
)

// newTransport builds the keep-alive transport whose connections record.
func (r *Recorder) newTransport() (*http.Transport, error) {
	dialer := &net.Dialer{Timeout: min(r.opts.Timeout, 30*time.Second), KeepAlive: 30 * time.Second}
	d := &recDialer{rec: r, base: dialer, tlsConfig: r.opts.TLSConfig}
	t := &http.Transport{
		DialContext:           d.dialHTTP,
		DialTLSContext:        d.dialHTTPS,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   r.opts.MaxIdleConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: r.opts.Timeout,
		ExpectContinueTimeout: time.Second,
		// HTTP/1.1 only: HTTP/2 frames are not what WARC records.
		TLSNextProto:      map[string]func(string, *tls.Conn) http.RoundTripper{},
		ForceAttemptHTTP2: false,
	}
	if r.opts.Proxy == "" {
		return t, nil
	}
	u, err := url.Parse(r.opts.Proxy)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("archive: proxy %q: not a URL with a host", r.opts.Proxy)
	}
	switch u.Scheme {
	case "http":
		// Plain-http targets: net/http writes absolute-URI requests to the
		// proxy connection, which dialHTTP records. https targets: dialHTTPS
		// opens a CONNECT tunnel itself so that TLS is recorded inside it.
		d.httpProxy = u
		t.Proxy = func(req *http.Request) (*url.URL, error) {
			if req.URL.Scheme == "http" {
				return u, nil
			}
			return nil, nil
		}
	case "socks5", "socks5h":
		pd, err := proxy.FromURL(u, dialer)
		if err != nil {
			return nil, fmt.Errorf("archive: proxy %q: %w", r.opts.Proxy, err)
		}
		cd, ok := pd.(proxy.ContextDialer)
		if !ok {
			return nil, fmt.Errorf("archive: proxy %q: dialer without context", r.opts.Proxy)
		}
		d.socks = cd
	default:
		return nil, fmt.Errorf("archive: proxy %q: scheme must be http, socks5 or socks5h", r.opts.Proxy)
	}
	return t, nil
}

type recDialer struct {
	rec       *Recorder
	base      *net.Dialer
	tlsConfig *tls.Config
	httpProxy *url.URL
	socks     proxy.ContextDialer
}

// dialTCP reaches addr directly or through the SOCKS proxy.
func (d *recDialer) dialTCP(ctx context.Context, addr string) (net.Conn, error) {
	if d.socks != nil {
		return d.socks.DialContext(ctx, "tcp", addr)
	}
	return d.base.DialContext(ctx, "tcp", addr)
}

// dialHTTP serves plain-http targets; with an HTTP proxy addr is the proxy's.
func (d *recDialer) dialHTTP(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := d.dialTCP(ctx, addr)
	if err != nil {
		return nil, err
	}
	return d.rec.wrap(c, "http", d.httpProxy == nil && d.socks == nil), nil
}

// dialHTTPS serves https targets, tunnelling through the proxy if any.
func (d *recDialer) dialHTTPS(ctx context.Context, network, addr string) (net.Conn, error) {
	var c net.Conn
	var err error
	if d.httpProxy != nil {
		c, err = d.connect(ctx, addr)
	} else {
		c, err = d.dialTCP(ctx, addr)
	}
	if err != nil {
		return nil, err
	}
	host, _, _ := net.SplitHostPort(addr)
	cfg := &tls.Config{}
	if d.tlsConfig != nil {
		cfg = d.tlsConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	cfg.NextProtos = []string{"http/1.1"}
	tc := tls.Client(c, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("archive: TLS handshake with %s: %w", addr, err)
	}
	return d.rec.wrap(tc, "https", d.httpProxy == nil && d.socks == nil), nil
}

// connect opens a CONNECT tunnel to addr through the HTTP proxy.
func (d *recDialer) connect(ctx context.Context, addr string) (net.Conn, error) {
	c, err := d.base.DialContext(ctx, "tcp", d.httpProxy.Host)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
		defer c.SetDeadline(time.Time{})
	}
	req := "CONNECT " + addr + " HTTP/1.1\r\nHost: " + addr + "\r\n"
	if u := d.httpProxy.User; u != nil {
		pw, _ := u.Password()
		req += "Proxy-Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(u.Username()+":"+pw)) + "\r\n"
	}
	if _, err := io.WriteString(c, req+"\r\n"); err != nil {
		c.Close()
		return nil, fmt.Errorf("archive: CONNECT %s via %s: %w", addr, d.httpProxy.Host, err)
	}
	// The server speaks only after our ClientHello, so a buffered read
	// cannot swallow tunnel bytes.
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: http.MethodConnect})
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("archive: CONNECT %s via %s: %w", addr, d.httpProxy.Host, err)
	}
	if resp.StatusCode != http.StatusOK {
		c.Close()
		return nil, fmt.Errorf("archive: CONNECT %s via %s: %s", addr, d.httpProxy.Host, resp.Status)
	}
	return c, nil
}

// recordingTransport ties each response to the recording connection that
// carried it, so the exchange is archived when the body has been read.
type recordingTransport struct {
	rec  *Recorder
	base *http.Transport
}

// RoundTrip implements http.RoundTripper.
func (t *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var mu sync.Mutex
	var conn *recConn
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if c, ok := info.Conn.(*recConn); ok {
			mu.Lock()
			conn = c
			mu.Unlock()
		}
	}}
	traced := req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	resp, err := t.base.RoundTrip(traced)
	if err != nil {
		return nil, err
	}
	resp.Request = req
	mu.Lock()
	c := conn
	mu.Unlock()
	if c == nil {
		return resp, nil
	}
	if resp.Body == nil || resp.Body == http.NoBody {
		if err := c.flush(false); err != nil {
			return nil, err
		}
		return resp, nil
	}
	resp.Body = &recBody{ReadCloser: resp.Body, conn: c}
	return resp, nil
}

// CloseIdleConnections closes the pool's idle connections.
func (t *recordingTransport) CloseIdleConnections() { t.base.CloseIdleConnections() }

// recBody archives the exchange when the body reaches EOF. A write error
// is returned in place of io.EOF so that the fetch fails.
type recBody struct {
	io.ReadCloser
	conn *recConn
	once sync.Once
	err  error
}

func (b *recBody) finish() error {
	b.once.Do(func() { b.err = b.conn.flush(false) })
	return b.err
}

func (b *recBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		if ferr := b.finish(); ferr != nil {
			return n, ferr
		}
	}
	return n, err
}

func (b *recBody) Close() error {
	err := b.ReadCloser.Close()
	_ = b.finish()
	return err
}

// recConn keeps the bytes written and read on a connection until they have
// been cut into exchanges and archived.
type recConn struct {
	net.Conn
	rec    *Recorder
	scheme string
	ip     string

	mu      sync.Mutex
	out, in []byte
	started time.Time // when the first byte of the pending request was written
	eof     bool      // the peer closed its side
	closed  bool
	split   splitReaders // splitExchange's readers, reused

	// flushMu is held by a flush from taking exchanges until they are
	// written (see flush). It is separate from mu so that Read and Write
	// never wait for the disk.
	flushMu sync.Mutex
	lost    error // first write error of this connection's exchanges; guarded by flushMu
}

func (r *Recorder) wrap(c net.Conn, scheme string, direct bool) *recConn {
	rc := &recConn{Conn: c, rec: r, scheme: scheme}
	if direct {
		if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
			rc.ip = a.IP.String()
		}
	}
	return rc
}

// Write keeps b before it goes out: the server may answer, and the client
// read the whole response, before the write returns (a goroutine can be
// descheduled right after it), and the exchange must then be complete for
// the flush at the body's EOF. A short write takes back what did not go;
// only the transport's one writer appends to out, and flushes cut only
// from its front.
func (c *recConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	if len(c.out) == 0 {
		c.started = time.Now()
	}
	c.out = append(c.out, b...)
	c.mu.Unlock()
	n, err := c.Conn.Write(b)
	if testHookWritten != nil {
		testHookWritten()
	}
	if n < len(b) {
		c.mu.Lock()
		// A final flush (the connection closing under the write) may have
		// dropped the unsent bytes already.
		c.out = c.out[:len(c.out)-min(len(b)-n, len(c.out))]
		c.mu.Unlock()
	}
	return n, err
}

func (c *recConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 || err == io.EOF {
		c.mu.Lock()
		c.in = append(c.in, b[:n]...)
		if err == io.EOF {
			c.eof = true
		}
		c.mu.Unlock()
	}
	return n, err
}

func (c *recConn) Close() error {
	err := c.Conn.Close()
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	_ = c.flush(true)
	return err
}

// Test hooks, nil outside tests: testHookFlushTaken runs in a flush that
// has taken exchanges, before it writes them; testHookFlushWait runs in a
// flush that has to wait for another one to finish; testHookWritten runs
// in Write once the bytes went out.
var testHookFlushTaken, testHookFlushWait, testHookWritten func()

// flush archives every complete exchange buffered on the connection. With
// final set (the connection is gone) what remains incomplete is dropped.
//
// When flush returns, every exchange complete at its call has been written,
// whichever flush took it. That is what makes a capture known once its body
// reached EOF: net/http returns a keep-alive connection to the pool before
// the body's Read returns io.EOF, so the next request's body (or Close) can
// flush this body's exchange together with its own. Flushes of a connection
// therefore run one at a time from taking to writing; a flush that finds the
// exchanges already taken waits until they are written. This also keeps a
// connection's records in order. The error returned is the first write
// error of any of the connection's exchanges, so that a body whose exchange
// another flush failed to write does not end in a plain io.EOF either.
func (c *recConn) flush(final bool) error {
	// TryLock first only so that a test can see a flush about to wait.
	if !c.flushMu.TryLock() {
		if testHookFlushWait != nil {
			testHookFlushWait()
		}
		c.flushMu.Lock()
	}
	defer c.flushMu.Unlock()

	xs := c.take(final)
	if len(xs) > 0 && testHookFlushTaken != nil {
		testHookFlushTaken()
	}
	for _, x := range xs {
		if _, err := c.rec.write(x); err != nil && c.lost == nil {
			c.lost = err
		}
	}
	if !final && len(xs) > 0 {
		c.reuse(xs[0].resp)
	}
	return c.lost
}

// maxReusedIn bounds the response buffer a connection keeps for its next
// response.
const maxReusedIn = 1 << 20

// reuse lets the next response read on the connection fill the buffer
// that held resp, the first of the exchanges a flush just wrote, when
// that buffer holds nothing else: take left no bytes of a next response
// in it, and none were read since.
func (c *recConn) reuse(resp []byte) {
	if cap(resp) == 0 || cap(resp) > maxReusedIn {
		return
	}
	c.mu.Lock()
	if c.in == nil && !c.closed && !c.eof {
		c.in = resp[:0:cap(resp)]
	}
	c.mu.Unlock()
}

// take cuts the complete exchanges from the buffers. With final set what
// remains incomplete is dropped.
func (c *recConn) take(final bool) []*exchange {
	c.mu.Lock()
	defer c.mu.Unlock()
	var xs []*exchange
	for len(c.out) > 0 {
		x, nOut, nIn, err := splitExchange(c.out, c.in, c.eof || c.closed, c.scheme, &c.split)
		if err != nil {
			break
		}
		x.date, x.ip = c.started, c.ip
		xs = append(xs, x)
		c.out, c.in = c.out[nOut:], c.in[nIn:]
		c.started = time.Now()
	}
	if len(c.out) == 0 {
		c.out = nil
	}
	if len(c.in) == 0 {
		c.in = nil
	}
	if final {
		if len(c.out) > 0 {
			c.rec.dropped.Add(1)
		}
		c.out, c.in = nil, nil
	}
	return xs
}
