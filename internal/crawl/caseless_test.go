package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://a.cn/News/Show.aspx?ID=123", "http://a.cn/news/show.aspx?id=123"},
		{"http://a.cn/NEWS/SHOW.ASPX?Id=123", "http://a.cn/news/show.aspx?id=123"},
		{"http://a.cn/news/show.aspx?id=123", "http://a.cn/news/show.aspx?id=123"},
		// Values keep their case; escapes stay upper case.
		{"http://a.cn/Search.aspx?KW=%E5%BF%97&Type=Title", "http://a.cn/search.aspx?kw=%E5%BF%97&type=Title"},
		{"http://a.cn/%E6%96%87/Index.ASP", "http://a.cn/%E6%96%87/index.asp"},
		{"http://a.cn/List.aspx?Flag", "http://a.cn/list.aspx?flag"},
		{"http://a.cn/Article/GetHits.ASP?ArticleID=5", "http://a.cn/article/gethits.asp?articleid=5"},
		// PHP on IIS: the path folds, parameter names (read by PHP in
		// their case) do not; nor do those of a directory's default page.
		{"http://a.cn/Plus/List.php?tid=5&PageNo=2", "http://a.cn/plus/list.php?PageNo=2&tid=5"},
		{"http://a.cn/News/?ID=5", "http://a.cn/news/?ID=5"},
	}
	for _, tt := range tests {
		canon, err := Canonicalize(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		got, u := fold(canon)
		if got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", canon, got, tt.want)
		}
		if u == nil || u.String() != got {
			t.Errorf("fold(%q) parsed as %v", canon, u)
		}
		if again, _ := Canonicalize(got); again != got {
			t.Errorf("fold(%q) = %q is not canonical (%q)", canon, got, again)
		}
	}
}

// TestCaselessHosts: a host is folded once it answers as IIS, never when
// it answers as another server or runs PHP, and no more once it has
// answered as another server or as PHP too.
func TestCaselessHosts(t *testing.T) {
	var ch caselessHosts
	ch.note("apache.cn", "Apache/2.4.6 (CentOS)", "PHP/5.4.16")
	ch.note("quiet.cn", "", "")
	ch.note("iis.cn", "Microsoft-HTTPAPI/2.0", "") // http.sys speaks for IIS: no word
	if ch.has("apache.cn") || ch.has("quiet.cn") || ch.has("iis.cn") {
		t.Fatal("folded before any IIS answer")
	}
	ch.note("iis.cn", "Microsoft-IIS/7.5", "ASP.NET")
	ch.note("iis6.cn", "microsoft-iis/6.0", "")
	ch.note("mixed.cn", "Microsoft-IIS/8.5", "ASP.NET")
	ch.note("mixed.cn", "nginx", "")
	ch.note("mixed.cn", "Microsoft-IIS/8.5", "ASP.NET")
	ch.note("apache.cn", "Apache", "")
	// PHP on IIS: a static page first, then a PHP page; or PHP first.
	ch.note("dede.cn", "Microsoft-IIS/6.0", "ASP.NET")
	ch.note("dede.cn", "Microsoft-IIS/6.0", "PHP/5.2.17, ASP.NET")
	ch.note("dede2.cn", "Microsoft-IIS/6.0", "PHP/5.2.17, ASP.NET")
	ch.note("dede2.cn", "Microsoft-IIS/6.0", "ASP.NET")
	for host, want := range map[string]bool{"iis.cn": true, "iis6.cn": true, "mixed.cn": false, "apache.cn": false, "quiet.cn": false, "dede.cn": false, "dede2.cn": false} {
		if got := ch.has(host); got != want {
			t.Errorf("%s folded: %v, want %v", host, got, want)
		}
	}
}

// TestRobotsAnyCase: on a host that answers as IIS, a rule forbids its
// path in any case; elsewhere rules match the case they are written in
// (RFC 9309).
func TestRobotsAnyCase(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "iis.test" {
			w.Header().Set("Server", "Microsoft-IIS/7.5")
		} else {
			w.Header().Set("Server", "Apache")
		}
		w.Write([]byte("User-agent: *\nDisallow: /Admin/\nDisallow: /*?Action=Del\n"))
	}))
	defer srv.Close()
	proxy, _ := url.Parse(srv.URL)
	rc := newRobotsCache(&http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}, "wenming", "wenming/0.1")
	for _, tt := range []struct {
		url   string
		allow bool
	}{
		{"http://iis.test/Admin/Login.aspx", false},
		{"http://iis.test/admin/login.aspx", false},
		{"http://iis.test/ADMIN/", false},
		{"http://iis.test/list.aspx?action=del&id=1", false},
		{"http://iis.test/news/show.aspx?id=1", true},
		{"http://apache.test/Admin/Login.php", false},
		{"http://apache.test/admin/login.php", true},
		{"http://apache.test/list.php?action=del", true},
	} {
		u, _ := url.Parse(tt.url)
		allow, _, err := rc.allowed(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		if allow != tt.allow {
			t.Errorf("%s allowed: %v, want %v", tt.url, allow, tt.allow)
		}
	}
}

// TestCaselessLinkedFromParent: an article of an IIS county site that its
// parent site links in its own case (before the county site has answered)
// is fetched once, folded, as the county site's own links name it.
func TestCaselessLinkedFromParent(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch {
		case r.Host == "top.wenming.test" && r.URL.Path == "/":
			page("顶层文明网", `<a href="http://child.test/News/Show.aspx?ID=7">县里的文章</a>`+
				`<div class="yqlj"><h3>友情链接</h3><ul><li><a href="http://child.test/">下级文明网</a></li></ul></div>`)
		case r.Host == "top.wenming.test":
			http.NotFound(w, r)
		case strings.EqualFold(r.URL.Path, "/robots.txt"):
			w.Header().Set("Server", "Microsoft-IIS/7.5")
			w.Write([]byte("User-agent: *\nDisallow:\n"))
		case r.URL.Path == "/":
			w.Header().Set("Server", "Microsoft-IIS/7.5")
			page("下级文明网", `<a href="/NEWS/SHOW.ASPX?Id=7">文章</a><a href="/news/show.aspx?id=7">文章</a>`)
		case strings.EqualFold(r.URL.Path, "/news/show.aspx"):
			w.Header().Set("Server", "Microsoft-IIS/7.5")
			page("县里举办志愿服务活动", `<div class="article"><h1>县里举办志愿服务活动</h1><div class="info">发布时间：2024-03-22 10:00</div>`+
				`<div class="content"><p>近日，县里组织开展了“文明实践进社区”志愿服务活动，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>`+
				`<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办。</p></div></div>`)
		default:
			w.Header().Set("Server", "Microsoft-IIS/7.5")
			http.NotFound(w, r)
		}
	})
	sink := &urlSink{}
	runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	if sink.get("http://child.test/news/show.aspx?id=7") == nil {
		t.Errorf("article not archived folded; archived: %v", sink.urls)
	}
	n, kinds := hits.caseless("show.aspx")
	for _, k := range kinds {
		if k != "child.test/news/show.aspx?id=7" {
			t.Errorf("fetched as %s", k)
		}
	}
	if n != 1 {
		t.Errorf("article fetched %d times", n)
	}
}

// TestCaselessRedirectedHome: an IIS site whose / redirects to
// /Default.aspx, and whose pages link /Default.aspx, has its homepage
// fetched once: the page redirected to is seen in its folded form.
func TestCaselessRedirectedHome(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		w.Header().Set("Server", "Microsoft-IIS/8.5")
		switch strings.ToLower(r.URL.Path) {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow:\n"))
		case "/":
			http.Redirect(w, r, "/Default.aspx", http.StatusFound)
		case "/default.aspx":
			page("顶层文明网", `<a href="/Default.aspx">首页</a><a href="/News/List.aspx">工作动态</a>`)
		case "/news/list.aspx":
			page("工作动态", `<a href="/Default.aspx">首页</a>`)
		default:
			http.NotFound(w, r)
		}
	})
	runTestCrawl(t, srv.URL, Options{Workers: 2}, nopSink)
	if n, _ := hits.caseless("default.aspx"); n != 1 {
		t.Errorf("homepage fetched %d times: %v", n, hits.hits)
	}
}
