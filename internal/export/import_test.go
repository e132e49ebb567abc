package export_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/store"
)

func TestImportRoundTrip(t *testing.T) {
	arts := samples()
	var jsonl bytes.Buffer
	if _, err := export.JSONL(context.Background(), &jsonl, sliceSource(arts)); err != nil {
		t.Fatal(err)
	}
	st := bolttest.Open(t, filepath.Join(t.TempDir(), "articles.db"), store.Open)
	var stored []string
	rep, err := export.Import(context.Background(), bytes.NewReader(jsonl.Bytes()), st, export.ImportOptions{
		Stored: func(a *article.Article) error { stored = append(stored, a.URL); return nil },
	})
	if err != nil || rep.Records != len(arts) || rep.New != len(arts) || len(stored) != len(arts) {
		t.Fatalf("import: %+v %v, stored %d", rep, err, len(stored))
	}
	// Export again: the same bytes.
	var again bytes.Buffer
	if _, err := export.JSONL(context.Background(), &again, st.ForEach); err != nil {
		t.Fatal(err)
	}
	if got, want := sortedLines(again.String()), sortedLines(jsonl.String()); !reflect.DeepEqual(got, want) {
		t.Errorf("re-export differs:\n got %s\nwant %s", got, want)
	}
	// Importing again changes nothing, and nothing is indexed again.
	stored = nil
	rep, err = export.Import(context.Background(), bytes.NewReader(jsonl.Bytes()), st, export.ImportOptions{
		Stored: func(a *article.Article) error { stored = append(stored, a.URL); return nil },
	})
	if err != nil || rep.Unchanged != len(arts) || rep.New != 0 || rep.Updated != 0 || len(stored) != 0 {
		t.Fatalf("re-import: %+v %v, passed on to index: %q", rep, err, stored)
	}
	if n, _ := st.Len(); n != len(arts) {
		t.Errorf("%d records after re-import", n)
	}
	// The aliases are restored: each finds its record.
	for _, u := range arts[0].Aliases {
		if c, ok, err := st.Resolve(u); err != nil || !ok || c != arts[0].URL {
			t.Errorf("Resolve(%s) = %q %v %v after import", u, c, ok, err)
		}
	}
	for _, a := range arts {
		got, err := st.Get(a.URL)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.ViewHistory) != len(a.ViewHistory) {
			t.Errorf("%s: view history %v after two imports, want %v", a.URL, got.ViewHistory, a.ViewHistory)
		}
		vs, err := st.Versions(a.URL)
		if err != nil || len(vs) != 0 {
			t.Errorf("%s: %d versions after re-import (%v)", a.URL, len(vs), err)
		}
	}
	// An older record does not replace a newer one.
	old := *arts[0]
	old.FetchedAt = old.FetchedAt.Add(-time.Hour)
	old.Title = "旧标题"
	var buf bytes.Buffer
	export.JSONL(context.Background(), &buf, sliceSource([]*article.Article{&old}))
	rep, err = export.Import(context.Background(), &buf, st, export.ImportOptions{})
	if got, _ := st.Get(old.URL); err != nil || rep.Older != 1 || got.Title != arts[0].Title {
		t.Errorf("older record: %+v %v, title %q", rep, err, got.Title)
	}
	// A record exported under one of the aliases (another archive kept it
	// so) adds its view count to the record, not a record.
	dup := *arts[0]
	dup.URL, dup.Aliases = arts[0].Aliases[1], nil
	dup.FetchedAt = dup.FetchedAt.Add(time.Hour)
	dup.ViewHistory = []article.ViewCount{{At: dup.FetchedAt, Views: 2000}}
	var dupl bytes.Buffer
	export.JSONL(context.Background(), &dupl, sliceSource([]*article.Article{&dup}))
	stored = nil
	rep, err = export.Import(context.Background(), &dupl, st, export.ImportOptions{
		Stored: func(a *article.Article) error { stored = append(stored, a.URL); return nil },
	})
	if got, _ := st.Get(arts[0].URL); err != nil || rep.Aliased != 1 || got == nil || *got.Views != 2000 {
		t.Errorf("record under an alias: %+v %v, record %+v", rep, err, got)
	}
	if len(stored) != 1 || stored[0] != arts[0].URL {
		t.Errorf("a new view count under an alias is not passed on to index: %q", stored)
	}
	if n, _ := st.Len(); n != len(arts) {
		t.Errorf("%d records after importing an alias", n)
	}
}

func sortedLines(s string) []string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return l
}

func TestImportBadLines(t *testing.T) {
	good := `{"url":"http://www.wenming.cn/a.html","title":"好","fetched_at":"2024-01-02T03:04:05+08:00"}`
	cases := []struct {
		name, input string
		line        int
		want        string
	}{
		{"json", good + "\n\n{not json\n", 3, "not an export record"},
		{"no url", good + "\n" + `{"title":"x","fetched_at":"2024-01-02T03:04:05+08:00"}`, 2, "url: missing"},
		{"relative url", `{"url":"/a.html","fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, "not an http(s) URL"},
		{"level", `{"url":"http://x.cn/1","level":"village","fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, `level: "village": want national`},
		{"precision", `{"url":"http://x.cn/1","published_precision":"year","fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, "published_precision"},
		{"date", `{"url":"http://x.cn/1","published":"yesterday","fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, "not an export record"},
		{"no fetched_at", `{"url":"http://x.cn/1"}`, 1, "fetched_at"},
		{"array", "[1,2]", 1, "not an export record"},
		{"year 9999", `{"url":"http://x.cn/1","fetched_at":"9999-12-31T23:59:59Z"}`, 1, "line 1: fetched_at: year 9999 outside 1990–2100"},
		{"negative views", `{"url":"http://x.cn/1","views":-3,"fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, "line 1: views: -3 is negative"},
		{"ftp url", `{"url":"ftp://x.cn/1","fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, `line 1: url: "ftp://x.cn/1" is not an http(s) URL with a host`},
		// What is wrong with a line that is no record, in words.
		{"not json", "not json\n", 1, "line 1: not an export record: not JSON: a mistake at byte 2 of the line"},
		{"cut short", `{"url":"http://x.cn/1",`, 1, "line 1: not an export record: not JSON: the line ends before its object is closed"},
		{"array line", "[1,2]", 1, "line 1: not an export record: a JSON array, not an object"},
		{"views as text", `{"url":"http://x.cn/1","views":"many","fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, "line 1: not an export record: views: want a number, got a JSON string"},
		{"date in words", `{"url":"http://x.cn/1","published":"yesterday","fetched_at":"2024-01-02T03:04:05+08:00"}`, 1, "line 1: not an export record: yesterday is not a time in RFC 3339 (as 2024-01-02T03:04:05+08:00)"},
	}
	for _, c := range cases {
		st := bolttest.Open(t, filepath.Join(t.TempDir(), "articles.db"), store.Open)
		_, err := export.Import(context.Background(), strings.NewReader(c.input), st, export.ImportOptions{})
		var le *export.LineError
		if !errors.As(err, &le) || le.Line != c.line || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want line %d: …%s…", c.name, err, c.line, c.want)
		}
		st.Close()
	}
	// A byte order mark, CRLF line ends and blank lines are fine.
	st := bolttest.Open(t, filepath.Join(t.TempDir(), "articles.db"), store.Open)
	rep, err := export.Import(context.Background(), strings.NewReader("\uFEFF"+good+"\r\n\r\n"+strings.Replace(good, "a.html", "b.html", 1)+"\r\n"), st, export.ImportOptions{})
	if err != nil || rep.New != 2 {
		t.Errorf("BOM/CRLF: %+v %v", rep, err)
	}
}

// TestImportBadLineSkipped checks that with BadLine set every bad line is
// reported (line number, field, why) and the good lines around them land.
func TestImportBadLineSkipped(t *testing.T) {
	input := strings.Join([]string{
		`{"url":"http://www.wenming.cn/1.html","title":"一","fetched_at":"2024-01-02T03:04:05+08:00"}`,
		`{"url":"http://www.wenming.cn/2.html","fetched_at":"9999-12-31T23:59:59Z"}`,
		`{"url":"http://www.wenming.cn/3.html","views":-7,"fetched_at":"2024-01-02T03:04:05+08:00"}`,
		`{"url":"ftp://www.wenming.cn/4.html","fetched_at":"2024-01-02T03:04:05+08:00"}`,
		`{"url":"http://www.wenming.cn/5.html","title":"五","views":3,"fetched_at":"2024-01-02T03:04:05+08:00"}`,
	}, "\n")
	st := bolttest.Open(t, filepath.Join(t.TempDir(), "articles.db"), store.Open)
	var got []string
	rep, err := export.Import(context.Background(), strings.NewReader(input), st, export.ImportOptions{
		BadLine: func(le *export.LineError) { got = append(got, le.Error()) },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 2: fetched_at: year 9999 outside 1990–2100",
		"line 3: views: -7 is negative",
		`line 4: url: "ftp://www.wenming.cn/4.html" is not an http(s) URL with a host`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bad lines:\n got %q\nwant %q", got, want)
	}
	if rep.Records != 2 || rep.New != 2 || rep.Bad != 3 {
		t.Errorf("report %+v, want 2 records, 2 new, 3 bad", rep)
	}
	for _, u := range []string{"http://www.wenming.cn/1.html", "http://www.wenming.cn/5.html"} {
		if _, err := st.Get(u); err != nil {
			t.Errorf("good line %s not imported: %v", u, err)
		}
	}
	if n, _ := st.Len(); n != 2 {
		t.Errorf("%d records in the store, want 2", n)
	}
}

func TestFindInIndex(t *testing.T) {
	var lines []string
	base := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range 3000 {
		u := fmt.Sprintf("http://www.wenming.cn/a/%d.html", i)
		for k, mime := range []string{"warc/revisit", "text/html"} {
			ts := base.Add(time.Duration(i%7) * time.Hour).Format("20060102150405")
			lines = append(lines, fmt.Sprintf(`%s %s {"url":%q,"mime":%q,"status":"200","digest":"sha1:X","length":"%d","offset":"%d","filename":"f.warc.gz"}`,
				strings.ToLower("cn,wenming)/a/"+fmt.Sprint(i)+".html"), ts, u, mime, 100+k, i*1000+k))
		}
	}
	sort.Strings(lines)
	index := []byte(strings.Join(lines, "\n") + "\n")
	for _, i := range []int{0, 1, 2, 999, 1500, 2998, 2999} {
		u := fmt.Sprintf("http://www.wenming.cn/a/%d.html", i)
		file, off, n, ok, err := export.FindInIndexForTest(index, u, base.Add(time.Duration(i%7)*time.Hour))
		if err != nil || !ok || file != "f.warc.gz" || off != int64(i*1000+1) || n != 101 {
			t.Errorf("%s: %s %d %d %v %v", u, file, off, n, ok, err)
		}
		if _, _, _, ok, _ := export.FindInIndexForTest(index, u, base.Add(24*time.Hour)); ok {
			t.Errorf("%s found at a time it was not captured", u)
		}
	}
	if _, _, _, ok, _ := export.FindInIndexForTest(index, "http://zz.cn/", base); ok {
		t.Error("found a URL past the end")
	}
}

// xs reads as an endless run of 'x'.
type xs struct{}

func (xs) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestImportLongLineSkipped: a line over MaxLineBytes is reported with
// its line number and left out (read past, not held), and the lines after
// it are imported; without BadLine it stops the import.
func TestImportLongLineSkipped(t *testing.T) {
	input := func() io.Reader {
		return io.MultiReader(
			strings.NewReader(`{"url":"http://www.wenming.cn/1.html","title":"一","fetched_at":"2024-01-02T03:04:05+08:00"}`+"\n"),
			io.LimitReader(xs{}, export.MaxLineBytes+1),
			strings.NewReader("\r\n"+`{"url":"http://www.wenming.cn/3.html","title":"三","fetched_at":"2024-01-02T03:04:05+08:00"}`),
		)
	}
	st := bolttest.Open(t, filepath.Join(t.TempDir(), "articles.db"), store.Open)
	var got []string
	rep, err := export.Import(context.Background(), input(), st, export.ImportOptions{
		BadLine: func(le *export.LineError) { got = append(got, le.Error()) },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("line 2: line longer than %d bytes", export.MaxLineBytes)}
	if !reflect.DeepEqual(got, want) || rep.New != 2 || rep.Bad != 1 {
		t.Errorf("bad lines %q, report %+v; want %q, 2 new, 1 bad", got, rep, want)
	}

	n, err := export.ReadJSONL(context.Background(), input(), func(int, *article.Article) error { return nil })
	var le *export.LineError
	if n != 1 || !errors.As(err, &le) || le.Line != 2 || !strings.Contains(err.Error(), "line longer than") {
		t.Errorf("ReadJSONL: %d records, err %v; want 1 and line 2: line longer than …", n, err)
	}
}

// TestImportMovesRecordToPreferredURL: a record imported under the
// desktop URL of an article the archive holds under its mobile URL takes
// the record; the mobile URL's document is dropped (Folded) and the
// record indexed under the desktop URL (Stored).
func TestImportMovesRecordToPreferredURL(t *testing.T) {
	const (
		desktop = "http://www.qhwmw.gov.cn/news/xzdt/2023-09-09/38.html"
		mobile  = "http://www.qhwmw.gov.cn/m/news/xzdt/2023-09-09/38.html"
	)
	fetched := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	mk := func(url string, at time.Time) *article.Article {
		return &article.Article{URL: url, Site: "www.qhwmw.gov.cn", SiteName: "清河文明网", Level: article.County,
			Title: "清河县召开文明创建工作推进会", Body: strings.Repeat("文明创建工作推进会在县城召开。", 5), FetchedAt: at,
			Views: views(3)}
	}
	st := bolttest.Open(t, filepath.Join(t.TempDir(), "articles.db"), store.Open)
	if s, err := st.Put(mk(mobile, fetched)); err != nil || s != store.New {
		t.Fatalf("Put mobile = %v, %v", s, err)
	}
	var buf bytes.Buffer
	export.JSONL(context.Background(), &buf, sliceSource([]*article.Article{mk(desktop, fetched.Add(time.Hour))}))
	var stored, folded []string
	rep, err := export.Import(context.Background(), &buf, st, export.ImportOptions{
		Stored: func(a *article.Article) error { stored = append(stored, a.URL); return nil },
		Folded: func(urls []string) error { folded = append(folded, urls...); return nil },
	})
	if err != nil || rep.Moved != 1 || rep.Records != 1 {
		t.Fatalf("import: %+v, %v; want one moved", rep, err)
	}
	if !reflect.DeepEqual(folded, []string{mobile}) || !reflect.DeepEqual(stored, []string{desktop}) {
		t.Errorf("folded %q, stored %q; want the mobile URL dropped, the desktop one indexed", folded, stored)
	}
	if got, err := st.Get(mobile); err != nil || got.URL != desktop {
		t.Errorf("Get(mobile) = %v, %v; want the desktop record", got, err)
	}
}
