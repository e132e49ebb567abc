package sitesim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Sitemaps (sitemaps.org 0.9). hb.wenming.cn names a sitemap index in its
// robots.txt ("Sitemap: http://hb.wenming.cn/sitemap_index.xml"), which
// lists one child sitemap per column, /sitemap/<column>_<k>.xml, k = 1, 2 …
// of at most sitemapMax URLs each; sxfg.wenming.cn serves /sitemap.xml, a
// single urlset of its newest sitemapMax articles, that its robots.txt does
// not mention. Each <url> is an article's canonical URL with its publish
// time (or latest edit) as <lastmod>. Like the generators real sites run,
// they list the robots-disallowed columns too.

const sitemapMax = 50000

var sitemapChildRe = regexp.MustCompile(`^/sitemap/([a-z0-9_]+)_(\d+)\.xml$`)

// sitemapName is a column's name in child sitemap file names.
func sitemapName(col column) string {
	return strings.ReplaceAll(strings.Trim(col.path, "/"), "/", "_")
}

// serveSitemap answers the sitemap URLs of s; ok is false for other paths.
func (sim *Sim) serveSitemap(s *site, p string) (resp, bool) {
	switch {
	case s.has(featSitemapIndex) && p == "/sitemap_index.xml":
		return sim.sitemapIndex(s), true
	case s.has(featSitemapIndex) && sitemapChildRe.MatchString(p):
		m := sitemapChildRe.FindStringSubmatch(p)
		k, err := strconv.Atoi(m[2])
		for c, col := range s.cols {
			if sitemapName(col) == m[1] && err == nil && k >= 1 && (k-1)*sitemapMax < max(1, s.colCount(c)) && !strings.HasPrefix(m[2], "0") {
				return sim.sitemapColumn(s, c, k), true
			}
		}
		return notFound(), true
	case s.has(featSitemap) && p == "/sitemap.xml":
		return sim.sitemapSite(s), true
	}
	return resp{}, false
}

func xmlResp(body string, mod time.Time) resp {
	return resp{status: http.StatusOK, ctype: "application/xml", body: body, mod: mod}
}

// lastmod is the <lastmod> of an article: its publish time or latest edit.
func (sim *Sim) lastmod(a ref) time.Time {
	t := sim.published(a)
	if st := sim.peek(a); st.edits > 0 && st.edited.After(t) {
		t = st.edited
	}
	return t
}

func (sim *Sim) sitemapIndex(s *site) resp {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	mod := s.start
	for c, col := range s.cols {
		n := s.colCount(c)
		for k := 1; (k-1)*sitemapMax < max(1, n); k++ {
			last := s.start
			if i := n - 1 - (k-1)*sitemapMax; i >= 0 {
				a, _ := s.inCol(c, i)
				last = sim.lastmod(a)
			}
			mod = later(mod, last)
			fmt.Fprintf(&b, "<sitemap><loc>http://%s/sitemap/%s_%d.xml</loc><lastmod>%s</lastmod></sitemap>\n", s.Host, sitemapName(col), k, last.Format(time.RFC3339))
		}
	}
	b.WriteString("</sitemapindex>\n")
	return xmlResp(b.String(), sim.listMod(mod, time.Hour, s, -1))
}

// sitemapColumn is child sitemap k of column c, newest first.
func (sim *Sim) sitemapColumn(s *site, c, k int) resp {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	n := s.colCount(c)
	mod := s.start
	for i := n - 1 - (k-1)*sitemapMax; i >= 0 && i > n-1-k*sitemapMax; i-- {
		a, _ := s.inCol(c, i)
		mod = later(mod, sim.writeSitemapURL(&b, a))
	}
	b.WriteString("</urlset>\n")
	return xmlResp(b.String(), sim.listMod(mod, time.Hour, s, c))
}

// sitemapSite is a whole site's /sitemap.xml, newest first.
func (sim *Sim) sitemapSite(s *site) resp {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	n := s.count()
	mod := s.start
	for j := n - 1; j >= 0 && j >= n-sitemapMax; j-- {
		mod = later(mod, sim.writeSitemapURL(&b, s.at(j)))
	}
	b.WriteString("</urlset>\n")
	return xmlResp(b.String(), sim.listMod(mod, time.Hour, s, -1))
}

func (sim *Sim) writeSitemapURL(b pageWriter, a ref) time.Time {
	t := sim.lastmod(a)
	fmt.Fprintf(b, "<url><loc>%s</loc><lastmod>%s</lastmod><changefreq>monthly</changefreq></url>\n", esc(sim.canonical(a)), t.Format(time.RFC3339))
	return t
}
