package frontier

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenRefusesDamagedFiles: a zero-byte, foreign, truncated or
// page-damaged frontier file is refused with ErrCorrupt, never taken for
// a new frontier and never crashed on; a refused file is left as it was.
func TestOpenRefusesDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	f, err := Open(good)
	if err != nil {
		t.Fatal(err)
	}
	var reqs []Request
	for i := range 3000 {
		reqs = append(reqs, req("www.example.gov.cn", i))
	}
	mustPush(t, f, 3000, reqs...)
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
			f, err := Open(path)
			if err == nil {
				// Some damage only shows on a full read.
				err = f.Check()
				f.Close()
			}
			if !errors.Is(err, ErrCorrupt) {
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
