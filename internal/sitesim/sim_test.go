package sitesim

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// samplePages lists homepages, list pages and a few articles of every site.
func samplePages(sim *Sim) []string {
	var out []string
	for _, s := range sim.Sites() {
		out = append(out, s.Home, s.Home+"robots.txt")
	}
	n := 0
	sim.ForEachArticle(func(t Truth) bool {
		if n%7 == 0 {
			out = append(out, t.URL)
		}
		n++
		return true
	})
	out = append(out, "http://www.wenming.cn/a/yw/", "http://www.wenming.cn/a/", "http://www.ngwm.gov.cn/portal.php?mod=list&catid=1",
		"http://www.qhwmw.gov.cn/news/qhyw/", "http://www.smwm.gov.cn/portal.php?mod=list&catid=1",
		"http://www.lxwmw.gov.cn/a/xwzx/wmdt/", "http://www.lxwmw.gov.cn/a/xwzx/", "http://www.jlwmw.gov.cn/html/xwzx/jlyw/",
		"http://www.ltwmw.gov.cn/xwzx/ltyw.htm", "http://www.ltwmw.gov.cn/xwzx.htm")
	return out
}

func TestSameSeedSamePages(t *testing.T) {
	a := New(Options{Calm: true, Seed: 7, Articles: 400})
	b := New(Options{Calm: true, Seed: 7, Articles: 400})
	pages := samplePages(a)
	for _, u := range pages {
		ca, _, ba := get(t, a, "GET", u)
		cb, _, bb := get(t, b, "GET", u)
		if ca != cb || ba != bb {
			t.Errorf("%s differs between two sims with the same seed (status %d/%d)", u, ca, cb)
		}
	}
	c := New(Options{Calm: true, Seed: 8, Articles: 400})
	var ua, uc []string
	a.ForEachArticle(func(t Truth) bool { ua = append(ua, t.URL+t.Title); return true })
	c.ForEachArticle(func(t Truth) bool { uc = append(uc, t.URL+t.Title); return true })
	if strings.Join(ua, "\n") == strings.Join(uc, "\n") {
		t.Error("seeds 7 and 8 gave the same articles")
	}
}

func TestForEachArticleCount(t *testing.T) {
	tests := []struct {
		articles, want int
	}{
		{0, 300}, {50, 50}, {51, 51}, {300, 300}, {1234, 1234},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.articles), func(t *testing.T) {
			sim := New(Options{Calm: true, Seed: 1, Articles: tt.articles})
			seen := map[string]bool{}
			perSite := map[string]int{}
			now := defaultNow
			sim.ForEachArticle(func(tr Truth) bool {
				if seen[tr.URL] {
					t.Errorf("duplicate URL %s", tr.URL)
				}
				seen[tr.URL] = true
				perSite[tr.Host]++
				if !tr.Published.Before(now) || tr.Published.Year() < 2015 {
					t.Errorf("%s published %v", tr.URL, tr.Published)
				}
				return true
			})
			if len(seen) != tt.want {
				t.Errorf("ForEachArticle gave %d articles, want %d", len(seen), tt.want)
			}
			for _, s := range sim.Sites() {
				if perSite[s.Host] == 0 {
					t.Errorf("site %s has no articles", s.Host)
				}
			}
			stop := 0
			sim.ForEachArticle(func(Truth) bool { stop++; return stop < 5 })
			if stop != 5 {
				t.Errorf("ForEachArticle did not stop: %d calls", stop)
			}
		})
	}
}

func TestSitesHierarchy(t *testing.T) {
	sim := New(Options{Calm: true})
	sites := sim.Sites()
	pos := map[string]int{}
	levels := map[string]int{}
	cms := map[string]int{}
	for i, s := range sites {
		pos[s.Host] = i
		levels[s.Level]++
		cms[s.CMS]++
		if s.ParentHost != "" {
			p, ok := pos[s.ParentHost]
			if !ok || p >= i {
				t.Errorf("%s listed before its parent %s", s.Host, s.ParentHost)
			}
		}
	}
	if sites[0].Host != "www.wenming.cn" || sites[0].Level != "national" {
		t.Errorf("first site %+v, want the national site", sites[0])
	}
	if levels["province"] < 2 || levels["city"] < 4 || levels["county"] < 11 || cms["discuz"] < 2 || cms["empirecms"] < 1 ||
		cms["dedecms"] < 1 || cms["phpcms"] < 1 || cms["vsb"] < 1 {
		t.Errorf("hierarchy too small: %v %v", levels, cms)
	}
	var buf bytes.Buffer
	if err := sim.Describe(&buf); err != nil || !strings.Contains(buf.String(), "www.ngwm.gov.cn") {
		t.Errorf("Describe: %v\n%s", err, buf.String())
	}
}

// TestEveryArticleAnswers fetches every canonical URL and alias, with the
// further pages of multi-page articles.
func TestEveryArticleAnswers(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 3, Articles: 300})
	cms := map[string]string{}
	for _, s := range sim.Sites() {
		cms[s.Host] = s.CMS
	}
	sim.ForEachArticle(func(tr Truth) bool {
		got, ok := sim.Truth(tr.URL)
		if !ok || got.Title != tr.Title || got.Body != tr.Body {
			t.Errorf("Truth(%s) = %v, %v", tr.URL, ok, got.Title)
		}
		noViews := map[string]bool{"trs": true, "dedecms": true, "phpcms": true}[cms[tr.Host]]
		if (tr.ViewsBefore == nil) != noViews {
			t.Errorf("%s: ViewsBefore %v on a %s site", tr.URL, tr.ViewsBefore, cms[tr.Host])
		}
		if len(tr.Lineage) != len(tr.LineageHosts) || tr.Lineage[0] != "中国文明网" || tr.Lineage[len(tr.Lineage)-1] != tr.SiteName {
			t.Errorf("%s: lineage %v", tr.URL, tr.Lineage)
		}
		if tr.Body == "" || strings.Contains(tr.Body, "\n\n") {
			t.Errorf("%s: body %q", tr.URL, tr.Body)
		}
		if len(tr.Pages) == 0 || tr.Pages[0] != tr.URL {
			t.Errorf("%s: pages %v", tr.URL, tr.Pages)
		}
		rest := ""
		for _, p := range tr.Pages[1:] {
			code, _, body := get(t, sim, "GET", p)
			if code != 200 {
				t.Errorf("GET page %s = %d", p, code)
			}
			rest += body
		}
		for _, u := range append([]string{tr.URL}, tr.Aliases...) {
			if c, ok := Canonical(u); !ok || c != u {
				t.Errorf("alias %s is not canonical (%s)", u, c)
			}
			if got, ok := sim.Truth(u); !ok || got.URL != tr.URL || got.Body != tr.Body {
				t.Errorf("Truth(alias %s) = %v %s, want %s", u, ok, got.URL, tr.URL)
			}
			code, _, body := get(t, sim, "GET", u)
			if code != 200 || !strings.Contains(body, html.EscapeString(tr.Title)) {
				t.Errorf("GET %s: %d, title %q present=%v", u, code, tr.Title, strings.Contains(body, html.EscapeString(tr.Title)))
				continue
			}
			for _, p := range strings.Split(tr.Body, "\n") {
				if !strings.Contains(body+rest, html.EscapeString(p)) {
					t.Errorf("GET %s: paragraph %q missing", u, p)
				}
			}
			if !strings.Contains(body, ">"+html.EscapeString(tr.Column)+"<") {
				t.Errorf("GET %s: column %q missing", u, tr.Column)
			}
		}
		return true
	})
	if _, ok := sim.Truth("http://www.wenming.cn/a/yw/201501/t20150101_1.shtml"); ok {
		t.Error("Truth of a made-up URL")
	}
}

func TestGBKPage(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 1})
	var tr Truth
	sim.ForEachArticle(func(x Truth) bool {
		if x.Host == "www.ngwm.gov.cn" {
			tr = x
			return false
		}
		return true
	})
	req := httptest.NewRequest("GET", tr.URL, nil)
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, req)
	raw := w.Body.Bytes()
	if ct := w.Header().Get("Content-Type"); ct != "text/html" {
		t.Errorf("Content-Type %q, want bare text/html", ct)
	}
	if utf8.Valid(raw) {
		t.Error("GBK page is valid UTF-8")
	}
	if !bytes.Contains(raw, []byte(`<meta http-equiv="Content-Type" content="text/html; charset=gbk" />`)) {
		t.Error("no GBK meta declaration")
	}
	if bytes.Contains(raw, []byte("&#")) {
		t.Error("characters outside GBK were escaped")
	}
	_, _, body := get(t, sim, "GET", tr.URL)
	for _, want := range []string{"<h1 class=\"ph\">" + html.EscapeString(tr.Title), "发布时间:", "浏览数: ", "最新评论", "返回顶部", "<base href=\"http://www.ngwm.gov.cn/\" />",
		html.EscapeString(tr.Title) + " - " + html.EscapeString(tr.Column) + " - 南宫文明网 - Powered by Discuz!"} {
		if !strings.Contains(body, want) {
			t.Errorf("南宫 page lacks %q", want)
		}
	}
	if !regexp.MustCompile(`发布时间:\d{4}-[1-9]\d?-[1-9]\d? \d\d:\d\d&nbsp;&nbsp;浏览数: \d+`).MatchString(body) {
		t.Error("南宫 meta line not in Y-n-j H:i form")
	}
}

func TestDiscuzViewCount(t *testing.T) {
	tests := []struct {
		host string
		re   *regexp.Regexp
	}{
		{"www.ngwm.gov.cn", regexp.MustCompile(`浏览数: (\d+)`)},
		{"www.smwm.gov.cn", regexp.MustCompile(`<em id="_viewnum">(\d+)</em>`)},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			sim := New(Options{Calm: true, Seed: 2})
			var tr Truth
			sim.ForEachArticle(func(x Truth) bool {
				tr = x
				return x.Host != tt.host
			})
			urls := append([]string{tr.URL}, tr.Aliases...)
			for k := 1; k <= 5; k++ {
				_, _, body := get(t, sim, "GET", urls[k%len(urls)])
				m := tt.re.FindStringSubmatch(body)
				if m == nil {
					t.Fatalf("no count on %s", urls[k%len(urls)])
				}
				if got, want := m[1], strconv.FormatInt(*tr.ViewsBefore+int64(k-1), 10); got != want {
					t.Errorf("GET %d shows %s, want %s", k, got, want)
				}
				if f := sim.Fetches(tr.URL); f != k {
					t.Errorf("Fetches after %d GETs = %d", k, f)
				}
			}
			get(t, sim, "HEAD", tr.URL)
			if f := sim.Fetches(tr.URL); f != 5 {
				t.Errorf("HEAD counted: Fetches = %d", f)
			}
		})
	}
}

func TestEmpireCounter(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 4})
	var tr Truth
	sim.ForEachArticle(func(x Truth) bool {
		tr = x
		return x.Host != "www.qhwmw.gov.cn"
	})
	_, _, page := get(t, sim, "GET", tr.URL)
	m := regexp.MustCompile(`浏览次数：<script src="(/e/public/ViewClick/\?classid=\d+&id=\d+&addclick=1)"></script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no counter script on %s", tr.URL)
	}
	if sim.Fetches(tr.URL) != 0 {
		t.Error("article GET counted")
	}
	counter := "http://www.qhwmw.gov.cn" + m[1]
	for k := 1; k <= 4; k++ {
		_, _, js := get(t, sim, "GET", counter)
		if want := fmt.Sprintf("document.write('%d');", *tr.ViewsBefore+int64(k-1)); js != want {
			t.Errorf("counter GET %d = %q, want %q", k, js, want)
		}
		if sim.Fetches(tr.URL) != k {
			t.Errorf("Fetches = %d after %d counter GETs", sim.Fetches(tr.URL), k)
		}
	}
	_, _, js := get(t, sim, "GET", strings.TrimSuffix(counter, "&addclick=1"))
	if want := fmt.Sprintf("document.write('%d');", *tr.ViewsBefore+4); js != want || sim.Fetches(tr.URL) != 4 {
		t.Errorf("counter without addclick = %q, Fetches %d", js, sim.Fetches(tr.URL))
	}
}

func TestRobots(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 1})
	tests := []struct {
		host       string
		contains   []string
		disallowed []string
		allowed    []string
	}{
		{"www.ngwm.gov.cn", []string{"# robots.txt for Discuz! X3", "Disallow: /*?mod=misc*", "Disallow: /misc.php"},
			[]string{"/misc.php?mod=userstatus", "/forum.php?mod=misc&action=showdarkroom", "/forum.php?mobile=yes", "/data/attachment/portal/1.jpg"},
			[]string{"/portal.php?mod=view&aid=3", "/portal.php?mod=list&catid=1&page=2", "/"}},
		{"www.smwm.gov.cn", []string{"Disallow: /api/"}, []string{"/search.php"}, []string{"/article-3-1.html"}},
		{"www.qhwmw.gov.cn", []string{"Disallow: /e/admin/", "Disallow: /nbzl/"}, []string{"/nbzl/2020-01-01/40.html", "/e/admin/"},
			[]string{"/e/public/ViewClick/?classid=2&id=40&addclick=1", "/news/qhyw/"}},
		{"hb.wenming.cn", []string{"Disallow: /gztb/"}, []string{"/gztb/", "/gztb/202001/t20200101_1.html"}, []string{"/gzdt/", "/"}},
		{"www.wenming.cn", []string{"User-agent: *"}, []string{"/wcm/"}, []string{"/a/yw/", "/robots.txt"}},
		{"www.lxwmw.gov.cn", []string{"User-agent: * \r\nDisallow: /plus/ad_js.php\r\n", "Disallow: /plus/count.php\r\nDisallow: /include\r\nDisallow: /templets"},
			[]string{"/plus/count.php?view=yes&aid=120&mid=1", "/plus/stow.php?aid=120", "/plus/search.php?q=x", "/templets/default/style/dedecms.css", "/include/dedeajax2.js"},
			[]string{"/a/xwzx/wmdt/", "/a/xwzx/wmdt/list_2_3.html", "/a/xwzx/wmdt/2023/0322/120.html", "/plus/feedback.php?aid=120", "/uploads/allimg/230322/1.jpg"}},
		{"www.jlwmw.gov.cn", []string{"# robots.txt for PHPCMS v9", "Disallow: /api\n", "Disallow: /phpsso_server"},
			[]string{"/api.php?op=count&id=60&modelid=1", "/api/", "/phpcms/templates/", "/caches/"},
			[]string{"/html/xwzx/jlyw/", "/html/2023/jlyw_0322/60.html", "/index.php?m=comment&c=index&a=init&commentid=content_9-60-1&iframe=1", "/statics/css/reset.css"}},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			code, hdr, body := get(t, sim, "GET", "http://"+tt.host+"/robots.txt")
			if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain") {
				t.Fatalf("robots.txt: %d %s", code, hdr.Get("Content-Type"))
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("robots.txt lacks %q", c)
				}
			}
			s := sim.byHost[tt.host]
			for _, p := range tt.disallowed {
				if !s.disallows(p) {
					t.Errorf("%s should be disallowed", p)
				}
			}
			for _, p := range tt.allowed {
				if s.disallows(p) {
					t.Errorf("%s should be allowed", p)
				}
			}
		})
	}
	var log []Request
	var mu sync.Mutex
	sim = New(Options{Calm: true, Seed: 1, Log: func(r Request) { mu.Lock(); log = append(log, r); mu.Unlock() }})
	n := 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Disallowed {
			n++
			if code, _, _ := get(t, sim, "GET", tr.URL); code != 200 {
				t.Errorf("disallowed article %s answers %d", tr.URL, code)
			}
		}
		return true
	})
	if n == 0 {
		t.Fatal("no article in a disallowed column")
	}
	for _, r := range log {
		if !r.Disallowed {
			t.Errorf("request %s%s not logged Disallowed", r.Host, r.Path)
		}
	}
}

func TestNotFoundAndMessages(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 1})
	tests := []struct {
		url  string
		code int
		want string
	}{
		{"http://www.wenming.cn/a/yw/201501/t20150101_1.shtml", 404, "Not Found"},
		{"http://www.wenming.cn/a/yw/index_999.shtml", 404, ""},
		{"http://www.wenming.cn/a/yw/index_0.shtml", 404, ""},
		{"http://www.wenming.cn/zt/2016/wmcs/", 404, ""},
		{"http://hb.wenming.cn/nosuch/", 404, ""},
		{"http://www.qhwmw.gov.cn/news/qhyw/2020-01-01/1.html", 200, "页面不存在"},
		{"http://www.qhwmw.gov.cn/zyfw/2020-01-01/1.html", 404, ""},
		{"http://www.qhwmw.gov.cn/e/tool/gbook/?bid=1", 404, ""},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=1", 200, "抱歉，指定的文章不存在或已被删除"},
		{"http://www.ngwm.gov.cn/article-5-1.html", 404, ""},
		{"http://www.smwm.gov.cn/article-0-1.html", 200, "不存在或已被删除"},
		{"http://www.wenming.cn/wzxx/gywm/", 200, "关于我们"},
		{"http://www.ngwm.gov.cn/portal.php?mod=topic&topicid=1", 200, "关于我们"},
		{"http://www.ngwm.gov.cn/portal.php?mod=comment&id=5&idtype=aid", 200, "暂无评论"},
		{"http://www.qhwmw.gov.cn/contact/", 200, "联系我们"},
		{"http://www.lxwmw.gov.cn/plus/feedback.php?aid=118", 200, "暂无评论"},
		{"http://www.lxwmw.gov.cn/a/lxwm/", 200, "联系我们"},
		{"http://www.lxwmw.gov.cn/plus/view.php?aid=99999", 200, "无法解析文档"},
		{"http://www.jlwmw.gov.cn/index.php?m=comment&c=index&a=init&commentid=content_9-56-1&iframe=1", 200, "暂无评论"},
		{"http://www.jlwmw.gov.cn/index.php?m=content&c=index&a=show&catid=9&id=999999", 200, "信息不存在"},
		{"http://www.jlwmw.gov.cn/html/gywm/", 200, "关于我们"},
		{"http://www.ltwmw.gov.cn/robots.txt", 404, ""},
		{"http://www.ltwmw.gov.cn/system/resource/code/news/click/dynclicks.jsp?clickid=1&owner=1&clicktype=wbnews", 200, "0"},
	}
	for _, tt := range tests {
		code, _, body := get(t, sim, "GET", tt.url)
		if code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s = %d (want %d), contains %q: %v", tt.url, code, tt.code, tt.want, strings.Contains(body, tt.want))
		}
		for _, marker := range []string{`id="title_tex"`, `id="article_content"`, `class="showtitle"`, `class="viewbox"`, `id="Article"`, `class="conthsj"`} {
			if code == 200 && strings.Contains(body, marker) {
				t.Errorf("non-article %s carries article marker %s", tt.url, marker)
			}
		}
	}
}

func TestHostsAndMethods(t *testing.T) {
	var log []Request
	sim := New(Options{Calm: true, Log: func(r Request) { log = append(log, r) }})
	tests := []struct {
		method, url string
		code        int
		outside     bool
	}{
		{"GET", "http://www.gov.cn/", 502, true},
		{"GET", "https://weibo.com/wenmingcn", 502, true},
		{"GET", "http://cd.wenming.cn/", 502, true},
		{"GET", "http://127.0.0.1:8080/", 200, false},
		{"GET", "http://localhost/", 200, false},
		{"GET", "http://WWW.Wenming.CN:80/", 200, false},
		{"HEAD", "http://www.wenming.cn/", 200, false},
		{"POST", "http://www.wenming.cn/", 405, false},
		{"CONNECT", "http://www.wenming.cn:443/", 405, false},
	}
	for i, tt := range tests {
		code, _, body := get(t, sim, tt.method, tt.url)
		if code != tt.code {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.url, code, tt.code)
		}
		if tt.method == "HEAD" && body != "" {
			t.Errorf("HEAD returned a body")
		}
		if len(log) != i+1 || log[i].Outside != tt.outside || log[i].Status != tt.code {
			t.Errorf("%s %s logged %+v", tt.method, tt.url, log[len(log)-1])
		}
	}
}

// TestAsProxy runs the sim behind a real listener used as an HTTP proxy.
func TestAsProxy(t *testing.T) {
	sim := New(Options{Calm: true})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	proxy, _ := url.Parse(srv.URL)
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}
	res, err := client.Get("http://hb.wenming.cn/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "<title>河北文明网</title>") {
		t.Errorf("proxied GET: %d", res.StatusCode)
	}
	// conditional GET on a TRS static page
	req, _ := http.NewRequest("GET", "http://hb.wenming.cn/", nil)
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	res2, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res.Header.Get("Last-Modified") == "" || res2.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, Last-Modified %q", res2.StatusCode, res.Header.Get("Last-Modified"))
	}
}

// TestLinks checks the upward strips, the downward link boxes and outside links.
func TestLinks(t *testing.T) {
	sim := New(Options{Calm: true})
	byHost := map[string]Site{}
	for _, s := range sim.Sites() {
		byHost[s.Host] = s
	}
	for _, s := range sim.Sites() {
		_, _, body := get(t, sim, "GET", s.Home)
		if s.ParentHost != "" {
			for p := byHost[s.ParentHost]; ; p = byHost[p.ParentHost] {
				if !strings.Contains(body, fmt.Sprintf(`<a href="%s" target="_blank">%s</a>`, p.Home, p.Name)) {
					t.Errorf("%s does not link up to %s", s.Host, p.Host)
				}
				if p.ParentHost == "" {
					break
				}
			}
		}
		for _, c := range sim.Sites() {
			full := fmt.Sprintf(`<li><a href="%s" target="_blank">%s</a></li>`, c.Home, c.Name)
			short := fmt.Sprintf(`<li><a href="%s" target="_blank">%s</a></li>`, c.Home, strings.TrimSuffix(c.Name, "文明网"))
			if c.ParentHost == s.Host && !strings.Contains(body, full) && !strings.Contains(body, short) {
				t.Errorf("%s does not list its child %s", s.Host, c.Host)
			}
		}
		if !strings.Contains(body, "http://www.gov.cn/") {
			t.Errorf("%s has no gov.cn link", s.Host)
		}
	}
}

func TestConcurrentRequests(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 9, Log: func(Request) {}})
	var urls []string
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.ViewsBefore != nil {
			urls = append(urls, tr.URL)
		}
		return len(urls) < 6
	})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, u := range urls {
				w := httptest.NewRecorder()
				sim.ServeHTTP(w, httptest.NewRequest("GET", u, nil))
				if w.Code != 200 {
					t.Errorf("GET %s = %d", u, w.Code)
				}
			}
		}()
	}
	wg.Wait()
	for _, u := range urls {
		if strings.Contains(u, "portal.php") && sim.Fetches(u) != 8 {
			t.Errorf("Fetches(%s) = %d, want 8", u, sim.Fetches(u))
		}
	}
}
