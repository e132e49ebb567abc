package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
)

// The behaviour of the records, the same for every implementation of
// archive.Records, is tested by the suite in package recordstest
// (suite_test.go runs it here). These tests are the bbolt file's own:
// its lock, its damage, its schema.

// openTest opens a store in a fresh temporary directory and checks it when
// the test ends.
func openTest(t testing.TB) *Store {
	t.Helper()
	return bolttest.Open(t, filepath.Join(t.TempDir(), "archive.db"), Open)
}

// t0 is when the test records are fetched.
var t0 = time.Date(2025, 3, 1, 9, 30, 0, 0, article.China)

// sample is a record of hb.wenming.cn, seen 10 times.
func sample(url string) *article.Article {
	seen := int64(10)
	return &article.Article{URL: url, Site: "hb.wenming.cn", Title: "标题 <一>", Body: "第一段\n第二段 & more", Views: &seen, FetchedAt: t0}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{New: "new", Updated: "updated", Unchanged: "unchanged", Aliased: "aliased", Status(9): "Status(9)"} {
		if got := s.String(); got != want {
			t.Errorf("Status(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	bolttest.Open(t, path, Open)
	start := time.Now()
	s, err := open(path, 100*time.Millisecond, nil)
	bolttest.WantLocked(t, s, err, ErrLocked, "open store "+path+": archive is in use by another wenming process")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Open waited %v for the lock", d)
	}
}

func TestCheckFindsCorruption(t *testing.T) {
	s := openTest(t)
	if _, err := s.Put(sample("http://ok/1")); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check of a sound store: %v", err)
	}
	bad := sample("http://other/2")
	bad.ViewHistory = []article.ViewCount{{At: t0, Views: 2}, {At: t0.Add(-time.Hour), Views: 1}}
	val, err := encode(bad)
	if err != nil {
		t.Fatal(err)
	}
	// Write behind Put's back: wrong key, unsorted history, undecodable value.
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		if err := b.Put([]byte("http://wrong/key"), val); err != nil {
			return err
		}
		return b.Put([]byte("http://garbage"), []byte{formatJSON, '{'})
	})
	if err != nil {
		t.Fatal(err)
	}
	bolttest.WantCorrupt(t, s.Check(), ErrCorrupt, "holds URL http://other/2", "not sorted", "record http://garbage")
	// Repair so the cleanup Check passes.
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		b.Delete([]byte("http://wrong/key"))
		return b.Delete([]byte("http://garbage"))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOpenRefusesEmptyAndTruncated: a zero-byte articles.db is not taken
// for a new archive, and a truncated one is reported instead of crashing.
func TestOpenRefusesEmptyAndTruncated(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(empty); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("Open(empty file) = %v, want an empty-file ErrCorrupt", err)
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Fatalf("the empty file was written to: %d bytes", fi.Size())
	}

	full := filepath.Join(dir, "articles.db")
	b := fillStore(t, full, 200)
	if err := os.Truncate(full, int64(len(b))/2); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(full); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("Open(truncated file) = %v, want a truncated-file ErrCorrupt", err)
	}
}

// TestCheckNamesEachProblem damages a sound store one way at a time,
// behind Put's back, and wants Check to name each problem the damage
// makes, in the order Check finds them.
func TestCheckNamesEachProblem(t *testing.T) {
	const url = "http://ok/1"
	putRecord := func(a *article.Article) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error {
			v, err := encode(a)
			if err != nil {
				return err
			}
			return tx.Bucket(bucketArticles).Put([]byte(a.URL), v)
		}
	}
	emptyTitles := func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketTitles); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketTitles)
		return err
	}
	stale := sample(url)
	stale.ViewHistory = []article.ViewCount{{At: t0, Views: 3}}
	unsorted := sample(url)
	unsorted.Aliases = []string{"http://ok/b", "http://ok/a"}
	for _, c := range []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   []string
	}{
		{"schema version", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keySchema, []byte{SchemaVersion + 1})
		}, []string{"schema version 04"}},
		{"titles bucket gone", func(tx *bolt.Tx) error {
			return tx.DeleteBucket(bucketTitles)
		}, []string{"aliases or titles bucket missing"}},
		{"record not under its title", emptyTitles, []string{
			"record " + url + ": not listed under its title and body",
			"0 title entries, 1 records have a title (two each)",
		}},
		{"title entry of no record", func(tx *bolt.Tx) error {
			gone := sample("http://ok/gone")
			return listTitle(tx, nil, gone)
		}, []string{"4 title entries, 1 records have a title (two each)"}},
		{"title entry with another body's print", func(tx *bolt.Tx) error {
			other := sample(url)
			other.Body = "另一篇的正文"
			_, byDay, print := titleEntries(other)
			return tx.Bucket(bucketTitles).Put(byDay, print)
		}, []string{"record " + url + ": not listed under its title and body"}},
		{"alias that is a record", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketAliases).Put([]byte(url), []byte(url))
		}, []string{"alias " + url + " is a record of its own", "1 aliases registered, 0 named by records"}},
		{"alias of no record", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketAliases).Put([]byte("http://ok/m"), []byte("http://ok/gone"))
		}, []string{"alias http://ok/m of http://ok/gone: no such record", "1 aliases registered, 0 named by records"}},
		{"views behind their history", putRecord(stale), []string{
			"record " + url + ": views differ from the latest view count",
		}},
		{"aliases unsorted and unregistered", putRecord(unsorted), []string{
			"record " + url + ": aliases not sorted and unique",
			"record " + url + `: alias http://ok/b is registered for ""`,
			"record " + url + `: alias http://ok/a is registered for ""`,
			"0 aliases registered, 2 named by records",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "archive.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Put(sample(url)); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err != nil {
				t.Fatalf("Check of a sound store: %v", err)
			}
			if err := s.db.Update(c.damage); err != nil {
				t.Fatal(err)
			}
			err = s.Check()
			bolttest.WantCorrupt(t, err, ErrCorrupt, c.want...)
			rest := err.Error()
			for _, want := range c.want {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Errorf("Check error names %q out of order:\n%v", want, err)
					break
				}
				rest = rest[i+len(want):]
			}
		})
	}
}
