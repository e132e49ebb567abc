package sitesim

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Multi-page articles. A few percent of the long articles of TRS and
// Discuz! sites are split over two or three pages, decided by the seed.
// Each page repeats title and meta line and carries a run of paragraphs;
// Truth.Body joins them all and Truth.Pages lists the page URLs.
//
//	TRS:     t20230322_6123456.shtml, t20230322_6123456_1.shtml, _2 …
//	         with createPageHTML(n, current, "t20230322_6123456", "shtml")
//	Discuz!: portal.php?mod=view&aid=N, …&page=2 (article-N-2.html on a
//	         rewriting site), with the div.pg pager under the content

// Thresholds for splitting: text length in runes and text paragraphs.
const (
	splitMinRunes = 900
	splitMinParas = 6
)

// pageCount is the number of pages article a spans.
func (sim *Sim) pageCount(a ref, c content) int {
	if a.s.CMS != cmsTRS && a.s.CMS != cmsDiscuz {
		return 1
	}
	c = c.original()
	runes, texts := 0, 0
	for _, p := range c.paras {
		if p.text != "" {
			runes += utf8.RuneCountInString(p.text)
			texts++
		}
	}
	if runes < splitMinRunes || texts < splitMinParas {
		return 1
	}
	u := unit(uint64(sim.opts.Seed), uint64(a.s.idx), uint64(a.j), purPages)
	switch {
	case u < 0.08 && runes >= splitMinRunes*3/2:
		return 3
	case u < 0.25:
		return 2
	}
	return 1
}

// pageBounds splits the paragraphs into n runs of about equal text: page k
// holds c.paras[b[k]:b[k+1]]. No page starts with an image caption. The
// split follows the original paragraphs; an edit note joins the last page.
func pageBounds(full content, n int) []int {
	c := full.original()
	total := 0
	for _, p := range c.paras {
		total += utf8.RuneCountInString(p.text)
	}
	b := []int{0}
	cum := 0
	for i, p := range c.paras {
		if len(b) == n {
			break
		}
		if i > b[len(b)-1] && cum*n >= total*len(b) && !p.caption {
			b = append(b, i)
		}
		cum += utf8.RuneCountInString(p.text)
	}
	for len(b) < n { // degenerate: fall back to even paragraph counts
		b = append(b, min(len(c.paras)-1, b[len(b)-1]+1))
	}
	return append(b, len(full.paras))
}

// onPage returns the content restricted to page k (0-based) of n.
func onPage(c content, n, k int) content {
	if n <= 1 {
		return c
	}
	b := pageBounds(c, n)
	c.paras = c.paras[b[k]:b[k+1]]
	return c
}

// trsPageRel is the path of page k (0-based) relative to the column.
func (sim *Sim) trsPageRel(a ref, k int) string {
	rel := sim.trsRel(a)
	if k == 0 {
		return rel
	}
	dot := strings.LastIndexByte(rel, '.')
	return fmt.Sprintf("%s_%d%s", rel[:dot], k, rel[dot:])
}

// pageURLs lists the absolute URLs of all pages of an article, page 1
// (the canonical URL) first.
func (sim *Sim) pageURLs(a ref, canon string, n int) []string {
	out := []string{canon}
	for k := 1; k < n; k++ {
		switch a.s.CMS {
		case cmsTRS:
			out = append(out, "http://"+a.s.Host+a.s.cols[a.col].path+sim.trsPageRel(a, k))
		case cmsDiscuz:
			out = append(out, fmt.Sprintf("%s&page=%d", canon, k+1))
		}
	}
	return out
}
