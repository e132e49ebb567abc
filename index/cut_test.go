package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLongBodyIsCut: a body longer than MaxBodyChars is indexed up to
// MaxBodyChars characters; a hit says so, and the tail is not searched.
func TestLongBodyIsCut(t *testing.T) {
	ix := openTestIndex(t)
	filler := strings.Repeat("文明实践志愿服务。", MaxBodyChars/9+100)
	long := "开篇词语" + filler + "结尾词语"
	docs := []Document{
		{ID: "long", URL: "https://x/long", Title: "长文", Body: long},
		{ID: "short", URL: "https://x/short", Title: "短文", Body: "开篇词语，结尾词语。"},
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{Text: "开篇词语"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, h := range res.Hits {
		got[h.ID] = h.BodyChars
	}
	if want := utf8.RuneCountInString(long); len(got) != 2 || got["long"] != want || got["short"] != 0 {
		t.Errorf("hits and BodyChars %v, want long %d and short 0", got, want)
	}
	res, err = ix.Search(context.Background(), Query{Text: "结尾词语"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "short" {
		t.Errorf("a word past MaxBodyChars: hits %v, want only the short article", res.Hits)
	}
}

// TestWriterBatchesByBytes: a batch is written before it would exceed
// putBatchBytes, whatever its count, and one document over the limit goes
// alone.
func TestWriterBatchesByBytes(t *testing.T) {
	ix := openTestIndex(t)
	w := ix.NewWriter()
	body := strings.Repeat("文", putBatchBytes/3/4) // a quarter of a batch
	for i := range 4 {
		if err := w.Add(Document{ID: string(rune('a' + i)), Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	if w.written != 0 || w.docs != 4 {
		t.Fatalf("after four quarters: written %d, pending %d; want 0 and 4", w.written, w.docs)
	}
	if err := w.Add(Document{ID: "e", Body: body}); err != nil {
		t.Fatal(err)
	}
	// The batch handed over is written in the background: wait for it.
	if err := w.waitAll(); err != nil {
		t.Fatal(err)
	}
	if w.written != 4 || w.docs != 1 {
		t.Errorf("after a fifth: written %d, pending %d; want 4 and 1", w.written, w.docs)
	}
	huge := strings.Repeat("字", 2*MaxBodyChars)
	if err := w.Add(Document{ID: "f", Body: huge}); err != nil {
		t.Fatal(err)
	}
	if err := w.waitAll(); err != nil {
		t.Fatal(err)
	}
	if w.written != 5 || w.docs != 1 || w.bytes != 3*MaxBodyChars {
		t.Errorf("after a long body: written %d, pending %d of %d bytes; want 5, 1, %d", w.written, w.docs, w.bytes, 3*MaxBodyChars)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != 6 || w.Written() != 6 {
		t.Errorf("count %d (%v), written %d; want 6", n, err, w.Written())
	}
}

func TestCut(t *testing.T) {
	for _, c := range []struct {
		s            string
		n            int
		runes, bytes string
	}{
		{"abc", 5, "abc", "abc"},
		{"文明网", 2, "文明", ""},
		{"文明网", 4, "文明网", "文"},
		{"a文", 2, "a文", "a"},
	} {
		if got := cutRunes(c.s, c.n); got != c.runes {
			t.Errorf("cutRunes(%q, %d) = %q, want %q", c.s, c.n, got, c.runes)
		}
		if got := cutBytes(c.s, c.n); got != c.bytes {
			t.Errorf("cutBytes(%q, %d) = %q, want %q", c.s, c.n, got, c.bytes)
		}
	}
}
