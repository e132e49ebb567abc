package extract

import (
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestUndated checks that a page that is an article but for its date is
// marked Undated, becomes an article when dated from elsewhere, and that
// pages of other kinds are not marked.
func TestUndated(t *testing.T) {
	const body = `<p>为深入推进新时代文明实践，各志愿服务队走进社区、村组，开展政策宣讲、邻里互助和环境整治等活动，受到群众欢迎。</p>` +
		`<p>活动得到了群众的积极参与和广泛好评，大家表示，这样的活动让文明新风吹进了千家万户，今后将继续参与。</p>`
	tests := []struct {
		name, url, html string
		undated         bool
	}{
		{"article without a date", "http://www.example.cn/news/1.html",
			`<html><head><title>城关镇开展志愿服务进社区活动_某县文明网</title></head><body><div class="nav"><a href="/">首页</a></div>` +
				`<h1>城关镇开展志愿服务进社区活动</h1><div class="info">来源：县文明办</div><div class="content">` + body + `</div></body></html>`, true},
		{"dated article", "http://www.example.cn/news/2.html",
			`<html><head><title>城关镇开展志愿服务进社区活动_某县文明网</title></head><body>` +
				`<h1>城关镇开展志愿服务进社区活动</h1><div class="info">发布时间：2024-05-12 来源：县文明办</div><div class="content">` + body + `</div></body></html>`, false},
		{"list of links", "http://www.example.cn/news/",
			`<html><head><title>工作动态_某县文明网</title></head><body><h1>工作动态</h1><ul>` +
				`<li><a href="1.html">城关镇开展志愿服务进社区活动</a></li><li><a href="2.html">县文明办召开创建工作推进会</a></li>` +
				`<li><a href="3.html">新时代文明实践站举办道德讲堂</a></li><li><a href="4.html">文明家庭评选活动圆满结束</a></li></ul></body></html>`, false},
		{"homepage", "http://www.example.cn/",
			`<html><head><title>某县文明网</title></head><body><h1>某县文明网</h1><div class="content">` + body + `</div></body></html>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Extract([]byte(tt.html), mustURL(t, tt.url))
			if err != nil {
				t.Fatal(err)
			}
			if r.Undated != tt.undated {
				t.Fatalf("Undated %v, want %v (IsArticle %v, published %v)", r.Undated, tt.undated, r.IsArticle, r.Published)
			}
			if !tt.undated {
				was := r.IsArticle
				r.DatedBy(time.Date(2024, 5, 12, 0, 0, 0, 0, article.China), "test")
				if r.IsArticle != was {
					t.Errorf("DatedBy changed IsArticle of a page that is not Undated")
				}
				return
			}
			if r.IsArticle {
				t.Fatal("an undated page is an article")
			}
			r.DatedBy(time.Date(2024, 5, 12, 15, 4, 0, 0, article.China), "crawl: list")
			if !r.IsArticle || r.Undated || r.Precision != article.PrecisionDay || r.Published.Format(time.DateTime) != "2024-05-12 00:00:00" || r.Provenance[FieldPublished] != "crawl: list" {
				t.Errorf("after DatedBy: article %v, undated %v, published %v (%s) by %q", r.IsArticle, r.Undated, r.Published, r.Precision, r.Provenance[FieldPublished])
			}
		})
	}
}
