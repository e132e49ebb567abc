package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// promptVerbs and shareWords are the words of the prompts that WeChat
// accounts (and the sites that repost their articles) set around an
// article: to follow the account ("点击上方蓝字关注我们", "长按二维码关注")
// and to share the post ("分享 收藏 点赞 在看"); appWords name the app a
// portal's prompt asks to open or get ("打开APP阅读全文", "下载某某应用程序
// 跟踪时事").
var (
	promptVerbs = []string{"点击", "长按", "扫码", "扫描", "识别", "戳", "打开", "下载"}
	appWords    = []string{"APP", "App", "app", "客户端", "应用程序", "應用程式"}
	shareWords  = map[string]bool{"分享": true, "收藏": true, "点赞": true, "在看": true, "转发": true, "赞": true, "喜欢": true}
)

// followAsks are the ways a self-media writer's closing line asks for a
// follow with no verb of promptVerbs ("本文由某某原创，欢迎关注，带你一起长知识！",
// "喜欢的朋友点个关注").
var followAsks = []string{"欢迎关注", "点个关注", "点点关注", "加个关注", "求关注", "记得关注"}

// accountWords name the accounts a closing line asks the reader to
// follow with 关注 alone ("关注“江城文明”微信公众号，了解更多资讯").
var accountWords = []string{"公众号", "微信号", "视频号", "抖音号", "服务号", "订阅号"}

// shareAsks are the ways a closing line asks for a share with no verb
// of promptVerbs ("分享让更多人看到", "转发给身边的朋友").
var shareAsks = []string{"让更多人看到", "讓更多人看到", "给更多人看", "給更多人看", "分享给更多", "转发给更多", "分享给身边", "转发给身边"}

// subscribeButtons are a newsletter box's button, a line of its own.
var subscribeButtons = map[string]bool{"订阅": true, "立即订阅": true, "免费订阅": true, "訂閱": true, "立即訂閱": true}

// askForLike are the ways a post asks for a "在看" (the platform's like):
// "点个在看", "点亮“在看”", "点【在看】" — not "现在看来".
var askForLike = []string{"个在看", "亮在看", "击在看", "点在看", "“在看”", "「在看」", "【在看】", "个“在看", "亮“在看"}

// followPrompt reports whether l is such a prompt: a short line with no
// sentence that asks the reader to follow (关注, after a verb of
// promptVerbs, or as followAsks ask, or opening the line before an
// account: 关注…公众号), to share or to open or get the
// site's app (分享, APP, 客户端, after a verb of promptVerbs) or to press
// the account's 阅读原文 button, or that is only the share bar's words,
// or asks for a "在看".
func followPrompt(l string) bool {
	if len(l) > 4*30+8 {
		return false // more than 30 runes whatever the spaces around
	}
	l = trimSpace(l)
	if l == "" || !runesAtMost(l, 30) || strings.Contains(l, "。") || strings.Contains(l, "；") {
		return false
	}
	if strings.Contains(l, "关注") && (containsAnyOf(l, promptVerbs) || containsAnyOf(l, followAsks) ||
		strings.HasPrefix(l, "关注") && containsAnyOf(l, accountWords)) {
		return true
	}
	if (strings.Contains(l, "分享") || containsAnyOf(l, appWords)) && containsAnyOf(l, promptVerbs) {
		return true // "扫描二维码分享到微信", "打开APP阅读全文", "下载江城日报客户端"
	}
	if strings.Contains(l, "阅读原文") && containsAnyOf(l, promptVerbs) {
		return true // the account's button under the post: "点击“阅读原文”了解更多"
	}
	if keywordReply(l) || strings.Contains(l, "菜单") && containsAnyOf(l, promptVerbs) {
		return true // the account's menu: "3、回复【社保】查询缴纳记录", "点击菜单栏【便民服务】"
	}
	if (strings.Contains(l, "分享") || strings.Contains(l, "转发")) && containsAnyOf(l, shareAsks) || subscribeButtons[l] {
		return true // "分享让更多人看到"; a newsletter box's "订阅"
	}
	if !strings.Contains(l, "在看") && !strings.Contains(l, "分享") && !strings.Contains(l, "点赞") && !strings.Contains(l, "收藏") && !strings.Contains(l, "转发") {
		return false // most short lines: no word of the share bar
	}
	if runesAtMost(l, 20) && containsAnyOf(l, askForLike) {
		return true // "点个在看", "看完记得点【在看】，让更多朋友知道哦～"
	}
	fs := strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '|' || r == '\u3000' || r == '丨' })
	if len(fs) < 2 {
		return false
	}
	for _, f := range fs {
		if !shareWords[f] {
			return false
		}
	}
	return true
}

// keywordReply reports whether l is a line of an account's menu of
// keyword replies: 回复 right before a keyword in brackets (【社保】,
// “社保”, 「社保」), after a list number or none ("3、回复【社保】查询…",
// "回复“福利”查看政策"). A reply that answers a letter ("回复：您好…")
// names no keyword.
func keywordReply(l string) bool {
	l = strings.TrimLeft(l, "0123456789０１２３４５６７８９、.．)）·• ")
	rest, ok := strings.CutPrefix(l, "回复")
	if !ok {
		return false
	}
	for _, open := range []string{"【", "“", "「", "\"", "[", "《"} {
		if strings.HasPrefix(rest, open) {
			return true
		}
	}
	return false
}

// slideCounter reports whether l is only a slideshow's counter, "2/4"
// or "（2/4）": the number of a picture among a gallery's, set beside
// each caption.
func slideCounter(l string) bool {
	if len(l) > 32 {
		return false
	}
	l = strings.Trim(trimSpace(l), "()（）[]【】 ")
	a, b, ok := strings.Cut(l, "/")
	if !ok {
		return false
	}
	n, okA := smallNumber(strings.TrimSpace(a))
	m, okB := smallNumber(strings.TrimSpace(b))
	return okA && okB && n >= 1 && n <= m
}

// smallNumber reads one to three ASCII digits.
func smallNumber(s string) (int, bool) {
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// promptEdge is how many of the body's first and of its last lines may
// be an account's prompts: they open and close the text.
const promptEdge = 8

// dropPrompts drops the follow and share prompts (followPrompt) among the
// first and last lines and slideshow counters (slideCounter) and media
// players' lines (playerLine) among all.
func dropPrompts(lines []string) []string {
	out := lines[:0]
	for i, l := range lines {
		edge := i < promptEdge || i >= len(lines)-promptEdge
		if !(edge && followPrompt(l)) && !slideCounter(l) && !playerLine(l) {
			out = append(out, l)
		}
	}
	return out
}

// moreWords are what a link says that sends the reader on when the text
// ends: to the portal's front page for more ("返回搜狐，查看更多"), to the
// original of a reposted article ("点击查看原文", "阅读原文", "原文链接"),
// to the rest of it ("查看全文").
var moreWords = []string{"查看更多", "阅读更多", "了解更多", "查看原文", "阅读原文", "原文链接", "查看全文", "阅读全文", "閱讀更多", "閱讀原文", "原文鏈接", "閱讀全文"}

// morePrompt reports whether a link's text t is such a prompt: a few words
// (arrows and brackets aside) holding one of moreWords, or asking to go
// back to the front page ("返回首页", "返回某某网首页"), and no sentence.
func morePrompt(t string) bool {
	t = strings.Trim(trimSpace(t), "<>《》»«→【】[]()（）›‹ ")
	if t == "" || !runesAtMost(t, 16) || strings.ContainsAny(t, "。！？") {
		return false
	}
	return containsAnyOf(t, moreWords) || strings.HasPrefix(t, "返回") && strings.HasSuffix(t, "首页")
}

// closingSlack is how much text may follow a closing prompt in its part
// of the body: an editor's line ("责任编辑：李丽"), not a paragraph; and
// closingNodes how many nodes, which bound that text before it is read.
const (
	closingSlack = 30
	closingNodes = 64
)

// closingPrompt reports whether the link a closes the body part top with
// a prompt to read on elsewhere (morePrompt) — glued to the last
// paragraph as portals set it ("…更浓郁”。<a>返回搜狐，查看更多</a>") or on a
// line of its own: it is dropped, the paragraph's text kept.
func (p *page) closingPrompt(a, top *html.Node) bool {
	o, ok := p.order.lookup(a)
	if !ok || p.lastOf(top)-p.lastAt(o) > closingNodes {
		return false
	}
	if s := p.rawText[o]; s.text == 0 || s.text > 24 {
		return false
	}
	return morePrompt(textOfN(a, 96)) && p.visibleBetween(p.lastAt(o), p.lastOf(top)+1) <= closingSlack
}

// promptLead bounds the words a line sets before a closing prompt
// ("更多精彩内容，请<a>点击查看原文</a>", "原文链接：<a>…</a>").
const promptLead = 12

// closingPromptLine reports whether the block n is a line that only
// leads to a closing prompt (closingPrompt): its last link is one, and
// the text outside links is at most promptLead runes and no sentence.
func (p *page) closingPromptLine(n, top *html.Node) bool {
	o, ok := p.order.lookup(n)
	if !ok || p.lastOf(top)-p.lastAt(o) > closingNodes {
		return false
	}
	s := p.rawText[o]
	if s.link == 0 || s.text-s.link > promptLead {
		return false
	}
	for d := p.lastAt(o); d > o; d-- {
		if c := p.all[d]; isLink(c) {
			return p.closingPrompt(c, top) && !strings.ContainsAny(textOfN(n, 256), "。！？")
		}
	}
	return false
}

// playerLine reports whether l is what a media player set in the text
// shows rather than text: its time counter, elapsed over total, with a
// few words of its controls ("听新闻 00:00/03:12", "00:00 / 04:25 倍速"),
// or a notice that the media is loading ("视频加载中，请稍候...").
func playerLine(l string) bool {
	if len(l) > 4*24 || !runesAtMost(l, 24) {
		return false
	}
	if strings.Contains(l, "加载中") || strings.Contains(l, "正在加载") {
		return runesAtMost(l, 16)
	}
	i := strings.IndexByte(l, '/')
	if i < 0 {
		return false
	}
	before, after := strings.TrimRight(l[:i], " "), strings.TrimLeft(l[i+1:], " ")
	return endsWithClock(before) && startsWithClock(after)
}

// startsWithClock and endsWithClock report whether s starts or ends
// with a player's clock, minutes and seconds in digits ("03:12").
func startsWithClock(s string) bool {
	return len(s) >= 5 && isClock(s[:5])
}

func endsWithClock(s string) bool {
	return len(s) >= 5 && isClock(s[len(s)-5:])
}

// isClock reports whether s is "mm:ss".
func isClock(s string) bool {
	return len(s) == 5 && s[2] == ':' && isDigits(s[:2]) && isDigits(s[3:]) && s[3] <= '5'
}
