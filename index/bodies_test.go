package index

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TestBodiesGiveSnippets: the index keeps no body; a search asks the
// caller's Bodies for those of its page's hits, once, and makes the
// snippets of them; a body it lacks gives no snippet, its error fails the
// search, and a body longer than MaxBodyChars is cut as it was indexed.
func TestBodiesGiveSnippets(t *testing.T) {
	long := strings.Repeat("甲", MaxBodyChars) + "尾声文明"
	docs := []Document{
		{ID: "a", Title: "一", Body: "第一篇讲文明。"},
		{ID: "b", Title: "二", Body: "第二篇讲文明。"},
		{ID: "c", Title: "三", Body: "第三篇讲文明。"},
		{ID: "d", Title: "四 文明", Body: long},
	}
	ix := openWithDocs(t, docs)
	bodies := map[string]string{}
	for _, d := range docs {
		bodies[d.ID] = d.Body
	}
	delete(bodies, "c")
	var calls [][]string
	var fail error
	ix.SetBodies(func(_ context.Context, ids []string) (map[string]string, error) {
		calls = append(calls, ids)
		return bodies, fail
	})
	q := Query{Text: "文明", Size: 10}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || len(calls[0]) != len(res.Hits) {
		t.Errorf("Bodies called %d times, with %v, for %d hits", len(calls), calls, len(res.Hits))
	}
	for _, h := range res.Hits {
		want := ""
		switch h.ID {
		case "a", "b":
			want = Snippet(bodies[h.ID], []string{"文明"}, 0)
		case "d":
			want = Snippet(cutRunes(long, MaxBodyChars), []string{"文明"}, 0)
			if strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("the snippet of a cut body marks text past the cut: %s", h.Snippet)
			}
		}
		if h.Snippet != want {
			t.Errorf("%s: snippet %q, want %q", h.ID, h.Snippet, want)
		}
	}

	// Without snippets, Bodies is not asked (its failure cannot fail
	// the search) and the hits are the same.
	calls, fail = nil, errors.New("records unreachable")
	plain, err := ix.Search(context.Background(), Query{Text: q.Text, Size: q.Size, NoSnippets: true})
	if err != nil || len(calls) != 0 {
		t.Fatalf("NoSnippets: %v, Bodies called with %v", err, calls)
	}
	if len(plain.Hits) != len(res.Hits) || plain.Total != res.Total {
		t.Errorf("NoSnippets: %d hits of %d, want %d of %d", len(plain.Hits), plain.Total, len(res.Hits), res.Total)
	}
	for i, h := range plain.Hits {
		if h.Snippet != "" || h.ID != res.Hits[i].ID {
			t.Errorf("NoSnippets hit %d: %s with snippet %q, want %s without", i, h.ID, h.Snippet, res.Hits[i].ID)
		}
	}

	if _, err := ix.Search(context.Background(), q); !errors.Is(err, fail) {
		t.Errorf("search with failing Bodies: %v", err)
	}

	ix.SetBodies(nil)
	res, err = ix.Search(context.Background(), q)
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Snippet != "" {
		t.Errorf("without Bodies: %v, %+v", err, res)
	}
}

// TestBodyNotStored: the documents of the index keep their title and no
// body (snippets come from the caller's); Get needs no body.
func TestBodyNotStored(t *testing.T) {
	ix := openWithDocs(t, []Document{{ID: "a", Title: "标题", Body: "正文讲文明。"}})
	doc, err := ix.b.Document("a")
	if err != nil || doc == nil {
		t.Fatalf("document: %v, %v", doc, err)
	}
	stored := map[string]bool{}
	doc.VisitFields(func(f bindex.Field) { stored[f.Name()] = true })
	if !stored[fieldTitle] || stored[fieldBody] {
		t.Errorf("stored fields %v: want the title, not the body", stored)
	}
	hits, err := ix.Get(context.Background(), "a")
	if err != nil || hits["a"].Title != "标题" {
		t.Errorf("get: %v, %+v", err, hits)
	}
}

// TestOldFormatRefused: an index of format 6, which stored the body, is
// refused with ErrVersion (whose callers rebuild it from the records).
func TestOldFormatRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	b, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetInternal(versionKey, []byte("6")); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if _, err := Open(path); !errors.Is(err, ErrVersion) {
		t.Errorf("open an index of format 6: %v", err)
	}
	if _, err := OpenReadOnly(path); !errors.Is(err, ErrVersion) {
		t.Errorf("open an index of format 6 read-only: %v", err)
	}
}
