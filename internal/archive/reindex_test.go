package archive_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestReindexIntoDropsAliasDocuments: indexing a record into an index
// that holds a document of one of its aliases (the record it took over,
// store.Moved) leaves one document, the record's.
func TestReindexIntoDropsAliasDocuments(t *testing.T) {
	st, ix := openStoreAndIndex(t, t.TempDir())
	defer st.Close()
	defer ix.Close()
	const desktop, mobile = "http://www.example.gov.cn/a/1.html", "http://www.example.gov.cn/m/a/1.html"
	mk := func(url string, at time.Time) *article.Article {
		return &article.Article{URL: url, Site: "www.example.gov.cn", SiteName: "某县文明网", Level: article.County,
			Title: "志愿服务活动", Body: strings.Repeat("文明实践志愿服务进社区，群众满意。", 3), FetchedAt: at}
	}
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, article.China)
	m := mk(mobile, t0)
	if _, err := st.Put(m); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(archive.Document(m)); err != nil {
		t.Fatal(err)
	}
	if s, err := st.Put(mk(desktop, t0.Add(time.Hour))); err != nil || s != store.Moved {
		t.Fatalf("Put desktop = %v, %v; want moved", s, err)
	}
	since := t0.Add(time.Minute)
	if _, err := archive.ReindexInto(st, ix, func(a *article.Article) bool { return !a.FetchedAt.Before(since) }, nil); err != nil {
		t.Fatal(err)
	}
	docs, err := ix.Get(context.Background(), desktop, mobile)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := docs[mobile]; ok || len(docs) != 1 {
		t.Errorf("index holds %v; want the desktop document alone", docs)
	}
	if n, err := ix.Count(); err != nil || n != 1 {
		t.Errorf("Count = %d, %v; want 1", n, err)
	}
}

// BenchmarkReindexIntoAliases indexes 1,000 records again into an index
// that holds them, with two aliases each (whose documents it deletes) and,
// its peer, without.
func BenchmarkReindexIntoAliases(b *testing.B) {
	for _, aliases := range []int{0, 2} {
		b.Run(fmt.Sprintf("aliases=%d", aliases), func(b *testing.B) {
			st, ix := openStoreAndIndex(b, b.TempDir())
			defer st.Close()
			defer ix.Close()
			for i := range 1000 {
				a := &article.Article{
					URL: fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i), Site: "www.example.gov.cn", SiteName: "某县文明网",
					Level: article.County, Title: fmt.Sprintf("志愿服务活动第%d期", i), Body: strings.Repeat("文明实践志愿服务进社区，群众满意。", 20+i%7),
					FetchedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, article.China),
				}
				for k := range aliases {
					a.Aliases = append(a.Aliases, fmt.Sprintf("http://www.example.gov.cn/m%d/a/%d.html", k, i))
				}
				if _, err := st.Put(a); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := archive.ReindexInto(st, ix, nil, nil); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := archive.ReindexInto(st, ix, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
