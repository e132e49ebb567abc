package pgstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestMigrateV1: a database of schema 1 with records in it is brought to
// the current schema, every record numbered as a change.
func TestMigrateV1(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	conn := pgtest.Conn(t, dsn)
	for _, sql := range []string{
		`CREATE TABLE wenming_schema (version integer NOT NULL)`,
		`INSERT INTO wenming_schema VALUES (1)`,
		migrations[0],
		`INSERT INTO articles (url, record, brief, fetched_at) VALUES
			('http://a/1', '\x00', '{}', now()), ('http://a/2', '\x00', '{}', now())`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	r, err := OpenRecords(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n, err := r.LastChange(ctx)
	if err != nil || n != 2 {
		t.Errorf("LastChange after the migration = %d, %v; want 2", n, err)
	}
	var v int
	if err := conn.QueryRow(ctx, `SELECT version FROM wenming_schema`).Scan(&v); err != nil || v != SchemaVersion {
		t.Errorf("schema version %d, %v", v, err)
	}
	// A record written now comes after the migrated ones.
	views := int64(1)
	a := &article.Article{URL: "http://a/3", Site: "a", SiteName: "甲", Level: article.Province, Title: "三", Body: "正文", Views: &views, FetchedAt: time.Now()}
	if _, err := r.Put(a); err != nil {
		t.Fatal(err)
	}
	if n, _ := r.LastChange(ctx); n != 3 {
		t.Errorf("LastChange after a put = %d, want 3", n)
	}
}

// TestRecogniseReadsByPrint: a Put of a new URL reads only the records of
// its title that may be its article by their body prints, so that a
// title a site gives thousands of pages does not make each Put read them
// all. An unreadable record of another day and text shows which are
// read: passed over by a Put of another week's report, read (and its
// error returned) by a Put of its own text. A record written before the
// prints (schema 4, no print) is read, and recognised, as before.
func TestRecogniseReadsByPrint(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	r, err := OpenRecords(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	conn := pgtest.Conn(t, dsn)
	day := time.Date(2025, 2, 3, 10, 0, 0, 0, article.China)
	weekly := func(url, body string, published time.Time) *article.Article {
		views := int64(1)
		return &article.Article{URL: url, Site: "hb.wenming.cn", SiteName: "河北文明网", Level: article.Province, Title: "一周要闻",
			Body: strings.Repeat(body, 10), Published: published, Views: &views, FetchedAt: day.Add(time.Hour)}
	}
	first := weekly("http://hb.wenming.cn/a/1.html", "第一周的要闻。", day)
	old := weekly("http://hb.wenming.cn/a/0.html", "更早一周的要闻。", day.AddDate(0, 0, -7))
	for _, a := range []*article.Article{first, old} {
		if _, err := r.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	// old as schema 4 wrote it: no print.
	if _, err := conn.Exec(ctx, `UPDATE articles SET body_hash = NULL, body_runes = NULL, body_day = NULL WHERE url = $1`, old.URL); err != nil {
		t.Fatal(err)
	}
	var kept []byte
	if err := conn.QueryRow(ctx, `SELECT record FROM articles WHERE url = $1`, first.URL).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `UPDATE articles SET record = '\x00' WHERE url = $1`, first.URL); err != nil {
		t.Fatal(err)
	}
	next := weekly("http://hb.wenming.cn/a/2.html", "第二周的要闻。", day.AddDate(0, 0, 7))
	if st, err := r.Put(next); err != nil || st != store.New {
		t.Errorf("Put of another week's report = %v, %v; want new, the unreadable record of its title passed over", st, err)
	}
	again := weekly("http://hb.wenming.cn/m/1.html", "第一周的要闻。", day)
	if _, err := r.Put(again); err == nil {
		t.Errorf("Put of the first week's report under another URL succeeded; want the unreadable record of its body read, and its error")
	}
	if _, err := conn.Exec(ctx, `UPDATE articles SET record = $2 WHERE url = $1`, first.URL, kept); err != nil {
		t.Fatal(err)
	}
	if st, err := r.Put(again); err != nil || st != store.Aliased {
		t.Errorf("Put of the first week's report under another URL = %v, %v; want aliased", st, err)
	}
	if st, err := r.Put(weekly("http://hb.wenming.cn/m/0.html", "更早一周的要闻。", day.AddDate(0, 0, -7))); err != nil || st != store.Aliased {
		t.Errorf("Put of a record without a print under another URL = %v, %v; want aliased", st, err)
	}
	if err := r.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
}
