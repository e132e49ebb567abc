package server_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/server"
)

type searchResp struct {
	Total  uint64 `json:"total"`
	Hits   []map[string]any
	Facets map[string][]struct {
		Value  string `json:"value"`
		Count  int    `json:"count"`
		Filter string `json:"filter"`
	} `json:"facets"`
	Next *string `json:"next"`
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

func TestAPISearch(t *testing.T) {
	srv := newTestServer(t, testArticles())
	status, hdr, body := get(t, srv, "/api/search?q="+url.QueryEscape("志愿服务 site:河北文明网"))
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d %s: %s", status, hdr.Get("Content-Type"), body)
	}
	r := decode[searchResp](t, body)
	if r.Total != 3 || len(r.Hits) != 3 || r.Next != nil {
		t.Fatalf("total %d hits %d next %v", r.Total, len(r.Hits), r.Next)
	}
	h := r.Hits[0]
	for _, k := range []string{"id", "url", "title", "title_html", "site_name", "published", "views", "snippet", "score"} {
		if _, ok := h[k]; !ok {
			t.Errorf("hit lacks %s: %v", k, h)
		}
	}
	if h["url"] != "https://ng.wenming.cn/zyfw/202303/t20230322_1.shtml" || h["title_html"] != "南宫市开展“学雷锋”<mark>志愿服务</mark>活动" ||
		h["published"] != "2023-03-22T09:00:00+08:00" || h["views"] != 1234.0 || h["id"] != server.ArticleID(h["url"].(string)) {
		t.Errorf("first hit: %v", h)
	}
	if !strings.Contains(h["snippet"].(string), "<mark>志愿服务</mark>") {
		t.Errorf("snippet: %v", h["snippet"])
	}
	city := r.Facets["city"]
	if len(city) != 1 || city[0].Value != "邢台文明网" || city[0].Count != 2 || city[0].Filter != "site:邢台文明网" {
		t.Errorf("city facet: %+v", city)
	}
	if y := r.Facets["year"]; len(y) != 2 {
		t.Errorf("year facet: %+v", y)
	}

	// Sorting and paging one hit at a time, for each sort.
	for sort, want := range map[string][]string{
		"-published": {"ng", "xt", "hb"},
		"published":  {"hb", "xt", "ng"},
		"-views":     {"ng", "xt", "hb"},
		"views":      {"hb", "xt", "ng"},
	} {
		var got []string
		after := ""
		for range 10 {
			p := "/api/search?size=1&sort=" + sort + "&q=" + url.QueryEscape("志愿服务 site:hb.wenming.cn")
			if after != "" {
				p += "&after=" + url.QueryEscape(after)
			}
			status, _, body := get(t, srv, p)
			if status != 200 {
				t.Fatalf("%s: %d %s", p, status, body)
			}
			r := decode[searchResp](t, body)
			for _, h := range r.Hits {
				u, _ := url.Parse(h["url"].(string))
				got = append(got, strings.Split(u.Host, ".")[0])
			}
			if r.Next == nil {
				break
			}
			after = *r.Next
		}
		if !slices.Equal(got, want) {
			t.Errorf("sort %s: %v, want %v", sort, got, want)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	srv := newTestServer(t, testArticles())
	_, _, body := get(t, srv, "/api/search?size=1&q=%E5%BF%97%E6%84%BF")
	next := *decode[searchResp](t, body).Next
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/api/search?q=" + url.QueryEscape(`志愿 "服务`), 400, "unclosed quote (at character 4)"},
		{"/api/search?q=" + url.QueryEscape(`since:2023-13`), 400, "month 13"},
		{"/api/search?q=" + strings.Repeat("字", 257), 400, "at most 256"},
		{"/api/search?size=0", 400, "size must be"},
		{"/api/search?size=101", 400, "size must be"},
		{"/api/search?size=x", 400, "size must be"},
		{"/api/search?sort=title", 400, "unknown sort"},
		{"/api/search?facets=1000", 400, "facets must be"},
		{"/api/search?after=garbage", 400, "bad cursor"},
		{"/api/search?q=%E5%BF%97&page=2", 400, `unknown parameter "page": the next page is asked for with after=`},
		{"/api/search?q=%E5%BF%97&sise=5", 400, `unknown parameter "sise"; the parameters are q, sort, size, after, facets`},
		{"/api/search?size=1&sort=views&q=%E5%BF%97%E6%84%BF&after=" + next, 400, "another query or sort"},
		{"/api/search?size=1&q=%E6%96%87&after=" + next, 400, "another query or sort"},
		{"/api/articles/" + server.ArticleID("https://nowhere/x"), 404, "not found"},
		{"/api/articles/%25%25", 400, "bad article id"},
		{"/api/nothing", 404, "no such API endpoint"},
	} {
		status, hdr, body := get(t, srv, tt.path)
		e := decode[map[string]string](t, body)
		if status != tt.status || !strings.Contains(e["error"], tt.want) || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %s, want %d with %q", tt.path, status, body, tt.status, tt.want)
		}
	}
	// The cursor works where it belongs.
	if status, _, body := get(t, srv, "/api/search?size=1&q=%E5%BF%97%E6%84%BF&after="+next); status != 200 {
		t.Errorf("cursor refused: %s", body)
	}
}

func TestAPIArticleAndStats(t *testing.T) {
	arts := testArticles()
	srv := newTestServer(t, arts)
	status, _, body := get(t, srv, "/api/articles/"+server.ArticleID(arts[0].URL))
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	a := decode[map[string]any](t, body)
	for k, want := range map[string]any{
		"id": server.ArticleID(arts[0].URL), "url": arts[0].URL, "title": arts[0].Title, "site_name": "南宫文明网",
		"level": "county", "column": "志愿服务", "source": "南宫市文明办", "author": "李明", "editor": "王芳",
		"published": "2023-03-22T09:00:00+08:00", "published_precision": "minute", "views": 1234.0,
		"capture_url": "/capture/" + server.ArticleID(arts[0].URL), "fetched_at": "2024-06-01T12:00:00+08:00",
	} {
		if a[k] != want {
			t.Errorf("%s = %v, want %v", k, a[k], want)
		}
	}
	if vh, _ := a["view_history"].([]any); len(vh) != 3 {
		t.Errorf("view_history: %v", a["view_history"])
	}
	if lin, _ := a["lineage"].([]any); len(lin) != 4 {
		t.Errorf("lineage: %v", a["lineage"])
	}

	status, _, body = get(t, srv, "/api/stats")
	st := decode[map[string]any](t, body)
	if status != 200 || st["documents"] != 5.0 || st["archived"] != 5.0 || st["newest_fetch"] != "2024-06-01T12:00:00+08:00" ||
		st["newest_published"] != "2023-03-22T09:00:00+08:00" || st["oldest_published"] != "2022-12-01T10:00:00+08:00" {
		t.Errorf("stats: %d %v", status, st)
	}
	if bl, _ := st["by_level"].(map[string]any); bl["county"] != 1.0 || bl["province"] != 2.0 || bl["national"] != 1.0 {
		t.Errorf("by_level: %v", st["by_level"])
	}
}

// TestEscaping: page text with <script> and quotes comes out escaped in
// snippets, in the pages and in the API.
func TestEscaping(t *testing.T) {
	arts := testArticles()
	srv := newTestServer(t, arts)
	evilArt := arts[2]

	// API: the raw JSON never holds "<script"; decoded, the HTML fields are
	// escaped and the text fields are the page's text.
	_, _, body := get(t, srv, "/api/search?q="+url.QueryEscape("注入 OR script"))
	if strings.Contains(body, "<script") {
		t.Errorf("API body holds <script: %s", body)
	}
	r := decode[searchResp](t, body)
	if len(r.Hits) != 1 {
		t.Fatalf("hits: %v", r.Hits)
	}
	h := r.Hits[0]
	if h["title"] != evilArt.Title {
		t.Errorf("title: %v", h["title"])
	}
	for _, k := range []string{"title_html", "snippet"} {
		s := h[k].(string)
		if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s), "<") || strings.Contains(s, `"`) ||
			!strings.Contains(s, "&lt;<mark>script</mark>&gt;alert(&#34;x&#34;)") {
			t.Errorf("%s not escaped: %s", k, s)
		}
	}
	_, _, body = get(t, srv, "/api/articles/"+server.ArticleID(evilArt.URL))
	if strings.Contains(body, "<script") || decode[map[string]any](t, body)["body"] != evilArt.Body {
		t.Errorf("article JSON: %s", body)
	}

	// Pages: no script element anywhere, the text shown escaped.
	for _, p := range []string{
		"/", "/search?q=" + url.QueryEscape("注入"), "/search?q=" + url.QueryEscape(`"`+evil), "/search?q=" + url.QueryEscape(evil+` "x`),
		"/articles/" + server.ArticleID(evilArt.URL), "/search?sort=-published",
	} {
		status, hdr, body := get(t, srv, p)
		if status != 200 && status != 400 {
			t.Errorf("%s: status %d", p, status)
		}
		if strings.Contains(strings.ToLower(body), "<script") {
			t.Errorf("%s: page holds <script:\n%s", p, body)
		}
		if !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s: escaped text missing", p)
		}
		if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
	}
}

func TestPages(t *testing.T) {
	arts := testArticles()
	srv := newTestServer(t, arts)
	check := func(path string, status int, want ...string) string {
		t.Helper()
		got, hdr, body := get(t, srv, path)
		if got != status || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
			t.Errorf("%s: status %d %s", path, got, hdr.Get("Content-Type"))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		return body
	}
	check("/", 200, `lang="zh-CN"`, `<form class="search" action="/search" method="get"`, "已收录 <strong>5</strong> 篇文章", "河北文明网", "最新文章")
	body := check("/search?q="+url.QueryEscape("志愿服务"), 200, "找到 <strong>5</strong> 篇文章", "<mark>志愿服务</mark>", "筛选", "省份", "邢台文明网", "相关度")
	if !strings.Contains(body, `href="/search?q=`+strings.ReplaceAll(url.QueryEscape("志愿服务 site:邢台文明网"), "+", "%20")) {
		t.Errorf("no facet link adding site:邢台文明网")
	}
	check("/search?q="+url.QueryEscape("志愿服务 site:邢台文明网"), 200, "找到 <strong>2</strong> 篇文章", `class="selected"`, "✓ 邢台文明网")
	check("/search?q="+url.QueryEscape(`"志愿`), 400, "查询有误", "引号没有闭合（第 1 个字符处）")
	check("/search?q=不存在的词语组合", 200, "没有找到")
	body = check("/articles/"+server.ArticleID(arts[0].URL), 200, "<h1>南宫市开展“学雷锋”志愿服务活动</h1>",
		"中国文明网</a> <span class=\"sep\">›</span> <a", "南宫文明网</a>", "2023-03-22 09:00", "南宫市文明办", "李明", "王芳",
		"<p>志愿服务活动内容丰富，群众纷纷点赞。</p>", "<svg", "<polyline", "浏览数记录 3 次：308 → 1,234",
		`href="/replay/`+server.ArticleID(arts[0].URL)+`"`, "存档快照", `href="/capture/`+server.ArticleID(arts[0].URL)+`"`, "下载 WARC 记录", "原文链接")
	if strings.Count(body, `<p>`) < 3 {
		t.Errorf("paragraphs: %s", body)
	}
	check("/articles/"+server.ArticleID(arts[4].URL), 200, "文明实践在基层")
	check("/articles/"+server.ArticleID("https://nowhere/"), 404, "找不到这篇文章")
	check("/nothing", 404, "页面不存在")

	// Paging by the next link.
	body = check("/search?q="+url.QueryEscape("志愿"), 200)
	if strings.Contains(body, "下一页") {
		t.Error("next link with all hits on one page")
	}
	status, hdr, css := get(t, srv, "/static/style.css")
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/css") || !strings.Contains(css, "@media") {
		t.Errorf("css: %d %s", status, hdr.Get("Content-Type"))
	}
}

func TestPagePaging(t *testing.T) {
	var arts = testArticles()
	base := arts[1]
	for i := range 45 {
		a := *base
		a.URL = base.URL + "?n=" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		arts = append(arts, &a)
	}
	srv := newTestServer(t, arts)
	next := "/search?q=" + url.QueryEscape("观摩会")
	var seen []string
	var pages [][]string // the hits of each page, in order
	var prev string      // the last page's previous-page link
	for page := 1; next != ""; page++ {
		_, _, body := get(t, srv, next)
		hits := hrefs(body, `class="title" href="`)
		seen = append(seen, hits...)
		pages = append(pages, hits)
		prev = ""
		if ls := hrefs(body, `class="prev" href="`); len(ls) == 1 {
			prev = strings.ReplaceAll(ls[0], "&amp;", "&")
		} else if page > 1 {
			t.Errorf("page %d has no previous-page link", page)
		}
		if !strings.Contains(body, "第 "+strconv.Itoa(page)+" 页") {
			t.Errorf("page %d is not numbered", page)
		}
		next = ""
		if ls := hrefs(body, `class="next" href="`); len(ls) == 1 {
			next = strings.ReplaceAll(ls[0], "&amp;", "&")
		}
		if page > 5 {
			t.Fatal("too many pages")
		}
	}
	slices.Sort(seen)
	if len(seen) != 46 || len(slices.Compact(seen)) != 46 {
		t.Errorf("pages gave %d links", len(seen))
	}
	// Back by the previous-page links: the same pages, in reverse.
	for i := len(pages) - 2; i >= 0; i-- {
		if prev == "" {
			t.Fatalf("no previous-page link to page %d", i+1)
		}
		_, _, body := get(t, srv, prev)
		if got := hrefs(body, `class="title" href="`); !slices.Equal(got, pages[i]) {
			t.Errorf("page %d by the previous link: %d hits, not those seen going forward", i+1, len(got))
		}
		if !strings.Contains(body, "第 "+strconv.Itoa(i+1)+" 页") {
			t.Errorf("page %d by the previous link is not numbered so", i+1)
		}
		prev = ""
		if ls := hrefs(body, `class="prev" href="`); len(ls) == 1 {
			prev = strings.ReplaceAll(ls[0], "&amp;", "&")
		}
		// Forward again from a page reached backwards.
		if ls := hrefs(body, `class="next" href="`); len(ls) != 1 {
			t.Errorf("page %d by the previous link has no next link", i+1)
		}
	}
	if prev != "" {
		t.Errorf("the first page has a previous-page link %q", prev)
	}
}

// hrefs returns the attribute values following each occurrence of prefix.
func hrefs(body, prefix string) []string {
	var rv []string
	for {
		i := strings.Index(body, prefix)
		if i < 0 {
			return rv
		}
		body = body[i+len(prefix):]
		rv = append(rv, body[:strings.IndexByte(body, '"')])
	}
}

// TestArticleByAlias: the id of an alias URL answers for its article; the
// API with the canonical record, the page with a redirect to it.
func TestArticleByAlias(t *testing.T) {
	arts := testArticles()
	const alias = "https://ng.wenming.cn/m/zyfw/202303/t20230322_1.shtml"
	arts[0].Aliases = []string{alias}
	srv := newTestServer(t, arts)
	status, _, body := get(t, srv, "/api/articles/"+server.ArticleID(alias))
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	a := decode[map[string]any](t, body)
	if a["id"] != server.ArticleID(arts[0].URL) || a["url"] != arts[0].URL || a["title"] != arts[0].Title {
		t.Errorf("API by alias: id %v url %v title %v", a["id"], a["url"], a["title"])
	}
	if al, _ := a["aliases"].([]any); len(al) != 1 || al[0] != alias {
		t.Errorf("aliases = %v", a["aliases"])
	}

	client := *srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(srv.URL + "/articles/" + server.ArticleID(alias))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := "/articles/" + server.ArticleID(arts[0].URL); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
		t.Errorf("page by alias: %d to %q, want a redirect to %s", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	status, _, body = get(t, srv, "/articles/"+server.ArticleID(alias)) // followed
	if status != 200 || !strings.Contains(body, "<h1>南宫市开展“学雷锋”志愿服务活动</h1>") || !strings.Contains(body, `class="alias">`+alias+`</a>`) {
		t.Errorf("page by alias, redirect followed: %d\n%s", status, body)
	}
}

// TestLongParamsNotEchoed: a query, sort or id far over the limits is
// refused with a small answer, not repeated in every link of the page.
func TestLongParamsNotEchoed(t *testing.T) {
	srv := newTestServer(t, testArticles())
	long := strings.Repeat("字", 300_000) // 900 KB
	for _, tt := range []struct {
		path string
		want string // in English for the API, in Chinese for a page
	}{
		{"/search?q=" + long, "最多允许 256 个"},
		{"/search?sort=-views&q=" + long, "最多允许 256 个"},
		{"/api/search?q=" + long, "at most 256"},
		{"/search?q=%E5%AD%97&sort=" + strings.Repeat("x", 900_000), "不认识的排序方式"},
		{"/api/search?sort=" + strings.Repeat("x", 900_000), "unknown sort"},
		{"/articles/" + strings.Repeat("%25", 300_000), "文章编号"},
		{"/api/articles/" + strings.Repeat("%25", 300_000), "bad article id"},
	} {
		status, _, body := get(t, srv, tt.path)
		if status != 400 || !strings.Contains(body, tt.want) {
			t.Errorf("%.40s…: %d, want 400 with %q", tt.path, status, tt.want)
		}
		if len(body) > 8<<10 {
			t.Errorf("%.40s…: %d bytes answered, want at most 8 KB", tt.path, len(body))
		}
		if n := strings.Count(body, "字"); n > 256 {
			t.Errorf("%.40s…: the query is repeated (%d characters of it)", tt.path, n)
		}
	}
	// The page keeps a cut form of the query, once, in the search box.
	_, _, body := get(t, srv, "/search?q="+long)
	if !strings.Contains(body, `value="`+strings.Repeat("字", 255)+`…"`) {
		t.Errorf("search box lacks the cut query")
	}
}

// forge makes an after cursor for query q and sort with the given values,
// the way the server encodes its own.
func forge(q, sort string, values ...string) string {
	h := sha256.Sum256([]byte(q))
	b, _ := json.Marshal(map[string]any{"q": base64.RawURLEncoding.EncodeToString(h[:6]), "s": sort, "v": values})
	return base64.RawURLEncoding.EncodeToString(b)
}

// TestForgedCursor: a cursor made for the right query and sort but with
// values that do not fit it is the client's error: 400, with a JSON error
// in the API and a message on the page.
func TestForgedCursor(t *testing.T) {
	srv := newTestServer(t, testArticles())
	const q = "志愿"
	for _, tt := range []struct {
		sort   string
		values []string
	}{
		{"relevance", []string{"1"}},
		{"relevance", []string{"1", "2", "3"}},
		{"relevance", []string{"x", "id"}},
		{"relevance", []string{"", ""}},
		{"-published", []string{"1"}},
		{"-published", []string{"x", "1", "id"}},
		{"views", []string{"1", "score", "id"}},
		{"-views", []string{strings.Repeat("9", 400), "1", "id"}},
	} {
		after := forge(q, tt.sort, tt.values...)
		path := "?q=" + url.QueryEscape(q) + "&sort=" + tt.sort + "&after=" + after
		status, hdr, body := get(t, srv, "/api/search"+path)
		if status != 400 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Errorf("API, %s %q: %d %s, want 400", tt.sort, tt.values, status, body)
			continue
		}
		if e := decode[map[string]string](t, body); !strings.Contains(e["error"], "cursor") {
			t.Errorf("API, %s %q: error %q does not name the cursor", tt.sort, tt.values, e["error"])
		}
		status, _, body = get(t, srv, "/search"+path)
		if status != 400 || !strings.Contains(body, "查询有误") || !strings.Contains(body, "翻页参数") || !strings.Contains(body, "« 第一页") {
			t.Errorf("page, %s %q: %d, want 400 with a message on the cursor", tt.sort, tt.values, status)
		}
	}
}

// TestQueryNotesShown: a misspelt field and a site: naming no site are
// noted, in Chinese, in the API and on the page, and a site's name without
// 文明网 is read as the name, with a note.
func TestQueryNotesShown(t *testing.T) {
	srv := newTestServer(t, testArticles())
	_, _, body := get(t, srv, "/api/search?q="+url.QueryEscape("titel:文明"))
	var res server.SearchResponse
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "title:文明") {
		t.Errorf("API notes %q", res.Notes)
	}
	_, _, page := get(t, srv, "/search?q="+url.QueryEscape("文明 site:不存在"))
	if !strings.Contains(page, `class="note"`) || !strings.Contains(page, "不是存档中的网站") {
		t.Errorf("the page does not note the unknown site:\n%s", page)
	}
	_, _, body = get(t, srv, "/api/search?q="+url.QueryEscape("site:南宫"))
	res = server.SearchResponse{}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || len(res.Notes) != 1 || res.Notes[0] != "site:南宫 按 site:南宫文明网 检索。" {
		t.Errorf("API, site:南宫: %d hits, notes %q", res.Total, res.Notes)
	}
}

// TestPageTitles: each page's title says what it is, then the site's
// name; the home page's is the site's name alone, once.
func TestPageTitles(t *testing.T) {
	srv := newTestServer(t, testArticles())
	for _, tc := range []struct{ path, title string }{
		{"/", "文明网存档"},
		{"/search?q=" + url.QueryEscape("志愿"), "志愿 - 搜索 · 文明网存档"},
		{"/nope", "找不到页面 · 文明网存档"},
	} {
		_, _, body := get(t, srv, tc.path)
		m := regexp.MustCompile(`<title>(.*?)</title>`).FindStringSubmatch(body)
		if m == nil || m[1] != tc.title {
			t.Errorf("%s: title %q, want %q", tc.path, m, tc.title)
		}
	}
}
