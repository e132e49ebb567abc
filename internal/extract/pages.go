package extract

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Multi-page articles. Discuz! X splits a long portal article into pages
// portal.php?mod=view&aid=N&page=K (or article-N-K.html) with a div.pg
// pager below the content; TRS writes tYYYYMMDD_ID.shtml, then _1, _2 …
// and prints the pager with createPageHTML(count, current, "tYYYYMMDD_ID",
// "shtml").

var (
	trsPagerRe    = regexp.MustCompile(`createPageHTML\(\s*(\w+)\s*,\s*(\w+)\s*,\s*["'](t\d{8}_\d+)["']\s*,\s*["'](\w+)["']\s*\)`)
	jsNumberVarRe = regexp.MustCompile(`(\w+)\s*=\s*(\d+)\b`)
	trsPageURLRe  = regexp.MustCompile(`/(t\d{8}_\d+)(?:_(\d+))?\.(s?html?)$`)
	discuzAidRe   = regexp.MustCompile(`(?:^|[?&])aid=(\d+)`)
	discuzPageRe  = regexp.MustCompile(`(?:^|[?&])page=(\d+)`)
	discuzStatic  = regexp.MustCompile(`/article-(\d+)-(\d+)\.html$`)
	discuzTotalRe = regexp.MustCompile(`共\s*(\d+)\s*页`)
)

// maxPages bounds the continuation pages generated from a page count.
const maxPages = 200

// findPages fills NextPages, or Continuation and FirstPage.
func (p *page) findPages(h *hints) {
	if p.url == nil {
		return
	}
	r := h.r
	switch {
	case p.trsPages(r):
	case p.discuzPages(h):
	}
}

func (p *page) trsPages(r *Result) bool {
	m := trsPageURLRe.FindStringSubmatch(p.url.Path)
	if m == nil {
		return false
	}
	if m[2] != "" {
		// tYYYYMMDD_ID_K.shtml is page K+1.
		if u, err := p.url.Parse(m[1] + "." + m[3]); err == nil {
			r.Continuation, r.FirstPage = true, u.String()
		}
		return true
	}
	for _, pm := range p.rawMatches(trsPagerRe, "createPageHTML", 4) {
		if pm[3] != m[1] {
			continue
		}
		n := jsNumber(p.raw, pm[1])
		cur := jsNumber(p.raw, pm[2])
		if cur != 0 {
			continue
		}
		for k := 1; k < min(n, maxPages); k++ {
			if u, err := p.url.Parse(pm[3] + "_" + strconv.Itoa(k) + "." + pm[4]); err == nil {
				r.NextPages = append(r.NextPages, u.String())
			}
		}
		return true
	}
	return true
}

// jsNumber is a createPageHTML argument: a number, or a variable that the
// page's script sets to one (var countPage = 3;), else -1.
func jsNumber(raw, arg string) int {
	if n, err := strconv.Atoi(arg); err == nil {
		return n
	}
	n := -1
	for _, m := range jsNumberVarRe.FindAllStringSubmatch(raw, 64) {
		if m[1] == arg {
			n, _ = strconv.Atoi(m[2])
		}
	}
	return n
}

// discuzPages reads the pager of a Discuz! portal article.
func (p *page) discuzPages(h *hints) bool {
	r := h.r
	aid, cur := "", 1
	static := false
	if m := discuzStatic.FindStringSubmatch(p.url.Path); m != nil {
		aid, cur, static = m[1], atoiDef(m[2], 1), true
	} else if strings.Contains(p.url.Path, "portal.php") && strings.Contains(p.url.RawQuery, "mod=view") {
		if m := discuzAidRe.FindStringSubmatch(p.url.RawQuery); m != nil {
			aid = m[1]
		}
		if m := discuzPageRe.FindStringSubmatch(p.url.RawQuery); m != nil {
			cur = atoiDef(m[1], 1)
		}
	}
	if aid == "" {
		return false
	}
	pageURL := func(k int) string {
		var ref string
		if static {
			ref = "article-" + aid + "-" + strconv.Itoa(k) + ".html"
		} else {
			ref = "portal.php?mod=view&aid=" + aid
			if k > 1 {
				ref += "&page=" + strconv.Itoa(k)
			}
		}
		base := p.base
		if base == nil {
			base = p.url
		}
		u, err := base.Parse(ref)
		if err != nil {
			return ""
		}
		return u.String()
	}
	if cur > 1 {
		r.Continuation, r.FirstPage = true, pageURL(1)
		return true
	}
	// Page numbers linked from the pager(s) after the title.
	pages := map[int]bool{}
	total := 0
	for _, pg := range nodes(p.doc.Find("div.pg")) {
		if h.title != nil && p.order.of(pg) < p.order.of(h.title) {
			continue
		}
		var walk func(*html.Node)
		walk = func(x *html.Node) {
			if x.Type == html.ElementNode && x.Data == "a" {
				if u, err := p.base.Parse(strings.TrimSpace(attr(x, "href"))); err == nil {
					if k := discuzPageOf(u, aid); k > 1 {
						pages[k] = true
					}
				}
			}
			if x.Type == html.ElementNode && x.Data == "span" {
				if m := discuzTotalRe.FindStringSubmatch(attr(x, "title")); m != nil {
					total = atoiDef(m[1], 0)
				}
			}
			for c := x.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(pg)
	}
	for k := 2; k <= min(total, maxPages); k++ {
		pages[k] = true
	}
	ks := make([]int, 0, len(pages))
	for k := range pages {
		if k <= maxPages {
			ks = append(ks, k)
		}
	}
	sort.Ints(ks)
	for _, k := range ks {
		if u := pageURL(k); u != "" {
			r.NextPages = append(r.NextPages, u)
		}
	}
	return true
}

// discuzPageOf returns the page number of a link to article aid, or 0.
func discuzPageOf(u *url.URL, aid string) int {
	if m := discuzStatic.FindStringSubmatch(u.Path); m != nil {
		if m[1] == aid {
			return atoiDef(m[2], 0)
		}
		return 0
	}
	q := u.RawQuery
	if !strings.Contains(q, "mod=view") {
		return 0
	}
	if m := discuzAidRe.FindStringSubmatch(q); m == nil || m[1] != aid {
		return 0
	}
	if m := discuzPageRe.FindStringSubmatch(q); m != nil {
		return atoiDef(m[1], 0)
	}
	return 1
}

func atoiDef(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// JoinPages returns page 1 of a multi-page article with the bodies, images
// and body HTML of its continuation pages appended in order. The other
// fields are page 1's; first is not modified.
func JoinPages(first *Result, more ...*Result) *Result {
	if first == nil {
		return nil
	}
	out := *first
	out.Images = append([]string(nil), first.Images...)
	out.Provenance = make(map[string]string, len(first.Provenance))
	for k, v := range first.Provenance {
		out.Provenance[k] = v
	}
	seen := map[string]bool{}
	for _, u := range out.Images {
		seen[u] = true
	}
	joined := 0
	for _, m := range more {
		if m == nil {
			continue
		}
		joined++
		if m.Body != "" {
			if out.Body != "" {
				out.Body += "\n"
			}
			out.Body += m.Body
		}
		if m.BodyHTML != "" {
			if out.BodyHTML != "" {
				out.BodyHTML += "\n"
			}
			out.BodyHTML += m.BodyHTML
		}
		for _, u := range m.Images {
			if !seen[u] {
				seen[u] = true
				out.Images = append(out.Images, u)
			}
		}
	}
	if joined > 0 && out.Provenance[FieldBody] != "" {
		out.Provenance[FieldBody] += " (+" + strconv.Itoa(joined) + " continuation pages)"
	}
	return &out
}
