package warc

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// bufferedConn returns a recording connection whose buffers already hold
// complete exchanges for paths (as if they had been written and read), with
// the response bodies to hand to recBody.
func bufferedConn(t *testing.T, r *Recorder, paths ...string) (*recConn, []string) {
	t.Helper()
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	c := r.wrap(a, "http", false)
	var bodies []string
	for _, p := range paths {
		body := pageBody(p, 2000)
		c.out = fmt.Appendf(c.out, "GET %s HTTP/1.1\r\nHost: example.org\r\nUser-Agent: test\r\n\r\n", p)
		c.in = fmt.Appendf(c.in, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		bodies = append(bodies, body)
	}
	return c, bodies
}

// readBody reads a response body of c to its end, as the crawler does, and
// returns the error that replaced io.EOF, if any.
func readBody(c *recConn, body string) error {
	b := &recBody{ReadCloser: io.NopCloser(strings.NewReader(body)), conn: c}
	_, err := io.ReadAll(b)
	return errors.Join(err, b.Close())
}

// pauseFlush runs first in a goroutine and stops the flush in it that takes
// exchanges right after it took them, before it writes them. That flush is
// released as soon as another flush has to wait for it (or by the returned
// function, which then waits for first and returns its error). This is the
// interleaving TestCollyIntegration hit about once in 150 runs.
func pauseFlush(t *testing.T, first func() error) (finish func() error) {
	t.Helper()
	taken, release := make(chan struct{}), make(chan struct{})
	var paused atomic.Bool
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	testHookFlushTaken = func() {
		if paused.CompareAndSwap(false, true) {
			close(taken)
			<-release
		}
	}
	testHookFlushWait = free
	done := make(chan error, 1)
	go func() { done <- first() }()
	var err error
	var ended bool
	finish = func() error {
		free()
		if !ended {
			err, ended = <-done, true
		}
		return err
	}
	// Cleanups run last-in first-out: first ends, then the hooks go.
	t.Cleanup(func() { testHookFlushTaken, testHookFlushWait = nil, nil })
	t.Cleanup(func() { finish() })
	<-taken
	return finish
}

// Once a body has been read to EOF its capture is known, even when another
// flush of the same connection took the exchange and has not written it
// yet: the next request's body on the reused keep-alive connection (the
// case seen in TestCollyIntegration), or the connection closing.
func TestCaptureKnownAtEOFWhicheverFlushWritesIt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		other func(c *recConn, bodies []string) error
	}{
		{"next body on the connection", func(c *recConn, bodies []string) error { return readBody(c, bodies[1]) }},
		{"connection closed", func(c *recConn, _ []string) error { c.Close(); return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := openT(t, Options{Dir: t.TempDir()})
			c, bodies := bufferedConn(t, r, "/page/1", "/page/2")
			finish := pauseFlush(t, func() error { return tc.other(c, bodies) })

			if err := readBody(c, bodies[0]); err != nil {
				t.Fatalf("read /page/1: %v", err)
			}
			if _, ok := r.Lookup("http://example.org/page/1"); !ok {
				t.Error("/page/1: body read to EOF, capture unknown")
			}
			if err := finish(); err != nil {
				t.Fatalf("other flush: %v", err)
			}
			for _, p := range []string{"/page/1", "/page/2"} {
				if _, ok := r.Lookup("http://example.org" + p); !ok {
					t.Errorf("%s: no capture after both flushes", p)
				}
			}
			if err := r.Close(); err != nil {
				t.Fatal(err)
			}
			if cs := checkIndex(t, r.opts.Dir, readAll(t, r.opts.Dir)); len(cs) != 2 {
				t.Errorf("%d captures in the index, want 2", len(cs))
			}
		})
	}
}

// A body whose exchange another flush failed to write does not end in a
// plain io.EOF: the fetch fails as it would had its own flush failed.
func TestWriteErrorOfAnotherFlushReachesBody(t *testing.T) {
	r := openT(t, Options{Dir: t.TempDir()})
	c, bodies := bufferedConn(t, r, "/page/1", "/page/2")
	finish := pauseFlush(t, func() error { return readBody(c, bodies[1]) })
	// The paused flush holds both exchanges; its writes will fail.
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := readBody(c, bodies[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("read /page/1: %v, want %v", err, ErrClosed)
	}
	if err := finish(); !errors.Is(err, ErrClosed) {
		t.Errorf("read /page/2: %v, want %v", err, ErrClosed)
	}
}

// The server answers and the client reads the whole body while the
// request's write has not yet returned (its goroutine descheduled under
// load, here held by a hook): the capture is still known at the body's
// EOF. Before, the request was kept only after the write returned, and
// the flush at EOF found no request to pair the response with
// (TestRecordSite failed so about once in a loaded full run).
func TestCaptureKnownWhenTheAnswerOutrunsTheWrite(t *testing.T) {
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	rec := openT(t, Options{Dir: t.TempDir(), Prefix: "test", Software: "wenming-test", UserAgent: "wenming-test/1"})
	defer rec.Close()
	paths := []string{"/page/1", "/gz", "/chunked"}
	read := make(chan struct{})
	var once sync.Once
	// written hears of every write the hook held: the hook is cleared only
	// after the last, which may still be under way when the test's last
	// body has been read (that is the case tested).
	written := make(chan struct{}, len(paths))
	testHookWritten = func() {
		// Hold the writer until the client has read the body (or a while:
		// a request whose answer needs the whole of it cannot outrun it).
		select {
		case <-read:
		case <-time.After(200 * time.Millisecond):
		}
		select {
		case written <- struct{}{}: // a GET without a body is one write
		default:
		}
	}
	t.Cleanup(func() {
		for range paths {
			select {
			case <-written:
			case <-time.After(10 * time.Second):
				t.Error("a request's write did not return")
			}
		}
		testHookWritten = nil
	})
	c := rec.Client()
	for _, p := range paths {
		resp, err := c.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadAll(resp.Body); err != nil {
			t.Fatal(err)
		}
		capt, ok := rec.Lookup(srv.URL + p)
		once.Do(func() { close(read) })
		resp.Body.Close()
		if !ok || capt.Status != 200 {
			t.Errorf("Lookup(%s) right after its body's EOF = %+v, %v; want the capture", p, capt, ok)
		}
	}
}
