package extract

import "strings"

// Original headlines. A story reposted under a new headline names the one
// it ran under first at the top of its text — 原标题：以文明实践涵养时代新风,
// （原标题：…） — and some templates copy that one into <title>. It is no
// title of the page: the corpora's bodies keep the line, and the page's
// title is its heading.

// originalTitleLabel labels a repost's original headline.
const originalTitleLabel = "原标题"

// namesOriginalTitle reports whether the page's text names t as the
// story's original headline (原标题：t, 原标题: t, （原标题：t）).
func (p *page) namesOriginalTitle(t string) bool {
	if t == "" || p.rx.index(originalTitleLabel) < 0 {
		return false
	}
	for _, vt := range p.texts {
		i := strings.Index(vt.text, originalTitleLabel)
		if i < 0 {
			continue
		}
		rest := strings.TrimLeft(vt.text[i+len(originalTitleLabel):], " 　")
		rest, ok := strings.CutPrefix(rest, "：")
		if !ok {
			rest, ok = strings.CutPrefix(rest, ":")
		}
		if ok && strings.HasPrefix(trimSpace(rest), t) {
			return true
		}
	}
	return false
}
