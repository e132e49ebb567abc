package extract

import "strings"

// footerLabels are the labels of a site's footer lines besides its
// copyright and registration: who runs the site, who built it, where to
// reach it.
var footerLabels = []string{"主办", "承办", "协办", "技术支持", "地址", "联系电话", "电话", "邮编", "邮箱", "網站標識碼", "主辦", "承辦", "技術支持", "地址", "聯繫電話", "電話"}

// noticeTail is how many of the body's last lines dropSiteNotice looks at,
// and noticeLineRunes how long one of them may be.
const (
	noticeTail      = 6
	noticeLineRunes = 120
)

// dropSiteNotice drops the site's footer that a template or an editor set
// inside the body container, after the text: among the last noticeTail
// lines, a run that closes the body, holds the site's copyright and its
// registration between its lines (版权所有 …, 备案号：冀ICP备…) and no
// sentence, each line short, with the lines of footerLabels (主办单位,
// 技术支持, 地址 …) right before it.
func dropSiteNotice(lines []string) []string {
	from := max(len(lines)-noticeTail, 0)
	start, kinds := -1, 0
	for i := len(lines) - 1; i >= from; i-- {
		l := lines[i]
		if !runesAtMost(l, noticeLineRunes) || strings.ContainsAny(l, "。！？") {
			break
		}
		if k := noticeMarks(l); k != 0 {
			kinds |= k
			start = i
		} else if !containsAnyOf(l, footerLabels) {
			break
		}
	}
	if kinds != markCopyright|markRegistration {
		return lines
	}
	for start > from && runesAtMost(lines[start-1], noticeLineRunes) && !strings.ContainsAny(lines[start-1], "。！？") && containsAnyOf(lines[start-1], footerLabels) {
		start--
	}
	return lines[:start]
}
