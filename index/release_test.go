package index

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/proctest"
)

// TestReleaseMaps reads every page of an index's segment files through
// scorch's maps, releases them, and searches: the maps' resident pages
// fall to (almost) none and the search finds what it found before.
func TestReleaseMaps(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the maps are released on Linux only")
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	w := ix.NewWriter()
	const n = 1000
	for i := range n {
		var b strings.Builder
		for range 400 {
			b.WriteRune(rune(0x4e00 + rng.IntN(3000)))
		}
		if i%10 == 0 {
			b.WriteString("文明城市")
		}
		if err := w.Add(Document{ID: fmt.Sprintf("https://a.wenming.cn/%d.html", i), URL: fmt.Sprintf("https://a.wenming.cn/%d.html", i), Title: "标题", Body: b.String()}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	// Reopened, every segment is a file of its own, mapped.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	count := func() uint64 {
		t.Helper()
		res, err := ix.Search(t.Context(), Query{Text: "文明城市", Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	want := count()
	if want < n/10 {
		t.Fatalf("found %d documents, want at least %d", want, n/10)
	}
	// scorch merges the segments in the background after the reopen,
	// reading them through their maps (pages that come back resident):
	// the release is tried again until no merge read meanwhile.
	released := false
	for try := 0; try < 20 && !released; try++ {
		size := touchSegments(t, ix)
		before := proctest.MappedRSSUnder(t, dir)
		if before < size/2 {
			// A merge replaced the segments just read (the files of the
			// old ones are deleted, their maps no longer counted).
			t.Logf("%d bytes of the segments' maps resident after reading all %d", before, size)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		ix.releaseMaps()
		after := proctest.MappedRSSUnder(t, dir)
		released = after <= before/10
		if !released {
			t.Logf("releaseMaps left %d of %d resident bytes of the segments' maps", after, before)
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !released {
		t.Errorf("releaseMaps never released nine tenths of the segments' resident pages")
	}
	if got := count(); got != want {
		t.Errorf("after releaseMaps the search found %d documents, before %d", got, want)
	}
}

// TestReleaseMapsAfterClose releases the maps of an index closed
// meanwhile, as a caller's clock releasing them every so often may: there
// is nothing to release, and it must not fail (scorch hands a closed
// index's reader out as a nil snapshot).
func TestReleaseMapsAfterClose(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(Document{ID: "https://a.wenming.cn/1.html", URL: "https://a.wenming.cn/1.html", Title: "标题", Body: "文明城市"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix.ReleaseMaps()
}

// touchSegments reads a byte of every page of the index's segment maps
// and returns their total size.
func touchSegments(t *testing.T, ix *Index) int {
	t.Helper()
	size, sum := 0, 0
	forEachSegmentMap(t, ix, func(m []byte) {
		for i := 0; i < len(m); i += os.Getpagesize() {
			sum += int(m[i])
		}
		size += len(m)
	})
	if size == 0 {
		t.Fatal("no segment file open")
	}
	if sum == 0 {
		t.Fatal("the segments read as zeros")
	}
	return size
}
