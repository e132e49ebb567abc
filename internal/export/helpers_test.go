package export_test

import (
	"context"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive/recordstest"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

func views(n int64) *int64 { return &n }

// samples are hand-made articles with the awkward values: no date, no
// views, markup-like and YAML-like text, quotes, newlines, empty lineage.
func samples() []*article.Article {
	pub := time.Date(2023, 3, 22, 12, 29, 0, 0, time.UTC)
	fetched := time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC)
	lineage := []article.Site{
		{Host: "www.wenming.cn", Name: "中国文明网", Level: article.National},
		{Host: "hb.wenming.cn", Name: "河北文明网", Level: article.Province},
		{Host: "xt.wenming.cn", Name: "邢台文明网", Level: article.City},
		{Host: "www.ngwm.gov.cn", Name: "南宫文明网", Level: article.County},
	}
	return []*article.Article{
		{
			URL: "http://www.ngwm.gov.cn/portal.php?mod=view&aid=1", Site: "www.ngwm.gov.cn", SiteName: "南宫文明网",
			Level: article.County, Lineage: lineage, Column: "“双争”活动", Title: `标题<b> "引号", 逗号`,
			Published: pub, PublishedPrecision: article.PrecisionMinute, Views: views(1017),
			Source: "南宫市文明办", Author: "张三", Editor: "李四",
			Body: "第一段，含“引号”和,逗号\n# 不是标题\n- 不是列表\n1. 不是编号\n*强调* [链接](x) <script>", FetchedAt: fetched,
			ViewHistory: []article.ViewCount{{At: fetched, Views: 1017}},
			Capture:     &article.Capture{File: "wenming-1.warc.gz", Offset: 123, Length: 456, Time: fetched.Truncate(time.Second)},
			Aliases:     []string{"http://www.ngwm.gov.cn/article-1-1.html", "http://www.ngwm.gov.cn/m/view.php?aid=1"},
		},
		{URL: "http://www.wenming.cn/a/t.shtml", Site: "www.wenming.cn", SiteName: "中国文明网", Level: article.National,
			Title: "无日期", FetchedAt: fetched},
		{URL: "http://hb.wenming.cn/x/1.html", Site: "hb.wenming.cn", SiteName: "河北文明网", Level: article.Province,
			Lineage: lineage[:2], Title: "yes: no\n--- true", Published: pub.Truncate(24 * time.Hour), PublishedPrecision: article.PrecisionDay,
			Views: views(0), Body: "---\nkey: value\n\n  缩进  ", FetchedAt: fetched,
			ViewHistory: []article.ViewCount{{At: fetched.Add(-time.Hour), Views: 0}}},
		{URL: "http://hb.wenming.cn/x/2.html", Site: "hb.wenming.cn", SiteName: "河北文明网", Level: article.Province,
			Lineage: lineage[:2], Title: "../../etc/passwd", Body: "a\r\nb", FetchedAt: fetched},
	}
}

// sliceSource walks arts.
func sliceSource(arts []*article.Article) func(func(*article.Article) error) error {
	return func(fn func(*article.Article) error) error {
		for _, a := range arts {
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
}

// crawledArchive crawls a small simulation twice into t.TempDir() and
// returns the archive directory. The second crawl refetches every article,
// so some captures are revisit records.
func crawledArchive(t *testing.T) string {
	t.Helper()
	now := time.Now().Truncate(time.Minute)
	sim := sitesim.New(sitesim.Options{Seed: 5, Articles: 120, Now: now})
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, sim)
	cfg.Crawl.RevisitAge = 100 * 365 * 24 * time.Hour
	for range 2 {
		if _, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data)); err != nil {
			t.Fatal(err)
		}
		sim.Advance(24 * time.Hour)
	}
	return data
}

// storedArticles reads every article of the archive in data.
func storedArticles(t *testing.T, data string) []*article.Article {
	t.Helper()
	var arts []*article.Article
	recordstest.Each(t, data, func(a *article.Article) { arts = append(arts, a) })
	if len(arts) == 0 {
		t.Fatal("empty archive")
	}
	return arts
}
