package recordstest

import (
	"errors"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// removalTests test the marks of articles removed at the source.
var removalTests = []test{
	{"MarkRemoved", testMarkRemoved},
	{"MarkRemovedAlias", testMarkRemovedAlias},
}

// testMarkRemoved: a revisit's mark sets Removed with the record's fetch
// time as LastPresent, leaves the content, fetch time and versions
// alone, survives a reopen; a later mark moves Seen on alone; a mark
// older than the record's fetch is refused; a Put of the article fetched
// again ends it, kept in PastRemovals; a URL of no record is
// ErrNotFound.
func testMarkRemoved(t *testing.T, fresh func(*testing.T) Opener) {
	s, reopen := reopenable(t, fresh(t))
	a := sample("https://hb.wenming.cn/a/1.html")
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	gone := t0.Add(48 * time.Hour)
	ev := article.Removal{Since: gone, Status: 404, Answer: "HTTP 404", CaptureURL: a.URL, CaptureTime: gone,
		Capture: &article.Capture{File: "w-00001.warc.gz", Offset: 120, Length: 900, Time: gone}}
	if changed, err := s.MarkRemoved(a.URL, ev); err != nil || !changed {
		t.Fatalf("MarkRemoved = %v, %v; want a change", changed, err)
	}
	s = reopen()
	got, err := s.Get(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Removed == nil {
		t.Fatal("no mark after MarkRemoved and a reopen")
	}
	if r := got.Removed; !r.Since.Equal(gone) || !r.Seen.Equal(gone) || !r.LastPresent.Equal(t0) || r.Status != 404 ||
		r.CaptureURL != a.URL || r.Capture == nil || r.Capture.Offset != 120 {
		t.Errorf("mark = %+v; want since and seen %v, last present %v, status 404, the capture", *r, gone, t0)
	}
	if got.Body != a.Body || got.Title != a.Title || !got.FetchedAt.Equal(t0) {
		t.Errorf("the mark changed the record: %+v", got)
	}
	if br, ok, err := s.Brief(a.URL); err != nil || !ok || !br.Removed || !br.FetchedAt.Equal(t0) {
		t.Errorf("brief after a mark = %+v, %v, %v; want Removed and the fetch time as it was", br, ok, err)
	}
	if vs, err := s.Versions(a.URL); err != nil || len(vs) != 0 {
		t.Errorf("versions after a mark = %d, %v; want none", len(vs), err)
	}
	later := ev
	later.Since, later.Status, later.Answer = gone.Add(24*time.Hour), 410, "HTTP 410"
	if changed, err := s.MarkRemoved(a.URL, later); err != nil || !changed {
		t.Fatalf("second MarkRemoved = %v, %v; want a change", changed, err)
	}
	got, _ = s.Get(a.URL)
	if r := got.Removed; !r.Since.Equal(gone) || !r.Seen.Equal(later.Since) || r.Status != 404 {
		t.Errorf("after a second revisit the mark = %+v; want the first's since and answer, the second's seen", *r)
	}
	if changed, err := s.MarkRemoved(a.URL, later); err != nil || changed {
		t.Errorf("the same mark again = %v, %v; want no change", changed, err)
	}
	stale := ev
	stale.Since = t0.Add(-time.Hour)
	if changed, _ := s.MarkRemoved(a.URL, stale); changed {
		t.Error("a mark seen before the record's fetch changed the record")
	}
	// Put back as read (a capture filled in): the mark stays.
	got.Capture = &article.Capture{File: "w-00000.warc.gz", Length: 10, Time: t0}
	if _, err := s.Put(got); err != nil {
		t.Fatal(err)
	}
	if g, _ := s.Get(a.URL); g.Removed == nil {
		t.Error("a Put of the record as read lost its mark")
	}
	back := sample(a.URL)
	back.FetchedAt = gone.Add(72 * time.Hour)
	back.Views = views(12)
	if st, err := s.Put(back); err != nil || st != store.Unchanged {
		t.Fatalf("Put of the article served again = %v, %v; want Unchanged", st, err)
	}
	got, _ = s.Get(a.URL)
	if got.Removed != nil {
		t.Errorf("served again, the record is still marked: %+v", *got.Removed)
	}
	if br, _, _ := s.Brief(a.URL); br.Removed {
		t.Error("served again, the brief still says removed")
	}
	if len(got.PastRemovals) != 1 || !got.PastRemovals[0].Since.Equal(gone) || !got.PastRemovals[0].Returned.Equal(back.FetchedAt) {
		t.Errorf("past removals = %+v; want the one removal, returned at %v", got.PastRemovals, back.FetchedAt)
	}
	if _, err := s.MarkRemoved("https://hb.wenming.cn/a/none.html", ev); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkRemoved of no record: %v; want ErrNotFound", err)
	}
}

// testMarkRemovedAlias: an alias found gone marks nothing: that one
// address gone (a mobile mirror closed) is not the article gone.
func testMarkRemovedAlias(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := sample("https://hb.wenming.cn/a/2.html")
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	alias := "https://hb.wenming.cn/m/2.html"
	if err := s.AddAlias(a.URL, alias); err != nil {
		t.Fatal(err)
	}
	gone := t0.Add(time.Hour)
	if changed, err := s.MarkRemoved(alias, article.Removal{Since: gone, Status: 404, CaptureURL: alias, CaptureTime: gone}); err != nil || changed {
		t.Fatalf("MarkRemoved of an alias = %v, %v; want no change", changed, err)
	}
	if got, err := s.Get(a.URL); err != nil || got.Removed != nil {
		t.Errorf("record after its alias was found gone: %v, %v", got, err)
	}
}
