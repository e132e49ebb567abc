package index_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
)

// parsed runs the query language s over ix, newest first.
func parsed(t *testing.T, ix *index.Index, s, sort string) *index.Results {
	t.Helper()
	q, err := index.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	q.Sort = sort
	return search(t, ix, q)
}

func TestQueryLanguage(t *testing.T) {
	ix := fixture(t)
	tests := []struct {
		q    string
		want []string // newest first
	}{
		{"", []string{"u/3", "u/2", "u/1", "u/4"}},
		{"志愿", []string{"u/3", "u/2"}},
		{"志愿 正定", []string{"u/2"}},
		{`"文明城市创建"`, []string{"u/1"}},
		{`"深化 文明"`, nil},
		{"文明 -会议", []string{"u/4"}},
		{"-文明", []string{"u/3", "u/2"}},
		{`-"文明城市"`, []string{"u/3", "u/2", "u/4"}},
		{"北京 OR 正定", []string{"u/3", "u/2"}},
		{"北京 OR 正定 OR 不详", []string{"u/3", "u/2", "u/4"}},
		{"北京 OR 正定 表彰", []string{"u/3"}},
		{"title:志愿", []string{"u/3", "u/2"}},
		{"title:会议", []string{"u/1"}},
		{"title:要求", nil}, // only in the body
		{`title:"志愿服务活动"`, []string{"u/2"}},
		{"-title:会议 文明", []string{"u/4"}},
		{"site:河北文明网", []string{"u/2", "u/1"}},
		{"site:HB.WENMING.CN", []string{"u/2", "u/1"}},
		{"site:zd.wenming.cn", []string{"u/2"}},
		{"site:https://zd.wenming.cn/", []string{"u/2"}},
		{"site:http://HB.wenming.cn/index.shtml", []string{"u/2", "u/1"}},
		{"site:zd.wenming.cn/xqdt/", []string{"u/2"}},
		{"-site:河北文明网", []string{"u/3", "u/4"}},
		{"site:北京文明网 OR site:zd.wenming.cn", []string{"u/3", "u/2"}},
		{"site:北京文明网 OR 会议", []string{"u/3", "u/1"}},
		{"column:志愿服务", []string{"u/3", "u/2"}},
		{"column:要闻 -site:河北文明网", []string{"u/4"}},
		{"level:province", []string{"u/3", "u/1"}},
		{"year:2022", []string{"u/2", "u/1"}},
		{"since:2022-11-05", []string{"u/3", "u/2"}},
		{"since:2022-11", []string{"u/3", "u/2"}},
		{"until:2022-11-04", []string{"u/1"}},
		{"until:2022-11-05", []string{"u/2", "u/1"}}, // until includes its day
		{"since:2022 until:2022", []string{"u/2", "u/1"}},
		{"since:2023", []string{"u/3"}},
		{"文明 since:2022-01 until:2022-03", []string{"u/1"}},
		// Bounds past the dates an index holds (1677 to 2262) are no
		// damage: a range over all of them, or over none.
		{"since:1000", []string{"u/3", "u/2", "u/1"}},
		{"until:3000", []string{"u/3", "u/2", "u/1"}},
		{"since:1000 until:3000", []string{"u/3", "u/2", "u/1"}},
		{"since:2500", nil},
		{"until:1500", nil},
		{"２０２２年 site:河北文明网", []string{"u/2"}},
	}
	for _, tt := range tests {
		res := parsed(t, ix, tt.q, "-published")
		if got := ids(res); !slices.Equal(got, tt.want) || res.Total != uint64(len(tt.want)) {
			t.Errorf("%q: got %v (total %d), want %v", tt.q, got, res.Total, tt.want)
		}
	}
	// Query.Text and Clauses combine.
	q, _ := index.ParseQuery("site:河北文明网")
	q.Text = "会议"
	if got := ids(search(t, ix, q)); !slices.Equal(got, []string{"u/1"}) {
		t.Errorf("Text + Clauses: %v", got)
	}
	// Filters alone sort newest first; with text, relevance is the default.
	res := parsed(t, ix, "文明 OR 志愿者", "")
	if len(res.Hits) < 2 || res.Hits[0].Score < res.Hits[len(res.Hits)-1].Score {
		t.Errorf("relevance order: %v", res.Hits)
	}
}

func TestFacets(t *testing.T) {
	ix := openTemp(t)
	docs := genCorpus(9, 400)
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	for _, qs := range []string{"", "文明", "志愿 OR 服务 -国务院", "site:河北文明网", "column:要闻 since:2021"} {
		q, err := index.ParseQuery(qs)
		if err != nil {
			t.Fatal(err)
		}
		q.Facets = 50
		q.Size = 1000
		res := search(t, ix, q)
		// Count by hand over all hits.
		want := map[string]map[string]int{}
		missing := map[string]int{}
		byID := map[string]index.Document{}
		for _, d := range docs {
			byID[d.ID] = d
		}
		for _, h := range res.Hits {
			d := byID[h.ID]
			year := ""
			if !d.Published.IsZero() {
				year = fmt.Sprint(d.Published.Year())
			}
			for name, v := range map[string]string{
				index.FacetProvince: d.Province, index.FacetCity: d.City, index.FacetCounty: d.County,
				index.FacetColumn: d.Column, index.FacetYear: year, index.FacetLevel: d.Level,
			} {
				if v == "" {
					missing[name]++
					continue
				}
				if want[name] == nil {
					want[name] = map[string]int{}
				}
				want[name][v]++
			}
		}
		for _, name := range index.Facets {
			f, ok := res.Facets[name]
			if !ok {
				t.Errorf("%q: facet %s missing", qs, name)
				continue
			}
			got := map[string]int{}
			for i, v := range f.Values {
				got[v.Value] = v.Count
				if i > 0 && v.Count > f.Values[i-1].Count {
					t.Errorf("%q: facet %s not most frequent first: %v", qs, name, f.Values)
				}
			}
			if len(got) != len(want[name]) || f.Missing != missing[name] || f.Other != 0 {
				t.Errorf("%q: facet %s = %+v, want %v missing %d", qs, name, f, want[name], missing[name])
			}
			for v, n := range want[name] {
				if got[v] != n {
					t.Errorf("%q: facet %s[%s] = %d, want %d", qs, name, v, got[v], n)
				}
			}
		}
		// Facets count every match, also on a later page.
		q.Size = 7
		p1 := search(t, ix, q)
		q.After = p1.Next
		p2 := search(t, ix, q)
		if len(p1.Next) > 0 && fmt.Sprint(p2.Facets) != fmt.Sprint(res.Facets) {
			t.Errorf("%q: facets on page 2 differ:\n%v\n%v", qs, p2.Facets, res.Facets)
		}
	}
	// A facet value, used as a filter, finds as many documents as it counts.
	res := search(t, ix, index.Query{Facets: 3, Size: 1})
	f := res.Facets[index.FacetProvince]
	if len(f.Values) != 2 || f.Missing == 0 {
		t.Fatalf("province facet: %+v", f)
	}
	for _, v := range f.Values {
		q, _ := index.ParseQuery(index.FieldTerm(index.FieldSite, v.Value))
		if n := search(t, ix, q).Total; n != uint64(v.Count) {
			t.Errorf("site:%s finds %d, facet counts %d", v.Value, n, v.Count)
		}
	}
	// Three values a facet, but every year and every level: a reader
	// browses a result by year.
	if y := res.Facets[index.FacetYear]; y.Other != 0 || len(y.Values) <= 3 {
		t.Errorf("year facet asked for 3 values: %+v, want every year", y)
	}
	if c := res.Facets[index.FacetColumn]; c.Other == 0 || len(c.Values) != 3 {
		t.Errorf("column facet asked for 3 values: %+v, want 3 and the rest as other", c)
	}
	if search(t, ix, index.Query{}).Facets != nil {
		t.Error("facets without asking")
	}
}

// pagingCorpus is genCorpus with many ties in date and views and some of
// each unknown, to test cursors where sort values repeat or are missing.
func pagingCorpus(n int) []index.Document {
	docs := genCorpus(77, n)
	for i := range docs {
		switch i % 5 {
		case 0:
			docs[i].Published = time.Date(2022, 5, 1, 0, 0, 0, 0, cst)
			docs[i].Views = ptr(int64(i % 3))
		case 1:
			docs[i].Published = time.Time{}
		case 2:
			docs[i].Views = nil
		}
	}
	return docs
}

func TestDeepPagination(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 400
	}
	docs := pagingCorpus(n)
	ix := openTemp(t)
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	byID := map[string]index.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	// expected order without text: by value (unknown last), then ID (all
	// scores are equal).
	expected := func(sort string, keep func(index.Document) bool) []string {
		var rv []index.Document
		for _, d := range docs {
			if keep(d) {
				rv = append(rv, d)
			}
		}
		key := func(d index.Document) (known bool, v int64) {
			switch strings.TrimPrefix(sort, "-") {
			case "views":
				if d.Views == nil {
					return false, 0
				}
				return true, *d.Views
			default:
				if d.Published.IsZero() {
					return false, 0
				}
				return true, d.Published.UnixMilli()
			}
		}
		slices.SortFunc(rv, func(a, b index.Document) int {
			ka, va := key(a)
			kb, vb := key(b)
			if ka != kb {
				if ka {
					return -1
				}
				return 1
			}
			c := cmp.Compare(va, vb)
			if strings.HasPrefix(sort, "-") || sort == "relevance" {
				c = -c
			}
			return cmp.Or(c, cmp.Compare(a.ID, b.ID))
		})
		var out []string
		for _, d := range rv {
			out = append(out, d.ID)
		}
		return out
	}
	all := func(index.Document) bool { return true }
	sorts := []string{"relevance", "published", "-published", "views", "-views"}
	for _, qs := range []string{"", "文明", "服务 OR 国务院", "site:河北文明网 -志愿", "文 since:2021"} {
		for _, sort := range sorts {
			q, err := index.ParseQuery(qs)
			if err != nil {
				t.Fatal(err)
			}
			q.Sort = sort
			q.Size = n
			full := search(t, ix, q)
			if uint64(len(full.Hits)) != full.Total || full.Next != nil {
				t.Fatalf("%q %s: full listing %d of %d, next %v", qs, sort, len(full.Hits), full.Total, full.Next)
			}
			want := ids(full)
			switch qs {
			case "":
				if exp := expected(sort, all); !slices.Equal(want, exp) {
					t.Errorf("%s: full listing is not in the expected order", sort)
				}
			case "site:河北文明网 -志愿":
				exp := expected(sort, func(d index.Document) bool {
					return slices.Contains(d.Lineage, "河北文明网") && !strings.Contains(d.Title+d.Body, "志愿")
				})
				if !slices.Equal(want, exp) {
					t.Errorf("%q %s: full listing is not in the expected order", qs, sort)
				}
			}
			// Walk it by cursor.
			for _, size := range []int{1, 37} {
				if size == 1 && (qs != "" || sort == "published" || sort == "views") {
					continue // one hit a page is slow; walk it for some sorts only
				}
				q.Size = size
				q.After = nil
				var got []string
				pages := 0
				for {
					res := search(t, ix, q)
					if res.Total != full.Total {
						t.Fatalf("%q %s: page %d total %d, want %d", qs, sort, pages, res.Total, full.Total)
					}
					got = append(got, ids(res)...)
					pages++
					if res.Next == nil {
						break
					}
					if len(res.Hits) != size || pages > n+1 {
						t.Fatalf("%q %s: page %d has %d hits and a next cursor", qs, sort, pages, len(res.Hits))
					}
					q.After = res.Next
				}
				if !slices.Equal(got, want) {
					t.Errorf("%q sort %s size %d: %d pages gave %d ids, want %d; first difference at %d",
						qs, sort, size, pages, len(got), len(want), index.DiffAt(got, want))
				}
			}
		}
	}
	// A cursor for another sort is refused.
	res := search(t, ix, index.Query{Text: "文明", Size: 2})
	if _, err := ix.Search(context.Background(), index.Query{Text: "文明", Size: 2, Sort: "views", After: res.Next}); err == nil {
		t.Error("cursor of relevance used with views: no error")
	}
	if _, err := ix.Search(context.Background(), index.Query{Sort: "views", After: []string{"x", "y", "z"}}); err == nil {
		t.Error("garbage cursor: no error")
	}
	if _, err := ix.Search(context.Background(), index.Query{From: 3, After: res.Next}); err == nil {
		t.Error("From with After: no error")
	}
}

func TestHighlightForms(t *testing.T) {
	ix := openTemp(t)
	err := putWithBodies(ix,
		index.Document{ID: "a", Title: `<b>"国务院"</b>召开会议 国务院`, Body: `国务院召开<script>alert("x")</script>会议，国务院办公厅发布通知。北京 考察。`},
		index.Document{ID: "b", Title: "志愿服务", Body: "税收和增值税。"},
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, id, title, snippet string
	}{
		{"国务院", "a", `&lt;b&gt;&#34;<mark>国务院</mark>&#34;&lt;/b&gt;召开会议 <mark>国务院</mark>`,
			`<mark>国务院</mark>召开&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;会议，<mark>国务院</mark>办公厅发布通知。北京 考察。`},
		{"国务院 OR 不在", "a", `&lt;b&gt;&#34;<mark>国务院</mark>&#34;&lt;/b&gt;召开会议 <mark>国务院</mark>`,
			`<mark>国务院</mark>召开&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;会议，<mark>国务院</mark>办公厅发布通知。北京 考察。`},
		{`"北京 考察" OR 会议`, "a", `&lt;b&gt;&#34;国务院&#34;&lt;/b&gt;召开<mark>会议</mark> 国务院`,
			`国务院召开&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;<mark>会议</mark>，国务院办公厅发布通知。<mark>北京 考察</mark>。`},
		{"title:召开 script", "a", `&lt;b&gt;&#34;国务院&#34;&lt;/b&gt;<mark>召开</mark>会议 国务院`,
			`国务院召开&lt;<mark>script</mark>&gt;alert(&#34;x&#34;)&lt;/<mark>script</mark>&gt;会议，国务院办公厅发布通知。北京 考察。`},
		{"税 -国务院", "b", "志愿服务", "<mark>税</mark>收和增值<mark>税</mark>。"},
		{"志愿 OR 服务", "b", "<mark>志愿</mark><mark>服务</mark>", "税收和增值税。"}, // two terms, two marks
		{"务 国务", "a", `&lt;b&gt;&#34;<mark>国务</mark>院&#34;&lt;/b&gt;召开会议 <mark>国务</mark>院`,
			`<mark>国务</mark>院召开&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;会议，<mark>国务</mark>院办公厅发布通知。北京 考察。`},
	}
	for _, tt := range tests {
		res := parsed(t, ix, tt.q, "")
		if len(res.Hits) != 1 || res.Hits[0].ID != tt.id {
			t.Errorf("%q: hits %v", tt.q, ids(res))
			continue
		}
		h := res.Hits[0]
		if h.TitleHTML != tt.title {
			t.Errorf("%q title:\ngot  %s\nwant %s", tt.q, h.TitleHTML, tt.title)
		}
		if h.Snippet != tt.snippet {
			t.Errorf("%q snippet:\ngot  %s\nwant %s", tt.q, h.Snippet, tt.snippet)
		}
		for _, s := range []string{h.TitleHTML, h.Snippet} {
			if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s), "<") || strings.Contains(s, `"`) {
				t.Errorf("%q: unescaped markup: %s", tt.q, s)
			}
		}
	}
}

func TestStats(t *testing.T) {
	ix := fixture(t)
	if err := ix.Put(index.Document{ID: "u/5", Title: "新", Site: "x", Fetched: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 5 || !st.NewestFetched.Equal(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)) ||
		!st.NewestPublished.Equal(time.Date(2023, 1, 2, 0, 0, 0, 0, cst)) || !st.OldestPublished.Equal(time.Date(2022, 3, 1, 9, 0, 0, 0, cst)) {
		t.Errorf("stats: %+v", st)
	}
	if fmt.Sprint(st.ByLevel) != "[{province 2} {county 1} {national 1}]" || fmt.Sprint(st.ByYear) != "[{2023 1} {2022 2}]" ||
		fmt.Sprint(st.ByProvince) != "[{河北文明网 1} {北京文明网 1}]" && fmt.Sprint(st.ByProvince) != "[{北京文明网 1} {河北文明网 1}]" {
		t.Errorf("stats: %+v", st)
	}
	empty, err := openTemp(t).Stats(context.Background())
	if err != nil || empty.Documents != 0 || !empty.NewestPublished.IsZero() || !empty.NewestFetched.IsZero() {
		t.Errorf("empty stats: %+v, %v", empty, err)
	}
}
