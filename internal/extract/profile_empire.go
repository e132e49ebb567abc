package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// EmpireCMS (帝国CMS), DedeCMS (织梦) and PHPCMS: county CMSs whose pages
// share no fixed markup beyond their templates' habits. They are recognised
// by the view counter script, their generator meta tag and their reserved
// paths; the profile then points the generic rules at the usual containers.

var (
	empireSignals = []string{"/e/public/ViewClick", "/e/search/", "/e/member/", "/e/enews/", "/e/DoPrint/", "/e/extend/", "/e/action/"}
	dedeSignals   = []string{"/plus/count.php", "/plus/search.php", "/plus/view.php", "/plus/list.php", "dedeajax", "/plus/feedback"}
	phpcmsSignals = []string{"api.php?op=count", "index.php?m=content&c=index", "index.php?m=content&amp;c=index", "/statics/js/", "phpcms"}
	empireDayPath = regexp.MustCompile(`/(?:19|20)\d{2}-\d{2}-\d{2}/\d+\.html?$`)
)

func generatorHas(p *page, name string) bool {
	return strings.Contains(strings.ToLower(p.meta["generator"]), name)
}

func rawHasAny(p *page, signals []string) bool {
	for _, s := range signals {
		if p.rx.has(s) {
			return true
		}
	}
	return false
}

func matchEmpire(p *page) bool {
	return generatorHas(p, "empirecms") || rawHasAny(p, empireSignals)
}

func matchDede(p *page) bool {
	return generatorHas(p, "dedecms") || rawHasAny(p, dedeSignals)
}

func matchPHPCMS(p *page) bool {
	return generatorHas(p, "phpcms") || rawHasAny(p, phpcmsSignals)
}

// firstBody returns the first of the selectors that holds body text.
func (p *page) firstBody(sels ...string) *html.Node {
	for _, sel := range sels {
		for _, n := range nodes(p.doc.Find(sel)) {
			if p.inChrome(n) {
				continue
			}
			if s := p.statsOf(n); s != nil && s.text-s.link >= 30 && s.punct >= 2 {
				return n
			}
		}
	}
	return nil
}

func applyEmpire(p *page, h *hints) {
	h.body = p.firstBody("#text", ".newstext", "#newstext", ".article-content", ".article_content", ".content", "#content", ".con", ".text")
	if p.url != nil && empireDayPath.MatchString(p.url.Path) {
		h.article = h.body != nil
	}
}

func applyDede(p *page, h *hints) {
	h.body = p.firstBody(".viewbox .content", "div.content", "#content", ".article-content", ".newstext", ".art_content")
}

func applyPHPCMS(p *page, h *hints) {
	// The default show.html puts the date line inside the h1:
	// <h1>标题<br/><span>2023-03-22 20:29:00 来源：… 点击：<span id="hits"></span></span></h1>
	if n := first(p.doc.Find("#Article h1, .article h1")); n != nil {
		var own []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				own = append(own, c.Data)
			}
		}
		if t := trimSpace(collapseSpace(strings.Join(own, ""))); t != "" {
			h.title, h.r.Title = n, t
			// The info line is the h1's elements, not the title before
			// the <br/>: a title ending in 活动 or 会议 must not read as
			// the label of the unlabelled date after it.
			var info []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					if t := spacedText(c); t != "" {
						info = append(info, t)
					}
				}
			}
			h.info = strings.Join(info, " ")
		}
	}
	h.body = p.firstBody("#Article .content", ".article .content", "div.content", "#content")
}
