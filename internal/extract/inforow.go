package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The info row of an app's share page or a portal's copy: under the
// title, each field in an element of its own with no label — the account
// or channel that published the piece, a writer's name, the time
// (今日头条 原创 · 2024-06-02 15:20 · 卧龙融媒; 百家号 山西晚报 · 2024-06-03
// 08:31; 人民日报客户端贵州频道 · 苏滨 · 2024-06-16 21:33:47; 新浪 2024年05月29日
// 11:02 · 新京报). With the class names gone (a CMS nobody has seen, or
// names that mean nothing) only the row's shape tells the fields: the
// account is the name beside the time, the writer a person's name right
// before it.

// maxRowItems and maxRowItemRunes bound the info row: the texts read after
// the title, and the runes of one; a longer text ends the row.
const (
	maxRowItems     = 8
	maxRowItemRunes = 24
)

// rowItem is a text of the info row and whether it is a link's.
type rowItem struct {
	text   string
	linked bool
}

// infoRow returns the texts standing in elements of their own between
// the title element and the body (or the first long text), each trimmed,
// bars and dots between fields left out, and the index of the first that
// is a time (a date opening it and little else); time is -1 when none is.
func (p *page) infoRow(title, body *html.Node) (items []rowItem, time int) {
	time = -1
	if title == nil {
		return nil, -1
	}
	lo, hi := p.lastOf(title), len(p.all)+1
	if body != nil && p.order.of(body) > lo {
		hi = p.order.of(body)
	}
	var last *html.Node
	for _, vt := range p.textsBetween(lo, hi) {
		if p.under[vt.order]&underChrome != 0 {
			continue
		}
		t := trimSpace(vt.text)
		if t == "" || strings.Trim(t, "·|｜/丨•-—") == "" {
			continue
		}
		if len(items) == maxRowItems || !runesAtMost(t, maxRowItemRunes) || vt.n.Parent == last {
			// A long text, or two texts of one element: no row of fields.
			break
		}
		last = vt.n.Parent
		if time < 0 && runesAtMost(t, 22) {
			if _, _, at, ok := findDate(fold(t)); ok && at == 0 {
				time = len(items)
			}
		}
		items = append(items, rowItem{text: t, linked: p.under[vt.order]&underLink != 0})
	}
	return items, time
}

// rowWords are texts of an info row that are no name: a piece's tags and
// the page's actions.
var rowWords = []string{"原创", "置顶", "热门", "推荐", "头条", "精选", "独家", "关注", "已关注", "举报", "分享", "评论", "收藏", "打开", "打开APP", "作者", "来源", "发布"}

// columnEnds end the names of columns, which an info row may show beside
// the time too (乡镇动态): no account.
var columnEnds = []string{"动态", "要闻", "公告", "通知", "专题", "信息", "工作", "快讯", "资讯", "聚焦", "图片", "视频", "专栏"}

// rowName reports whether an info row's text is a name: two Han
// characters or more, with letters or · at most besides (no digit: a
// second date, 2023年1月12日, or a count is none), no label, no tag or
// action word, no day of the week.
func rowName(t string) bool {
	if !runesAtMost(t, 20) || countHan(t) < 2 || hasAnyLabel(fold(t)) || strings.HasPrefix(t, "星期") || strings.HasPrefix(t, "周") {
		return false
	}
	for _, w := range rowWords {
		if t == w {
			return false
		}
	}
	for _, r := range t {
		if !isHan(r) && r != '·' && !(r < utf8.RuneSelf && isASCIILetter(byte(r))) {
			return false
		}
	}
	return true
}

// personName reports whether an info row's name is a person's: two or
// three Han characters that do not end as an outlet's name does.
func personName(t string) bool {
	n := utf8.RuneCountInString(t)
	return n >= 2 && n <= 3 && countHan(t) == n && !outletName(t)
}

// accountName reports whether an info row's name may be an account's or
// an outlet's: a name that is no person's, no column's and not the
// site's own.
func (p *page) accountName(t string) bool {
	if !rowName(t) || personName(t) || t == p.siteName {
		return false
	}
	for _, e := range columnEnds {
		if strings.HasSuffix(t, e) {
			return false
		}
	}
	return true
}

// accountBesideTime returns the account or outlet an info row names with
// no label beside its time: the name linked (to the account's page) right
// before or after the time, else the name before it — before the writer's
// name when a person's name stands between (channel, writer, time) —
// else the name after it.
func (p *page) accountBesideTime(title, body *html.Node) string {
	items, at := p.infoRow(title, body)
	if at < 0 {
		return ""
	}
	ok := func(i int) bool { return i >= 0 && i < len(items) && p.accountName(items[i].text) }
	for _, i := range []int{at - 1, at + 1} {
		if ok(i) && items[i].linked {
			return items[i].text
		}
	}
	before := at - 1
	if before >= 1 && personName(items[before].text) {
		before--
	}
	for _, i := range []int{before, at + 1} {
		if ok(i) {
			return items[i].text
		}
	}
	return ""
}

// nameBeforeTime returns the person's name an info row shows with no
// label right before its time, on a row of names and the time alone
// (人民日报客户端贵州频道 · 苏滨 · 2024-06-16 21:33:47), if it may be the
// writer (okAuthor): a common surname's, so that a unit named there
// (办公室, 宣传部) is not taken for one.
func (p *page) nameBeforeTime(title, body *html.Node, editor string) string {
	items, at := p.infoRow(title, body)
	if at < 1 || !chineseName(items[at-1].text) || !personName(items[at-1].text) || !rowName(items[at-1].text) {
		return ""
	}
	for i, it := range items {
		if i != at && !rowName(it.text) {
			return ""
		}
	}
	if v := items[at-1].text; p.okAuthor(v, editor) {
		return v
	}
	return ""
}

// sourceChannel makes the source the channel of the app or outlet that a
// statement after the body names (本文来源：人民日报客户端) when the info row
// names that channel beside the time (人民日报客户端贵州频道): the statement
// is the app's on every piece, the channel the one that published this.
func (p *page) sourceChannel(h *hints) {
	r := h.r
	if r.Source == "" || !strings.Contains(h.prov[FieldSource], "after body") && !strings.Contains(h.prov[FieldSource], "closing the body") {
		return
	}
	if acc := p.accountBesideTime(h.title, h.body); len(acc) > len(r.Source) && strings.HasPrefix(acc, r.Source) {
		r.Source = acc
		h.prov[FieldSource] = "generic: channel beside the time of the source " + h.prov[FieldSource]
	}
}
