package store

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
)

const (
	dynamic = "http://hb.wenming.cn/plus/view.php?aid=77"
	mobile  = "http://hb.wenming.cn/m/view.php?aid=77"
)

// recognisable is an article with a body long enough to be recognised
// under another URL.
func recognisable(url string) *article.Article {
	a := sample(url)
	a.Body = strings.Repeat("我省召开文明创建工作推进会。", 4)
	return a
}

// TestOpenBuildsTitles opens an archive written before aliases existed:
// schema 1, no aliases or titles bucket. Its records are recognised.
func TestOpenBuildsTitles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	s := bolttest.Open(t, path, Open)
	if _, err := s.Put(recognisable(dynamic)); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketTitles, bucketAliases} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte{1})
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopenOlder(t, s, path)
	// A newer schema is refused.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte{SchemaVersion + 1}) })
	db.Close()
	if s, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open of a newer schema = %v", err)
	}
}

func TestCheckFindsAliasCorruption(t *testing.T) {
	s := openTest(t)
	if _, err := s.Put(recognisable(dynamic)); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAliases).Put([]byte(mobile), []byte("http://hb.wenming.cn/gone"))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Check()
	for _, want := range []string{"no such record", "1 aliases registered, 0 named"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check = %v; want %q", err, want)
		}
	}
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAliases).Delete([]byte(mobile)) })
}

// TestBriefsAgreesWithBrief asks for an article, its alias and an unknown
// URL at once, and one at a time.
func TestBriefsAgreesWithBrief(t *testing.T) {
	s := openTest(t)
	for _, u := range []string{dynamic, mobile} {
		if _, err := s.Put(recognisable(u)); err != nil {
			t.Fatal(err)
		}
	}
	urls := []string{dynamic, mobile, "http://hb.wenming.cn/none.html"}
	got := briefsAgree(t, s, urls, "")
	if len(got) != 2 {
		t.Errorf("Briefs = %v; want the article and its alias", got)
	}
	// A record without a brief (a store from before briefs, not marked as
	// having them all) has the brief of the record, under its URL and its
	// alias.
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Delete(keyBriefs); err != nil {
			return err
		}
		return tx.Bucket(bucketBriefs).Delete([]byte(dynamic))
	})
	if err != nil {
		t.Fatal(err)
	}
	// That write went around the store, which did not see it: the
	// answers it holds in memory go with it.
	s.cache = briefCache{}
	fallback, err := s.Briefs(urls)
	if err != nil {
		t.Fatal(err)
	}
	if len(fallback) != len(got) {
		t.Errorf("without the brief, Briefs = %v; want %v", fallback, got)
	}
	for u, want := range got {
		if fallback[u] != want {
			t.Errorf("without the brief, Briefs[%s] = %+v; want %+v", u, fallback[u], want)
		}
	}
}

// TestContentKnownIsTheRule holds contentKnown, which neither hashes nor
// copies, to its rule: a title key (a site and a title not all
// whitespace) and minBodyRunes characters of body once whitespace is left
// out, counted as utf8.RuneCountInString(normBody(body)) counts them
// (ideographic and no-break spaces are whitespace; each invalid byte is a
// character).
func TestContentKnownIsTheRule(t *testing.T) {
	long := strings.Repeat("文", minBodyRunes)
	bodies := []string{
		"", long, long[:len(long)-3], " " + long + "\n",
		strings.Repeat("文 ", minBodyRunes-1) + "\u3000\u00a0",
		strings.Repeat("文\u3000", minBodyRunes-1) + "明",
		strings.Repeat("\xff", minBodyRunes), strings.Repeat("\xff", minBodyRunes-1) + " ",
		strings.Repeat(" \t\r\n", 40),
	}
	titles := []string{"", "  \u3000 ", "标题", " 标 题 "}
	for _, site := range []string{"", "hb.wenming.cn"} {
		for _, title := range titles {
			for _, body := range bodies {
				a := &article.Article{Site: site, Title: title, Body: body}
				want := titleKey(a) != nil && utf8.RuneCountInString(normBody(body)) >= minBodyRunes
				if got := contentKnown(a); got != want {
					t.Errorf("contentKnown(site %q, title %q, body %q) = %v, want %v", site, title, body, got, want)
				}
			}
		}
	}
}
