package recordstest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

var aliasTests = []test{
	{"PutRecognisesAliases", testPutRecognisesAliases},
	{"PutPrefersURLForm", testPutPrefersURLForm},
	{"PutSameFormKeepsRecord", testPutSameFormKeepsRecord},
	{"PutPreferredAliasTakesRecord", testPutPreferredAliasTakesRecord},
	{"AliasResolves", testAliasResolves},
	{"AddAliasConflicts", testAddAliasConflicts},
	{"AddAliasMergesSameRecord", testAddAliasMergesSameRecord},
	{"AliasesReopenAndImport", testAliasesReopenAndImport},
}

// longBody returns n lines of pseudo-random Chinese text, each line
// different, as an article body.
func longBody(seed uint32, n int) []string {
	const chars = "文明实践志愿服务社区群众活动开展城市创建工作推进精神建设新时代中心站所乡村振兴道德模范身边好人宣传教育文化广场公益环境卫生交通安全诚信友善家风家训传统美德青少年学校老年关爱帮扶困难家庭节日主题读书演出培训会议部署落实检查督导评比表彰先进典型示范引领"
	rs := []rune(chars)
	lines := make([]string, n)
	x := seed*2654435761 + 1
	for i := range lines {
		var b strings.Builder
		for range 24 {
			x = x*1664525 + 1013904223
			b.WriteRune(rs[int(x>>8)%len(rs)])
		}
		lines[i] = b.String()
	}
	return lines
}

const (
	dedeDynamic = "http://hb.wenming.cn/plus/view.php?aid=77"
	dedeStatic  = "http://hb.wenming.cn/a/wmcj/2025/0228/77.html"
	mobile      = "http://hb.wenming.cn/m/view.php?aid=77"
)

// article77 is an article with a body long enough to be recognised.
func article77(url string) *article.Article {
	a := sample(url)
	a.Title = "  我省召开  文明创建工作推进会 "
	a.Body = strings.Join(longBody(77, 20), "\n")
	return a
}

func testPutRecognisesAliases(t *testing.T, fresh func(*testing.T) Opener) {
	lines := longBody(77, 20)
	tests := []struct {
		name   string
		url    string
		change func(a *article.Article)
		want   store.Status
		alias  bool // the second URL ends up an alias of the first
	}{
		{"exact duplicate body", dedeDynamic, func(a *article.Article) {}, store.Aliased, true},
		{"other whitespace and title spacing", dedeDynamic, func(a *article.Article) {
			a.Title = "我省召开 文明创建工作推进会"
			a.Body = "　　" + strings.Join(lines, "\n\n　　") + "\n"
			a.Column = "首页"
		}, store.Aliased, true},
		{"mobile body one line missing", mobile, func(a *article.Article) {
			a.Body = strings.Join(slices.Delete(slices.Clone(lines), 7, 8), "\n")
		}, store.Aliased, true},
		{"mobile body one line missing, another day", mobile, func(a *article.Article) {
			a.Body = strings.Join(slices.Delete(slices.Clone(lines), 7, 8), "\n")
			a.Published = a.Published.AddDate(0, 0, 7)
		}, store.New, false},
		{"same title, different body", dedeDynamic, func(a *article.Article) {
			a.Body = strings.Join(longBody(78, 20), "\n")
		}, store.New, false},
		{"half the body", mobile, func(a *article.Article) {
			a.Body = strings.Join(lines[:10], "\n")
		}, store.New, false},
		{"same body, other title", dedeDynamic, func(a *article.Article) { a.Title = "另一个标题" }, store.New, false},
		{"other site, same content", "http://xt.wenming.cn/a/77.html", func(a *article.Article) {
			a.Site, a.SiteName = "xt.wenming.cn", "邢台文明网"
		}, store.New, false},
		{"short body", dedeDynamic, func(a *article.Article) { a.Body = "图片新闻" }, store.New, false},
		{"empty title", dedeDynamic, func(a *article.Article) { a.Title = " " }, store.New, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, fresh(t))
			// The first URL is the preferred one (static, desktop): the
			// second, found alike, becomes its alias (TestPutPrefersURLForm
			// puts them the other way round).
			first := article77(dedeStatic)
			if tt.name == "short body" || tt.name == "empty title" {
				tt.change(first) // both records trivial
			}
			if st, err := s.Put(first); err != nil || st != store.New {
				t.Fatalf("first Put = %v, %v", st, err)
			}
			a := article77(tt.url)
			tt.change(a)
			a.FetchedAt, a.Views = t0.Add(time.Hour), views(15)
			st, err := s.Put(a)
			if err != nil || st != tt.want {
				t.Fatalf("second Put = %v, %v; want %v", st, err, tt.want)
			}
			n, _ := s.Len()
			got, err := s.Get(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.alias {
				if n != 2 || got.URL != tt.url || len(got.Aliases) != 0 {
					t.Fatalf("Len %d, Get(%s) = record %s aliases %v; want two records", n, tt.url, got.URL, got.Aliases)
				}
				return
			}
			if n != 1 {
				t.Errorf("Len = %d, want 1", n)
			}
			if got.URL != dedeStatic || !slices.Equal(got.Aliases, []string{tt.url}) {
				t.Errorf("Get(alias) = %s aliases %v; want %s with the alias", got.URL, got.Aliases, dedeStatic)
			}
			if got.Body != first.Body || got.Title != first.Title || !got.FetchedAt.Equal(t0) {
				t.Errorf("the alias observation replaced the record's content")
			}
			if len(got.ViewHistory) != 2 || *got.Views != 15 {
				t.Errorf("view history = %v, views %v; want both observations", got.ViewHistory, *got.Views)
			}
			// Fetched again: still no record of its own.
			a.FetchedAt, a.Views = t0.Add(2*time.Hour), views(20)
			if st, err := s.Put(a); err != nil || st != store.Aliased {
				t.Errorf("third Put = %v, %v; want aliased", st, err)
			}
			if n, _ := s.Len(); n != 1 {
				t.Errorf("Len after a refetch of the alias = %d", n)
			}
			if got, _ := s.Get(dedeStatic); len(got.ViewHistory) != 3 {
				t.Errorf("view history after a refetch = %v", got.ViewHistory)
			}
		})
	}
}

func testAliasResolves(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := article77(dedeDynamic)
	a.ETag = `"v1"`
	if _, err := s.Put(a); err != nil {
		t.Fatal(err)
	}
	b := *a
	b.Body, b.FetchedAt = a.Body+"\n更正", t0.Add(time.Hour)
	if st, err := s.Put(&b); err != nil || st != store.Updated {
		t.Fatalf("update = %v, %v", st, err)
	}
	if err := s.AddAlias(dedeDynamic, dedeStatic); err != nil {
		t.Fatal(err)
	}
	// The alias of an alias is an alias of the record.
	if err := s.AddAlias(dedeStatic, mobile); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{dedeDynamic, dedeStatic, mobile} {
		c, ok, err := s.Resolve(u)
		if err != nil || !ok || c != dedeDynamic {
			t.Errorf("Resolve(%s) = %q %v %v", u, c, ok, err)
		}
		got, err := s.Get(u)
		if err != nil || got.URL != dedeDynamic {
			t.Errorf("Get(%s) = %v, %v", u, got, err)
		}
		br, ok, err := s.Brief(u)
		if err != nil || !ok || br.ETag != `"v1"` || !br.FetchedAt.Equal(b.FetchedAt) {
			t.Errorf("Brief(%s) = %+v %v %v", u, br, ok, err)
		}
		vs, err := s.Versions(u)
		if err != nil || len(vs) != 1 || vs[0].Body != a.Body || vs[0].Aliases != nil {
			t.Errorf("Versions(%s) = %v, %v", u, vs, err)
		}
	}
	if got, _ := s.Get(mobile); !slices.Equal(got.Aliases, []string{dedeStatic, mobile}) {
		t.Errorf("aliases = %v", got.Aliases)
	}
	if c, ok, err := s.Resolve("http://hb.wenming.cn/other"); c != "" || ok || err != nil {
		t.Errorf("Resolve(unknown) = %q %v %v", c, ok, err)
	}
	if _, ok, _ := s.Brief("http://hb.wenming.cn/other"); ok {
		t.Error("Brief of an unknown URL")
	}
	// Adding it again changes nothing; a later crawl of the record keeps the aliases.
	if err := s.AddAlias(dedeDynamic, mobile); err != nil {
		t.Errorf("AddAlias again: %v", err)
	}
	c := b
	c.FetchedAt = t0.Add(3 * time.Hour)
	if st, err := s.Put(&c); err != nil || st != store.Unchanged {
		t.Fatalf("refetch of the record = %v, %v", st, err)
	}
	if got, _ := s.Get(dedeDynamic); len(got.Aliases) != 2 {
		t.Errorf("aliases after a refetch = %v", got.Aliases)
	}
	if err := s.AddAlias(dedeDynamic, dedeDynamic); err != nil {
		t.Errorf("AddAlias of itself: %v", err)
	}
}

func testAddAliasConflicts(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := article77(dedeDynamic)
	other := article77("http://hb.wenming.cn/a/78.html")
	other.Title, other.Body = "另一篇", strings.Join(longBody(78, 20), "\n")
	for _, x := range []*article.Article{a, other} {
		if _, err := s.Put(x); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddAlias(other.URL, "http://hb.wenming.cn/plus/view.php?aid=78"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, canon, alias string
		want               error
	}{
		{"alias is a record with other content", dedeDynamic, other.URL, store.ErrConflict},
		{"alias belongs to another record", dedeDynamic, "http://hb.wenming.cn/plus/view.php?aid=78", store.ErrConflict},
		{"no such record", "http://hb.wenming.cn/none", dedeStatic, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.AddAlias(tt.canon, tt.alias)
			if !errors.Is(err, tt.want) {
				t.Fatalf("AddAlias = %v, want %v", err, tt.want)
			}
		})
	}
	if n, _ := s.Len(); n != 2 {
		t.Errorf("Len = %d after refused aliases", n)
	}
	if got, err := s.Get(other.URL); err != nil || got.Body != other.Body {
		t.Errorf("the other record changed: %v", err)
	}
	if err := s.AddAlias("", dedeStatic); err == nil {
		t.Error("AddAlias with an empty URL succeeded")
	}
}

func testAddAliasMergesSameRecord(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := article77(dedeDynamic)
	b := article77(dedeStatic)
	b.Title = "另一个标题" // not recognised on Put …
	b.FetchedAt, b.Views = t0.Add(time.Hour), views(40)
	for _, x := range []*article.Article{a, b} {
		if st, err := s.Put(x); err != nil || st != store.New {
			t.Fatalf("Put = %v, %v", st, err)
		}
	}
	b2 := *b
	b2.Title = a.Title // … until the title is corrected
	b2.FetchedAt = t0.Add(2 * time.Hour)
	if st, err := s.Put(&b2); err != nil || st != store.Updated {
		t.Fatalf("Put = %v, %v", st, err)
	}
	if err := s.AddAlias(dedeDynamic, mobile); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAlias(dedeStatic, "http://hb.wenming.cn/m/77.html"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAlias(dedeDynamic, dedeStatic); err != nil {
		t.Fatalf("AddAlias of a record of the same article: %v", err)
	}
	if n, _ := s.Len(); n != 1 {
		t.Errorf("Len = %d, want 1", n)
	}
	got, err := s.Get(dedeStatic)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"http://hb.wenming.cn/a/wmcj/2025/0228/77.html", "http://hb.wenming.cn/m/77.html", mobile}
	if got.URL != dedeDynamic || !slices.Equal(got.Aliases, want) || *got.Views != 40 || len(got.ViewHistory) != 3 {
		t.Errorf("merged record %s aliases %v views %d history %v", got.URL, got.Aliases, *got.Views, got.ViewHistory)
	}
	if vs, _ := s.Versions(dedeDynamic); len(vs) != 1 || vs[0].Title != "另一个标题" {
		t.Errorf("versions after the merge = %v", vs)
	}
	if c, _, _ := s.Resolve("http://hb.wenming.cn/m/77.html"); c != dedeDynamic {
		t.Errorf("alias of the merged record resolves to %q", c)
	}
}

func testAliasesReopenAndImport(t *testing.T, fresh func(*testing.T) Opener) {
	s, reopen := reopenable(t, fresh(t))
	a := article77(dedeDynamic)
	a.Aliases = []string{mobile, dedeStatic, mobile, dedeDynamic}
	if st, err := s.Put(a); err != nil || st != store.New {
		t.Fatalf("Put with aliases = %v, %v", st, err)
	}
	s = reopen()
	got, err := s.Get(mobile)
	if err != nil || got.URL != dedeDynamic || !slices.Equal(got.Aliases, []string{dedeStatic, mobile}) {
		t.Fatalf("after reopen Get(alias) = %+v, %v", got, err)
	}
	// Putting the same record again (an import run twice) changes nothing.
	if st, err := s.Put(a); err != nil || st != store.Unchanged {
		t.Errorf("Put again = %v, %v", st, err)
	}
	if st, err := s.Put(article77(mobile)); err != nil || st != store.Aliased {
		t.Errorf("Put under an alias after reopen = %v, %v", st, err)
	}
	// An alias that is a record of its own elsewhere is not taken.
	c := article77("http://hb.wenming.cn/c.html")
	c.Title = "另一篇"
	c.Aliases = []string{dedeDynamic, mobile, "http://hb.wenming.cn/c2.html"}
	if st, err := s.Put(c); err != nil || st != store.New {
		t.Fatalf("Put = %v, %v", st, err)
	}
	if got, _ := s.Get(c.URL); !slices.Equal(got.Aliases, []string{"http://hb.wenming.cn/c2.html"}) {
		t.Errorf("aliases = %v; want only the free one", got.Aliases)
	}
}
