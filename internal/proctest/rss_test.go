package proctest

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestMappedRSS maps a file, touches its pages and finds them resident,
// by the file's path and by its directory, and nothing of another file.
func TestMappedRSS(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data")
	const size = 1 << 20
	if err := os.WriteFile(path, make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(m)
	sum := 0
	for i := 0; i < size; i += 4096 {
		sum += int(m[i])
	}
	if sum != 0 {
		t.Fatal("the file reads as other than zeros")
	}
	for _, c := range []struct {
		name string
		got  int
		want func(int) bool
	}{
		{"the file", MappedRSS(t, path), func(n int) bool { return n >= size/2 }},
		{"its directory", MappedRSSUnder(t, dir), func(n int) bool { return n >= size/2 }},
		{"another file", MappedRSS(t, path+"x"), func(n int) bool { return n == 0 }},
		{"another directory", MappedRSSUnder(t, dir+"x"), func(n int) bool { return n == 0 }},
	} {
		if !c.want(c.got) {
			t.Errorf("resident size of %s = %d bytes", c.name, c.got)
		}
	}
}
