package article_test

import (
	"errors"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestValidate(t *testing.T) {
	t0 := time.Date(2023, 5, 1, 9, 30, 0, 0, article.China)
	far := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	n := func(v int64) *int64 { return &v }
	good := func() *article.Article {
		return &article.Article{
			URL: "http://www.wenming.cn/a/1.html", Level: article.National, Published: t0,
			PublishedPrecision: article.PrecisionMinute, Views: n(3), FetchedAt: t0,
			ViewHistory: []article.ViewCount{{At: t0, Views: 3}},
			Capture:     &article.Capture{File: "x.warc.gz", Time: t0},
			Aliases:     []string{"https://m.wenming.cn/a/1.html"},
			Lineage:     []article.Site{{Host: "www.wenming.cn", Level: article.National}},
		}
	}
	tests := []struct {
		name  string
		edit  func(a *article.Article)
		field string // "" = valid
		why   string
	}{
		{"good", func(*article.Article) {}, "", ""},
		{"optional times zero", func(a *article.Article) {
			a.Published, a.FetchedAt, a.Capture.Time, a.PublishedPrecision = time.Time{}, time.Time{}, time.Time{}, ""
		}, "", ""},
		{"no views", func(a *article.Article) { a.Views, a.ViewHistory = nil, nil }, "", ""},
		{"zero views", func(a *article.Article) { a.Views = n(0) }, "", ""},
		{"first year", func(a *article.Article) { a.Published = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC) }, "", ""},
		{"last year", func(a *article.Article) { a.FetchedAt = time.Date(2100, 12, 31, 23, 59, 59, 0, time.UTC) }, "", ""},
		{"no url", func(a *article.Article) { a.URL = "" }, "url", "missing"},
		{"ftp url", func(a *article.Article) { a.URL = "ftp://www.wenming.cn/a" }, "url", `"ftp://www.wenming.cn/a" is not an http(s) URL with a host`},
		{"url without host", func(a *article.Article) { a.URL = "http:///a" }, "url", `"http:///a" is not an http(s) URL with a host`},
		{"relative url", func(a *article.Article) { a.URL = "/a/1.html" }, "url", `"/a/1.html" is not an http(s) URL with a host`},
		{"fetched year 9999", func(a *article.Article) { a.FetchedAt = far }, "fetched_at", "year 9999 outside 1990–2100"},
		{"published 1989", func(a *article.Article) { a.Published = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC) }, "published", "year 1989 outside 1990–2100"},
		{"published 2101", func(a *article.Article) { a.Published = time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC) }, "published", "year 2101 outside 1990–2100"},
		{"negative views", func(a *article.Article) { a.Views = n(-5) }, "views", "-5 is negative"},
		{"history time", func(a *article.Article) { a.ViewHistory = append(a.ViewHistory, article.ViewCount{At: far, Views: 4}) }, "view_history[1].at", "year 9999 outside 1990–2100"},
		{"history time zero", func(a *article.Article) { a.ViewHistory[0].At = time.Time{} }, "view_history[0].at", "missing"},
		{"history negative", func(a *article.Article) { a.ViewHistory[0].Views = -1 }, "view_history[0].views", "-1 is negative"},
		{"capture time", func(a *article.Article) { a.Capture.Time = far }, "capture.time", "year 9999 outside 1990–2100"},
		{"bad alias", func(a *article.Article) { a.Aliases = append(a.Aliases, "mailto:x@y") }, "aliases[1]", `"mailto:x@y" is not an http(s) URL with a host`},
		{"bad level", func(a *article.Article) { a.Level = "town" }, "level", `"town": want national, province, city or county`},
		{"bad lineage level", func(a *article.Article) { a.Lineage[0].Level = "x" }, "lineage[0].level", `"x": want national, province, city or county`},
		{"bad precision", func(a *article.Article) { a.PublishedPrecision = "second" }, "published_precision", `"second": want day or minute`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good()
			tt.edit(a)
			err := a.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				if ps := a.Problems(); len(ps) != 0 {
					t.Fatalf("Problems() = %v, want none", ps)
				}
				return
			}
			var fe *article.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Validate() = %v, want a *FieldError", err)
			}
			if fe.Field != tt.field || fe.Why != tt.why {
				t.Errorf("Validate() = %q, want %q", err, tt.field+": "+tt.why)
			}
		})
	}
}

func TestProblemsListsEveryField(t *testing.T) {
	far := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	v := int64(-2)
	a := &article.Article{URL: "ftp://x/y", FetchedAt: far, Views: &v}
	var got []string
	for _, p := range a.Problems() {
		got = append(got, p.Error())
	}
	want := []string{
		`url: "ftp://x/y" is not an http(s) URL with a host`,
		"fetched_at: year 9999 outside 1990–2100",
		"views: -2 is negative",
	}
	if len(got) != len(want) {
		t.Fatalf("Problems() = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Problems()[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
