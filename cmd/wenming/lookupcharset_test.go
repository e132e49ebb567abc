package main

import (
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestSearchByURLInLegacyCharset: an article archived under a URL whose
// query a GBK page wrote in GBK (as the crawl requests it) is found by
// that URL typed with its query in Chinese, as a user reads it, or with
// the query's Chinese percent-encoded in UTF-8, as a browser copies it.
func TestSearchByURLInLegacyCharset(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	const archived = "http://www.xtwm.gov.cn/ShowNews.asp?BigClass=%B9%A4%D7%F7%B6%AF%CC%AC&id=12"
	a := &article.Article{
		URL: archived, Site: "www.xtwm.gov.cn", SiteName: "邢台文明网", Level: article.City, Column: "工作动态",
		Title: "我市开展文明交通志愿服务", Body: "志愿者走上街头，\n劝导文明出行。",
		Published: time.Date(2011, 5, 6, 0, 0, 0, 0, article.China), FetchedAt: time.Now(),
	}
	if _, err := st.Put(a); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, q := range []string{
		archived,
		"http://www.xtwm.gov.cn/ShowNews.asp?BigClass=工作动态&id=12",
		"http://www.xtwm.gov.cn/ShowNews.asp?BigClass=%E5%B7%A5%E4%BD%9C%E5%8A%A8%E6%80%81&id=12",
	} {
		code, out, errOut := wenming(t, "search", "--data", data, q)
		if code != exitOK || !strings.Contains(out, "1 article archived under") || !strings.Contains(out, "    "+archived+"\n") {
			t.Errorf("search %s: code %d\n%s%s", q, code, out, errOut)
		}
	}
	code, out, _ := wenming(t, "search", "--data", data, "http://www.xtwm.gov.cn/ShowNews.asp?BigClass=志愿服务&id=12")
	if code != exitOK || !strings.Contains(out, "0 articles archived under") {
		t.Errorf("another column's URL: code %d\n%s", code, out)
	}
}
