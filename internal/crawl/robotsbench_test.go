package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// benchRobotsAdded are a site's additions to Discuz! X3's stock
// robots.txt (22 rules): its columns, an Allow inside a disallowed
// directory, anchored wildcard rules, a rule in Chinese, and a search
// engine's group; 32 rules in all.
const benchRobotsAdded = `Allow: /static/image/common/logo.png
Disallow: /zt/*.php$
Disallow: /*.doc$
Disallow: /*/print/*
Disallow: /e/admin/
Disallow: /d/file/
Disallow: /gztb/
Disallow: /新闻/内部/
Allow: /e/admin/public/
Crawl-delay: 1

User-agent: Baiduspider
Allow: /

Sitemap: http://bench.test/sitemap.xml
`

// BenchmarkRobotsAllowed measures the robots.txt check the crawler makes
// for every link, on a read robots.txt of 32 rules (Discuz! X3's, as the simulation
// serves it, and benchRobotsAdded): article and list
// URLs, forum URLs whose sorted parameters are tried in several orders.
func BenchmarkRobotsAllowed(b *testing.B) {
	sim, discuzHost := simulatedDiscuz()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stock := httptest.NewRecorder()
		r.Host = discuzHost
		sim.ServeHTTP(stock, r)
		w.Write(append(stock.Body.Bytes(), benchRobotsAdded...))
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
		"/misc.php?mod=faq",
	} {
		u, err := url.Parse(srv.URL + p)
		if err != nil {
			b.Fatal(err)
		}
		urls = append(urls, u)
	}
	ctx := context.Background()
	// The file is read, and both the stock rules and the additions are
	// in the * group.
	for _, i := range []int{5, 9} { // /zt/2020/index.php, /misc.php?mod=faq
		if ok, _, err := rc.allowed(ctx, urls[i]); err != nil || ok {
			b.Fatalf("%s: allowed %v (%v), want disallowed", urls[i], ok, err)
		}
	}
	b.ResetTimer()
	for i := range b.N {
		if _, _, err := rc.allowed(ctx, urls[i%len(urls)]); err != nil {
			b.Fatal(err)
		}
	}
}
