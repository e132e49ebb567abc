package archive_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/damagetest"
	"github.com/wenming-archive/wenming/internal/store"
)

// fillArchive stores n records in data and indexes the first indexed of
// them, as an import killed between its store and its index leaves it.
func fillArchive(t *testing.T, data string, n, indexed int) {
	t.Helper()
	arts := make([]*article.Article, n)
	for i := range n {
		arts[i] = &article.Article{
			URL: fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i), Site: "www.example.gov.cn", SiteName: "某县文明网",
			Level: article.County, Title: fmt.Sprintf("志愿服务活动第%d期", i), Body: strings.Repeat("文明实践志愿服务进社区，群众满意。", 20+i%7),
			Published: time.Date(2020+i%5, 3, 1+i%27, 0, 0, 0, 0, article.China), FetchedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, article.China),
		}
	}
	writeArchive(t, data, arts, indexed)
}

// writeArchive stores arts in a new archive in data and indexes the first
// indexed of them.
func writeArchive(t *testing.T, data string, arts []*article.Article, indexed int) {
	t.Helper()
	st, ix := openStoreAndIndex(t, data)
	defer st.Close()
	defer ix.Close()
	var docs []index.Document
	for i, a := range arts {
		if _, err := st.Put(a); err != nil {
			t.Fatal(err)
		}
		if i < indexed {
			docs = append(docs, archive.Document(a))
		}
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
}

// openStoreAndIndex opens (creating them) the records and the index of
// the archive in data, for the caller to close.
func openStoreAndIndex(tb testing.TB, data string) (*store.Store, *index.Index) {
	tb.Helper()
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := index.Open(archive.IndexPath(data))
	if err != nil {
		st.Close()
		tb.Fatal(err)
	}
	return st, ix
}

func openChecked(t *testing.T, data string) (*index.Index, archive.IndexState) {
	t.Helper()
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ix, state, err := archive.OpenIndex(context.Background(), archive.IndexPath(data), archive.IndexOptions{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	return ix, state
}

// TestOpenIndexMendsAKilledImport: records stored but not indexed (the
// state a killed import leaves) are indexed at the next open, with a note.
func TestOpenIndexMendsAKilledImport(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 300, 120)
	ix, state := openChecked(t, data)
	defer ix.Close()
	if n, _ := ix.Count(); n != 300 {
		t.Fatalf("index holds %d documents after the open, want 300", n)
	}
	if state.Indexed != 180 || len(state.Notes) == 0 {
		t.Fatalf("state %+v, want 180 indexed and a note", state)
	}
	t.Log(state.Notes)
}

// TestOpenIndexPendingMarker: with the marker of an interrupted import the
// whole archive is indexed again (the import may have replaced indexed
// records) and the marker removed.
func TestOpenIndexPendingMarker(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 50, 50)
	if err := archive.MarkIndexPending(archive.IndexPath(data), "import"); err != nil {
		t.Fatal(err)
	}
	ix, state := openChecked(t, data)
	ix.Close()
	if state.Indexed != 50 || len(state.Notes) == 0 {
		t.Fatalf("state %+v, want 50 indexed and a note", state)
	}
	if _, err := os.Stat(archive.PendingPath(archive.IndexPath(data))); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("marker left: %v", err)
	}
	// A clean archive is opened without a word.
	ix, state = openChecked(t, data)
	ix.Close()
	if state.Indexed != 0 || len(state.Notes) != 0 {
		t.Fatalf("clean archive: state %+v", state)
	}
}

// TestDamagedIndexIsRebuiltByReaders flips bytes in the middle of the
// index's segment files: the reader's check at open, or the first search
// that fails inside bleve, has it rebuilt from the records; every query
// then answers.
func TestDamagedIndexIsRebuiltByReaders(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 300, 300)
	if damagetest.FlipTree(t, archive.IndexPath(data), ".zap", 1.0/3, 2.0/3, 97) == 0 {
		t.Skip("no segment files to damage (index layout changed?)")
	}
	ctx := context.Background()
	r, err := archive.OpenReader(ctx, data, archive.ReadOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, q := range []string{"志愿", "文明实践", "群众", "活动第1期", "服务进社区", "满意"} {
		for _, sort := range []string{"", "-published", "views"} {
			_, err := r.Index.Search(ctx, index.Query{Text: q, Sort: sort, Size: 10, Facets: 5})
			if errors.Is(err, index.ErrDamaged) {
				if err := r.RebuildIndex(ctx, err); err != nil {
					t.Fatal(err)
				}
				_, err = r.Index.Search(ctx, index.Query{Text: q, Sort: sort, Size: 10, Facets: 5})
			}
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	if !r.IndexState.Rebuilt || len(r.IndexState.Notes) == 0 {
		t.Fatalf("damage went unnoticed: %+v", r.IndexState)
	}
	if n, _ := r.Index.Count(); n != 300 {
		t.Fatalf("rebuilt index holds %d documents, want 300", n)
	}
	t.Log(r.IndexState.Notes)
}

// TestReadOnlyIndex opens an index read-only: it searches and writes
// nothing.
func TestReadOnlyIndex(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 40, 40)
	before := dirSnapshot(t, archive.IndexPath(data))
	ix, err := index.OpenReadOnly(archive.IndexPath(data))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), index.Query{Text: "志愿", Size: 5})
	if err != nil || res.Total != 40 {
		t.Fatalf("search: %v, %v", res, err)
	}
	if err := ix.Put(index.Document{ID: "x", URL: "x", Title: "x"}); err == nil {
		t.Error("Put into a read-only index succeeded")
	}
	ix.Close()
	if after := dirSnapshot(t, archive.IndexPath(data)); after != before {
		t.Fatalf("a read-only open changed the index:\n%s\n%s", before, after)
	}
}

func dirSnapshot(t *testing.T, dir string) string {
	t.Helper()
	var sb strings.Builder
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		fmt.Fprintf(&sb, "%s %d %x\n", path, len(b), b[:min(len(b), 64)])
		return err
	})
	return sb.String()
}

// TestIndexOfAnotherVersionIsReplaced: an index another version of wenming
// made is rebuilt from the records and replaced, not kept beside as a
// damaged one would be.
func TestIndexOfAnotherVersionIsReplaced(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 20, 20)
	b, err := bleve.Open(archive.IndexPath(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetInternal([]byte("wenming.index.version"), []byte("0")); err != nil {
		t.Fatal(err)
	}
	b.Close()
	ix, state := openChecked(t, data)
	defer ix.Close()
	if n, _ := ix.Count(); !state.Rebuilt || n != 20 {
		t.Errorf("rebuilt %v, %d documents: %v", state.Rebuilt, n, state.Notes)
	}
	if left, _ := filepath.Glob(archive.IndexPath(data) + ".*"); len(left) != 0 {
		t.Errorf("left beside the index: %q", left)
	}
}

// TestOpenIndexChangesLayout: an index of the other layout than the one
// asked for (config index.shards) is rebuilt so, with a note, and back.
func TestOpenIndexChangesLayout(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 60, 60)
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, shards := range []string{index.ShardByYear, index.ShardByYear, ""} {
		ix, state, err := archive.OpenIndex(context.Background(), archive.IndexPath(data), archive.IndexOptions{Store: st, Shards: shards})
		if err != nil {
			t.Fatal(err)
		}
		n, _ := ix.Count()
		if ix.Sharded() != shards || n != 60 {
			t.Errorf("asked for %q: sharded %q, %d documents", shards, ix.Sharded(), n)
		}
		t.Logf("%q: %v", shards, state.Notes)
		ix.Close()
	}
}
