package server_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
)

// TestRemovedShown: an article removed at the source says so on its page
// (the date in Beijing time, the answer, the last time it was seen, the
// evidence) and in the API (the article's removed, the hits' removed),
// and removed:yes lists it alone; the other articles say nothing of it.
func TestRemovedShown(t *testing.T) {
	arts := testArticles()
	gone := time.Date(2024, 6, 3, 2, 15, 0, 0, time.UTC) // 10:15 in Beijing
	arts[0].Removed = &article.Removal{Since: gone, Seen: gone, LastPresent: arts[0].FetchedAt, Status: 404, Answer: "HTTP 404",
		CaptureURL: arts[0].URL, CaptureTime: gone}
	srv := newTestServer(t, arts)

	status, _, body := get(t, srv, "/articles/"+server.ArticleID(arts[0].URL))
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	for _, want := range []string{"已从来源网站删除：2024-06-03 10:15（北京时间）", "HTTP 404", "最后一次见到原文：2024-06-01 12:00"} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	_, _, other := get(t, srv, "/articles/"+server.ArticleID(arts[1].URL))
	if strings.Contains(other, "已从来源网站删除") {
		t.Error("an article its site serves is said removed")
	}

	_, _, body = get(t, srv, "/api/articles/"+server.ArticleID(arts[0].URL))
	a := decode[map[string]any](t, body)
	if r, _ := a["removed"].(map[string]any); r["since"] != "2024-06-03T10:15:00+08:00" || r["status"] != 404.0 {
		t.Errorf("API removed = %v", a["removed"])
	}

	_, _, body = get(t, srv, "/api/search?q="+url.QueryEscape("removed:yes"))
	res := decode[searchResp](t, body)
	if len(res.Hits) != 1 || res.Hits[0]["url"] != arts[0].URL || res.Hits[0]["removed"] != "2024-06-03T10:15:00+08:00" {
		t.Errorf("removed:yes hits = %v", res.Hits)
	}
	_, _, body = get(t, srv, "/api/search?q="+url.QueryEscape("志愿服务 -removed:yes"))
	res = decode[searchResp](t, body)
	for _, h := range res.Hits {
		if h["url"] == arts[0].URL || h["removed"] != nil {
			t.Errorf("-removed:yes hit %v", h)
		}
	}
	_, _, body = get(t, srv, "/search?q="+url.QueryEscape("removed:yes"))
	if !strings.Contains(body, "2024-06-03 已从来源网站删除") {
		t.Error("the search page does not mark the removed article")
	}
}
