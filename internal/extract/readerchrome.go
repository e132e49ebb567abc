package extract

import "strings"

// The WeChat reader's interface saved with an article. A county site that
// reposts a WeChat article by copying the whole page it read in the app or
// the browser pastes, after the text, what WeChat's reader shows round it:
// 预览时标签不可点, 微信扫一扫 关注该公众号, 继续滑动看下一个, 轻触阅读原文,
// the account's name, 向上滑动看下一个, 知道了, 微信扫一扫 使用小程序, 取消
// 允许, 视频 小程序 赞，轻点两下取消赞 在看，轻点两下取消在看, 分享 留言 收藏
// 听过. None of it is the article's, and the credits above it (END,
// 来源：…, 审核：…) are its last lines again once it goes.

// readerMarks are the phrases only WeChat's reader writes: a run of
// reader lines holds one at least.
var readerMarks = []string{
	"预览时标签不可点", "继续滑动看下一个", "向上滑动看下一个", "轻触阅读原文", "轻点两下取消赞", "轻点两下取消在看",
	"微信扫一扫可打开此内容", "使用完整服务", "关注该公众号", "使用小程序", "喜欢此内容的人还喜欢", "已同步到看一看",
}

// readerWords are the other lines of the reader's interface, white space
// removed: its buttons.
var readerWords = map[string]bool{
	"微信扫一扫": true, "知道了": true, "取消": true, "允许": true, "取消允许": true, "确定": true,
	"阅读原文": true, "写留言": true, "留言": true, "赞": true, "在看": true, "分享": true, "收藏": true, "听过": true,
	"分享留言收藏听过": true, "分享留言收藏": true, "分享收藏点赞在看": true, "视频小程序": true,
}

// dropReaderChrome returns lines without the run of WeChat reader lines
// that ends them: buttons, a mark of readerMarks among them, and the
// account's name between two of them.
func dropReaderChrome(lines []string) []string {
	j := len(lines)
	marked := false
	for j > 0 {
		l := lines[j-1]
		if m, ok := readerLine(l); ok {
			marked = marked || m
			j--
			continue
		}
		if j >= 2 && j < len(lines) && runesAtMost(l, 20) && !containsAnyRune(l, "。，！？：:") {
			if _, ok := readerLine(lines[j-2]); ok {
				j-- // the account's name between two reader lines
				continue
			}
		}
		break
	}
	if !marked || j == 0 {
		return lines
	}
	return lines[:j]
}

// readerLine reports whether l is a line of WeChat's reader, and
// whether it holds one of readerMarks.
func readerLine(l string) (mark, ok bool) {
	if !runesAtMost(l, 60) {
		return false, false
	}
	if containsAnyOf(l, readerMarks) {
		return true, true
	}
	if strings.ContainsAny(l, "。！？") {
		return false, false
	}
	return false, readerWords[strings.Join(strings.Fields(l), "")]
}
