package sitesim

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The mobile-host extra: a county whose CMS serves a mobile edition on a
// host of its own (m.<domain>: VSB's 手机版 bound to a second name), at
// the same paths as the desktop site, from a lighter template. Its pages
// are linked both ways: 手机版 on the desktop homepage and on every
// desktop article, 电脑版 back on every mobile page; the mobile homepage
// lists the newest articles. The mobile article page shows the title, the
// date without its time, the body and nothing else: no column strip, no
// view count, no source line.

// mobileHosts is the mobile host name of the site mobile-host gives one.
var mobileHosts = map[string]string{"www.ltwmw.gov.cn": "m.ltwmw.gov.cn"}

// mobileNewest is how many articles the mobile homepage lists.
const mobileNewest = 30

// mobileURL is the URL of a's page on its site's mobile host ("" when the
// site has none).
func mobileURL(a ref, path string) string {
	if a.s.mhost == "" {
		return ""
	}
	return "http://" + a.s.mhost + path
}

// mobileLink is the 手机版 link a desktop page of s carries to href on
// its mobile host ("" when it has none).
func mobileLink(s *site, path string) string {
	if s.mhost == "" {
		return ""
	}
	return fmt.Sprintf("<div class=\"sjb\"><a href=\"http://%s%s\" target=\"_blank\">手机版</a></div>\n", s.mhost, path)
}

// serveMobile answers a request to the mobile host of s: its homepage,
// the mobile page of each article at the article's desktop path, the
// site's robots.txt (one server), 404 for anything else.
func (sim *Sim) serveMobile(s *site, r *http.Request) resp {
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		return sim.serveCMS(s, r)
	case p == "/" || p == "/index.htm":
		return sim.mobileHome(s)
	}
	pg := cmsOf[s.CMS].locate(sim, s, r)
	if pg.kind != articlePage || sim.deleted(pg.a) {
		return notFound()
	}
	return sim.mobileArticle(pg.a, p)
}

// mobileOpen writes the head of a mobile page titled title.
func mobileOpen(b *strings.Builder, s *site, title string) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"%s\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1,minimum-scale=1,maximum-scale=1,user-scalable=no\">\n<title>%s</title>\n<link rel=\"stylesheet\" href=\"/_wap/css/wap.css\">\n</head>\n<body>\n<div class=\"wap-top\"><a href=\"/\">%s</a></div>\n", s.metaCharset(), esc(title), esc(s.Name))
}

// mobileClose writes the foot of a mobile page whose desktop page is href.
func mobileClose(b *strings.Builder, s *site, href string) {
	fmt.Fprintf(b, "<div class=\"wap-foot\"><a href=\"%s\">电脑版</a> | <a href=\"#\">返回顶部</a><p>&copy; %s</p></div>\n</body>\n</html>\n", href, esc(s.Name))
}

// mobileHome is the mobile homepage: the newest articles, each linking its
// mobile page, and the desktop homepage.
func (sim *Sim) mobileHome(s *site) resp {
	var b strings.Builder
	mobileOpen(&b, s, s.Name)
	b.WriteString("<ul class=\"wap-list\">\n")
	mod := s.start
	for _, a := range s.newest(mobileNewest) {
		t := sim.published(a)
		mod = later(mod, t)
		fmt.Fprintf(&b, "<li><a href=\"%s\"><h3>%s</h3><span>%s</span></a></li>\n", vsbPath(a), esc(sim.title(a)), t.Format("01-02"))
	}
	b.WriteString("</ul>\n")
	mobileClose(&b, s, s.Home)
	return htmlResp(s, b.String(), sim.listMod(mod.Add(20*time.Minute), 20*time.Minute, s, -1))
}

// mobileArticle is the mobile page of a at path: title, date, body.
func (sim *Sim) mobileArticle(a ref, path string) resp {
	s := a.s
	title, t, c := sim.articleText(a)
	var b strings.Builder
	mobileOpen(&b, s, title)
	fmt.Fprintf(&b, "<div class=\"wap-art\">\n<h2 class=\"wap-tit\">%s</h2>\n<div class=\"wap-time\">%s</div>\n<div class=\"wap-con\">\n", esc(title), t.Format("2006-01-02"))
	for k, p := range c.paras {
		if p.img != "" {
			fmt.Fprintf(&b, "<p><img src=\"%s\" style=\"width:100%%\"></p>\n", vsbImage(s.serial(a.j), k, t))
			continue
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p.text))
	}
	b.WriteString("</div>\n</div>\n")
	mobileClose(&b, s, "http://"+s.Host+path)
	return htmlResp(s, b.String(), sim.articleMod(a, vsbCMS{}.facts().articleDelay, false))
}
