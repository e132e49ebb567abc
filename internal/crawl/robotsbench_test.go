package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// benchRobots is a realistic robots.txt of 32 rules: Discuz! X3's stock
// file with a site's own additions (columns, an Allow inside a
// disallowed directory, anchored wildcard rules) and a search engine's
// group.
const benchRobots = `#
# robots.txt for Discuz! X3
#
User-agent: Baiduspider
Allow: /

User-agent: *
Disallow: /api/
Disallow: /data/
Disallow: /source/
Disallow: /install/
Disallow: /template/
Disallow: /config/
Disallow: /uc_client/
Disallow: /uc_server/
Disallow: /static/
Allow: /static/image/common/logo.png
Disallow: /admin.php
Disallow: /search.php
Disallow: /member.php
Disallow: /api.php
Disallow: /misc.php
Disallow: /connect.php
Disallow: /forum.php?mod=redirect*
Disallow: /forum.php?mod=post*
Disallow: /home.php?mod=spacecp*
Disallow: /userapp.php?mod=app&*
Disallow: /*?mod=misc*
Disallow: /*?mod=attachment*
Disallow: /*mobile=yes*
Disallow: /zt/*.php$
Disallow: /*.doc$
Disallow: /*/print/*
Disallow: /e/admin/
Disallow: /d/file/
Disallow: /gztb/
Disallow: /新闻/内部/
Allow: /e/admin/public/
Crawl-delay: 1
Sitemap: http://bench.test/sitemap.xml
`

// BenchmarkRobotsAllowed measures the robots.txt check the crawler makes
// for every link, on a read robots.txt of 32 rules: article and list
// URLs, forum URLs whose sorted parameters are tried in several orders.
func BenchmarkRobotsAllowed(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(benchRobots))
	}))
	defer srv.Close()
	rc := newRobotsCache(srv.Client(), "wenming", "wenming/0.1")
	var urls []*url.URL
	for _, p := range []string{
		"/portal.php?aid=3&mod=view",
		"/forum.php?fid=2&mod=forumdisplay&page=3",
		"/forum.php?action=reply&extra=page%3D1&fid=2&mod=post&page=1&repquote=801&tid=8",
		"/article-3-1.html",
		"/gzdt/202001/t20200101_1.html",
		"/zt/2020/index.php",
		"/%E6%96%B0%E9%97%BB/%E5%86%85%E9%83%A8/1.html",
		"/static/image/common/logo.png",
		"/e/admin/public/a.html",
		"/",
	} {
		u, err := url.Parse(srv.URL + p)
		if err != nil {
			b.Fatal(err)
		}
		urls = append(urls, u)
	}
	ctx := context.Background()
	if _, _, err := rc.allowed(ctx, urls[0]); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, _, err := rc.allowed(ctx, urls[i%len(urls)]); err != nil {
			b.Fatal(err)
		}
	}
}
