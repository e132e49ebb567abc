package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestScratchReuse: pages extracted one after another on recycled
// scratch give the results they give on fresh scratch, and a released
// page's scratch points to no node or text of it.
func TestScratchReuse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.html"))
	if err != nil || len(files) < 4 {
		t.Fatalf("testdata pages: %v (%d)", err, len(files))
	}
	var some []string // about 16, from every directory
	for i := 0; i < len(files); i += max(1, len(files)/16) {
		some = append(some, files[i])
	}
	files = some
	u, _ := url.Parse("http://www.wenming.cn/a/t20240101_1.html")
	extractFresh := func(src []byte) *Result {
		scratchPool = sync.Pool{} // nothing to reuse
		d, err := Parse(src, u)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ExtractDocument(d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	pages := make([][]byte, len(files))
	fresh := make([]*Result, len(files))
	for i, f := range files {
		if pages[i], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
		fresh[i] = extractFresh(pages[i])
	}
	// Every page after every other, on the scratch the one before left.
	for round := 0; round < 2; round++ {
		for i := range files {
			j := (i*7 + round) % len(files)
			d, err := Parse(pages[j], u)
			if err != nil {
				t.Fatal(err)
			}
			r, err := ExtractDocument(d, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r, fresh[j]) {
				t.Errorf("%s after another page: %+v, fresh %+v", files[j], r, fresh[j])
			}
		}
	}

	d, err := Parse(pages[0], u)
	if err != nil {
		t.Fatal(err)
	}
	p := analyse(d)
	sc := p.scratch
	if len(p.all) == 0 || len(p.texts) == 0 {
		t.Fatalf("page of %d nodes, %d texts", len(p.all), len(p.texts))
	}
	p.release()
	for i, n := range sc.all[:cap(sc.all)] {
		if n != nil {
			t.Fatalf("released scratch holds node %d", i)
		}
	}
	for i, x := range sc.texts[:cap(sc.texts)] {
		if x.n != nil || x.text != "" {
			t.Fatalf("released scratch holds text %d", i)
		}
	}
}
