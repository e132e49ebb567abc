package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/childtest"
)

// wenmingOK runs the command line args like wenming and fails the test
// unless it exits 0; it returns what the command printed on stdout.
func wenmingOK(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := wenming(t, args...)
	if code != exitOK {
		t.Fatalf("wenming %s: exit code %d\n%s\n%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// jsonLines decodes each line of text, JSON Lines such as an export
// writes, into a T; text that is only white space holds none. A line
// that is not a T's JSON (an empty one included) fails the test.
func jsonLines[T any](t *testing.T, text string) []T {
	t.Helper()
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []T
	for _, l := range strings.Split(text, "\n") {
		var v T
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %.200q: %v", l, err)
		}
		out = append(out, v)
	}
	return out
}

// readFile is the text of the file at path.
func readFile(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// httpGet gets url and returns the status and the body of the answer.
func httpGet(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// childArgs is the command line (JSON) a parent test gave this process,
// its child, in the variable env; the test skips in a process that is no
// child.
func childArgs(t *testing.T, env string) []string {
	t.Helper()
	var args []string
	if !childtest.Child(t, env, &args) {
		t.Skip("only run as a child process of another test")
	}
	return args
}

// configFile writes config.yaml in dir, its text format with args as in
// fmt.Sprintf, and returns its path.
func configFile(t *testing.T, dir, format string, args ...any) string {
	t.Helper()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, fmt.Appendf(nil, format, args...), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// archiveConfig writes config.yaml in a new temporary directory: data:
// the directory's archive/ (returned), then the lines of format with args
// as in fmt.Sprintf.
func archiveConfig(t *testing.T, format string, args ...any) (cfg, data string) {
	t.Helper()
	dir := t.TempDir()
	data = filepath.Join(dir, "archive")
	return configFile(t, dir, "data: %s\n"+format, append([]any{data}, args...)...), data
}

// freeAddr is a loopback address nothing listens on (a port the system
// just gave and took back).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// testSim serves the simulated hierarchy on a free loopback port until the
// test ends (o.addr is ignored) and returns it and its address.
func testSim(t *testing.T, o simOptions) (*simServer, string) {
	t.Helper()
	o.addr = "127.0.0.1:0"
	srv, addr, err := startSim(o, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.http.Close() })
	return srv, addr
}
