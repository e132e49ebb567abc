// Package recordstest is the test suite every implementation of
// archive.Records runs: the embedded bbolt store and PostgreSQL. Run it
// from the implementation's tests:
//
//	func TestRecordsSuite(t *testing.T) {
//		recordstest.Run(t, func(t *testing.T) recordstest.Opener {
//			path := filepath.Join(t.TempDir(), "archive.db")
//			return func() (archive.CheckedRecords, error) { return store.Open(path) }
//		})
//	}
//
// The tests of one record's life (Put's statuses, the view history,
// versions, briefs, ForEach, a reopen) are in suite.go, those of aliases
// in alias.go.
package recordstest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// Opener opens the records of one test, the same ones each time it is
// called: the suite closes them and opens them again to check what
// survives a restart, and checks their consistency (Check) at every
// close.
type Opener func() (archive.CheckedRecords, error)

// Run runs the suite; fresh makes new, empty records for each test (and
// for each case of a table test).
func Run(t *testing.T, fresh func(t *testing.T) Opener) {
	for _, tc := range slices.Concat(recordTests, aliasTests, removalTests, sweepTests) {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, fresh) })
	}
}

// test is one test of the suite, given the maker of fresh records.
type test struct {
	name string
	fn   func(t *testing.T, fresh func(*testing.T) Opener)
}

// recordTests test one record's life; aliasTests (alias.go) the other
// URLs that answer for a record.
var recordTests = []test{
	{"PutStatus", testPutStatus},
	{"ViewHistoryMerge", testViewHistoryMerge},
	{"NoViews", testNoViews},
	{"GetNotFound", testGetNotFound},
	{"PutEmptyURL", testPutEmptyURL},
	{"PutRefusesInvalid", testPutRefusesInvalid},
	{"ConcurrentPut", testConcurrentPut},
	{"ForEachOrderAndStop", testForEachOrderAndStop},
	{"FetchedSince", testFetchedSince},
	{"Reopen", testReopen},
	{"Versions", testVersions},
	{"Brief", testBrief},
	{"CaptureLost", testCaptureLost},
	{"Views", testViews},
}

// open opens the records of o and closes them when t ends.
func open(t *testing.T, o Opener) archive.Records {
	r, _ := reopenable(t, o)
	return r
}

// reopenable opens the records of o and returns them with a function that
// closes and opens them again; what is open when t ends is closed then.
func reopenable(t *testing.T, o Opener) (archive.Records, func() archive.Records) {
	openChecked := func() archive.CheckedRecords {
		r, err := o()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	closeChecked := func(r archive.CheckedRecords) {
		if err := r.Check(); err != nil {
			t.Error(err)
		}
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	}
	r := openChecked()
	t.Cleanup(func() {
		if r != nil {
			closeChecked(r)
		}
	})
	return r, func() archive.Records {
		closeChecked(r)
		r = nil
		r = openChecked()
		return r
	}
}

var t0 = time.Date(2025, 3, 1, 9, 30, 0, 0, article.China)

func views(n int64) *int64 { return &n }

func sample(url string) *article.Article {
	return &article.Article{
		URL:      url,
		Site:     "hb.wenming.cn",
		SiteName: "河北文明网",
		Level:    article.Province,
		Lineage: []article.Site{
			{Host: "www.wenming.cn", Name: "中国文明网", Level: article.National},
			{Host: "hb.wenming.cn", Name: "河北文明网", Level: article.Province},
		},
		Column:             "文明创建",
		Title:              "标题 <一>",
		Published:          time.Date(2025, 2, 28, 0, 0, 0, 0, article.China),
		PublishedPrecision: article.PrecisionDay,
		Views:              views(10),
		Body:               "第一段\n第二段 & more",
		FetchedAt:          t0,
	}
}

func testPutStatus(t *testing.T, fresh func(*testing.T) Opener) {
	const url = "http://hb.wenming.cn/wmcj/202502/t20250228_1.html"
	tests := []struct {
		name   string
		change func(a *article.Article) // applied to a fresh sample put after the first
		want   store.Status
	}{
		{"same observation", func(a *article.Article) {}, store.Unchanged},
		{"later fetch, same views", func(a *article.Article) { a.FetchedAt = t0.Add(time.Hour) }, store.Unchanged},
		{"new view count", func(a *article.Article) { a.FetchedAt = t0.Add(time.Hour); a.Views = views(12) }, store.Unchanged},
		{"counter gone", func(a *article.Article) { a.Views = nil }, store.Unchanged},
		{"same instant other zone", func(a *article.Article) { a.FetchedAt = t0.UTC() }, store.Unchanged},
		{"title", func(a *article.Article) { a.Title = "新标题" }, store.Updated},
		{"body", func(a *article.Article) { a.Body += "\n第三段" }, store.Updated},
		{"lineage", func(a *article.Article) { a.Lineage = a.Lineage[:1] }, store.Updated},
		{"published", func(a *article.Article) {
			a.Published = a.Published.Add(9 * time.Hour)
			a.PublishedPrecision = article.PrecisionMinute
		}, store.Updated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, fresh(t))
			st, err := s.Put(sample(url))
			if err != nil || st != store.New {
				t.Fatalf("first Put = %v, %v; want new", st, err)
			}
			a := sample(url)
			tt.change(a)
			before := *a
			st, err = s.Put(a)
			if err != nil || st != tt.want {
				t.Fatalf("second Put = %v, %v; want %v", st, err, tt.want)
			}
			if a.Title != before.Title || len(a.ViewHistory) != len(before.ViewHistory) {
				t.Errorf("Put modified its argument")
			}
			got, err := s.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != a.Title || got.Body != a.Body || !got.FetchedAt.Equal(a.FetchedAt) {
				t.Errorf("stored %q %q %v, want the new observation %q %q %v",
					got.Title, got.Body, got.FetchedAt, a.Title, a.Body, a.FetchedAt)
			}
			if n, err := s.Len(); n != 1 || err != nil {
				t.Errorf("Len = %d, %v; want 1", n, err)
			}
		})
	}
}

func testViewHistoryMerge(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	const url = "http://www.wenming.cn/a/1.html"

	// Three observations, the last one out of order and carrying a
	// duplicate of the first plus a same-instant point of another count.
	a1 := sample(url)
	a1.Views = views(10)
	a2 := sample(url)
	a2.FetchedAt = t0.Add(48 * time.Hour)
	a2.Views = views(30)
	a3 := sample(url)
	a3.FetchedAt = t0.Add(24 * time.Hour)
	a3.Views = views(20)
	a3.ViewHistory = []article.ViewCount{
		{At: t0.Add(24 * time.Hour), Views: 20},
		{At: t0.UTC(), Views: 10}, // same as a1's point, other zone
	}
	for i, a := range []*article.Article{a1, a2, a3} {
		want := store.Unchanged
		if i == 0 {
			want = store.New
		}
		if st, err := s.Put(a); err != nil || st != want {
			t.Fatalf("Put %d = %v, %v; want %v", i+1, st, err, want)
		}
	}
	got, err := s.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{10, 20, 30}
	if len(got.ViewHistory) != len(want) {
		t.Fatalf("history = %v, want counts %v", got.ViewHistory, want)
	}
	for i, p := range got.ViewHistory {
		if p.Views != want[i] || !p.At.Equal(t0.Add(time.Duration(i)*24*time.Hour)) {
			t.Errorf("history[%d] = %v, want %d at +%dd", i, p, want[i], i)
		}
	}
	if got.Views == nil || *got.Views != 30 {
		t.Errorf("Views = %v, want the latest observed, 30", got.Views)
	}

	// A fourth put of nothing new stays unchanged.
	if st, err := s.Put(a2); err != nil || st != store.Unchanged {
		t.Errorf("repeat Put = %v, %v; want unchanged", st, err)
	}
	if got, _ := s.Get(url); len(got.ViewHistory) != 3 {
		t.Errorf("history after repeat = %v", got.ViewHistory)
	}
}

func testNoViews(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := sample("http://x.wenming.cn/1.html")
	a.Views = nil
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Views != nil || got.ViewHistory != nil {
		t.Errorf("Views = %v, history %v; want nil (the site shows no count)", got.Views, got.ViewHistory)
	}
}

func testGetNotFound(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	_, err := s.Get("http://nowhere/")
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get = %v, want store.ErrNotFound", err)
	}
	if want := "get article http://nowhere/: article not found"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func testPutEmptyURL(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	if _, err := s.Put(&article.Article{}); err == nil {
		t.Fatal("Put of an article without URL succeeded")
	}
}

func testPutRefusesInvalid(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := sample("http://hb.wenming.cn/a/1.html")
	a.FetchedAt = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	_, err := s.Put(a)
	var fe *article.FieldError
	if !errors.As(err, &fe) || fe.Field != "fetched_at" {
		t.Fatalf("Put(year 9999) = %v, want a fetched_at *article.FieldError", err)
	}
	if _, err := s.Get(a.URL); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get after refused Put = %v, want store.ErrNotFound", err)
	}
}

func testConcurrentPut(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	// 2,000 distinct URLs: each worker puts its own 250 and the 250 of the
	// shared hot set, from a different start, so the same URL is put by all
	// eight goroutines at once.
	const workers, own, hot = 8, 250, 250
	const distinct = workers*own - own + hot // worker 0's own URLs are the hot set
	url := func(i int) string { return fmt.Sprintf("http://c%d.wenming.cn/a/%05d.html", i%7, i) }
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[store.Status]int{}
	)
	for w := range workers {
		wg.Go(func() {
			local := map[store.Status]int{}
			for i := range own + hot {
				var j int
				if i%2 == 0 {
					j = w*own + i/2 // own
				} else {
					j = (i/2 + w*hot/workers) % hot // hot
				}
				a := sample(url(j))
				a.FetchedAt = t0.Add(time.Duration(w) * time.Minute)
				a.Views = views(int64(w))
				st, err := s.Put(a)
				if err != nil {
					t.Error(err)
					return
				}
				local[st]++
			}
			mu.Lock()
			for k, v := range local {
				counts[k] += v
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	puts := workers * (own + hot)
	if n, err := s.Len(); n != distinct || err != nil {
		t.Errorf("Len = %d, %v; want %d", n, err, distinct)
	}
	if counts[store.New] != distinct || counts[store.Unchanged] != puts-distinct || counts[store.Updated] != 0 {
		t.Errorf("statuses = %v, want %d new and %d unchanged", counts, distinct, puts-distinct)
	}
	n, hotSeen := 0, 0
	err := s.ForEach(func(a *article.Article) error {
		n++
		var i int
		fmt.Sscanf(a.URL[strings.LastIndex(a.URL, "/")+1:], "%d.html", &i)
		want := 1 // an own URL: one observation
		if i < hot {
			// Put by every worker (twice by worker 0, the same point).
			want, hotSeen = workers, hotSeen+1
		}
		if len(a.ViewHistory) != want {
			return fmt.Errorf("%s: %d view points, want %d", a.URL, len(a.ViewHistory), want)
		}
		return nil
	})
	if err != nil || n != distinct || hotSeen != hot {
		t.Errorf("ForEach saw %d records (%d hot), %v; want %d (%d hot)", n, hotSeen, err, distinct, hot)
	}
}

func testForEachOrderAndStop(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	for _, u := range []string{"http://b/2", "http://a/1", "http://c/3"} {
		if _, err := s.Put(sample(u)); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	stop := errors.New("stop")
	err := s.ForEach(func(a *article.Article) error {
		got = append(got, a.URL)
		if len(got) == 2 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("ForEach = %v, want the callback's error", err)
	}
	if fmt.Sprint(got) != "[http://a/1 http://b/2]" {
		t.Errorf("ForEach order = %v", got)
	}
}

// testFetchedSince: FetchedSince gives the records fetched at or after a
// time, by their latest fetch, in URL order, and stops at fn's error.
func testFetchedSince(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	put := func(url string, at time.Time) {
		a := sample(url)
		a.FetchedAt = at
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	put("http://c/3", t0)
	put("http://a/1", t0.Add(time.Hour))
	put("http://d/4", t0.Add(2*time.Hour))
	put("http://b/2", t0)
	put("http://c/3", t0.Add(3*time.Hour)) // fetched again: since counts its latest fetch
	since := func(at time.Time, stopAfter int) (got []string, err error) {
		stop := errors.New("stop")
		err = s.FetchedSince(at, func(a *article.Article) error {
			got = append(got, a.URL)
			if len(got) == stopAfter {
				return stop
			}
			return nil
		})
		if errors.Is(err, stop) {
			err = nil
		}
		return got, err
	}
	for _, tt := range []struct {
		at        time.Time
		stopAfter int
		want      string
	}{
		{t0, 0, "[http://a/1 http://b/2 http://c/3 http://d/4]"},
		{t0.Add(time.Hour), 0, "[http://a/1 http://c/3 http://d/4]"},
		{t0.Add(time.Hour + time.Nanosecond), 0, "[http://c/3 http://d/4]"},
		{t0.Add(time.Hour), 2, "[http://a/1 http://c/3]"},
		{t0.Add(4 * time.Hour), 0, "[]"},
	} {
		got, err := since(tt.at, tt.stopAfter)
		if err != nil {
			t.Fatalf("FetchedSince(%v): %v", tt.at, err)
		}
		if fmt.Sprint(got) != tt.want {
			t.Errorf("FetchedSince(t0+%v) stopping after %d = %v, want %s", tt.at.Sub(t0), tt.stopAfter, got, tt.want)
		}
	}
}

func testReopen(t *testing.T, fresh func(*testing.T) Opener) {
	s, reopen := reopenable(t, fresh(t))
	for i := range 3 {
		if _, err := s.Put(sample(fmt.Sprintf("http://r/%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	s = reopen()
	if n, err := s.Len(); n != 3 || err != nil {
		t.Errorf("Len after reopen = %d, %v; want 3", n, err)
	}
	a, err := s.Get("http://r/1")
	if err != nil {
		t.Fatal(err)
	}
	if a.SiteName != "河北文明网" || a.Published.Format(time.RFC3339) != "2025-02-28T00:00:00+08:00" {
		t.Errorf("reopened record = %q %v", a.SiteName, a.Published)
	}
	if st, err := s.Put(sample("http://r/1")); err != nil || st != store.Unchanged {
		t.Errorf("Put after reopen = %v, %v; want unchanged", st, err)
	}
}

func testVersions(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	t0 := time.Date(2024, 1, 2, 3, 4, 5, 0, article.China)
	a := &article.Article{URL: "http://a.cn/1.html", Title: "初稿", Body: "第一版正文", FetchedAt: t0}
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	b := *a
	b.Body, b.FetchedAt = "第二版正文", t0.Add(time.Hour)
	if st, err := s.Put(&b); err != nil || st != store.Updated {
		t.Fatalf("second put: %v %v", st, err)
	}
	c := b
	c.FetchedAt = t0.Add(2 * time.Hour)
	if st, err := s.Put(&c); err != nil || st != store.Unchanged {
		t.Fatalf("third put: %v %v", st, err)
	}
	d := c
	d.Title, d.FetchedAt = "终稿", t0.Add(3*time.Hour)
	if _, err := s.Put(&d); err != nil {
		t.Fatal(err)
	}
	vs, err := s.Versions(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Body != "第一版正文" || vs[1].Body != "第二版正文" || vs[1].Title != "初稿" {
		t.Fatalf("versions = %+v", vs)
	}
	cur, _ := s.Get(a.URL)
	if cur.Title != "终稿" {
		t.Fatalf("current = %+v", cur)
	}
	if vs, _ := s.Versions("http://a.cn/1.htm"); len(vs) != 0 {
		t.Fatal("prefix of another URL matched")
	}
}

func testBrief(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	pub := time.Date(2023, 3, 22, 20, 29, 0, 0, article.China)
	a := &article.Article{URL: "http://a.cn/1.html", Title: "标题", Published: pub, FetchedAt: pub.Add(time.Hour), ETag: `"abc"`}
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	br, ok, err := s.Brief(a.URL)
	if err != nil || !ok || !br.Published.Equal(pub) || br.ETag != `"abc"` || !br.FetchedAt.Equal(a.FetchedAt) {
		t.Fatalf("brief = %+v %v %v", br, ok, err)
	}
	if _, ok, _ := s.Brief("http://a.cn/2.html"); ok {
		t.Fatal("brief of an unknown URL")
	}
}

// testCaptureLost: a record whose capture is cleared as lost keeps its
// content (no new version) and its brief says so, through an alias too,
// until the page is stored again with a capture.
func testCaptureLost(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	pub := time.Date(2023, 3, 22, 20, 29, 0, 0, article.China)
	a := &article.Article{URL: "http://a.cn/1.html", Title: "标题", Body: "正文", Published: pub, FetchedAt: pub.Add(time.Hour),
		Aliases: []string{"http://a.cn/1-m.html"},
		Capture: &article.Capture{File: "wenming-20260101000000-00000.warc.gz", Offset: 100, Length: 50, Time: pub.Add(time.Hour)}}
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	lost := *a
	lost.Capture, lost.CaptureLost = nil, true
	if st, err := s.Put(&lost); err != nil || st != store.Unchanged {
		t.Fatalf("Put of the record with its capture lost = %v, %v; want Unchanged", st, err)
	}
	for _, u := range []string{a.URL, "http://a.cn/1-m.html"} {
		if br, ok, err := s.Brief(u); err != nil || !ok || !br.CaptureLost {
			t.Errorf("brief of %s after the loss = %+v %v %v", u, br, ok, err)
		}
	}
	if got, err := s.Get(a.URL); err != nil || got.Capture != nil || !got.CaptureLost {
		t.Fatalf("record after the loss: %+v, %v", got, err)
	}
	if vs, _ := s.Versions(a.URL); len(vs) != 0 {
		t.Errorf("the loss made %d versions", len(vs))
	}
	again := *a
	again.FetchedAt = a.FetchedAt.Add(time.Hour)
	if _, err := s.Put(&again); err != nil {
		t.Fatal(err)
	}
	if br, _, _ := s.Brief(a.URL); br.CaptureLost {
		t.Error("fetched again, the brief still says lost")
	}
}

// testViews: Views reads the latest stored count (the merged history's),
// through an alias too.
func testViews(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := sample("http://www.wenming.cn/v.html")
	a.Views = views(5)
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	b := sample("http://www.wenming.cn/v.html")
	b.FetchedAt = b.FetchedAt.Add(-time.Hour) // an older observation
	b.Views = views(3)
	if _, err := s.Put(b); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAlias("http://www.wenming.cn/v.html", "http://m.wenming.cn/v.html"); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"http://www.wenming.cn/v.html", "http://m.wenming.cn/v.html"} {
		if v, err := s.Views(u); err != nil || v == nil || *v != 5 {
			t.Errorf("Views(%s) = %v, %v; want 5", u, v, err)
		}
	}
	if _, err := s.Views("http://www.wenming.cn/none.html"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Views of a missing URL: %v, want store.ErrNotFound", err)
	}
}
