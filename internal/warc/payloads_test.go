package warc

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPayloadIndex finds every ref it was given, with its URL, date and
// record ID as given, whether its entry is still buffered or written,
// tells apart digests that share their first 8 bytes, and finds nothing
// it was not given.
func TestPayloadIndex(t *testing.T) {
	for _, c := range []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"file", func(t *testing.T) string { return t.TempDir() }},
		{"no file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "missing") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := c.dir(t)
			p := newPayloadIndex(dir)
			date := time.Date(2026, 11, 1, 9, 30, 5, 0, time.UTC)
			want := map[payloadKey]revisitRef{}
			for i := range 3000 {
				k := testKey(i)
				if i%7 == 0 {
					k = testKey(i - 1)
					k[19] ^= 0xff // same first 8 bytes as the one before
				}
				var id [16]byte
				if i%3 != 0 {
					id = newUUIDBytes()
				}
				ref := newRevisitRef(fmt.Sprintf("http://www.wenming.cn/%d/%s.html", i, string(make([]byte, i%300))), date.Add(time.Duration(i)*time.Second), id)
				if got, found := p.findOrAdd(k, ref); found {
					t.Fatalf("entry %d: found %+v before it was added", i, got)
				}
				want[k] = ref
				// Every so often a hit on an entry still buffered.
				if i%97 == 0 {
					if got, found := p.findOrAdd(k, revisitRef{url: "other"}); !found || got != ref {
						t.Fatalf("entry %d just added: got %+v, %v; want %+v", i, got, found, ref)
					}
				}
			}
			if p.len() != len(want) {
				t.Errorf("len %d; want %d", p.len(), len(want))
			}
			for k, ref := range want {
				if got, found := p.find(k); !found || got != ref {
					t.Fatalf("find %x: %+v, %v; want %+v", k, got, found, ref)
				}
			}
			if got, found := p.find(testKey(-1)); found {
				t.Errorf("found %+v for a key never added", got)
			}
			if err := p.close(); err != nil {
				t.Fatal(err)
			}
			if got, found := p.find(testKey(1)); found {
				t.Errorf("found %+v after close", got)
			}
			p.add(testKey(1), revisitRef{}) // after close: held in memory, no panic
			if m, _ := filepath.Glob(filepath.Join(dir, payloadFilePrefix+"*")); len(m) != 0 {
				t.Errorf("left behind: %v", m)
			}
		})
	}
}

// testKey is a payload key made of i.
func testKey(i int) payloadKey {
	var k payloadKey
	copy(k[:], fmt.Sprintf("%020d", i*7919))
	return k
}

// TestOpenRemovesPayloadFiles: what a killed run left of its payload file
// is gone after the next Open.
func TestOpenRemovesPayloadFiles(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, payloadFilePrefix+"123")
	if err := os.WriteFile(left, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("%s still there (%v)", left, err)
	}
}
