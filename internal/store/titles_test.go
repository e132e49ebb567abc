package store

import (
	"bytes"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
)

// TestOpenUpgradesTitles opens an archive of schema 2, whose titles
// bucket held one value a title listing its records' URLs and whose
// bodies bucket held their prints: the bucket is made anew in its
// present form, the bodies bucket goes, Check finds nothing wrong, and
// the records are recognised as before.
func TestOpenUpgradesTitles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	s := bolttest.Open(t, path, Open)
	weekly := recognisable("http://hb.wenming.cn/a/2.html")
	weekly.Body = strings.Repeat("第二周的要闻。", 10)
	for _, a := range []*article.Article{recognisable(dynamic), weekly} {
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	// The same file as schema 2 wrote it.
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketTitles); err != nil {
			return err
		}
		titles, err := tx.CreateBucket(bucketTitles)
		if err != nil {
			return err
		}
		bodies, err := tx.CreateBucket(bucketBodiesV2)
		if err != nil {
			return err
		}
		// Both under one title: "http://hb…/a/2.html\nhttp://hb…/plus/view.php?aid=77".
		a := recognisable(dynamic)
		if err := titles.Put(titleKey(a), []byte(weekly.URL+"\n"+dynamic)); err != nil {
			return err
		}
		for _, a := range []*article.Article{a, weekly} {
			if err := bodies.Put([]byte(a.URL), bodyPrintOf(a).encode()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err == nil {
		t.Fatal("Check of the schema-2 titles as schema 3 found nothing wrong; the test does not write them as schema 2 did")
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte{2}) }); err != nil {
		t.Fatal(err)
	}
	s = reopenOlder(t, s, path)
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketBodiesV2) != nil {
			t.Error("the bodies bucket of schema 2 is still there")
		}
		if v := tx.Bucket(bucketMeta).Get(keySchema); !bytes.Equal(v, []byte{SchemaVersion}) {
			t.Errorf("schema %v, want %d", v, SchemaVersion)
		}
		return nil
	})
}

// reopenOlder closes s, a store of an older schema holding
// recognisable(dynamic), checks its file read-only as wenming check does
// before any command upgraded it, and opens it again, which upgrades it:
// Check finds nothing wrong, and the article put again under mobile is
// recognised as the record's.
func reopenOlder(t *testing.T, s *Store, path string) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.Check(); err != nil {
		t.Errorf("Check of the older file read-only: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	s = bolttest.Open(t, path, Open)
	if err := s.Check(); err != nil {
		t.Fatalf("Check after the upgrade: %v", err)
	}
	if st, err := s.Put(recognisable(mobile)); err != nil || st != Aliased {
		t.Errorf("Put of the same article = %v, %v; want aliased", st, err)
	}
	if got, _ := s.Get(mobile); got == nil || got.URL != dynamic {
		t.Errorf("Get(alias) = %v", got)
	}
	return s
}

// TestTitleCandidates: of the records under one title, a Put reads those
// that may be its article — the same text whatever the day, or a similar
// length the same day or without one — and none of the others.
func TestTitleCandidates(t *testing.T) {
	s := openTest(t)
	day := time.Date(2025, 2, 3, 10, 0, 0, 0, article.China)
	text := strings.Repeat("本周文明实践活动安排。", 6)
	report := func(n int, body string, published time.Time) *article.Article {
		a := sample(fmt.Sprintf("http://hb.wenming.cn/a/%02d.html", n))
		a.Title, a.Body, a.Published = "一周要闻", body, published
		return a
	}
	put := func(a *article.Article) {
		t.Helper()
		if st, err := s.Put(a); err != nil || st != New {
			t.Fatalf("Put %s = %v, %v", a.URL, st, err)
		}
	}
	// Other days, other texts: a year of weekly reports.
	for w := range 52 {
		put(report(w+10, fmt.Sprintf("第%d周：%s", w+1, text), day.AddDate(0, 0, -7*(w+1))))
	}
	put(report(1, text, day.AddDate(0, 0, -400)))         // the same text, another day
	put(report(2, "同一天的另一篇"+text, day.Add(3*time.Hour)))  // the same day, a similar length
	put(report(3, text+text+text, day))                   // the same day, three times as long
	put(report(4, "没有日期的一篇"+text, time.Time{}))           // no day, a similar length
	put(report(5, "没有日期的长文"+text+text+text, time.Time{})) // no day, too long
	other := report(6, text, day)
	other.Title = "另一个标题"
	put(other) // the same text, another title

	a := report(0, text, day)
	var got []string
	s.db.View(func(tx *bolt.Tx) error {
		got = titleCandidates(tx, a, titleKey(a))
		return nil
	})
	want := []string{"http://hb.wenming.cn/a/01.html", "http://hb.wenming.cn/a/02.html", "http://hb.wenming.cn/a/04.html"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("candidates of a dated article = %v, want %v", got, want)
	}
	// Without a day, every record of a similar length, any day.
	a.Published = time.Time{}
	s.db.View(func(tx *bolt.Tx) error {
		got = titleCandidates(tx, a, titleKey(a))
		return nil
	})
	if len(got) != 52+3 {
		t.Errorf("candidates of an undated article: %d (%v), want the 52 weekly reports and 01, 02, 04", len(got), got)
	}
}

// TestPutUnderOneTitleWritesLittle: the Put of one more article of a
// title that already has thousands writes about what the Put of an
// article under a title of its own writes, not a list of all of them
// again (schema 2 rewrote the list, 37 bytes a record, at each Put).
func TestPutUnderOneTitleWritesLittle(t *testing.T) {
	s := openTest(t)
	s.db.NoSync = true
	const n, perTx = 3000, 500
	for i := 0; i < n; i += perTx {
		err := s.db.Update(func(tx *bolt.Tx) error {
			for j := i; j < i+perTx; j++ {
				if _, _, err := put(tx, &writes{}, oneTitleArticle(j)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	written := func(a *article.Article) int64 {
		t.Helper()
		before := s.db.Stats().TxStats
		if st, err := s.Put(a); err != nil || st != New {
			t.Fatalf("Put = %v, %v", st, err)
		}
		after := s.db.Stats().TxStats
		return after.GetPageAlloc() - before.GetPageAlloc()
	}
	alone := oneTitleArticle(n)
	alone.Title = "一个独有的标题"
	own, shared := written(alone), written(oneTitleArticle(n+1))
	t.Logf("bytes of pages written: %d under a title of its own, %d under one of %d", own, shared, n)
	if shared > 2*own {
		t.Errorf("the Put of one more article under a title of %d wrote %d bytes of pages, one under a title of its own %d", n, shared, own)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestBuildTitlesCutShort: a build of the titles bucket that stopped
// half way (a crash, a full disk) leaves its mark, and Check reads the
// file as one whose titles are still to be made; the next Open makes them
// again from the start, a few records a transaction, and removes the mark.
func TestBuildTitlesCutShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	s := bolttest.Open(t, path, Open)
	const n = 25
	for i := range n {
		a := oneTitleArticle(i)
		if i%5 == 0 {
			a.Title = fmt.Sprintf("标题%d", i)
		}
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	// Half the entries gone, the mark left, as a build cut short leaves them.
	err := s.db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketTitles).Cursor()
		i := 0
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if i++; i%2 == 0 {
				if err := c.Delete(); err != nil {
					return err
				}
			}
		}
		return tx.Bucket(bucketMeta).Put(keyTitlesBuilding, []byte{1})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check with the build's mark: %v", err)
	}
	s.titlesPerTx = 4 // seven transactions
	var log strings.Builder
	if err := s.buildTitles(slog.New(slog.NewTextHandler(&log, nil))); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "records=25") || !strings.Contains(log.String(), "are upgraded") {
		t.Errorf("the build's log does not say what it did:\n%s", log.String())
	}
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get(keyTitlesBuilding) != nil {
			t.Error("the build's mark is still there")
		}
		return nil
	})
	if err := s.Check(); err != nil {
		t.Errorf("Check after the build: %v", err)
	}
	if st, err := s.Put(oneTitleArticle(1)); err != nil || st != Unchanged {
		t.Errorf("Put of a record again = %v, %v", st, err)
	}
	a := oneTitleArticle(7)
	a.URL = "https://www.xx.gov.cn/m/7.html"
	if st, err := s.Put(a); err != nil || st != Aliased {
		t.Errorf("Put of a record under another URL = %v, %v; want aliased", st, err)
	}
}

// oneTitleArticle is the i-th of many articles a site publishes under one
// title (a weekly report, or a CMS that titles every page with the site's
// name), each its own text and day.
func oneTitleArticle(i int) *article.Article {
	var b strings.Builder
	for j := range 60 {
		b.WriteRune(rune(0x4e00 + (i*7919+j*104729)%0x5000))
	}
	return &article.Article{
		URL:       fmt.Sprintf("https://www.xx.gov.cn/zwgk/%07d.html", i),
		Site:      "www.xx.gov.cn",
		Title:     "某某县人民政府",
		Body:      b.String(),
		Published: time.Date(2020, 1, 1, 9, 0, 0, 0, article.China).Add(time.Duration(i) * time.Hour),
		FetchedAt: t0,
	}
}

// BenchmarkPutUnderOneTitle: the Put of a new article into a store that
// holds n of its site under the same title costs what it costs at n = 0,
// not n times more.
func BenchmarkPutUnderOneTitle(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s, err := Open(filepath.Join(b.TempDir(), "archive.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.db.NoSync = true
			const perTx = 500
			for i := 0; i < n; i += perTx {
				err := s.db.Update(func(tx *bolt.Tx) error {
					for j := i; j < min(i+perTx, n); j++ {
						if _, _, err := put(tx, &writes{}, oneTitleArticle(j)); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := range b.N {
				err := s.db.Update(func(tx *bolt.Tx) error {
					_, _, err := put(tx, &writes{}, oneTitleArticle(n+i))
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
