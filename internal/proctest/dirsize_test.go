package proctest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDirSize adds the files of every depth below the directory, and
// fails on a directory that is not there.
func TestDirSize(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"a": 10, "sub/b": 200, "sub/deeper/c": 3000} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, size), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := DirSize(dir); err != nil || n != 3210 {
		t.Errorf("DirSize = %d, %v; want 3210", n, err)
	}
	if _, err := DirSize(filepath.Join(dir, "missing")); err == nil {
		t.Error("DirSize of a missing directory: no error")
	}
}
