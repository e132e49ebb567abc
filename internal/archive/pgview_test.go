package archive_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/server"
	"github.com/wenming-archive/wenming/internal/server/searchtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// pgArticle is record i of a PostgreSQL archive's tests.
func pgArticle(i int) *article.Article {
	return &article.Article{
		URL: fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i), Site: "www.example.gov.cn", SiteName: "某县文明网",
		Level: article.County, Title: fmt.Sprintf("志愿服务活动第%d期", i), Body: strings.Repeat(fmt.Sprintf("文明实践志愿服务进社区，第%d次。", i), 20),
		Published: time.Date(2020+i%5, 3, 1+i%27, 0, 0, 0, 0, article.China), FetchedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, article.China),
	}
}

func putAll(t *testing.T, r archive.Records, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		if _, err := r.Put(pgArticle(i)); err != nil {
			t.Fatal(err)
		}
	}
}

// hits returns the URLs a search for every record finds.
func hits(t *testing.T, v *archive.View) map[string]bool {
	t.Helper()
	res, err := v.Search(context.Background(), index.Query{Text: "志愿服务", Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, h := range res.Hits {
		got[h.URL] = true
	}
	if int(res.Total) != len(got) {
		t.Errorf("search: total %d, %d hits", res.Total, len(got))
	}
	return got
}

// TestViewFollowsPostgreSQL: a reader of records in PostgreSQL makes its
// index from them, follows their changes while it runs (new records,
// records merged away), keeps its mark across a reopen, and rebuilds an
// index made from another archive.
// It runs with one index and with an index sharded by year, the two at
// once: each waits for the follower's look at the changes
// (archive.FollowChangesEvery), in a schema and a directory of its own.
func TestViewFollowsPostgreSQL(t *testing.T) {
	for _, shards := range []string{"", index.ShardByYear} {
		t.Run("shards="+shards, func(t *testing.T) {
			t.Parallel()
			viewFollowsPostgreSQL(t, shards)
		})
	}
}

func viewFollowsPostgreSQL(t *testing.T, shards string) {
	ctx := context.Background()
	recs, dsn := pgtest.Open(t, pgstore.OpenRecords)
	putAll(t, recs, 0, 30)
	data := t.TempDir()
	opts := archive.ReadOptions{Index: true, Shared: true, Store: dsn, Shards: shards}
	v, err := archive.OpenView(ctx, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(hits(t, v)); n != 30 {
		t.Fatalf("a new reader's index finds %d records of 30", n)
	}
	fctx, stop := context.WithCancel(ctx)
	followed := make(chan struct{})
	go func() { v.Follow(fctx); close(followed) }()
	putAll(t, recs, 30, 40)
	// Record 39 turns out to be record 5 under another URL: merged away.
	dup := pgArticle(5)
	dup.URL = pgArticle(39).URL
	dup.FetchedAt = dup.FetchedAt.Add(time.Hour)
	if _, err := recs.Put(dup); err != nil {
		t.Fatal(err)
	}
	if err := recs.AddAlias(pgArticle(5).URL, dup.URL); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(4 * archive.FollowChangesEvery)
	var got map[string]bool
	for {
		got = hits(t, v)
		if len(got) == 39 && !got[dup.URL] || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(got) != 39 || got[dup.URL] || !got[pgArticle(38).URL] {
		t.Fatalf("after the changes a following reader finds %d records (the merged one: %v); want 39 without it", len(got), got[dup.URL])
	}
	stop()
	<-followed
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened: nothing to catch up, nothing rebuilt.
	if v, err = archive.OpenView(ctx, data, opts); err != nil {
		t.Fatal(err)
	}
	if notes := v.Notes(); len(notes) != 0 {
		t.Errorf("a reopened reader's index: %v", notes)
	}
	if ix, err := index.OpenReadOnly(archive.IndexPath(data)); err != nil || ix.Sharded() != shards {
		t.Errorf("the reader's index is sharded %q (%v), want %q", ix.Sharded(), err, shards)
	} else {
		ix.Close()
	}
	if n := len(hits(t, v)); n != 39 {
		t.Errorf("a reopened reader finds %d records of 39", n)
	}
	v.Close()

	// The same directory over another archive: rebuilt from its records.
	orecs, other := pgtest.Open(t, pgstore.OpenRecords)
	putAll(t, orecs, 100, 105)
	opts.Store = other
	if v, err = archive.OpenView(ctx, data, opts); err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if notes := v.Notes(); len(notes) == 0 || !strings.Contains(notes[0], "not made from these records") {
		t.Errorf("an index of another archive: notes %v", notes)
	}
	if got := hits(t, v); len(got) != 5 || !got[pgArticle(100).URL] {
		t.Errorf("over another archive the reader finds %d records, want its 5", len(got))
	}
}

// The server's search suite runs on a View of records kept in PostgreSQL,
// whose index the view makes from them.
func TestPostgreSQLViewSearchSuite(t *testing.T) {
	searchtest.Run(t, func(t *testing.T, arts []*article.Article) server.Searcher {
		ctx := context.Background()
		dsn := pgtest.DSN(t)
		recs, err := pgstore.OpenRecords(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if _, err := recs.Put(a); err != nil {
				t.Fatal(err)
			}
		}
		if err := recs.Close(); err != nil {
			t.Fatal(err)
		}
		return openViewWith(t, t.TempDir(), archive.ReadOptions{Index: true, Store: dsn})
	})
}

// TestAcquireExclusivePostgreSQL: an exclusive hold of records in
// PostgreSQL takes their run lock, which turns away another exclusive
// holder and crawl workers until Close gives it up.
func TestAcquireExclusivePostgreSQL(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	data := t.TempDir()
	h, err := archive.AcquireExclusive(ctx, data, dsn, "check --repair", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := archive.AcquireExclusive(ctx, data, dsn, "reindex", nil); !errors.Is(err, pgstore.ErrHeld) {
		t.Errorf("a second exclusive hold: %v, want pgstore.ErrHeld", err)
	}
	if _, err := pgstore.BeginRun(ctx, dsn, runs.Run{ID: "1", Trigger: "crawl", Worker: "w1", Started: time.Now()}, nil); !errors.Is(err, pgstore.ErrHeld) {
		t.Errorf("a crawl worker's run during the hold: %v, want pgstore.ErrHeld", err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	h, err = archive.AcquireExclusive(ctx, data, dsn, "reindex", nil)
	if err != nil {
		t.Fatalf("an exclusive hold after Close: %v", err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
}
