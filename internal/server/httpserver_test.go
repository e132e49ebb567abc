package server_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/server"
)

// TestHTTPServerClosesIdleConnections checks that a keep-alive connection
// left idle is closed after IdleTimeout, and that the defaults are set.
func TestHTTPServerClosesIdleConnections(t *testing.T) {
	hs := server.NewHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}), server.HTTPOptions{IdleTimeout: 200 * time.Millisecond})
	if hs.ReadHeaderTimeout != server.DefaultReadHeaderTimeout || hs.MaxHeaderBytes != server.DefaultMaxHeaderBytes {
		t.Errorf("defaults: ReadHeaderTimeout %v MaxHeaderBytes %d", hs.ReadHeaderTimeout, hs.MaxHeaderBytes)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })

	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "ok" || resp.Close {
		t.Fatalf("status %d body %q close %v", resp.StatusCode, body, resp.Close)
	}

	// The connection is kept alive, then closed once idle for 200ms.
	start := time.Now()
	c.SetReadDeadline(start.Add(5 * time.Second))
	_, err = br.ReadByte()
	if !errors.Is(err, io.EOF) && (err == nil || !strings.Contains(err.Error(), "reset")) {
		t.Fatalf("idle connection: got %v, want it closed by the server", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("idle connection closed after %v, want about 200ms", d)
	}
}
