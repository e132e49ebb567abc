package index_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/wenming-archive/wenming/index"
)

// openTemp opens a fresh index in a temporary directory, closed at cleanup.
// putWithBodies puts docs into ix and has ix get their bodies back for
// snippets, as a caller that keeps the bodies does (see index.Bodies).
func putWithBodies(ix *index.Index, docs ...index.Document) error {
	bodies := make(map[string]string, len(docs))
	for _, d := range docs {
		bodies[d.ID] = d.Body
	}
	ix.SetBodies(func(_ context.Context, ids []string) (map[string]string, error) {
		rv := make(map[string]string, len(ids))
		for _, id := range ids {
			if b, ok := bodies[id]; ok {
				rv[id] = b
			}
		}
		return rv, nil
	})
	return ix.Put(docs...)
}

func openTemp(t testing.TB) *index.Index {
	t.Helper()
	ix, err := index.Open(t.TempDir() + "/idx")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ix.Close(); err != nil {
			t.Error(err)
		}
	})
	return ix
}

func search(t *testing.T, ix *index.Index, q index.Query) *index.Results {
	t.Helper()
	if q.Size == 0 {
		q.Size = 1000
	}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ids(res *index.Results) []string {
	var rv []string
	for _, h := range res.Hits {
		rv = append(rv, h.ID)
	}
	return rv
}

func ptr(n int64) *int64 { return &n }

// fixture is a small hand-made corpus for filters and sorting.
func fixture(t *testing.T) *index.Index {
	t.Helper()
	ix := openTemp(t)
	hb := []string{"中国文明网", "www.wenming.cn", "河北文明网", "hb.wenming.cn"}
	docs := []index.Document{
		{ID: "u/1", URL: "https://hb.wenming.cn/1", Title: "河北召开文明城市创建会议", Body: "会议要求，深化文明城市创建。",
			Site: "hb.wenming.cn", SiteName: "河北文明网", Level: "province", Column: "要闻", Lineage: hb,
			Published: time.Date(2022, 3, 1, 9, 0, 0, 0, cst), Views: ptr(300)},
		{ID: "u/2", URL: "https://zd.wenming.cn/2", Title: "正定县志愿服务活动", Body: "２０２２年，正定县开展志愿服务活动三十余场。",
			Site: "zd.wenming.cn", SiteName: "正定县文明网", Level: "county", Column: "志愿服务",
			Lineage:   append(append([]string{}, hb...), "正定县文明网", "zd.wenming.cn"),
			Published: time.Date(2022, 11, 5, 0, 0, 0, 0, cst), Views: ptr(1200)},
		{ID: "u/3", URL: "https://bj.wenming.cn/3", Title: "北京志愿者表彰", Body: "2023年北京表彰优秀志愿者。",
			Site: "bj.wenming.cn", SiteName: "北京文明网", Level: "province", Column: "志愿服务",
			Lineage:   []string{"中国文明网", "www.wenming.cn", "北京文明网", "bj.wenming.cn"},
			Published: time.Date(2023, 1, 2, 0, 0, 0, 0, cst), Views: ptr(50)},
		{ID: "u/4", URL: "https://www.wenming.cn/4", Title: "文明实践", Body: "日期和点击量不详的文章，讲文明。",
			Site: "www.wenming.cn", SiteName: "中国文明网", Level: "national", Column: "要闻",
			Lineage: []string{"中国文明网", "www.wenming.cn"}},
	}
	if err := putWithBodies(ix, docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestFilters(t *testing.T) {
	ix := fixture(t)
	tests := []struct {
		name string
		q    index.Query
		want []string // in order: no text sorts newest first
	}{
		{"all", index.Query{}, []string{"u/3", "u/2", "u/1", "u/4"}},
		{"site name via lineage", index.Query{Site: "河北文明网"}, []string{"u/2", "u/1"}},
		{"site host via lineage", index.Query{Site: "hb.wenming.cn"}, []string{"u/2", "u/1"}},
		{"own site", index.Query{Site: "zd.wenming.cn"}, []string{"u/2"}},
		{"national", index.Query{Site: "中国文明网"}, []string{"u/3", "u/2", "u/1", "u/4"}},
		{"level", index.Query{Level: "province"}, []string{"u/3", "u/1"}},
		{"column", index.Query{Column: "志愿服务"}, []string{"u/3", "u/2"}},
		{"year", index.Query{Year: 2022}, []string{"u/2", "u/1"}},
		{"since", index.Query{Since: time.Date(2022, 11, 5, 0, 0, 0, 0, cst)}, []string{"u/3", "u/2"}},
		{"until exclusive", index.Query{Until: time.Date(2022, 11, 5, 0, 0, 0, 0, cst)}, []string{"u/1"}},
		{"range", index.Query{Since: time.Date(2022, 1, 1, 0, 0, 0, 0, cst), Until: time.Date(2023, 1, 1, 0, 0, 0, 0, cst)}, []string{"u/2", "u/1"}},
		{"text and filter", index.Query{Text: "志愿", Site: "河北文明网"}, []string{"u/2"}},
		{"text and year", index.Query{Text: "文明", Year: 2023}, nil},
		{"multi-term AND", index.Query{Text: "志愿 正定"}, []string{"u/2"}},
		{"AND across title and body", index.Query{Text: "会议 创建"}, []string{"u/1"}},
		{"AND no match", index.Query{Text: "志愿 河北召开"}, nil},
		{"full-width query", index.Query{Text: "２０２３年"}, []string{"u/3"}},
		{"half-width query finds full-width text", index.Query{Text: "2022年"}, []string{"u/2"}},
		{"one character inside word", index.Query{Text: "县"}, []string{"u/2"}},
		{"not across punctuation", index.Query{Text: "要求深化"}, nil},
		{"with punctuation", index.Query{Text: "要求，深化"}, []string{"u/1"}},
		{"other punctuation", index.Query{Text: "要求。深化"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			if q.Text != "" {
				q.Sort = "-published"
			}
			res := search(t, ix, q)
			if got := ids(res); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("total %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSort(t *testing.T) {
	ix := fixture(t)
	tests := []struct {
		sort string
		want []string
	}{
		{"published", []string{"u/1", "u/2", "u/3", "u/4"}},
		{"-published", []string{"u/3", "u/2", "u/1", "u/4"}},
		{"views", []string{"u/3", "u/1", "u/2", "u/4"}},
		{"-views", []string{"u/2", "u/1", "u/3", "u/4"}},
	}
	for _, tt := range tests {
		if got := ids(search(t, ix, index.Query{Sort: tt.sort})); !slices.Equal(got, tt.want) {
			t.Errorf("sort %s: got %v, want %v", tt.sort, got, tt.want)
		}
		// With text the same order holds among the matches.
		if got := ids(search(t, ix, index.Query{Text: "文明", Sort: tt.sort})); !slices.Equal(got, filter(tt.want, "u/1", "u/4")) {
			t.Errorf("text, sort %s: got %v", tt.sort, got)
		}
	}
	if _, err := ix.Search(context.Background(), index.Query{Sort: "title"}); err == nil {
		t.Error("unknown sort: no error")
	}
	// Relevance: a title match ranks above a body-only match.
	res := search(t, ix, index.Query{Text: "志愿者"})
	if got := ids(res); !slices.Equal(got, []string{"u/3"}) {
		t.Fatalf("志愿者: %v", got)
	}
	res = search(t, ix, index.Query{Text: "文明城市"})
	if got := ids(res); len(got) != 1 || got[0] != "u/1" || res.Hits[0].Score <= 0 {
		t.Errorf("文明城市: %v", res.Hits)
	}
	// Paging.
	p1 := search(t, ix, index.Query{Sort: "published", Size: 2})
	p2 := search(t, ix, index.Query{Sort: "published", Size: 2, From: 2})
	if got := append(ids(p1), ids(p2)...); !slices.Equal(got, tests[0].want) || p1.Total != 4 {
		t.Errorf("pages: %v total %d", got, p1.Total)
	}
}

func filter(s []string, keep ...string) []string {
	var rv []string
	for _, x := range s {
		if slices.Contains(keep, x) {
			rv = append(rv, x)
		}
	}
	return rv
}

func TestHitFields(t *testing.T) {
	ix := fixture(t)
	res := search(t, ix, index.Query{Text: "正定县"})
	if len(res.Hits) != 1 {
		t.Fatalf("hits: %v", res.Hits)
	}
	h := res.Hits[0]
	want := time.Date(2022, 11, 5, 0, 0, 0, 0, cst)
	if h.ID != "u/2" || h.URL != "https://zd.wenming.cn/2" || h.Title != "正定县志愿服务活动" || h.SiteName != "正定县文明网" ||
		h.Site != "zd.wenming.cn" || h.Column != "志愿服务" || !h.Published.Equal(want) || h.Views == nil || *h.Views != 1200 {
		t.Errorf("hit: %+v", h)
	}
	if _, off := h.Published.Zone(); off != 8*3600 {
		t.Errorf("published lost its offset: %v", h.Published)
	}
	if h.Snippet != "２０２２年，<mark>正定县</mark>开展志愿服务活动三十余场。" {
		t.Errorf("snippet: %s", h.Snippet)
	}
	h = search(t, ix, index.Query{Text: "不详"}).Hits[0]
	if !h.Published.IsZero() || h.Views != nil {
		t.Errorf("unknown date and views: %+v", h)
	}
	if res.Took <= 0 {
		t.Errorf("took %v", res.Took)
	}
}

func TestQuotedPhrase(t *testing.T) {
	ix := openTemp(t)
	err := ix.Put(
		index.Document{ID: "a", Title: "新闻", Body: "Xi Jinping 在 北京 考察。"},
		index.Document{ID: "b", Title: "新闻", Body: "Jinping Xi 北京考察。"},
	)
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string][]string{
		`"xi jinping"`:    {"a"},
		`xi jinping`:      {"a", "b"},
		`"北京 考察"`:         {"a"},
		`北京考察`:            {"b"},
		`"jinping xi" 北京`: {"b"},
		`＂Xi  Jinping＂`:   {"a"},
	} {
		got := ids(search(t, ix, index.Query{Text: q, Sort: "relevance"}))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", q, got, want)
		}
	}
}

func TestTerms(t *testing.T) {
	for in, want := range map[string][]string{
		"":                     nil,
		"  国务院  ":              {"国务院"},
		"国务院　办公厅":              {"国务院", "办公厅"}, // ideographic space
		`"a  b" c`:             {"a b", "c"},
		`"  spaced  phrase  "`: {"spaced phrase"},
		`x "unclosed phrase`:   {"x", "unclosed phrase"},
		"２０２２年 2022年":          {"2022年"},
		"a\u200bb":             {"ab"},
	} {
		if got := index.Terms(in); !slices.Equal(got, want) {
			t.Errorf("Terms(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPutTwiceAndDelete(t *testing.T) {
	ix := openTemp(t)
	d := index.Document{ID: "https://x/1", Title: "旧标题", Body: "正文"}
	if err := ix.Put(d); err != nil {
		t.Fatal(err)
	}
	d.Title = "新标题"
	if err := ix.Put(d, d); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != 1 {
		t.Fatalf("count %d, %v", n, err)
	}
	if got := ids(search(t, ix, index.Query{Text: "旧"})); len(got) != 0 {
		t.Errorf("old title still found: %v", got)
	}
	if got := search(t, ix, index.Query{Text: "新"}); len(got.Hits) != 1 || got.Hits[0].Title != "新标题" {
		t.Errorf("new title: %+v", got.Hits)
	}
	if err := ix.Put(index.Document{Title: "no id"}); err == nil {
		t.Error("put without ID: no error")
	}
	if err := ix.Delete("https://x/1", "https://x/unknown"); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Errorf("count after delete %d", n)
	}
}

func TestReopen(t *testing.T) {
	dir := t.TempDir() // an existing empty directory is fine
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(index.Document{ID: "1", Title: "增值税改革", Body: "税"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n != 1 {
		t.Fatalf("count after reopen %d, %v", n, err)
	}
	if got := ids(search(t, ix, index.Query{Text: "值税"})); !slices.Equal(got, []string{"1"}) {
		t.Errorf("search after reopen: %v", got)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other")
	if err := os.MkdirAll(filepath.Join(other, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{file, other} {
		_, err := index.Open(p)
		if !errors.Is(err, index.ErrNotIndex) || !strings.Contains(err.Error(), "open index "+p+": ") {
			t.Errorf("Open(%s) = %v, want ErrNotIndex with path", p, err)
		}
	}
	// A bleve index not written by this package.
	plain := filepath.Join(dir, "plain")
	b, err := bleve.New(plain, bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if _, err := index.Open(plain); !errors.Is(err, index.ErrNotIndex) {
		t.Errorf("Open(plain bleve) = %v, want ErrNotIndex", err)
	}
}

func TestOpenLocked(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the lock timeout")
	}
	dir := t.TempDir()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := index.Open(dir); !errors.Is(err, index.ErrLocked) {
		t.Errorf("second Open = %v, want ErrLocked", err)
	}
}

// TestOpenIfFree: beside a reader that has the index open read-only,
// OpenIfFree gives up after trying the lock once, where Open waits its
// two seconds; OpenReadOnly shares the index meanwhile, and with nobody
// else there OpenIfFree opens it for writing.
func TestOpenIfFree(t *testing.T) {
	dir := t.TempDir()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(genCorpus(1, 3)...); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	reader, err := index.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = index.OpenIfFree(dir)
	if !errors.Is(err, index.ErrLocked) || !strings.Contains(err.Error(), "waited 100ms") {
		t.Errorf("OpenIfFree beside a reader = %v, want ErrLocked after 100ms", err)
	}
	other, err := index.OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	other.Close()
	reader.Close()
	ix, err = index.OpenIfFree(dir)
	if err != nil {
		t.Fatalf("OpenIfFree with nobody else: %v", err)
	}
	defer ix.Close()
	if ix.ReadOnly() {
		t.Error("OpenIfFree opened the index read-only")
	}
}

func TestSearchErrors(t *testing.T) {
	ix := openTemp(t)
	if _, err := ix.Search(context.Background(), index.Query{Size: -1}); err == nil {
		t.Error("negative size: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Put(genCorpus(1, 50)...); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, index.Query{Text: "文"}); err == nil {
		t.Error("cancelled context: no error")
	}
}

// TestWriterMarkAndDelete: a mark is written with the batch it was set
// in and survives a reopen; a deletion in a batch removes the document.
func TestWriterMarkAndDelete(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	ix, err := index.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := ix.Mark("seq"); err != nil || m != nil {
		t.Fatalf("Mark of a new index = %q, %v", m, err)
	}
	w := ix.NewWriter()
	for _, id := range []string{"a", "b"} {
		if err := w.Add(index.Document{ID: id, URL: id, Title: "标题" + id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetMark("seq", []byte("2")); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	w = ix.NewWriter()
	if err := w.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if err := w.SetMark("seq", []byte("3")); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if ix, err = index.Open(path); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if m, err := ix.Mark("seq"); err != nil || string(m) != "3" {
		t.Errorf("Mark after reopen = %q, %v; want 3", m, err)
	}
	if n, _ := ix.Count(); n != 1 {
		t.Errorf("Count = %d after deleting one of two", n)
	}
}
