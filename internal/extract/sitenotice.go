package extract

import "strings"

// footerLabels are the labels of a site's footer lines besides its
// copyright and registration: who runs the site, who built it, where to
// reach it; runnerLabels, the first of them, name who runs it.
var (
	footerLabels = []string{"主办", "承办", "协办", "技术支持", "地址", "联系电话", "电话", "邮编", "邮箱", "網站標識碼", "主辦", "承辦", "技術支持", "地址", "聯繫電話", "電話"}
	runnerLabels = []string{"主办", "承办", "主辦", "承辦"}
)

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
// 技术支持, 地址 …) right before it. A government site's footer often
// states no copyright: a line naming who runs the site (主办单位：…
// 承办单位：…, runnerLabels) in the run stands for it.
func dropSiteNotice(lines []string) []string {
	from := max(len(lines)-noticeTail, 0)
	start, kinds, runner := -1, 0, false
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
		runner = runner || containsAnyOf(l, runnerLabels)
	}
	if kinds != markCopyright|markRegistration && (kinds != markRegistration || !runner) {
		return lines
	}
	for start > from && runesAtMost(lines[start-1], noticeLineRunes) && !strings.ContainsAny(lines[start-1], "。！？") && containsAnyOf(lines[start-1], footerLabels) {
		start--
	}
	return lines[:start]
}

// rightsLabels open a statement of the site's rights or disclaimer that a
// portal or a self-media repost sets after the text (版权声明：…,
// 【免责声明】…, 声明：本文转载自…); rightsOpenings open one without a
// label (凡本网注明“来源：…”的所有作品，版权均属于…, an outlet's claim on its
// own work under a copy: 本文为江城日报客户端原创作品，未经授权不得转载);
// rightsWords are what such a statement speaks of: reprinting, copyright,
// the writer's own view, or the platform's only storing what its users
// post (本平台仅提供信息存储服务).
var (
	rightsLabels = []string{"版权声明", "免责声明", "特别声明", "郑重声明", "法律声明", "网站声明", "本站声明", "平台声明", "声明",
		"版權聲明", "免責聲明", "特別聲明", "網站聲明", "平台聲明", "聲明"}
	rightsOpenings = []string{"凡本网注明", "凡注明", "凡本站注明", "本网注明", "凡本網註明", "本文为", "本文係", "本文為"}
	rightsWords    = []string{"转载", "版权", "侵权", "授权", "著作权", "仅代表作者", "信息存储", "轉載", "版權", "侵權", "授權", "資訊儲存"}
)

// dropRightsNotice drops the statements of rights that close the body
// (rightsLine), the last line first, up to three.
func dropRightsNotice(lines []string) []string {
	for k := 0; k < 3 && len(lines) > 1 && rightsLine(lines[len(lines)-1]); k++ {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// rightsLine reports whether l states the site's rights or disclaims the
// text: it opens with a statement's label and a colon, or in brackets
// (【版权声明】), or with the words that open one (凡本网注明), and speaks of
// reprinting, copyright or the writer's own view.
func rightsLine(l string) bool {
	if !runesAtMost(l, 300) || !containsAnyOf(l, rightsWords) {
		return false
	}
	f := strings.TrimLeft(fold(l), " ")
	for _, o := range rightsOpenings {
		if strings.HasPrefix(f, o) {
			return true
		}
	}
	f = strings.TrimLeft(f, "【[(（")
	for _, lb := range rightsLabels {
		if rest, ok := strings.CutPrefix(f, lb); ok {
			rest = strings.TrimLeft(rest, " ")
			return strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "】") || strings.HasPrefix(rest, "]")
		}
	}
	return viewDisclaimer(f) || sourceStatement(f)
}

// viewDisclaimer reports whether f, a short folded line, disclaims the
// text without a label, as the site's own words about it: it speaks of
// the site or the text (本网, 本站, 本文 …) and says the text gives the
// writer's view only, not the site's (（本文仅代表作者观点，不代表本网立场）,
// 本网站所载文章仅代表作者观点，与本网无关).
func viewDisclaimer(f string) bool {
	if !runesAtMost(f, 60) || !strings.Contains(f, "仅代表") {
		return false
	}
	return containsAnyOf(f, []string{"本网", "本站", "本文", "本平台", "本公众号"}) &&
		containsAnyOf(f, []string{"不代表", "无关"}) && containsAnyOf(f, []string{"观点", "立场"})
}
