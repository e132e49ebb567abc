package export

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestJSONL(t *testing.T) {
	views := int64(1017)
	pub := time.Date(2023, 3, 22, 12, 29, 0, 0, time.UTC)
	arts := []*article.Article{
		{
			URL: "http://www.ngwm.gov.cn/portal.php?mod=view&aid=1", Site: "www.ngwm.gov.cn", SiteName: "南宫文明网",
			Level: article.County, Lineage: []article.Site{{Host: "www.wenming.cn", Name: "中国文明网", Level: article.National}},
			Column: "“双争”活动", Title: "标题<b>", Published: pub, PublishedPrecision: article.PrecisionMinute,
			Views: &views, Body: "第一段\n第二段", FetchedAt: pub,
			ViewHistory: []article.ViewCount{{At: pub, Views: views}},
		},
		{URL: "http://www.wenming.cn/a/t.shtml", Title: "无日期", FetchedAt: pub},
	}
	src := func(fn func(*article.Article) error) error {
		for _, a := range arts {
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
	var buf bytes.Buffer
	n, err := JSONL(context.Background(), &buf, src)
	if err != nil || n != 2 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %d", len(lines))
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"url", "site", "site_name", "level", "lineage", "column", "title", "published", "published_precision", "views", "source", "author", "editor", "body", "fetched_at"} {
		if _, ok := m[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
	if m["published"] != "2023-03-22T20:29:00+08:00" || m["published_precision"] != "minute" {
		t.Errorf("published = %v %v", m["published"], m["published_precision"])
	}
	if m["views"].(float64) != 1017 || m["title"] != "标题<b>" {
		t.Errorf("views/title = %v %v", m["views"], m["title"])
	}
	var m2 map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &m2); err != nil {
		t.Fatal(err)
	}
	if m2["published"] != nil || m2["views"] != nil || m2["published_precision"] != nil {
		t.Errorf("unknown values must be null: %v", lines[1])
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := JSONL(ctx, &buf, src); err == nil {
		t.Error("cancelled export did not stop")
	}
}
