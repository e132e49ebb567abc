package recordstest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// sweepTests test what a removal sweep asks of the records: the records
// of a host asked longest ago (Unchecked), and the checks that move them
// on (MarkChecked).
var sweepTests = []test{
	{"Unchecked", testUnchecked},
	{"MarkChecked", testMarkChecked},
}

// testUnchecked: the records of one host (http and https, not another
// host nor one whose name the host begins), asked longest ago first, a
// check counting as asking, those asked since AskedBefore and those
// published since PublishedSince left out, at most Limit of them.
func testUnchecked(t *testing.T, fresh func(*testing.T) Opener) {
	s, reopen := reopenable(t, fresh(t))
	put := func(url string, fetched, published time.Time) {
		t.Helper()
		a := sample(url)
		a.Title, a.Body = "标题 "+url, "正文 "+url
		a.FetchedAt, a.Published = fetched, published
		a.ViewHistory = nil
		if st, err := s.Put(a); err != nil || st != store.New {
			t.Fatalf("Put %s = %v, %v; want new", url, st, err)
		}
	}
	old := t0.AddDate(-2, 0, 0)
	put("http://a.example.cn/3.html", t0.Add(-3*time.Hour), old)
	put("https://a.example.cn/1.html", t0.Add(-5*time.Hour), old)
	put("http://a.example.cn/2.html", t0.Add(-4*time.Hour), old)
	put("http://a.example.cn/young.html", t0.Add(-6*time.Hour), t0.Add(-24*time.Hour))
	put("http://a.example.cn/undated.html", t0.Add(-2*time.Hour), time.Time{})
	put("http://a.example.cn/new.html", t0.Add(time.Hour), old) // fetched in the pass
	put("http://a.example.cn.other.cn/x.html", t0.Add(-9*time.Hour), old)
	put("http://b.example.cn/y.html", t0.Add(-9*time.Hour), old)
	// Checked after the fetch: asked after the others.
	if changed, err := s.MarkChecked("https://a.example.cn/1.html", t0.Add(-time.Hour)); err != nil || !changed {
		t.Fatalf("MarkChecked = %v, %v; want a change", changed, err)
	}
	s = reopen()
	q := store.SweepQuery{Host: "a.example.cn", AskedBefore: t0, PublishedSince: t0.Add(-30 * 24 * time.Hour), Limit: 10}
	got, err := s.Unchecked(q)
	want := []string{"http://a.example.cn/2.html", "http://a.example.cn/3.html", "http://a.example.cn/undated.html", "https://a.example.cn/1.html"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("Unchecked = %q, %v;\nwant %q", got, err, want)
	}
	q.Limit = 2
	if got, _ := s.Unchecked(q); !slices.Equal(got, want[:2]) {
		t.Errorf("Unchecked with limit 2 = %q; want %q", got, want[:2])
	}
	q.Limit, q.PublishedSince = 10, time.Time{}
	if got, _ := s.Unchecked(q); len(got) != 5 || got[0] != "http://a.example.cn/young.html" {
		t.Errorf("Unchecked without PublishedSince = %q; want the young one first of 5", got)
	}
	q.Limit = 0
	if got, err := s.Unchecked(q); err != nil || len(got) != 0 {
		t.Errorf("Unchecked with limit 0 = %q, %v; want none", got, err)
	}
}

// testMarkChecked: a check moves CheckedAt and the brief's Asked on and
// nothing else (content, fetch time, versions, the view history), is no
// change when not later than the fetch or the last check, marks the
// record of an alias, survives a reopen, and is ErrNotFound for a URL of
// no record; a fetch stored later leaves the brief asked at the fetch.
func testMarkChecked(t *testing.T, fresh func(*testing.T) Opener) {
	s, reopen := reopenable(t, fresh(t))
	a := sample("https://hb.wenming.cn/a/1.html")
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAlias(a.URL, "https://m.hb.wenming.cn/a/1.html"); err != nil {
		t.Fatal(err)
	}
	if changed, err := s.MarkChecked(a.URL, t0.Add(-time.Minute)); err != nil || changed {
		t.Errorf("a check before the fetch = %v, %v; want no change", changed, err)
	}
	at := t0.Add(72 * time.Hour)
	if changed, err := s.MarkChecked("https://m.hb.wenming.cn/a/1.html", at); err != nil || !changed {
		t.Fatalf("MarkChecked of the alias = %v, %v; want a change", changed, err)
	}
	if changed, err := s.MarkChecked(a.URL, at); err != nil || changed {
		t.Errorf("the same check again = %v, %v; want no change", changed, err)
	}
	s = reopen()
	got, err := s.Get(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CheckedAt.Equal(at) || !got.FetchedAt.Equal(t0) || got.Body != a.Body || len(got.ViewHistory) != 1 {
		t.Errorf("after a check: checked %v fetched %v, %d view points; want checked %v, fetched %v, the content as it was",
			got.CheckedAt, got.FetchedAt, len(got.ViewHistory), at, t0)
	}
	if br, ok, err := s.Brief(a.URL); err != nil || !ok || !br.Asked().Equal(at) || !br.FetchedAt.Equal(t0) {
		t.Errorf("brief after a check = %+v, %v, %v; want asked %v, fetched %v", br, ok, err, at, t0)
	}
	if vs, err := s.Versions(a.URL); err != nil || len(vs) != 0 {
		t.Errorf("versions after a check = %d, %v; want none", len(vs), err)
	}
	var since []string
	if err := s.FetchedSince(t0.Add(time.Hour), func(a *article.Article) error { since = append(since, a.URL); return nil }); err != nil || len(since) != 0 {
		t.Errorf("FetchedSince after a check = %q, %v; want none: a check is no fetch", since, err)
	}
	if _, err := s.MarkChecked("https://hb.wenming.cn/none.html", at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkChecked of no record = %v; want ErrNotFound", err)
	}
	b := sample(a.URL)
	b.FetchedAt = at.Add(time.Hour)
	if _, err := s.Put(b); err != nil {
		t.Fatal(err)
	}
	if br, _, _ := s.Brief(a.URL); !br.Asked().Equal(b.FetchedAt) || !br.Checked.IsZero() {
		t.Errorf("brief after a later fetch = %+v; want asked at the fetch, no check", br)
	}
}
