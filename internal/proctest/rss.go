// Package proctest measures this process for tests and benchmarks: the
// CPU time it has used (cputime*.go), the size of the files it wrote
// (dirsize.go), the most goroutines and open files it had at once
// (peaks.go), and how much of its maps of files is resident, so that a
// test of a package that maps files into memory (bbolt files, index
// segments) can check that it lets the kernel reclaim the pages it has
// read (rss.go).
package proctest

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// NeedSmaps skips the test unless MappedRSS can tell: on Linux, where
// /proc/self/smaps is (and where the packages release their maps).
func NeedSmaps(t testing.TB) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("resident memory of a map is measured on Linux only (/proc/self/smaps)")
	}
}

// MappedRSS is the resident size, in bytes, of the process's memory maps
// of the file at path (/proc/self/smaps: Linux only).
func MappedRSS(t testing.TB, path string) int {
	t.Helper()
	return mappedRSS(t, func(file string) bool { return file == path })
}

// WantReleased fails the test unless release lets go of the pages of the
// process's maps of the file at path: at least least bytes of them
// resident before (fewer, and the test would tell nothing), at most one
// divisor-th of those after.
func WantReleased(t testing.TB, path string, least, divisor int, release func()) {
	t.Helper()
	before := MappedRSS(t, path)
	if before < least {
		t.Fatalf("%d bytes of the map of %s were resident before the release; the test wants at least %d", before, filepath.Base(path), least)
	}
	release()
	if after := MappedRSS(t, path); after > before/divisor {
		t.Errorf("the release left %d of %d resident bytes of the map of %s; want at most 1/%d of them", after, before, filepath.Base(path), divisor)
	}
}

// MappedRSSUnder is the resident size, in bytes, of the process's memory
// maps of the files below dir.
func MappedRSSUnder(t testing.TB, dir string) int {
	t.Helper()
	prefix := dir + string(filepath.Separator)
	return mappedRSS(t, func(file string) bool { return strings.HasPrefix(file, prefix) })
}

// MappedRSSGlob is the resident size, in bytes, of the process's memory
// maps of the files whose paths match pattern (filepath.Match), such as
// an index's segment files without the bbolt file beside them.
func MappedRSSGlob(t testing.TB, pattern string) int {
	t.Helper()
	if _, err := filepath.Match(pattern, ""); err != nil {
		t.Fatalf("pattern %q: %v", pattern, err)
	}
	return mappedRSS(t, func(file string) bool {
		ok, _ := filepath.Match(pattern, file)
		return ok
	})
}

// mappedRSS sums the Rss lines of the maps in /proc/self/smaps whose file
// is one that counts.
func mappedRSS(t testing.TB, counts func(file string) bool) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			// the header of a map: address range, perms, offset, device, inode[, file]
			in = len(fields) == 6 && counts(fields[5])
		case in && fields[0] == "Rss:":
			kb, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatal(err)
			}
			total += kb << 10
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}
