package extract

import "strings"

// A bar of the page's controls in brackets that a template sets inside
// the body's container, above or below the text, holds words no list
// can know all of: 页面功能 【我来说两句】【我要“揪”错】【推荐】【字体：大 中 小】
// 【打印】【关闭】, 【发表评论】【告诉好友】【打印此文】【关闭窗口】. controlLine
// reads a line whose every word is a control it knows; controlBar reads
// one that names at least one of them among other bracketed words.

// maxBarLine bounds the bytes of a line controlBar reads: eight
// bracketed items of ten runes, and a label before them.
const maxBarLine = 8*(10*3+6) + 6*3 + 3

// maxBarItem and maxBarLabel bound the runes of one bracketed item of a
// bar and of the label before its first bracket (页面功能, 文章操作).
const (
	maxBarItem  = 10
	maxBarLabel = 6
)

// maxBarHead bounds the bytes before a bar's first bracket: a label of
// maxBarLabel runes and a few spaces (页面功能&nbsp;&nbsp;, 功能：　).
const maxBarHead = maxBarLabel*3 + 4*3

// controlBar reports whether l is a bar of bracketed controls: two items
// in 【】 or [] or more, each of ten runes at most, with nothing but
// white space between them, after a label of six runes at most, and one
// of them at least a control of controlWords (traditional words read as
// simplified ones). A line of bracketed words none of which is a
// control (【新闻】【专题】), text beside the brackets, or a labelled
// field among them (【纠错】 【责任编辑：李丽】: the credits' line) is no bar.
func controlBar(l string) bool {
	if len(l) > maxBarLine || len(l) < 2*len("【】") {
		return false
	}
	// The first bracket opens the line or follows the label: look for
	// it in the bytes a label and its spaces take, not along the line.
	head := l[:min(len(l), maxBarHead)]
	open := strings.Index(head, "【")
	if b := strings.IndexByte(head, '['); b >= 0 && (open < 0 || b < open) {
		open = b
	}
	if open < 0 {
		return false // most lines
	}
	if label := trimSpace(l[:open]); label != "" && (strings.ContainsAny(label, "】]") || !runesAtMost(label, maxBarLabel) || labelledItem(strings.TrimRight(label, "：:"))) {
		return false // a field before the brackets (来源：本站), not a label
	}
	items, known := 0, false
	rest := l[open:]
	for rest != "" {
		var closer string
		switch {
		case strings.HasPrefix(rest, "【"):
			rest, closer = rest[len("【"):], "】"
		case rest[0] == '[':
			rest, closer = rest[1:], "]"
		default:
			return false // text beside the brackets
		}
		end := strings.Index(rest, closer)
		if end < 0 {
			return false
		}
		item := trimSpace(rest[:end])
		if item == "" || !runesAtMost(item, maxBarItem) || strings.ContainsAny(item, "【[") || labelledItem(item) {
			return false
		}
		items++
		if !known && len(item) <= maxControlWord {
			known = controlWords[simplified(item)]
		}
		rest = strings.TrimLeftFunc(rest[end+len(closer):], isSpace)
	}
	return items >= 2 && known
}

// labelledItem reports whether a bracketed item is a labelled field
// (【责任编辑：李丽】, 【来源：县文明办】), which the credits and meta rules
// read, not the font sizes' control (【字体：大 中 小】, 【字號：大 中 小】).
func labelledItem(item string) bool {
	label, _, ok := strings.Cut(item, "：")
	if !ok {
		label, _, ok = strings.Cut(item, ":")
	}
	if !ok {
		return false
	}
	switch simplified(trimSpace(label)) {
	case "字体", "字号", "字级":
		return false
	}
	return true
}
