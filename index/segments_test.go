package index

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/wenming-archive/wenming/internal/proctest"
)

// TestSegmentReadMapsLittle reads one byte in the middle of each segment
// file of an index just written, as a batch's look-up of its IDs reads a
// few bytes of each: what that makes resident stays near the 64 KB of
// the kernel's fault-around, not the megabyte folios a file written in
// large writes lies in (see segments.go). Merged, the segments are
// written by zapx's merge; fresh, each by scorch's persister in one
// write, and read back in small pieces by the first release of the maps
// (see releaseSegments).
func TestSegmentReadMapsLittle(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/self/smaps")
	}
	for _, tc := range []struct {
		name  string
		docs  int  // of 1,200 bytes of text each; 256 KB a batch
		chars int  // distinct characters of the text
		merge bool // into one segment
	}{
		{"merged", 1000, 3000, true},
		// Text that repeats its characters as real text does: a
		// batch's segment of one to three megabytes, as a crawl's.
		{"fresh", 400, 300, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			ix, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(5, 6))
			w := ix.NewWriter()
			for i := range tc.docs {
				var b strings.Builder
				for range 400 {
					b.WriteRune(rune(0x4e00 + rng.IntN(tc.chars)))
				}
				id := fmt.Sprintf("https://a.wenming.cn/%d.html", i)
				if err := w.Add(Document{ID: id, URL: id, Title: "标题", Body: b.String()}); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if tc.merge {
				forceMerge(t, ix)
			}
			// Closed, every segment is written to its file; reopened
			// read-only, mapped, and no merge reads them meanwhile.
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			if ix, err = OpenReadOnly(dir); err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			const perRead = 128 << 10 // a 64 KB folio, and fault-around straddling two
			ix.releaseMaps()
			n := touchMiddles(t, ix, !tc.merge)
			// The segment files only: the bbolt file beside them
			// (root.bolt) keeps 56-64 KB of its map resident.
			got := proctest.MappedRSSGlob(t, filepath.Join(dir, "*.zap"))
			if n == 0 {
				t.Fatal("no segment file of 256 KB or more")
			}
			if got > n*perRead {
				t.Errorf("reading a byte of each of %d segment files of 256 KB or more left %d KB of their maps resident, want at most %d KB", n, got>>10, n*perRead>>10)
			}
		})
	}
}

// forceMerge merges the segments of ix into one.
func forceMerge(t *testing.T, ix *Index) {
	t.Helper()
	adv, err := ix.b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	if err := adv.(*scorch.Scorch).ForceMerge(t.Context(), &opts); err != nil {
		t.Fatal(err)
	}
}

// touchMiddles reads the byte in the middle of the map of each segment
// file of 256 KB or more in the index and returns how many there are;
// fresh says they are a batch's segments, which are read back (see
// readBackMax).
func touchMiddles(t *testing.T, ix *Index, fresh bool) int {
	t.Helper()
	n, sum := 0, 0
	forEachSegmentMap(t, ix, func(m []byte) {
		if len(m) < 256<<10 {
			return
		}
		if fresh && len(m) > readBackMax {
			t.Fatalf("a batch's segment of %d bytes, more than the %d read back", len(m), readBackMax)
		}
		sum += int(m[len(m)/2])
		n++
	})
	readSink = sum
	return n
}

// readSink keeps the bytes touchMiddles reads from being optimized away.
var readSink int
