package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A site's call for contributions closes many stories inside the body
// container, set there by the template or the editor: where to send a
// story or a tip (投稿邮箱：jcwmb@163.com, 投稿热线：0319-5201234, 新闻
// 报料：…, 欢迎投稿！). It is the site's, not the story's. A notice's own
// contacts (联系人：张三　联系电话：…) name no contribution and stay, and
// so does the address of a call the text itself makes (a 征文启事 closing
// with 投稿邮箱：…): a text that speaks of contributions (callWords)
// keeps its contacts.

// callWords are the words of a text that calls for contributions itself.
var callWords = []string{"征文", "征稿", "征集", "投稿", "来稿", "徵文", "徵稿", "徵集", "來稿"}

// contributionWords make a field's label one of a call for
// contributions; contactLabelWords are the words of its labels.
var (
	contributionWords = []string{"投稿", "来稿", "报料", "爆料", "新闻热线", "來稿", "報料", "新聞熱線"}
	contactLabelWords = []string{"投稿", "来稿", "报料", "爆料", "热线", "电话", "邮箱", "信箱", "邮件", "qq", "微信", "地址", "熱線", "電話", "郵箱", "信箱", "郵件"}
)

// contributionTail is how many of the body's last lines
// dropContributionCall looks at.
const contributionTail = 4

// dropContributionCall drops the lines of a call for contributions
// (contributionLine) that close the body, the last line first, unless
// the text before them speaks of contributions itself (callWords).
func dropContributionCall(lines []string) []string {
	n := len(lines)
	for n > 1 && len(lines)-n < contributionTail && contributionLine(lines[n-1]) {
		n--
	}
	if n == len(lines) {
		return lines
	}
	for _, l := range lines[:n] {
		if containsAnyOf(l, callWords) {
			return lines
		}
	}
	return lines[:n]
}

// contributionLine reports whether l only calls for contributions: it
// is short, holds no full stop, and each of its fields (parted by
// spaces, 、, ，, ； or ！) is a contact labelled as a call's (投稿邮箱：…,
// 报料电话：…: a label of contactLabelWords, a contactValue) or a few
// words asking for stories (欢迎投稿, 欢迎来稿！), one contact at least,
// one field at least naming a contribution.
func contributionLine(l string) bool {
	if !runesAtMost(l, 100) || strings.Contains(l, "。") || !containsAnyOf(l, contributionWords) {
		return false
	}
	f := strings.ToLower(barsAsColons(fold(l)))
	fields := strings.FieldsFunc(f, func(r rune) bool {
		return r == ' ' || r == '、' || r == '，' || r == '；' || r == ',' || r == ';' || r == '|' || r == '!'
	})
	named, contacts := false, 0
	for _, fd := range fields {
		fd = strings.Trim(fd, "()（）【】[]")
		if fd == "" {
			continue
		}
		asks := containsAnyOf(fd, contributionWords)
		named = named || asks
		if label, value, ok := strings.Cut(fd, ":"); ok {
			if value == "" || !containsAnyOf(label, contactLabelWords) || !runesAtMost(label, 8) || !contactValue(value) {
				return false
			}
			contacts++
			continue
		}
		if !asks || !runesAtMost(fd, 12) {
			return false // words that ask for nothing
		}
	}
	return named && contacts > 0
}

// contactValue reports whether v is an address to reach a newsroom at:
// an e-mail address, or a telephone or QQ number (digits, hyphens,
// brackets and plus signs, six digits at least).
func contactValue(v string) bool {
	v = strings.TrimRight(v, "!！")
	if at := strings.IndexByte(v, '@'); at > 0 && strings.Contains(v[at:], ".") {
		for _, r := range v {
			if r >= utf8.RuneSelf {
				return false
			}
		}
		return true
	}
	digits := 0
	for _, r := range v {
		switch {
		case unicode.IsDigit(r):
			digits++
		case strings.ContainsRune("-()（）+转", r):
		default:
			return false
		}
	}
	return digits >= 6
}
