package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/proctest"
	bolt "go.etcd.io/bbolt"
)

// TestDecodeBriefMatchesJSON checks decodeBrief against encoding/json on
// the briefs putBrief writes and on forms only encoding/json reads.
func TestDecodeBriefMatchesJSON(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	var briefs []Brief
	for _, etag := range []string{"", `"5d8c72a5edda8"`, `W/"x\y"`, "<a&b>", "标签", "\u2028", "a\x01b", "\xff"} {
		for _, mod := range []string{"", "Wed, 21 Oct 2015 07:28:00 GMT"} {
			briefs = append(briefs,
				Brief{FetchedAt: time.Date(2026, 12, 4, 3, 22, 1, 123456789, time.UTC), ETag: etag, LastModified: mod},
				Brief{Published: time.Date(2023, 3, 6, 12, 29, 0, 0, shanghai), FetchedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ETag: etag, LastModified: mod})
		}
	}
	var raws [][]byte
	for _, br := range briefs {
		raw, err := json.Marshal(br)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, raw)
	}
	raws = append(raws, []byte(`{}`), []byte(`{ "f":"2026-01-02T03:04:05Z"}`), []byte(`{"f":"2026-01-02T03:04:05Z","x":"y"}`),
		[]byte(`{"f":"2026-01-02T03:04:05Z","f":"2027-01-02T03:04:05Z"}`), []byte(`{"f":"yesterday"}`), []byte(`{"f":"2026-01-02T03:04:05Z",}`),
		[]byte(`{"e":"a\"b\\c"}`), []byte(`{"e":"a\u0041"}`), []byte(`{"e":"a\nb"}`), []byte(`{"e":"ab}`), []byte(`{"e":1}`), []byte(`null`), []byte(`{"e":"a"`))
	fast := 0
	for _, raw := range raws {
		var want Brief
		wantErr := json.Unmarshal(raw, &want)
		got, err := decodeBrief(raw)
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeBrief(%s) = %+v, %v; encoding/json: %+v, %v", raw, got, err, want, wantErr)
		}
		if _, ok := scanBrief(raw); ok {
			fast++
		}
	}
	if fast < len(briefs)/2 {
		t.Errorf("only %d of %d briefs read without encoding/json", fast, len(raws))
	}
}

// TestOpenCompletesBriefs opens a store whose records were written before
// briefs existed (no briefs bucket, no mark): Open gives each record its
// brief and marks the store, and the look-ups that then read the briefs
// alone answer as the records did.
func TestOpenCompletesBriefs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	s := bolttest.Open(t, path, Open)
	other := sample("http://hb.wenming.cn/a/2.html")
	other.ETag = `"v2"`
	for _, a := range []*article.Article{recognisable(dynamic), recognisable(mobile), other} {
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	urls := []string{dynamic, mobile, other.URL, "http://hb.wenming.cn/none.html"}
	want, err := s.Briefs(urls)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 3 {
		t.Fatalf("Briefs = %v; want the two records and the alias", want)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Delete(keyBriefs); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketBriefs)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, reopen := range []bool{false, true} {
		if reopen {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = bolttest.Open(t, path, Open)
			if err := s.Check(); err != nil {
				t.Fatalf("Check after completing the briefs: %v", err)
			}
			if err := s.db.View(func(tx *bolt.Tx) error {
				if tx.Bucket(bucketMeta).Get(keyBriefs) == nil || tx.Bucket(bucketBriefs).Stats().KeyN != 2 {
					return errors.New("no mark, or not a brief for each record")
				}
				return nil
			}); err != nil {
				t.Fatalf("after Open: %v", err)
			}
		}
		got, err := s.Briefs(urls)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, want) {
			t.Errorf("reopened %v: Briefs = %v; want %v", reopen, got, want)
		}
		for _, u := range urls {
			b, ok, err := s.Brief(u)
			if w, wok := want[u]; err != nil || ok != wok || b != w {
				t.Errorf("reopened %v: Brief(%s) = %+v, %v, %v; want %+v, %v", reopen, u, b, ok, err, w, wok)
			}
		}
	}
}

// TestCheckFindsMissingBrief: in a store marked as having every record's
// brief, a record without one is damage (a look-up would take it for no
// record).
func TestCheckFindsMissingBrief(t *testing.T) {
	s := openTest(t)
	a := sample("http://hb.wenming.cn/a/1.html")
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	del := func(tx *bolt.Tx) error { return tx.Bucket(bucketBriefs).Delete([]byte(a.URL)) }
	if err := s.db.Update(del); err != nil {
		t.Fatal(err)
	}
	bolttest.WantCorrupt(t, s.Check(), ErrCorrupt, "record "+a.URL+": no brief", "0 briefs for 1 records")
	// Repaired by the record's next Put, so the cleanup Check passes.
	a.ETag = `"changed"`
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
}

// TestLookupsLeaveRecordsUnread looks up the links of pages, archived and
// not, in a store marked as having every record's brief: the briefs
// answer, and the records, most of the file, are not read into the
// process's resident memory (Linux, where /proc/self/smaps tells). Reading
// each record's leaf kept most of a 100,000-article crawl's records file
// resident.
func TestLookupsLeaveRecordsUnread(t *testing.T) {
	s, path := bolttest.OpenMapped(t, "archive.db", Open)
	s.releaseEvery = 1 << 40    // no release but the test's
	const n, runes = 400, 10000 // about 12 MB of records
	rng := rand.New(rand.NewPCG(3, 4))
	var urls []string
	for i, k := range rng.Perm(100000)[:n] {
		a := sample(fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", k))
		var b strings.Builder
		for range runes {
			b.WriteRune(rune(0x4e00 + rng.IntN(0x5000))) // CJK, which S2 cannot shrink much
		}
		a.Body, a.Title = b.String(), fmt.Sprintf("第%d篇", i)
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
		urls = append(urls, a.URL, a.URL+"?page=2")
	}
	s.releaseMap()
	for page := range slices.Chunk(urls, 50) {
		got, err := s.Briefs(page)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(page)/2 {
			t.Fatalf("Briefs found %d of %d links; want the %d archived", len(got), len(page), len(page)/2)
		}
	}
	size := fileSize(t, path)
	if rss := proctest.MappedRSS(t, path); int64(rss) > size/4 {
		t.Errorf("after looking up %d links, %d bytes of the store's map (%d bytes) are resident; want at most a quarter", len(urls), rss, size)
	}
}

// TestFetchedSinceLeavesOlderRecordsUnread: the records fetched since a
// time are found through the briefs, so the older records' pages, bodies
// and all, are never read: after a crawl that fetched a few articles of a
// large archive, its indexing reads those.
func TestFetchedSinceLeavesOlderRecordsUnread(t *testing.T) {
	s, path := bolttest.OpenMapped(t, "archive.db", Open)
	s.releaseEvery = 1 << 40                 // no release but the test's
	const old, fresh, runes = 400, 10, 10000 // about 12 MB of records
	t0 := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(5, 6))
	want := map[string]bool{}
	for i, k := range rng.Perm(100000)[:old+fresh] {
		a := sample(fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", k))
		var b strings.Builder
		for range runes {
			b.WriteRune(rune(0x4e00 + rng.IntN(0x5000)))
		}
		a.Body, a.Title, a.FetchedAt = b.String(), fmt.Sprintf("第%d篇", i), t0
		if i >= old {
			a.FetchedAt = t0.Add(time.Hour)
			want[a.URL] = true
		}
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	s.releaseMap()
	var got []string
	err := s.FetchedSince(t0.Add(time.Minute), func(a *article.Article) error {
		got = append(got, a.URL)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != fresh || !slices.IsSorted(got) {
		t.Errorf("FetchedSince = %d records (sorted %v), want the %d fetched since, in URL order", len(got), slices.IsSorted(got), fresh)
	}
	for _, u := range got {
		if !want[u] {
			t.Errorf("FetchedSince gave %s, fetched before", u)
		}
	}
	size := fileSize(t, path)
	if rss := proctest.MappedRSS(t, path); int64(rss) > size/4 {
		t.Errorf("after reading the %d records fetched since, %d bytes of the store's map (%d bytes) are resident; want at most a quarter", fresh, rss, size)
	}
}
