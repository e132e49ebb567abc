package frontier_test

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/crawl/frontiertest"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// TestOpenRefusesDamagedFiles: a zero-byte, foreign, truncated or
// page-damaged frontier file is refused with ErrCorrupt, never taken for
// a new frontier and never crashed on; a refused file is left as it was.
func TestOpenRefusesDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	f, err := frontier.Open(good)
	if err != nil {
		t.Fatal(err)
	}
	var reqs []frontier.Request
	for i := range 3000 {
		reqs = append(reqs, frontiertest.Req("www.example.gov.cn", i))
	}
	frontiertest.MustPush(t, f, 3000, reqs...)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	clean, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	ps := int(binary.LittleEndian.Uint32(clean[16+8:]))
	cases := map[string][]byte{
		"empty":     {},
		"foreign":   []byte(strings.Repeat("not a bbolt file\n", 1000)),
		"truncated": clean[:len(clean)/2],
	}
	flipped := append([]byte(nil), clean...)
	for p := 2; (p+1)*ps <= len(flipped); p++ {
		flipped[p*ps] ^= 0x33 // page id: bbolt asserts on it
	}
	cases["page ids"] = flipped
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "frontier.db")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := frontier.Open(path)
			if err == nil {
				// Some damage only shows on a full read.
				err = f.Check()
				f.Close()
			}
			if !errors.Is(err, frontier.ErrCorrupt) {
				t.Fatalf("got %v, want ErrCorrupt", err)
			}
			t.Log(err)
			after, _ := os.ReadFile(path)
			if name != "page ids" && string(after) != string(b) {
				t.Fatal("the refused file was changed")
			}
		})
	}
}

func TestPushValidates(t *testing.T) {
	f := openTest(t)
	for _, r := range []frontier.Request{{Host: "h"}, {URL: "http://h/"}} {
		if _, err := f.Push(frontiertest.Req("h", 1), r); err == nil {
			t.Errorf("Push(%+v) succeeded", r)
		}
	}
	if f.Len() != 0 {
		t.Errorf("a failed Push enqueued %d", f.Len())
	}
	if n, err := f.Push(); n != 0 || err != nil {
		t.Errorf("empty Push = %d, %v", n, err)
	}
}

func TestForget(t *testing.T) {
	f := openTest(t)
	r := frontiertest.Req("l.cn", 1)
	r.Kind = "list"
	frontiertest.MustPush(t, f, 1, r)
	frontiertest.MustPop(t, f, "l.cn")
	if err := f.Done(r.URL); err != nil {
		t.Fatal(err)
	}
	frontiertest.MustPush(t, f, 0, r)
	if ok, err := f.Seen(r.URL); !ok || err != nil {
		t.Fatalf("Seen = %v, %v; want true", ok, err)
	}
	if err := f.Forget(r.URL); err != nil {
		t.Fatal(err)
	}
	if ok, err := f.Seen(r.URL); ok || err != nil {
		t.Errorf("Seen after Forget = %v, %v; want false", ok, err)
	}
	if n, _ := f.SeenCount(); n != 0 {
		t.Errorf("SeenCount after Forget = %d, want 0", n)
	}
	if err := f.Forget("http://never.seen/"); err != nil {
		t.Errorf("Forget of an unseen URL: %v", err)
	}
	frontiertest.MustPush(t, f, 1, r)
	if got := frontiertest.MustPop(t, f, "l.cn"); got != r {
		t.Errorf("re-pushed request = %+v, want %+v", got, r)
	}

	// Forgotten and pushed again while in flight: a second pop of the
	// same URL does not count twice.
	if err := f.Forget(r.URL); err != nil {
		t.Fatal(err)
	}
	frontiertest.MustPush(t, f, 1, r)
	frontiertest.MustPop(t, f, "l.cn")
	if f.InFlight() != 1 {
		t.Errorf("InFlight = %d, want 1", f.InFlight())
	}
	if err := f.Done(r.URL); err != nil {
		t.Fatal(err)
	}
}

// openTest opens a frontier in a fresh temporary directory and checks it
// when the test ends.
func openTest(t testing.TB) *frontier.Frontier {
	t.Helper()
	return bolttest.Open(t, filepath.Join(t.TempDir(), "frontier.db"), frontier.Open)
}
