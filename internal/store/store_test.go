package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/wenming-archive/wenming/internal/article"
)

// openTest opens a store in a fresh temporary directory and checks it when
// the test ends.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "archive.db"))
}

func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		err := s.Check()
		if errors.Is(err, berrors.ErrDatabaseNotOpen) {
			return // closed by the test
		}
		if err != nil {
			t.Error(err)
		}
		s.Close()
	})
	return s
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

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{New: "new", Updated: "updated", Unchanged: "unchanged", Aliased: "aliased", Status(9): "Status(9)"} {
		if got := s.String(); got != want {
			t.Errorf("Status(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}

func TestPut(t *testing.T) {
	const url = "http://hb.wenming.cn/wmcj/202502/t20250228_1.html"
	tests := []struct {
		name   string
		change func(a *article.Article) // applied to a fresh sample put after the first
		want   Status
	}{
		{"same observation", func(a *article.Article) {}, Unchanged},
		{"later fetch, same views", func(a *article.Article) { a.FetchedAt = t0.Add(time.Hour) }, Unchanged},
		{"new view count", func(a *article.Article) { a.FetchedAt = t0.Add(time.Hour); a.Views = views(12) }, Unchanged},
		{"counter gone", func(a *article.Article) { a.Views = nil }, Unchanged},
		{"same instant other zone", func(a *article.Article) { a.FetchedAt = t0.UTC() }, Unchanged},
		{"title", func(a *article.Article) { a.Title = "新标题" }, Updated},
		{"body", func(a *article.Article) { a.Body += "\n第三段" }, Updated},
		{"lineage", func(a *article.Article) { a.Lineage = a.Lineage[:1] }, Updated},
		{"published", func(a *article.Article) {
			a.Published = a.Published.Add(9 * time.Hour)
			a.PublishedPrecision = article.PrecisionMinute
		}, Updated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			st, err := s.Put(sample(url))
			if err != nil || st != New {
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

func TestViewHistoryMerge(t *testing.T) {
	s := openTest(t)
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
		want := Unchanged
		if i == 0 {
			want = New
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

	// A fourth put of nothing new writes nothing and stays unchanged.
	if st, err := s.Put(a2); err != nil || st != Unchanged {
		t.Errorf("repeat Put = %v, %v; want unchanged", st, err)
	}
	if got, _ := s.Get(url); len(got.ViewHistory) != 3 {
		t.Errorf("history after repeat = %v", got.ViewHistory)
	}
}

func TestNoViews(t *testing.T) {
	s := openTest(t)
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

func TestGetNotFound(t *testing.T) {
	s := openTest(t)
	_, err := s.Get("http://nowhere/")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get = %v, want ErrNotFound", err)
	}
	if want := "get article http://nowhere/: article not found"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestPutEmptyURL(t *testing.T) {
	s := openTest(t)
	if _, err := s.Put(&article.Article{}); err == nil {
		t.Fatal("Put of an article without URL succeeded")
	}
}

func TestConcurrentPut(t *testing.T) {
	s := openTest(t)
	// 2,000 distinct URLs: each worker puts its own 250 and the 250 of the
	// shared hot set, from a different start, so the same URL is put by all
	// eight goroutines at once.
	const workers, own, hot = 8, 250, 250
	const distinct = workers*own - own + hot // worker 0's own URLs are the hot set
	url := func(i int) string { return fmt.Sprintf("http://c%d.wenming.cn/a/%05d.html", i%7, i) }
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[Status]int{}
	)
	for w := range workers {
		wg.Go(func() {
			local := map[Status]int{}
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
	if counts[New] != distinct || counts[Unchanged] != puts-distinct || counts[Updated] != 0 {
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

func TestForEachOrderAndStop(t *testing.T) {
	s := openTest(t)
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

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	s := openAt(t, path)
	for i := range 3 {
		if _, err := s.Put(sample(fmt.Sprintf("http://r/%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
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
	if st, err := s.Put(sample("http://r/1")); err != nil || st != Unchanged {
		t.Errorf("Put after reopen = %v, %v; want unchanged", st, err)
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	openAt(t, path)
	start := time.Now()
	s, err := open(path, 100*time.Millisecond)
	if err == nil {
		s.Close()
		t.Fatal("second Open of a locked archive succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("error = %v, want ErrLocked", err)
	}
	if want := "open store " + path + ": archive is in use by another wenming process"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
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
	err = s.Check()
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Check = %v, want ErrCorrupt", err)
	}
	for _, want := range []string{"holds URL http://other/2", "not sorted", "record http://garbage"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Check error lacks %q:\n%v", want, err)
		}
	}
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

func TestVersions(t *testing.T) {
	s := openTest(t)
	t0 := time.Date(2024, 1, 2, 3, 4, 5, 0, article.China)
	a := &article.Article{URL: "http://a.cn/1.html", Title: "初稿", Body: "第一版正文", FetchedAt: t0}
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	b := *a
	b.Body, b.FetchedAt = "第二版正文", t0.Add(time.Hour)
	if st, err := s.Put(&b); err != nil || st != Updated {
		t.Fatalf("second put: %v %v", st, err)
	}
	c := b
	c.FetchedAt = t0.Add(2 * time.Hour)
	if st, err := s.Put(&c); err != nil || st != Unchanged {
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

func TestBrief(t *testing.T) {
	s := openTest(t)
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

func TestPut_RefusesInvalid(t *testing.T) {
	s := openTest(t)
	a := sample("http://hb.wenming.cn/a/1.html")
	a.FetchedAt = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	_, err := s.Put(a)
	var fe *article.FieldError
	if !errors.As(err, &fe) || fe.Field != "fetched_at" {
		t.Fatalf("Put(year 9999) = %v, want a fetched_at *article.FieldError", err)
	}
	if _, err := s.Get(a.URL); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after refused Put = %v, want ErrNotFound", err)
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
	s, err := Open(full)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		a := sample(fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i))
		a.Body = strings.Repeat("文明实践志愿服务", 400)
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(full)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(full, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(full); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("Open(truncated file) = %v, want a truncated-file ErrCorrupt", err)
	}
}

// TestViews: Views reads the latest stored count (the merged history's),
// through an alias too.
func TestViews(t *testing.T) {
	s := openTest(t)
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
	if _, err := s.Views("http://www.wenming.cn/none.html"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Views of a missing URL: %v, want ErrNotFound", err)
	}
}
