package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFailureFailsTheIndex: when persisting a batch fails (here the
// index's store directory is moved away, as a full disk or an I/O error
// would fail it), the write returns the error and every later write
// returns ErrWriteFailed, none panicking: scorch leaves the failed
// batch's segment closed among the index's segments, and the next batch
// read it and crashed the process (a nil map in zapx). (The writer's own
// later writes may return the errors of its batches that were under way
// at the failure instead.) Reopened once the
// directory is back, the index holds what was persisted and takes
// writes again.
func TestWriteFailureFailsTheIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("志愿服务活动内容丰富，群众纷纷点赞。", 200)
	doc := func(i int) Document {
		u := fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i)
		return Document{ID: u, URL: u, Title: fmt.Sprintf("文章%d", i), Body: body, Site: "www.example.gov.cn"}
	}
	w := ix.NewWriter()
	for i := range 200 {
		if err := w.Add(doc(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	store, away := filepath.Join(dir, "store"), filepath.Join(dir, "store.away")
	if err := os.Rename(store, away); err != nil {
		t.Fatal(err)
	}
	var first error
	for i := 200; i < 3000 && first == nil; i++ {
		first = w.Add(doc(i))
	}
	if first == nil {
		first = w.Flush()
	}
	if first == nil {
		t.Fatal("writes with the index's store gone did not fail")
	}
	t.Logf("first failed write: %v", first)
	for i := range 20 {
		err := w.Add(doc(5000 + i))
		if err == nil {
			err = w.Flush()
		}
		if err == nil {
			t.Fatalf("write %d after the failure succeeded", i)
		}
	}
	if err := ix.Put(doc(6000)); !errors.Is(err, ErrWriteFailed) {
		t.Fatalf("Put after the failure: %v, want ErrWriteFailed", err)
	}
	ix.Close()

	if err := os.Rename(away, store); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatalf("reopening after the failure: %v", err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n < 200 {
		t.Fatalf("reopened: %d documents (%v), want the 200 persisted before the failure at least", n, err)
	}
	if err := ix.Put(doc(7000)); err != nil {
		t.Fatalf("reopened index takes no writes: %v", err)
	}
}
