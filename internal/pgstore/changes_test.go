package pgstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/store"
)

func changeArticle(url, title string, at time.Time) *article.Article {
	v := int64(3)
	return &article.Article{
		URL: url, Site: "hb.wenming.cn", SiteName: "河北文明网", Level: article.Province,
		Lineage: []article.Site{{Host: "hb.wenming.cn", Name: "河北文明网", Level: article.Province}},
		Title:   title, Body: "正文：" + title + "，志愿服务在基层开展。", Views: &v, FetchedAt: at,
		Published: time.Date(2025, 2, 28, 0, 0, 0, 0, article.China), PublishedPrecision: article.PrecisionDay,
	}
}

// changes reads the changes after since into a map of URL → present.
func changes(t *testing.T, r *pgstore.Records, since int64, seen map[string]bool) int64 {
	t.Helper()
	last := since
	err := r.Changes(context.Background(), since, func(seq int64, url string, a *article.Article) error {
		if seq <= last {
			return fmt.Errorf("change %d after %d: out of order", seq, last)
		}
		last = seq
		seen[url] = a != nil
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return last
}

// TestChanges: every write of a record is a change, a write that changes
// nothing is none, a record merged into another is a removal.
func TestChanges(t *testing.T) {
	ctx := context.Background()
	r, _ := pgtest.Open(t, pgstore.OpenRecords)
	if n, err := r.LastChange(ctx); err != nil || n != 0 {
		t.Fatalf("LastChange of an empty archive = %d, %v", n, err)
	}
	id, err := r.ArchiveID(ctx)
	if err != nil || len(id) < 16 {
		t.Fatalf("ArchiveID = %q, %v", id, err)
	}
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, article.China)
	a := changeArticle("http://hb.wenming.cn/a/1.html", "甲", t0)
	b := changeArticle("http://hb.wenming.cn/a/2.html", "乙", t0)
	for _, x := range []*article.Article{a, b} {
		if _, err := r.Put(x); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	last := changes(t, r, 0, seen)
	if len(seen) != 2 || !seen[a.URL] || !seen[b.URL] {
		t.Fatalf("changes after 0 = %v", seen)
	}
	if n, _ := r.LastChange(ctx); n != last {
		t.Errorf("LastChange = %d, the changes end at %d", n, last)
	}
	// The same observation again: nothing written, no change.
	if _, err := r.Put(a); err != nil {
		t.Fatal(err)
	}
	if n, _ := r.LastChange(ctx); n != last {
		t.Errorf("a put that wrote nothing made a change: %d after %d", n, last)
	}
	// b, with a's title and body, is merged into a: a changes, b is removed.
	b2 := *b
	b2.Title, b2.Body = a.Title, a.Body
	b2.FetchedAt = t0.Add(time.Hour)
	if _, err := r.Put(&b2); err != nil {
		t.Fatal(err)
	}
	if err := r.AddAlias(a.URL, b.URL); err != nil {
		t.Fatal(err)
	}
	seen = map[string]bool{}
	last2 := changes(t, r, last, seen)
	if p, ok := seen[b.URL]; !ok || p {
		t.Errorf("the record merged away is not a removal: %v", seen)
	}
	if !seen[a.URL] {
		t.Errorf("the record merged into is not a change: %v", seen)
	}
	if n, _ := r.LastChange(ctx); n != last2 {
		t.Errorf("LastChange = %d, the changes end at %d", n, last2)
	}
	// A record under the removed URL again: the removal is gone.
	c := changeArticle(b.URL, "丙", t0.Add(2*time.Hour))
	c.Body = "完全不同的正文，讲的是另一件事情，和前面的文章毫无关系。"
	if err := r.AddAlias(a.URL, "http://hb.wenming.cn/m/1.html"); err != nil {
		t.Fatal(err)
	}
	seen = map[string]bool{}
	changes(t, r, 0, seen)
	if _, ok := seen[b.URL]; !ok {
		t.Errorf("the removal is not among all changes: %v", seen)
	}
}

// TestChangesRecordMoved: a record that a URL of a preferred form takes
// over (store.Moved) is a removal, the record under the new URL a change.
func TestChangesRecordMoved(t *testing.T) {
	r, _ := pgtest.Open(t, pgstore.OpenRecords)
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, article.China)
	mobile := changeArticle("http://hb.wenming.cn/m/a/1.html", "甲", t0)
	mobile.Body += "文明实践活动进社区，群众参与热情高涨。" // long enough to be recognised
	if _, err := r.Put(mobile); err != nil {
		t.Fatal(err)
	}
	last := changes(t, r, 0, map[string]bool{})
	desktop := changeArticle("http://hb.wenming.cn/a/1.html", "甲", t0.Add(time.Hour))
	desktop.Body = mobile.Body
	if st, err := r.Put(desktop); err != nil || st != store.Moved {
		t.Fatalf("Put of the desktop URL = %v, %v; want moved", st, err)
	}
	seen := map[string]bool{}
	changes(t, r, last, seen)
	if p, ok := seen[mobile.URL]; !ok || p {
		t.Errorf("the record taken over is not a removal: %v", seen)
	}
	if !seen[desktop.URL] {
		t.Errorf("the record under the preferred URL is not a change: %v", seen)
	}
}

// TestChangesSeenInOrder: a reader that follows the changes while
// writers put records concurrently, each time asking for those after the
// last it saw, sees every record: no change commits after one numbered
// later was seen.
func TestChangesSeenInOrder(t *testing.T) {
	ctx := context.Background()
	r, dsn := pgtest.Open(t, pgstore.OpenRecords)
	const writers, each = 8, 40
	var wg sync.WaitGroup
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, article.China)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A pool of its own: the writers race each other's commits.
			wr, err := pgstore.OpenRecords(ctx, dsn)
			if err != nil {
				t.Error(err)
				return
			}
			defer wr.Close()
			for i := range each {
				a := changeArticle(fmt.Sprintf("http://hb.wenming.cn/a/%d-%d.html", w, i), fmt.Sprintf("文章%d之%d", w, i), t0)
				if _, err := wr.Put(a); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	seen := map[string]bool{}
	var last int64
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		last = changes(t, r, last, seen)
	}
	changes(t, r, last, seen)
	if len(seen) != writers*each {
		t.Errorf("a reader following the changes saw %d records of %d", len(seen), writers*each)
	}
}
