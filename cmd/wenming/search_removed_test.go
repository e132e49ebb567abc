package main

import (
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestSearchRemoved: removed:yes lists the article removed at the source
// alone, saying since when, in the human output and in --json; its lookup
// by URL gives the answer and when it was last seen there.
func TestSearchRemoved(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	fetched := time.Date(2026, 12, 1, 8, 0, 0, 0, article.China)
	mk := func(url, title string) *article.Article {
		return &article.Article{URL: url, Site: "www.lcwm.gov.cn", SiteName: "临城县文明网", Level: article.County, Column: "工作动态",
			Title: title, Body: title + "，志愿者们为群众提供服务。", Published: time.Date(2026, 11, 30, 9, 30, 0, 0, article.China), FetchedAt: fetched}
	}
	gone := mk("http://www.lcwm.gov.cn/a/1.html", "临城县开展志愿服务活动")
	kept := mk("http://www.lcwm.gov.cn/a/2.html", "临城县召开文明创建推进会")
	for _, a := range []*article.Article{gone, kept} {
		if _, err := st.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	since := time.Date(2026, 12, 5, 10, 30, 0, 0, article.China)
	if _, err := st.MarkRemoved(gone.URL, article.Removal{Since: since, Status: 410, Answer: "HTTP 410", CaptureURL: gone.URL, CaptureTime: since}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := wenmingOK(t, "search", "--data", data, "removed:yes")
	if !strings.Contains(out, "1 articles match") || !strings.Contains(out, gone.URL) || strings.Contains(out, kept.URL) ||
		!strings.Contains(out, "removed from the source on 2026-12-05 10:30 (Beijing time)") {
		t.Errorf("search removed:yes:\n%s", out)
	}
	out = wenmingOK(t, "search", "--data", data, "--json", "removed:yes")
	if !strings.Contains(out, `"removed":"2026-12-05T10:30:00+08:00"`) || strings.Contains(out, kept.URL) {
		t.Errorf("search --json removed:yes:\n%s", out)
	}
	out = wenmingOK(t, "search", "--data", data, "removed:no")
	if !strings.Contains(out, kept.URL) || strings.Contains(out, gone.URL) || strings.Contains(out, "removed from the source") {
		t.Errorf("search removed:no:\n%s", out)
	}
	out = wenmingOK(t, "search", "--data", data, gone.URL)
	if !strings.Contains(out, "removed from the source on 2026-12-05 10:30 (Beijing time): HTTP 410; last seen there 2026-12-01 08:00") {
		t.Errorf("lookup of %s:\n%s", gone.URL, out)
	}
}
