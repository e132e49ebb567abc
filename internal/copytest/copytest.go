// Package copytest makes a directory once per test binary (an archive
// that a crawl or the demo wrote, say) and gives every test that asks for
// it a copy of its own, which the test may damage or change.
package copytest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Dir is a directory made once, on the first Copy.
type Dir struct {
	prefix string
	fill   func(dir string) error

	once sync.Once
	dir  string
	err  error
}

// New is a directory that fill writes, in a new temporary directory whose
// name starts with prefix.
func New(prefix string, fill func(dir string) error) *Dir {
	return &Dir{prefix: prefix, fill: fill}
}

// Copy makes d on the first call, then returns a new copy of it: the
// directory "archive" in a temporary directory of t.
func (d *Dir) Copy(t testing.TB) string {
	t.Helper()
	d.once.Do(func() {
		if d.dir, d.err = os.MkdirTemp("", d.prefix); d.err == nil {
			d.err = d.fill(d.dir)
		}
	})
	if d.err != nil {
		t.Fatal(d.err)
	}
	dst := filepath.Join(t.TempDir(), "archive")
	if err := os.CopyFS(dst, os.DirFS(d.dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// Remove removes d, if it was made: for TestMain, after the tests.
func (d *Dir) Remove() {
	if d.dir != "" {
		os.RemoveAll(d.dir)
	}
}
