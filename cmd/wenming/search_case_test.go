package main

import (
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestSearchByURLForms looks an article up by the URL as a site or a user
// writes it, where the record's URL is another form of it:
//   - an IIS site's article, archived under its folded URL (lower-case
//     path and parameter names), by the URL as the site links it;
//   - an article whose URL's query a GBK page wrote in GBK (as the crawl
//     requests it), by that URL with its query typed in Chinese, as a user
//     reads it, or percent-encoded in UTF-8, as a browser copies it.
func TestSearchByURLForms(t *testing.T) {
	for _, tc := range []struct {
		name     string
		archived *article.Article
		found    []string // queries that find it
		notFound []string
	}{
		{
			name: "any case",
			archived: &article.Article{
				URL: "http://www.lcwm.gov.cn/news/show.aspx?id=123", Site: "www.lcwm.gov.cn", SiteName: "临城县文明网", Level: article.County,
				Column: "工作动态", Title: "临城县开展志愿服务活动", Body: "活动现场，\n志愿者们为群众提供服务。",
				Published: time.Date(2024, 5, 2, 9, 30, 0, 0, article.China), FetchedAt: time.Now(),
			},
			found: []string{"http://www.lcwm.gov.cn/news/show.aspx?id=123", "http://www.lcwm.gov.cn/News/Show.aspx?ID=123",
				"http://www.lcwm.gov.cn/NEWS/SHOW.ASPX?Id=123#top"},
		},
		{
			name: "query in GBK",
			archived: &article.Article{
				URL: "http://www.xtwm.gov.cn/ShowNews.asp?BigClass=%B9%A4%D7%F7%B6%AF%CC%AC&id=12", Site: "www.xtwm.gov.cn", SiteName: "邢台文明网",
				Level: article.City, Column: "工作动态", Title: "我市开展文明交通志愿服务", Body: "志愿者走上街头，\n劝导文明出行。",
				Published: time.Date(2011, 5, 6, 0, 0, 0, 0, article.China), FetchedAt: time.Now(),
			},
			found: []string{"http://www.xtwm.gov.cn/ShowNews.asp?BigClass=%B9%A4%D7%F7%B6%AF%CC%AC&id=12",
				"http://www.xtwm.gov.cn/ShowNews.asp?BigClass=工作动态&id=12",
				"http://www.xtwm.gov.cn/ShowNews.asp?BigClass=%E5%B7%A5%E4%BD%9C%E5%8A%A8%E6%80%81&id=12"},
			notFound: []string{"http://www.xtwm.gov.cn/ShowNews.asp?BigClass=志愿服务&id=12"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			st, err := store.Open(archive.ArticlesPath(data))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Put(tc.archived); err != nil {
				t.Fatal(err)
			}
			st.Close()
			for _, q := range tc.found {
				code, out, errOut := wenming(t, "search", "--data", data, q)
				if code != exitOK || !strings.Contains(out, "1 article archived under "+q) || !strings.Contains(out, "    "+tc.archived.URL+"\n") {
					t.Errorf("search %s: code %d\n%s%s", q, code, out, errOut)
				}
			}
			for _, q := range tc.notFound {
				if code, out, _ := wenming(t, "search", "--data", data, q); code != exitOK || !strings.Contains(out, "0 articles archived under") {
					t.Errorf("search %s: code %d\n%s", q, code, out)
				}
			}
		})
	}
}
