package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestBriefsFollowWrites asks Briefs, twice (the second answered from
// memory), for URLs through a record's life: before it exists, stored
// under a mobile mirror, taken over by a dynamic and then a static
// address (the others becoming its aliases), observed again under an
// alias, fetched again with a new ETag, given an alias by redirect. At
// every step each answer is the one Brief reads from the file.
func TestBriefsFollowWrites(t *testing.T) {
	s := openTest(t)
	const (
		static   = "http://hb.wenming.cn/a/77.html"
		redirect = "http://hb.wenming.cn/go/77"
		other    = "http://hb.wenming.cn/a/78.html"
	)
	urls := []string{mobile, dynamic, static, redirect, other, "http://hb.wenming.cn/none.html"}
	later := recognisable(static)
	later.FetchedAt, later.ETag = t0.Add(time.Hour), `"v2"`
	again := recognisable(dynamic)
	again.FetchedAt = t0.Add(2 * time.Hour)
	steps := []struct {
		name string
		do   func() error
	}{
		{"empty", func() error { return nil }},
		{"mobile stored", func() error { _, err := s.Put(recognisable(mobile)); return err }},
		{"dynamic takes over", func() error { _, err := s.Put(recognisable(dynamic)); return err }},
		{"static takes over", func() error { _, err := s.Put(recognisable(static)); return err }},
		{"seen under an alias", func() error { _, err := s.Put(again); return err }},
		{"fetched again", func() error { _, err := s.Put(later); return err }},
		{"alias by redirect", func() error { return s.AddAlias(static, redirect) }},
		{"another article", func() error { _, err := s.Put(sample(other)); return err }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		for round := range 2 {
			briefsAgree(t, s, urls, fmt.Sprintf("%s, round %d: ", st.name, round))
		}
	}
}

// TestBriefsWhilePutting asks Briefs for URLs while other goroutines
// store them, again and again with later fetch times: once all is
// written, the answers, from memory or not, are the file's.
func TestBriefsWhilePutting(t *testing.T) {
	s := openTest(t)
	var urls []string
	for i := range 40 {
		urls = append(urls, fmt.Sprintf("http://hb.wenming.cn/a/%d.html", i))
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for n := range 5 {
				for i := w; i < len(urls); i += 4 {
					a := sample(urls[i])
					a.Title = fmt.Sprintf("标题 %d", i)
					a.FetchedAt = t0.Add(time.Duration(n) * time.Minute)
					if _, err := s.Put(a); err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if _, err := s.Briefs(urls); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	briefsAgree(t, s, urls, "")
}

// briefsAgree asks s for the briefs of urls at once (Briefs) and one at a
// time (Brief), fails t, each error message starting with where, where
// either differs from what the file says, and returns what Briefs said.
func briefsAgree(t *testing.T, s *Store, urls []string, where string) map[string]Brief {
	t.Helper()
	got, err := s.Briefs(urls)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		want, wok := fileBrief(t, s, u)
		if g, gok := got[u]; gok != wok || g != want {
			t.Errorf("%sBriefs[%s] = %+v, %v; the file's %+v, %v", where, u, g, gok, want, wok)
		}
		b, ok, err := s.Brief(u)
		if err != nil {
			t.Fatal(err)
		}
		if ok != wok || b != want {
			t.Errorf("%sBrief(%s) = %+v, %v; the file's %+v, %v", where, u, b, ok, want, wok)
		}
	}
	return got
}

// fileBrief is the brief of url as the file has it, whatever the cache
// holds.
func fileBrief(t *testing.T, s *Store, url string) (br Brief, found bool) {
	t.Helper()
	err := s.view(func(tx *bolt.Tx) (err error) {
		br, found, err = briefReaderOf(tx).brief(url)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return br, found
}

// TestBriefAnswersFromMemory: a URL asked for again is answered without a
// read of the file, a record's or no record's, until a write changes
// its key. A crawl asks Brief for every request it hands out, from the
// goroutine that hands them out.
func TestBriefAnswersFromMemory(t *testing.T) {
	s := openTest(t)
	const stored, none = "http://hb.wenming.cn/a/1.html", "http://hb.wenming.cn/a/2.html"
	if _, err := s.Put(sample(stored)); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{stored, none} {
		first, ok, err := s.Brief(u)
		if err != nil {
			t.Fatal(err)
		}
		reads := s.db.Stats().TxN
		again, aok, err := s.Brief(u)
		if err != nil || again != first || aok != ok {
			t.Fatalf("Brief(%s) again = %+v, %v, %v; first %+v, %v", u, again, aok, err, first, ok)
		}
		if n := s.db.Stats().TxN - reads; n != 0 {
			t.Errorf("Brief(%s) asked again read the file (%d read transactions)", u, n)
		}
	}
	later := sample(stored)
	later.FetchedAt = t0.Add(time.Hour)
	if _, err := s.Put(later); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := s.Brief(stored); err != nil || !ok || !b.FetchedAt.Equal(later.FetchedAt) {
		t.Errorf("after a later fetch, Brief(%s) = %+v, %v, %v; want it fetched at %v", stored, b, ok, err, later.FetchedAt)
	}
}

// TestBriefCacheBounded holds the cache to two generations of
// briefCacheSize URLs, the ones asked for lately kept.
func TestBriefCacheBounded(t *testing.T) {
	var c briefCache
	n := 5 * briefCacheSize
	for i := range n {
		c.add(c.generation(), []string{fmt.Sprint(i)}, []briefEntry{{found: i%2 == 0}})
	}
	if held := len(c.cur) + len(c.old); held > 2*briefCacheSize {
		t.Errorf("%d URLs held; want at most %d", held, 2*briefCacheSize)
	}
	for _, i := range []int{n - 1, n - briefCacheSize} {
		if e, ok := c.get(fmt.Sprint(i)); !ok || e.found != (i%2 == 0) {
			t.Errorf("get(%d) = %+v, %v; want it held", i, e, ok)
		}
	}
	if _, ok := c.get("0"); ok {
		t.Error("the first URL is still held")
	}
	// An answer read before its key was taken out is not held; one read
	// before another key was is.
	gen := c.generation()
	c.forget([]string{"x"})
	c.add(gen, []string{"x", "y"}, []briefEntry{{}, {}})
	if _, ok := c.get("x"); ok {
		t.Error("an answer read before its key changed was held")
	}
	if _, ok := c.get("y"); !ok {
		t.Error("an answer read before another key changed was not held")
	}
	// Read before more keys were taken out than the cache remembers:
	// none is held.
	gen = c.generation()
	for i := range forgottenKeys + 1 {
		c.forget([]string{fmt.Sprint("k", i)})
	}
	c.add(gen, []string{"z"}, []briefEntry{{}})
	if _, ok := c.get("z"); ok {
		t.Error("an answer read before more changes than remembered was held")
	}
}
