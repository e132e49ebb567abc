package index

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// fillBatch adds documents prefix0, prefix1 … to w until it has handed
// a batch over to be written in the background, and returns how many it
// added.
func fillBatch(t *testing.T, w *Writer, prefix, body string) int {
	t.Helper()
	for i := 0; ; i++ {
		if err := w.Add(Document{ID: fmt.Sprint(prefix, i), URL: "http://x.invalid/", Title: prefix, Body: body}); err != nil {
			t.Fatal(err)
		}
		if w.writing != nil {
			return i + 1
		}
	}
}

// TestWriteBehindKeepsOrder: a document added again in the next batch,
// or deleted in it, while the batch before is written in the background,
// ends as the later call says.
func TestWriteBehindKeepsOrder(t *testing.T) {
	ix, err := Open(t.TempDir() + "/idx")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	w := ix.NewWriter()
	body := strings.Repeat("文明实践", 500)
	n := fillBatch(t, w, "a", body) // a0 … a(n-2) handed over, a(n-1) pending
	if n < 3 {
		t.Fatalf("a batch of %d documents", n)
	}
	if err := w.Add(Document{ID: "a0", URL: "http://x.invalid/", Title: "后来的标题", Body: body}); err != nil {
		t.Fatal(err)
	}
	if err := w.Delete("a1"); err != nil {
		t.Fatal(err)
	}
	fillBatch(t, w, "b", body)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{Text: "后来的标题"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "a0" {
		t.Errorf("the later title: hits %v, want a0", res.Hits)
	}
	if res, err = ix.Search(context.Background(), Query{Text: "a", Size: 1000}); err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ID == "a1" {
			t.Errorf("a1, deleted after it was added, is found")
		}
		if h.ID == "a0" {
			t.Errorf("a0 found by its first title")
		}
	}
}

// TestWriteBehindError: a batch that fails in the background fails the
// Writer's next call, with the index named.
func TestWriteBehindError(t *testing.T) {
	ix, err := Open(t.TempDir() + "/idx")
	if err != nil {
		t.Fatal(err)
	}
	w := ix.NewWriter()
	body := strings.Repeat("文明实践", 500)
	// The bleve index closed under the Writer (and so not closed again):
	// its next batch fails.
	if err := ix.b.Close(); err != nil {
		t.Fatal(err)
	}
	defer ix.writing.Wait()
	for i := 0; i < 10*putBatchSize; i++ {
		if err = w.Add(Document{ID: fmt.Sprint(i), Body: body}); err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil || !strings.Contains(err.Error(), ix.path) {
		t.Fatalf("writing into a closed index: %v, want an error naming %s", err, ix.path)
	}
}

// TestCloseWaitsForWriteBehind: closing the index with a batch still
// being written in the background (its Writer never flushed) keeps the
// batch.
func TestCloseWaitsForWriteBehind(t *testing.T) {
	path := t.TempDir() + "/idx"
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w := ix.NewWriter()
	n := fillBatch(t, w, "a", strings.Repeat("文明实践", 500))
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, err := ix.Count(); err != nil || got != uint64(n-1) {
		t.Errorf("count after close %d (%v), want the %d documents handed over", got, err, n-1)
	}
}
