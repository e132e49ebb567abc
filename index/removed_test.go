package index_test

import (
	"slices"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
)

// TestRemovedFilter: removed:yes finds the articles removed from their
// site, removed:no and -removed:yes the others, combined with words and
// other filters; the hits carry the time the removal was first seen, and
// indexing a document again without it (the article served again)
// takes it out of removed:yes.
func TestRemovedFilter(t *testing.T) {
	ix := openTemp(t)
	gone := time.Date(2026, 12, 5, 10, 30, 0, 0, index.ChinaTime)
	pub := time.Date(2026, 11, 30, 0, 0, 0, 0, index.ChinaTime)
	doc := func(id, title, site string, removed time.Time) index.Document {
		return index.Document{ID: id, URL: id, Title: title, Body: title + "，志愿服务活动在社区开展。", Site: site, SiteName: site, Level: "county",
			Lineage: []string{site}, Published: pub, Removed: removed}
	}
	docs := []index.Document{
		doc("http://a.test/1.html", "文明实践一", "a.test", gone),
		doc("http://a.test/2.html", "文明实践二", "a.test", time.Time{}),
		doc("http://b.test/3.html", "文明实践三", "b.test", gone.Add(time.Hour)),
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	query := func(s string) []string {
		t.Helper()
		q, err := index.ParseQuery(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		got := ids(search(t, ix, q))
		slices.Sort(got)
		return got
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"removed:yes", []string{"http://a.test/1.html", "http://b.test/3.html"}},
		{"removed:YES 文明实践", []string{"http://a.test/1.html", "http://b.test/3.html"}},
		{"removed:yes site:a.test", []string{"http://a.test/1.html"}},
		{"文明实践 -removed:yes", []string{"http://a.test/2.html"}},
		{"文明实践 removed:no", []string{"http://a.test/2.html"}},
	}
	for _, tt := range tests {
		if got := query(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.q, got, tt.want)
		}
	}
	q, _ := index.ParseQuery("removed:yes site:a.test")
	res := search(t, ix, q)
	if len(res.Hits) != 1 || !res.Hits[0].Removed.Equal(gone) {
		t.Errorf("hits %+v; want one, removed since %v", res.Hits, gone)
	}
	if _, err := index.ParseQuery("removed:maybe"); err == nil {
		t.Error("removed:maybe parsed")
	}
	back := docs[0]
	back.Removed = time.Time{}
	if err := ix.Put(back); err != nil {
		t.Fatal(err)
	}
	if got := query("removed:yes"); !slices.Equal(got, []string{"http://b.test/3.html"}) {
		t.Errorf("after the article was served again, removed:yes = %v", got)
	}
}
