package pgstore

import (
	"context"
	"fmt"
	"log/slog"
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

// TestMigrateV4FillsBodyPrints: the records of a database of schema 4
// get their body prints when it is brought to schema 5, so that no old
// record is read by every Put of a new URL of its title.
func TestMigrateV4FillsBodyPrints(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	conn := pgtest.Conn(t, dsn)
	if _, err := conn.Exec(ctx, `CREATE TABLE wenming_schema (version integer NOT NULL); INSERT INTO wenming_schema VALUES (4)`); err != nil {
		t.Fatal(err)
	}
	for _, sql := range migrations[:4] {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	views := int64(1)
	var arts []*article.Article
	for i := range 2500 { // more than one chunk of the fill
		arts = append(arts, &article.Article{URL: fmt.Sprintf("http://hb.wenming.cn/a/%04d.html", i), Site: "hb.wenming.cn", SiteName: "河北文明网", Level: article.Province,
			Title: fmt.Sprintf("标题%d", i%7), Body: strings.Repeat(fmt.Sprintf("第%d篇的正文。", i), 5), Published: time.Date(2024, 5, 1+i%28, 9, 0, 0, 0, article.China),
			Views: &views, FetchedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	untitled := &article.Article{URL: "http://hb.wenming.cn/b/1.html", Site: "hb.wenming.cn", Body: "没有标题的页面正文", Views: &views, FetchedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i, a := range append(arts, untitled) {
		v, err := store.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		_, err = conn.Exec(ctx, `INSERT INTO articles (url, title_key, record, brief, fetched_at, change_seq) VALUES ($1, $2, $3, '{}', $4, $5)`,
			a.URL, store.TitleKey(a), v, a.FetchedAt, i+1)
		if err != nil {
			t.Fatal(err)
		}
	}
	var logged logLines
	r, err := OpenRecordsLogged(ctx, dsn, slog.New(slog.NewTextHandler(&logged, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// The upgrade reads every record: the user is told, with how many.
	for _, want := range []string{"upgrading the store's schema: writing the body print of every titled record, once\" records=2500 ",
		"the store's schema is upgraded: every titled record has its body print\" records=2500 "} {
		if !logged.has(want) {
			t.Errorf("the log says\n%s\nwithout %q", logged.String(), want)
		}
	}
	for _, a := range arts {
		var hash, runes, day *int64
		if err := conn.QueryRow(ctx, `SELECT body_hash, body_runes, body_day FROM articles WHERE url = $1`, a.URL).Scan(&hash, &runes, &day); err != nil {
			t.Fatal(err)
		}
		h, n, d := store.BodyPrint(a)
		if hash == nil || runes == nil || day == nil || *hash != int64(h) || *runes != int64(n) || *day != int64(d) {
			t.Fatalf("%s: print %v %v %v after the migration, want %d %d %d", a.URL, hash, runes, day, int64(h), n, d)
		}
	}
	var unprinted int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM articles WHERE body_hash IS NULL`).Scan(&unprinted); err != nil || unprinted != 1 {
		t.Errorf("%d records without a print (%v); want the one without a title", unprinted, err)
	}
}

// TestMigrateWaitIsTold: a process opening the store while another holds
// the schema's lock (upgrading it) says it waits, and opens once the lock
// is let go — whichever way it opens the store: the records, the run lock
// taken exclusively (check --repair), the run log read (wenming runs), the
// frontier.
func TestMigrateWaitIsTold(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	r, err := OpenRecords(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	openers := []struct {
		name string
		open func(log *slog.Logger) error
	}{
		{"records", func(log *slog.Logger) error {
			r, err := OpenRecordsLogged(ctx, dsn, log)
			if err == nil {
				r.Close()
			}
			return err
		}},
		{"exclusive", func(log *slog.Logger) error {
			x, err := AcquireExclusive(ctx, dsn, "check --repair", log)
			if err == nil {
				err = x.Release()
			}
			return err
		}},
		{"runs", func(log *slog.Logger) error {
			_, err := Runs(ctx, dsn, 0, log)
			return err
		}},
		{"frontier", func(log *slog.Logger) error {
			f, err := OpenFrontier(ctx, dsn, FrontierOptions{Name: "waits", Logger: log})
			if err == nil {
				err = f.Close()
			}
			return err
		}},
	}
	conn := pgtest.Conn(t, dsn)
	for _, o := range openers {
		t.Run(o.name, func(t *testing.T) {
			tx, err := conn.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
				t.Fatal(err)
			}
			var logged logLines
			opened := make(chan error, 1)
			go func() { opened <- o.open(slog.New(slog.NewTextHandler(&logged, nil))) }()
			const want = "waiting for another process to finish upgrading the store's schema"
			for deadline := time.Now().Add(30 * time.Second); !logged.has(want); time.Sleep(10 * time.Millisecond) {
				select {
				case err := <-opened:
					t.Fatalf("opened (%v) while another held the schema's lock; the log says %q", err, logged.String())
				default:
				}
				if time.Now().After(deadline) {
					t.Fatalf("no %q in 30 s; the log says %q", want, logged.String())
				}
			}
			if err := tx.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-opened:
				if err != nil {
					t.Fatalf("open after the lock was let go: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("still waiting 30 s after the lock was let go")
			}
		})
	}
}
