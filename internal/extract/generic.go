package extract

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wenming-archive/wenming/internal/article"
)

// Evidence of a publish time, strongest first. Loose dates (any date
// anywhere) fill Published for archiving but do not make a page an article.
type evidence int

const (
	evNone evidence = iota
	evLoose
	evURL
	evList // the date a list page prints beside the page's link (Result.DatedBy)
	evNearTitle
	evLabel
	evProfile
	evMeta
)

// infoText returns the text between the title element and the body (the
// date/source/count line), chrome excluded. Text nodes under one block join
// with a space, different blocks with a newline.
func (p *page) infoText(title, body *html.Node) string {
	lo, hi := -1, len(p.all)+1
	limit := 400
	switch {
	case title != nil:
		lo = p.lastOf(title)
		if body != nil && p.order.of(body) > lo {
			hi = p.order.of(body)
		}
	case body != nil:
		// No title element: the last lines before the body.
		return tailRunes(p.textBetween(-1, p.order.of(body), nil), 300)
	default:
		return ""
	}
	return truncateRunes(p.textBetween(lo, hi, body), limit)
}

// beforeTitle is the text of the last lines before the title element: a
// document's metadata table (索引号, 发布机构, 生成日期 …) stands there on
// government information pages.
func (p *page) beforeTitle(title *html.Node) string {
	if title == nil {
		return ""
	}
	at, ok := p.order.lookup(title)
	if !ok {
		return ""
	}
	return tailRunes(p.textBetween(-1, at, nil), 300)
}

// docMetaLabels are the labels of a government document's metadata table
// (政府信息公开: 索引号, 发布机构, 成文日期 …).
var docMetaLabels = []string{"索引号", "发布机构", "成文日期", "发布日期", "公开日期", "生成日期", "文号", "主题分类", "公开方式", "公开范围", "有效性", "發布機構", "發佈機構", "發布日期"}

// leadMetaTable returns the table opening the body container that is a
// government document's metadata (two labels of docMetaLabels or more, in
// a table of at most a few hundred characters; or in a list, <ul> or
// <dl>, or a <div> of label lines), as an editor pastes it above the text
// where the template has no place for it; nil for none.
// It is the document's info, not its text.
func (p *page) leadMetaTable(body *html.Node) *html.Node {
	n := body
	for depth := 0; depth < 4; depth++ {
		var first *html.Node
		for c := n.FirstChild; c != nil && first == nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && trimSpace(c.Data) != "":
				return nil // text before any element: the body opens with text
			case c.Type == html.ElementNode && c.DataAtom != atom.Meta && c.DataAtom != atom.Script && c.DataAtom != atom.Style && c.DataAtom != atom.Br:
				first = c
			}
		}
		if first == nil {
			return nil
		}
		switch first.DataAtom {
		case atom.Table, atom.Ul, atom.Ol, atom.Dl:
			if docMetaBlock(first) {
				return first
			}
			return nil
		case atom.Div:
			// A list of label/value lines in <div>s, or a wrapper: the
			// body's own first block is looked at below it.
			if docMetaBlock(first) {
				return first
			}
		}
		n = first
	}
	return nil
}

// docMetaDate adds the publish date labelled in a government document's
// metadata right before the title (索引号 … 成文日期 … 发布日期：…, two
// labels of docMetaLabels or more), as an info line's labelled date.
func (p *page) docMetaDate(d *genericDates, title *html.Node) {
	before := p.beforeTitle(title)
	found := 0
	for _, l := range docMetaLabels {
		if strings.Contains(before, l) {
			found++
		}
	}
	if found < 2 {
		return
	}
	if t1, p1, l, ok := labeledDateLabel(fold(before)); ok {
		d.add(t1, p1, evLabel, dkInfo, "label "+l+" in the document's metadata before the title")
	}
}

// docMetaBlock reports whether n holds a document's metadata: two labels
// of docMetaLabels or more in at most a few hundred characters.
func docMetaBlock(n *html.Node) bool {
	t := textOfN(n, 1200)
	if runeLen(t) > 600 {
		return false
	}
	found := 0
	for _, l := range docMetaLabels {
		if strings.Contains(t, l) {
			found++
		}
	}
	return found >= 2
}

// cellText returns the text of n with its blocks (a table's cells) on
// lines of their own, chrome excluded: a label alone in its cell and its
// value in the next read as a labelled value (labelValue).
func (p *page) cellText(n *html.Node) string {
	o, ok := p.order.lookup(n)
	if !ok {
		return ""
	}
	return p.textBetween(o, p.lastAt(o)+1, nil)
}

// textBetween joins the non-chrome text nodes with lo < order < hi. Inside
// stop (the body) it ends at the first paragraph of running text, which a
// long info line of labelled fields is not (infoFieldsLine).
func (p *page) textBetween(lo, hi int, stop *html.Node) string {
	var b strings.Builder
	var lastBlock, lastNode *html.Node
	last := -1 // the order of the last text written
	stopAt, stopOK := p.order.lookup(stop)
	for _, vt := range p.textsBetween(lo, hi) {
		n, t := vt.n, vt.text
		if p.under[vt.order]&underChrome != 0 {
			continue
		}
		if stopOK && vt.order >= stopAt && vt.order <= p.lastAt(stopAt) { // inside stop
			if runningLine(t) && !infoFieldsLine(t) {
				break
			}
		}
		blk := blockOf(n)
		if b.Len() > 0 {
			switch {
			case blk != lastBlock || p.brBetween(last, vt.order):
				b.WriteByte('\n')
			case blk != nil && lastNode != nil && inlineApart(lastNode, n, blk):
				b.WriteString("  ")
			default:
				b.WriteByte(' ')
			}
		}
		lastBlock, last, lastNode = blk, vt.order, n
		b.WriteString(trimSpace(t))
	}
	return b.String()
}

// inlineApart reports whether the text nodes a and b of block blk lie in
// different inline elements of it: the fields of an info line set in
// spans of their own ("<span>来源：江城日报</span><span>参与评论(128)</span>")
// end where their element does, and two spaces end a labelled value
// (labelValue) as they do on a line typed with spaces. A label and its
// linked value ("来源：<a>新华网</a>") are one field: the label is text of
// the block itself.
func inlineApart(a, b, blk *html.Node) bool {
	ca, cb := childUnder(a, blk), childUnder(b, blk)
	return ca != cb && ca != nil && cb != nil && ca.Type == html.ElementNode && cb.Type == html.ElementNode
}

// childUnder returns the child of blk that holds n (n itself when it is
// one); nil when blk does not hold n.
func childUnder(n, blk *html.Node) *html.Node {
	for ; n != nil; n = n.Parent {
		if n.Parent == blk {
			return n
		}
	}
	return nil
}

// brBetween reports whether a <br> or a field's icon (fieldIcon) lies
// between the nodes at orders lo and hi: a line break inside one block
// ("作者：张三<br>振威将军") ends a line as a block's end does, and so does
// the icon that opens the next field ("来源：县文明办 <i class="fa
// fa-user"></i> 钱程").
func (p *page) brBetween(lo, hi int) bool {
	for o := max(lo+1, 0); o < hi && o < len(p.all); o++ {
		if n := p.all[o]; n.Type == html.ElementNode && (n.DataAtom == atom.Br || fieldIcon(n)) {
			return true
		}
	}
	return false
}

func blockOf(n *html.Node) *html.Node {
	for x := n.Parent; x != nil; x = x.Parent {
		if x.Type == html.ElementNode && isBlockTag(x.DataAtom) {
			return x
		}
	}
	return nil
}

// tailRunes returns the last n runes of s, each invalid byte read as
// U+FFFD. The text before a title or body it is asked for runs to
// kilobytes: a valid tail is cut from s where its n-th rune from the end
// starts (a byte that is no continuation byte starts a rune whatever
// comes before it), without converting the whole text to runes.
func tailRunes(s string, n int) string {
	k, count := len(s), 0
	for k > 0 && count < n {
		k--
		if s[k]&0xc0 != 0x80 {
			count++
		}
	}
	if k < len(s) && s[k]&0xc0 != 0x80 && utf8.ValidString(s[k:]) && (k == 0 || count == n) {
		return s[k:]
	}
	rs := []rune(s)
	if len(rs) > n {
		rs = rs[len(rs)-n:]
	}
	return string(rs)
}

// metaDateKeys are meta names that carry the publish time.
// postSigStarts start the signature line old BBS software puts under a
// post: (本|此)(贴|帖|文)由.
var postSigStarts = []string{"本贴由", "本帖由", "本文由", "此贴由", "此帖由", "此文由"}

// isPostSig reports whether a line starts like a post's signature line.
func isPostSig(l string) bool {
	for _, s := range postSigStarts {
		if strings.HasPrefix(l, s) {
			return true
		}
	}
	return false
}

// endAtPostSignature ends the body at an old BBS post's signature line
// after its running text ("本贴由大卫于2005年8月12日16:12:21在〖…〗发表."):
// what follows is the board's — its rules (郑重声明 1. … 2. …), the
// replies' titles (本贴跟从标题), the reply form. The line itself stays:
// it names the poster and the time.
func endAtPostSignature(lines []bodyLine) []bodyLine {
	running := false
	for i, l := range lines {
		if running && isPostSig(l.text) && runesAtMost(l.text, 120) && (strings.Contains(l.text, "发表") || strings.Contains(l.text, "發表")) && postSigAuthorRe.MatchString(l.text) {
			return lines[:i+1]
		}
		running = running || runningLine(l.text)
	}
	return lines
}

var metaDateKeys = []string{
	"publishdate", "pubdate", "publish_date", "publishtime", "publish-date", "publish_time",
	"article:published_time", "og:article:published_time", "og:release_date", "datepublished",
	"dc.date.issued", "dcterms.issued", "dc.date", "firstpublishedtime", "ptime",
	"weibo:article:create_at", "sailthru.date", "contentpublishdate", "releasedate",
}

var jsonLDDateRe = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]+)"`)

// dateCands appends the generic publish-time candidates to cs, in the
// evidence order of the package documentation: meta tags and JSON-LD; a labelled, then
// an unlabelled date on the info line (between title and body); a labelled
// date on the first or last short lines of the body, a post's signature
// line, or an unlabelled date line opening the body; then, only when none
// of those (nor a profile) gave a date, a labelled date before the body;
// the URL; a labelled date after the body; last any date outside the body.
// mergeDates decides among them.
func (p *page) dateCands(cs []dateCand, info string, title, body *html.Node, lines []bodyLine) []dateCand {
	d := genericDates(cs)
	pub, near, okPub, okNear := p.markedDates(title, body)
	if !p.metaDate(&d) && okPub {
		d.add(pub.t, pub.prec, evMeta, dkMeta, "itemprop datePublished")
	}
	fi := fold(info)
	labelled := true
	if t1, p1, l, ok := labeledDateLabel(fi); ok {
		d.add(t1, p1, evLabel, dkInfo, "label "+l)
	} else if t1, p1, l, ok := labeledShortYearDate(fi); ok {
		d.add(t1, p1, evLabel, dkInfo, "label "+l+", two-digit year")
	} else {
		labelled = false
	}
	if t1, p1, at, ok := findDate(fi); ok {
		if !labelled && strings.Contains(fi[:at], "。") {
			// The text under a title the body's container holds runs
			// on past the story's first sentences to a date in it (a
			// notice's signing date, 2024年5月8日): a document's
			// metadata above the title labels its publish date.
			p.docMetaDate(&d, title)
		}
		d.add(t1, p1, evNearTitle, dkInfo, "date near title")
	}
	if okNear {
		d.add(near.t, near.prec, evNearTitle, dkInfo, "date element near title")
	}
	d.bodyLineDates(lines)
	p.outsideDates(&d, body)
	if len(d) == 0 {
		// A time the page's script writes into it, only when its text
		// dates it nowhere: a script's data may hold other times (its
		// comments').
		if t1, p1, name, ok := p.scriptDate(); ok {
			d.add(t1, p1, evMeta, dkMeta, "script variable "+name)
		} else if strings.Contains(info, "前") {
			// A time shown relative to now on the info line (3 天前)
			// whose element keeps the exact time in its title.
			if t1, p1, ok := p.relativeTitleDate(); ok {
				d.add(t1, p1, evNearTitle, dkInfo, "title of a relative time")
			}
		}
	}
	if d.urlOnly() && emptyDateLabel(fi) {
		// A labelled date a script writes by calling a function on a
		// literal, where the info line's label has no date after it.
		if t1, p1, l, ok := p.scriptCallDate(); ok {
			d.add(t1, p1, evLabel, dkInfo, "label "+l+", written by a script's call")
		}
	}
	if d.urlOnly() {
		p.yearlessDates(&d, fi, lines)
	}
	return d
}

// urlOnly reports whether nothing but the URL dates the page, if that.
func (d genericDates) urlOnly() bool {
	for _, c := range d {
		if c.kind != dkURL {
			return false
		}
	}
	return true
}

// yearlessDates adds, when nothing else dated the page, a dateline with a
// month and day but no year ("Mar. 5", "3月5日", "03-05 10:20") on the
// info line or among the short lines opening the body, in the year of the
// URL's month folder (yearlessDate); when the URL gives the day, only
// the time of day it shows is news (mergeDates takes it for that day).
func (p *page) yearlessDates(d *genericDates, info string, lines []bodyLine) {
	urlYear := p.url != nil && urlMonthRe.MatchString(p.url.EscapedPath())
	if !urlYear && len(*d) > 0 {
		return // no year to take, and the URL gives the day
	}
	// When the URL gives the day, only a line with a time of day ("10:20")
	// may add to it.
	needTime := len(*d) > 0
	var texts []string
	if !needTime || strings.IndexByte(info, ':') >= 0 {
		texts = append(texts, info)
	}
	for i, l := range lines {
		if i >= 10 || runningLine(l.text) {
			break
		}
		if runesAtMost(l.text, 60) && (!needTime || strings.IndexByte(l.text, ':') >= 0) {
			texts = append(texts, fold(l.text))
		}
	}
	if !urlYear {
		// No year anywhere: not guessed (a copyright's years are the
		// template's, and a static page keeps its month and day for
		// years after the capture). The day is kept for the crawler,
		// which may know the year from the list that links the page
		// (Result.DayWithoutYear, DatedBy).
		for _, f := range texts {
			if md, ok := monthDayOf(f, false); ok {
				p.dayWithoutYear = &md
				return
			}
		}
		return
	}
	for _, f := range texts {
		if t1, p1, ok := yearlessDateOf(f, p.url, needTime); ok && (!needTime || p1 == article.PrecisionMinute) {
			d.add(t1, p1, evURL, dkURL, "year-less dateline in the url's month")
			return
		}
	}
}

// genericDates collects the generic rules' candidates.
type genericDates []dateCand

func (d *genericDates) add(t time.Time, pr article.Precision, ev evidence, kind dateKind, rule string) {
	*d = append(*d, dateCand{t: t, prec: pr, ev: ev, kind: kind, rule: "generic: " + rule})
}

// metaDate adds the publish time a <meta> or JSON-LD declares, and
// reports whether there was one.
func (p *page) metaDate(d *genericDates) bool {
	for i, k := range metaDateKeys {
		if v := p.meta[k]; v != "" {
			if t1, p1, ok := ParseDate(v); ok {
				if p1 == article.PrecisionDay {
					k, t1, p1 = p.metaTimeOfDay(metaDateKeys[i+1:], k, t1, p1)
				}
				d.add(t1, p1, evMeta, dkMeta, "meta "+k)
				return true
			}
		}
	}
	if m := p.rawMatch(jsonLDDateRe, `"datePublished"`); m != nil {
		if t1, p1, ok := ParseDate(m[1]); ok {
			d.add(t1, p1, evMeta, dkMeta, "json-ld datePublished")
			return true
		}
	}
	return false
}

// metaTimeOfDay returns the first of keys whose <meta> gives the same day
// as t with its time of day (a CMS's publishdate says 2024-03-26, its
// og:release_date 2024-03-26 15:40:00), else key, t and prec.
func (p *page) metaTimeOfDay(keys []string, key string, t time.Time, prec article.Precision) (string, time.Time, article.Precision) {
	for _, k := range keys {
		if v := p.meta[k]; v != "" {
			if t1, p1, ok := ParseDate(v); ok && p1 != article.PrecisionDay && sameDay(t1, t) {
				return k, t1, p1
			}
		}
	}
	return key, t, prec
}

// bodyLineDates adds a labelled date on the first or last short lines of
// the body, a post's signature line, and an unlabelled date line opening
// the body.
func (d *genericDates) bodyLineDates(lines []bodyLine) {
	if len(lines) == 0 {
		return
	}
	edge := lines
	if len(lines) > 12 {
		edge = append(append([]bodyLine{}, lines[:6]...), lines[len(lines)-6:]...)
	}
	for _, l := range edge {
		if !runesAtMost(l.text, 100) {
			continue
		}
		f := fold(l.text)
		if t1, p1, lb, ok := labeledDateLabel(f); ok {
			d.add(t1, p1, evLabel, dkBody, "label "+lb+" in body")
			break
		}
		if t1, p1, lb, ok := labeledShortYearDate(f); ok {
			d.add(t1, p1, evLabel, dkBody, "label "+lb+" in body, two-digit year")
			break
		}
	}
	for _, l := range lines {
		// A BBS signature line: "本贴由X于2005年8月12日16:12:21在〖Y〗发表".
		if isPostSig(l.text) && runesAtMost(l.text, 100) {
			if t1, p1, lb, ok := labeledDateLabel(fold(l.text)); ok {
				d.add(t1, p1, evLabel, dkBody, "label "+lb+" in post signature")
				break
			}
		}
	}
	for i, l := range lines {
		// The lines before the first paragraph of running text, or the
		// first whole sentence (a notice's "现印发给你们，请认真贯彻执行。"
		// before its issuer and date, which are the document's signing,
		// not the page's publishing).
		if i >= 10 {
			break
		}
		if runningLine(l.text) || wholeSentence(l.text) {
			break
		}
		if runesAtMost(l.text, 40) && !containsAnyRune(l.text, "，。！？；") {
			if t1, p1, at, ok := findDate(fold(l.text)); ok && at <= 3 {
				d.add(t1, p1, evNearTitle, dkBody, "date line opening body")
				break
			}
		}
	}
}

// wholeSentence reports whether l is a sentence of the Han script: two
// punctuation marks or more and a full stop at its end (a headline may
// end in a question or exclamation mark, not in 。).
func wholeSentence(l string) bool {
	if !strings.HasSuffix(l, "。") {
		return false
	}
	_, punct, _ := countText(l)
	return punct >= 2
}

// outsideDates adds, when the page's own places gave no date, a labelled
// date before the body; the URL's date; a labelled date after the body;
// any date outside the body; and last the time the page says it was
// modified.
func (p *page) outsideDates(d *genericDates, body *html.Node) {
	decided := false
	for _, c := range *d {
		if c.kind != dkURL && c.kind != dkLoose {
			decided = true
		}
	}
	var before, after string
	if !decided {
		before, after = p.outsideText(body)
		if t1, p1, l, ok := labeledDateLabel(fold(before)); ok {
			d.add(t1, p1, evLabel, dkOutside, "label "+l)
		}
	}
	if t1, ok := urlDate(p.url); ok {
		d.add(t1, article.PrecisionDay, evURL, dkURL, "url date")
	}
	if len(*d) == 0 {
		if t1, p1, l, ok := labeledDateLabel(fold(after)); ok {
			d.add(t1, p1, evLabel, dkOutside, "label "+l+" after body")
		}
	}
	if len(*d) == 0 {
		if t1, p1, _, ok := findDate(fold(before + after)); ok {
			d.add(t1, p1, evLoose, dkLoose, "any date outside body")
		}
	}
	if len(*d) == 0 {
		// The time the page says it was modified is the publish time or
		// later; it never makes a page an article.
		for _, k := range metaModifiedKeys {
			if t1, p1, ok := ParseDate(p.meta[k]); ok {
				d.add(t1, p1, evLoose, dkLoose, "meta "+k+", no publish time found")
				break
			}
		}
	}
}

// metaModifiedKeys are meta names that carry the last modification time.
var metaModifiedKeys = []string{
	"article:modified_time", "og:updated_time", "datemodified", "dateupdate", "dc.date.modified", "dcterms.modified",
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.In(article.China).Date()
	by, bm, bd := b.In(article.China).Date()
	return ay == by && am == bm && ad == bd
}

// outsideText returns the non-chrome, non-link text of the page outside the
// body container, one text node a line: the part before the body and the
// part after it.
func (p *page) outsideText(body *html.Node) (before, after string) {
	var b, a strings.Builder
	bodyAt, bodyOK := p.order.lookup(body)
	for _, vt := range p.texts {
		o := vt.order
		if p.under[o]&(underChrome|underLink) != 0 || bodyOK && o >= bodyAt && o <= p.lastAt(bodyAt) {
			continue // in chrome, a link or the body
		}
		w := &b
		if body != nil && o > bodyAt {
			w = &a
		}
		w.WriteString(trimSpace(vt.text))
		w.WriteByte('\n')
	}
	return b.String(), a.String()
}

// Field labels. Each needs a colon after it and must not continue a longer
// Han word ("信息来源" is listed whole; "数据来源" inside a sentence is not).
var (
	sourceLabels = []string{"文章来源", "信息来源", "新闻来源", "稿件来源", "本文来源", "消息来源", "来源", "文章转载自", "本文转载自", "转载自", "本文转自", "转自", "稿源", "来自", "出处", "发布机构", "发布单位",
		// The unit a government site's story came from: 供稿单位：城关镇,
		// 报送单位：县教育局 (信息报送), （供稿：县文旅局）.
		"供稿单位", "报送单位", "来源单位", "信息提供", "供稿",
		// A government document's issuing body (发文机关, in its
		// metadata table), also its author, when nothing above names
		// the source.
		"发文机关", "發文機關",
		"資料來源", "新聞來源", "來源", "來自", "出處", "發布機構", "發佈機構", "發布單位"}
	// A thread's starter on a forum's info line (楼主：小鱼儿　时间：…).
	authorLabels = []string{"原作者", "作者", "发文机关", "撰稿人", "撰稿", "撰文", "文字", "记者", "記者", "楼主", "樓主"}
	// A reviewer alone (审核, 审签, 签发) is no editor: see reviewLabels.
	editorLabels = []string{"责任编辑", "责编", "编辑", "值班编辑", "責任編輯", "責編", "編輯", "值班編輯"}
	// reviewLabels label the reviewers who approve a story for release:
	// 审核 and 审签 (a leader's approval), 签发 (the release), and the
	// stages of the three-review rule. None names the editor, but the
	// first review (初审, firstReviewRoles), the responsible editor's, does
	// when no editor is named — on the info line as in a sign-off.
	reviewLabels = []string{"审核", "审签", "签发", "初审", "复审", "终审", "一审", "二审", "三审", "審核", "審簽", "簽發", "初審", "複審", "終審"}
	// anyLabels are the words that start a label, a bracket, or the next
	// field; anyLabelRe matches any of them.
	anyLabels = []string{"来源", "稿源", "来自", "作者", "撰稿", "撰文", "责任编辑", "责编", "编辑", "审核", "发布时间", "发表时间", "时间", "日期", "浏览", "阅读", "点击", "查看", "访问量", "访问次数", "人气", "围观", "播放", "评论", "发布者", "字号", "分享", "打印",
		"來源", "來自", "責任編輯", "責編", "編輯", "審核", "發布時間", "發佈時間", "發表時間", "時間", "瀏覽", "閱讀", "點擊", "點閱", "訪問量", "訪問次數", "人氣", "圍觀", "評論", "發布者", "字號", "列印", "【", "["}
	anyLabelRe = regexp.MustCompile(`(` + quotedAlternatives(anyLabels) + `)`)
)

// quotedAlternatives joins words into a regexp alternation of them as
// literal text.
func quotedAlternatives(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// hasAnyLabel reports whether s holds one of anyLabels: anyLabelRe's
// MatchString without the regexp machine, which on the short values it
// is asked of cost tens of thousands of instructions a call. (A label
// starts with a lead byte or is ASCII, so a match of bytes is a match of
// runes, in invalid text too.)
func hasAnyLabel(s string) bool { return containsAnyOf(s, anyLabels) }

// startsWithAnyLabel reports whether s starts with one of anyLabels: an
// anyLabelRe match at 0, without running the regexp over s.
func startsWithAnyLabel(s string) bool {
	for _, w := range anyLabels {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// labelValue returns the value written after one of labels and a colon in
// text, or a bar glued to the label for the colon (来源｜新华社; not a
// toolbar's next button, 编辑｜删除): up to a line end, a bar, two spaces,
// a bracket, the next label or a date; a label alone on its line (a table
// cell) takes the next line. Values that start with another label are
// empty.
func labelValue(text string, labels []string) string {
	v, _ := labelValueLabel(text, labels)
	return v
}

// runesEqual compares two rune slices without building strings: this
// search runs over every line of every page.
func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// mayHoldLabel reports whether text may hold one of labels followed by a
// colon, as labelValueLabel reads it in the folded text: it needs a colon
// (':' or '：') and a label written as is with the colon after it (past
// white space), unless the label holds a rune that folding makes from
// another (an ASCII character or a space: "Ｂｙ" reads as "By"), or a
// label glued to a bar that stands for the colon (mayHoldBarredLabel).
// When it is false labelValueLabel finds nothing, without decoding text
// to runes (TestMayHoldLabelGate).
//
// It reads text from its colons back, which are few, rather than
// searching it for every label: the first byte of a Chinese label is the
// first byte of most Chinese characters.
func mayHoldLabel(text string, labels []string) bool {
	// Two searches for the colons, not strings.ContainsAny: with a
	// non-ASCII rune in its set that decodes every rune of text.
	if strings.IndexByte(text, ':') >= 0 || strings.Contains(text, "：") || hasColonStandIn(text) {
		for _, l := range labels {
			if !foldedFromItselfOnly(l) {
				return true
			}
		}
		if mayHoldColonLabel(text, labels) {
			return true
		}
	}
	return mayHoldBarredLabel(text, labels)
}

// barForms are the bars that fold to a rune isBar reads.
var barForms = []string{"|", "｜", "丨", "︱"}

// mayHoldBarredLabel is mayHoldLabel's search for a label glued to a bar
// that stands for its colon (来源｜新华社).
func mayHoldBarredLabel(text string, labels []string) bool {
	folded := -1 // whether a label folds from other runes: known at the first bar
	for _, bar := range barForms {
		for from := 0; ; {
			k := indexText(text[from:], bar)
			if k < 0 {
				break
			}
			if folded < 0 {
				folded = 0
				for _, l := range labels {
					if !foldedFromItselfOnly(l) {
						folded = 1
						break
					}
				}
			}
			if folded == 1 {
				return true
			}
			for _, l := range labels {
				if strings.HasSuffix(text[:from+k], l) {
					return true
				}
			}
			from += k + len(bar)
		}
	}
	return false
}

// mayHoldColonLabel is mayHoldLabel's search for a label right before a
// colon, past white space.
func mayHoldColonLabel(text string, labels []string) bool {
	for _, colon := range []string{":", "：", "︰", "∶", "﹕"} {
		for from := 0; ; {
			k := strings.Index(text[from:], colon)
			if k < 0 {
				break
			}
			if labelEndsBefore(text[:from+k], labels) {
				return true
			}
			from += k + len(colon)
		}
	}
	return false
}

// hasColonStandIn reports whether text holds a rune that foldRune reads
// as a colon other than the colon's own forms: ︰, ∶, ﹕ (作者︰孙丽).
func hasColonStandIn(text string) bool {
	return strings.Contains(text, "︰") || strings.Contains(text, "∶") || strings.Contains(text, "﹕")
}

// labelEndsBefore reports whether head ends with one of labels followed
// by white space that folds to ' ' (a space, U+3000, U+00A0): what
// labelValueLabel needs before a colon, read on the bytes. A label starts
// with a lead byte, so a byte match is a match of runes; the three
// spaces end in different bytes, so reading them back from the colon
// finds every place a label may end.
func labelEndsBefore(head string, labels []string) bool {
	for {
		for _, l := range labels {
			if strings.HasSuffix(head, l) {
				return true
			}
		}
		switch {
		case strings.HasSuffix(head, " "):
			head = head[:len(head)-1]
		case strings.HasSuffix(head, "\u3000"):
			head = head[:len(head)-len("\u3000")]
		case strings.HasSuffix(head, "\u00a0"):
			head = head[:len(head)-len("\u00a0")]
		default:
			return false
		}
	}
}

// foldedFromItselfOnly reports whether every rune of s that folding
// (foldRune) can make comes from that rune only: no ASCII character, no
// space, and no U+FFFD, which an invalid byte reads as.
func foldedFromItselfOnly(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// labelValueLabel is labelValue that also returns the label found.
func labelValueLabel(text string, labels []string) (string, string) {
	if !mayHoldLabel(text, labels) {
		return "", ""
	}
	return labelValueScan(text, labels)
}

// labelValueScan is labelValueLabel without mayHoldLabel's test.
func labelValueScan(text string, labels []string) (string, string) {
	orig := []rune(text)
	f := foldedRunes(orig) // foldRunes(text), text decoded once
	for _, label := range labels {
		lr := []rune(label)
		if len(lr) == 0 {
			continue
		}
		for i := 0; i+len(lr) <= len(f); i++ {
			if f[i] != lr[0] || !runesEqual(f[i:i+len(lr)], lr) {
				continue
			}
			if i > 0 && isHan(f[i-1]) {
				continue // part of a longer word ("数据来源" inside a sentence)
			}
			j := i + len(lr)
			bar := j < len(f) && isBar(f[j])
			for j < len(f) && f[j] == ' ' {
				j++
			}
			if j >= len(f) || f[j] != ':' && !bar {
				continue
			}
			j++
			for j < len(f) && f[j] == ' ' {
				j++
			}
			// A label alone in its cell, the value in the next
			// ("<td>发文机关：</td><td>某县文明委</td>"): the value is the
			// next line.
			if j < len(f) && f[j] == '\n' && (i == 0 || f[i-1] == '\n') {
				j++
				for j < len(f) && f[j] == ' ' {
					j++
				}
			}
			k := j
			for k < len(f) && k-j < 40 {
				r := f[k]
				if r == '\n' || r == '|' || r == '【' || r == '[' || r == '】' || r == ']' {
					break
				}
				if r == ' ' {
					if k+1 < len(f) && f[k+1] == ' ' {
						break
					}
					rest := string(f[k+1 : min(k+31, len(f))]) // a label or a date starts within a few runes
					if startsWithAnyLabel(rest) || startsWithFieldLabel(rest) || startsWithRole(rest) && reporterAt(string(f[j:k])) < 0 || startsWithCredit(rest) || countPhraseAt(rest) || startsWithOutletRole(rest) && reporterAt(string(f[j:k])) < 0 {
						break
					}
					if _, _, at, ok := findDate(truncateRunes(rest, 30)); ok && at == 0 {
						break
					}
				}
				if g := string(f[k:min(k+4, len(f))]); k > j && gluedLabel(g) && !endsAccountName(g) {
					break // "来源：中国文明网作者：…"
				}
				k++
			}
			v := trimBrackets(strings.Trim(trimSpace(string(orig[j:k])), "，。,;；、:："))
			if v == "" || hasAnyLabel(truncateRunes(fold(v), 2)) && strings.Contains(fold(v), ":") {
				continue
			}
			if gluedLabel(fold(v)) || gluedLabel(string(f[j:min(j+4, len(f))])) {
				continue // an empty value followed by the next label ("作者： 浏览次数：", "作者： 责任编辑：")
			}
			if _, _, at, ok := findDate(fold(v)); ok && at == 0 {
				continue
			}
			if bar && barredControl(fold(v)) {
				continue // a toolbar's next button ("编辑｜删除")
			}
			return v, label
		}
	}
	return "", ""
}

// isBar reports whether r (folded) is a bar that an info line writes
// for the colon right after a field's label, the self-media way
// (来源｜新华社, 作者丨张伟).
func isBar(r rune) bool { return r == '|' || r == '丨' || r == '︱' }

// barredControl reports whether v, a value read after a label and a bar,
// is a toolbar's control or the next label rather than a value: a bar
// parts a toolbar's buttons too ("编辑｜删除", "分享｜打印｜关闭").
func barredControl(v string) bool {
	if startsWithAnyLabel(v) {
		return true
	}
	for _, w := range append(sourceActions[:len(sourceActions):len(sourceActions)], "删除", "关闭", "回复", "引用", "举报") {
		if strings.HasPrefix(v, w) {
			return true
		}
	}
	return false
}

// startsWithFieldLabel reports whether s (folded) opens with a field's
// label: a word of one to five Han characters and a colon ("记者：王磊",
// "摄影：李强", "通讯员：赵敏", a song's "词：李春华　曲：王磊"), the
// shape every labelled field of an info line takes, whatever its word. A
// value set apart by a space before it ends there ("来源：县融媒体中心
// 记者：王磊").
func startsWithFieldLabel(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == ':':
			return n >= 1
		case isHan(r) && n < 5:
			n++
		default:
			return false
		}
	}
	return false
}

// startsWithRole reports whether s (folded) opens with a byline's role
// set apart from the name after it ("记者 张伟", "通讯员 王静"): a value
// before it on an info line ends at the space before the role
// ("来源：江城日报　记者　张伟"), unless the value is a byline itself
// ("作者：本报记者 王红 通讯员 李明").
func startsWithRole(s string) bool {
	for _, r := range authorRoles {
		if rest, ok := strings.CutPrefix(s, r); ok && strings.HasPrefix(rest, " ") {
			return true
		}
	}
	return false
}

// gluedLabel reports whether s starts with a label that can follow a value
// with no space.
func gluedLabel(s string) bool {
	for _, l := range []string{
		"来源", "作者", "责任编辑", "责编", "编辑", "发布", "发表", "浏览", "点击", "阅读", "时间", "日期",
		"來源", "責任編輯", "責編", "編輯", "發布", "發佈", "發表", "瀏覽", "點擊", "點閱", "閱讀", "時間",
	} {
		if strings.HasPrefix(s, l) {
			return true
		}
	}
	return false
}

// endsAccountName reports whether s, where gluedLabel found a label,
// is 发布 or 发表 ending the value or a name in it: the last word of a
// name, as government accounts are named (江城发布, 上海发布; a closing
// quote, the platform's name or the text's end after it: 微信公众号“江城
// 发布”, 江城发布微信公众号), not the label of a time (发布时间：, 发布于,
// 发布：) or a poster's (发布人, 发布者, 发布单位, 发布机构).
func endsAccountName(s string) bool {
	for _, w := range []string{"发布", "发表", "發布", "發佈", "發表"} {
		if rest, ok := strings.CutPrefix(s, w); ok {
			return !postedLabelRest(rest)
		}
	}
	return false
}

// postedLabelRest reports whether rest, what follows 发布 or 发表, makes
// it a label: a colon, or a word of a label's (时间, 日期, 于, 人, 者,
// 单位, 机构; 時間, 單位, 機構).
func postedLabelRest(rest string) bool {
	if rest == "" {
		return false
	}
	if rest[0] == ':' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return strings.ContainsRune("时日于人者单机時單機", r)
}

// startsWithCredit reports whether s (folded) opens with a writer's or a
// photographer's credit, a role and a slash or a bar (文/张伟, 图|李娜,
// 图文/王强): a field of the info line that ends the value before it
// ("来源：县文明办　文/王丽　图/李强").
func startsWithCredit(s string) bool {
	for _, c := range []string{"文/", "文|", "图/", "图|", "图文/", "图文|", "摄/", "摄影/"} {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// breadcrumbWords and breadcrumbLabels (breadcrumbLabelRe) find the
// "当前位置" trail.
var (
	breadcrumbWords = newWordSet(map[string]bool{
		"breadcrumb": true, "breadcrumbs": true, "crumb": true, "crumbs": true, "position": true,
		"location": true, "weizhi": true, "dqwz": true, "path": true, "curpos": true, "currentpos": true,
		"place": true, "here": true,
		// A portal's "route" (江城网>>时政), and 面包屑 by its pinyin
		// initials.
		"route": true, "mbx": true,
	})
	breadcrumbLabels  = []string{"当前位置", "您的位置", "您现在的位置", "你的位置", "你现在的位置", "所在位置", "当前页面", "现在位置", "当前路径", "当前栏目"}
	breadcrumbLabelRe = regexp.MustCompile(strings.Join(breadcrumbLabels, "|"))
	breadcrumbSepRe   = regexp.MustCompile(`\s*(?:>>|>|›|»|→|＞|/|\\)\s*`)
	stopCrumbs        = map[string]bool{
		"首页": true, "网站首页": true, "主页": true, "门户": true, "返回首页": true, "查看内容": true,
		"正文": true, "内容": true, "详情": true, "正文内容": true, "文章内容": true, "浏览文章": true,
		"阅读文章": true, "文章": true, "新闻正文": true, "内容页": true, "详细内容": true, "Home": true,
		"home": true, "HOME": true,
		// A detail page's name, which templates that title every article
		// page alike put in <title> too (文章详情 - 某某文明网).
		"文章详情": true, "新闻详情": true, "信息详情": true, "内容详情": true, "详情页": true, "新闻内容": true,
		"信息内容": true, "信息浏览": true, "文章页": true, "正文页": true,
	}
)

// findBreadcrumb returns the breadcrumb element, if any.
func (p *page) findBreadcrumb() *html.Node {
	// The first element classed as a breadcrumb. A link so classed is
	// one step of the trail (动易's <a class="LinkPath">, each step
	// classed alike): the trail is the element holding it.
	var found *html.Node
	for o, n := range p.elements() {
		if found != nil && !p.contains(found, n) {
			break
		}
		if p.hasWordAt(o, breadcrumbWords) && countVisible(textOfN(n, 2048)) < 200 {
			if n.DataAtom == atom.A && n.Parent != nil && n.Parent.Type == html.ElementNode && countVisible(textOfN(n.Parent, 2048)) < 200 {
				n = n.Parent
			}
			if n != found && mayBeTrail(n) {
				// A trail inside the one found first is the trail
				// itself; the outer block holds more (a channel's
				// logo, a search box's tabs).
				found = n
			}
		}
	}
	if found != nil {
		return found
	}
	// The smallest block whose text carries a 当前位置 label.
	var best *html.Node
	p.textNodes(func(n *html.Node, t string) {
		if best != nil || !hasBreadcrumbWord(t) || !containsAnyOf(t, breadcrumbLabels) {
			return
		}
		for x := n.Parent; x != nil; x = x.Parent {
			if x.Type == html.ElementNode && isBlockTag(x.DataAtom) && x.DataAtom != atom.Br {
				if hasLink(x) {
					best = x
				}
				return
			}
		}
	})
	return best
}

// hasBreadcrumbWord reports whether t holds 位置 or 当前页面, 当前路径 or
// 当前栏目, one of which every label of breadcrumbLabelRe holds. All have
// the byte 0xBD second (位 is E4 BD 8D, 当 E5 BD 93): a scan for that byte,
// rare in text, passes over most of t where a search for their lead
// bytes, common in Chinese, would stop at every other character.
func hasBreadcrumbWord(t string) bool {
	for off := 1; off < len(t); {
		i := strings.IndexByte(t[off:], 0xBD)
		if i < 0 {
			return false
		}
		j := off + i - 1
		if strings.HasPrefix(t[j:], "位置") || strings.HasPrefix(t[j:], "当前页面") || strings.HasPrefix(t[j:], "当前路径") || strings.HasPrefix(t[j:], "当前栏目") {
			return true
		}
		off += i + 1
	}
	return false
}

func hasLink(n *html.Node) bool {
	if n.DataAtom == atom.A {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && hasLink(c) {
			return true
		}
	}
	return false
}

// columnMetas are the <meta> names that carry an article's column: the
// ColumnName of the national standard for government sites' pages (beside
// ArticleTitle, PubDate and ContentSource), and Open Graph's
// article:section.
var columnMetas = []string{"columnname", "article:section", "og:article:section"}

// categoryRels are how a link marked as a category starts its rel
// attribute (looked up in the page's one literal scan).
var categoryRels = []string{`rel="category`, `rel='category`, `rel=category`}

// namedColumn returns the column a page names outside a breadcrumb, and the
// rule that found it: a column <meta>, else the first link marked
// rel="category" (the category links blog engines print with a post, as
// WordPress's the_category does), else the first link in a box classed as
// the post's categories (block themes mark those links rel="tag":
// <div class="taxonomy-category wp-block-post-terms">) between the title
// and the body, or after the body in the <article> that holds both, else
// a labelled column on the info line or the post's footer line
// (labelledColumn). A
// value that is the title, the site's name or longer than a column's name
// is no column.
func (p *page) namedColumn(title string, titleNode, body *html.Node, info, footer string) (col, rule string) {
	ok := func(v string) bool {
		return v != "" && runesAtMost(v, 20) && v != title && v != p.siteName && !siteish(v, p.siteName)
	}
	for _, k := range columnMetas {
		if v := trimSpace(p.meta[k]); ok(v) {
			return v, "<meta " + k + ">"
		}
	}
	if !slices.ContainsFunc(categoryRels, p.rx.has) {
		// No link marked so (as engines write it, the token first).
		if v := p.categoryBox(titleNode, body); ok(v) {
			return v, "post categories box"
		}
		if v := labelledColumn(info, footer); ok(v) {
			return v, "labelled column"
		}
		return "", ""
	}
	for _, n := range p.elements() {
		if n.DataAtom != atom.A || !slices.Contains(strings.Fields(strings.ToLower(attr(n, "rel"))), "category") {
			continue
		}
		if v := trimSpace(textOfN(n, 256)); ok(v) {
			return v, `rel="category" link`
		}
		break
	}
	return "", ""
}

// columnLabelRe matches a column named by a label on an article's info or
// footer line: 栏目：工作动态, 所属分类: 志愿服务, 分类:工作动态 | 评论:0.
var columnLabelRe = regexp.MustCompile(`(?:所属栏目|所属分类|所属频道|栏目|分类|类别|频道)\s*[:：]\s*([^\s|｜/\\,，;；>»]{1,16})`)

// postFooter returns the text after the body inside the box that holds
// both the title and the body (the post's own footer lines: tags, "发布:… |
// 分类:… | 评论:0"), page furniture included — themes class that line
// "post-footer" — and at most 300 runes of it.
func (p *page) postFooter(title, body *html.Node) string {
	if title == nil || body == nil {
		return ""
	}
	box := body.Parent
	for d := 0; box != nil && d < 6 && !p.contains(box, title); d++ {
		box = box.Parent
	}
	if box == nil || !p.contains(box, title) || box.DataAtom == atom.Body || box.DataAtom == atom.Html {
		return ""
	}
	var b strings.Builder
	var lastBlock *html.Node
	for _, vt := range p.textsBetween(p.lastOf(body), p.lastOf(box)+1) {
		if b.Len() > 0 {
			if blk := blockOf(vt.n); blk != lastBlock {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		lastBlock = blockOf(vt.n)
		b.WriteString(trimSpace(vt.text))
		if b.Len() > 1200 {
			break
		}
	}
	return truncateRunes(b.String(), 300)
}

// labelledColumn returns the column a label names on the info line
// between title and body, or on a line of the post's footer (the first
// lines after the body) that carries other labels of the post too
// ("发布:办公室 | 分类:工作动态 | 评论:0"): a lone "分类：" after the body
// is more often a sidebar's heading than the post's column.
func labelledColumn(info, after string) string {
	if m := columnLabel(info); m != nil {
		return info[m[2]:m[3]]
	}
	for i, l := range strings.SplitN(after, "\n", 6) {
		if i == 5 {
			break
		}
		if m := columnLabel(l); m != nil && anyLabelRe.MatchString(l[:m[0]]+l[m[1]:]) {
			return l[m[2]:m[3]]
		}
	}
	return ""
}

// columnLabelWords are the words one of which every label of
// columnLabelRe holds.
var columnLabelWords = []string{"栏目", "分类", "类别", "频道"}

// columnLabel is the first match of columnLabelRe in s whose label starts
// a word: 主题分类 and 体裁分类 of a government document's metadata are
// the document's classification, not the site's column.
func columnLabel(s string) []int {
	if strings.Contains(s, "欄") || strings.Contains(s, "類") || strings.Contains(s, "頻") {
		// 欄目, 分類, 頻道, 所屬欄目: read in simplified characters,
		// the offsets unchanged.
		s = simplified(s)
	}
	if !containsAnyOf(s, columnLabelWords) {
		// Every label holds one of these: most lines asked hold none,
		// and the expression, with no literal to look for first, reads
		// them rune by rune.
		return nil
	}
	for from := 0; from < len(s); {
		m := columnLabelRe.FindStringSubmatchIndex(s[from:])
		if m == nil {
			return nil
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += from
			}
		}
		r, _ := utf8.DecodeLastRuneInString(s[:m[0]])
		if m[0] == 0 || !unicode.Is(unicode.Han, r) {
			return m
		}
		from = m[1]
	}
	return nil
}

// categoryBox returns the text of the first link in an element classed
// as a post's categories (category, categories, cat-links) between the
// end of the title element and the start of the body, or between the end
// of the body and the end of the <article> holding title and body; "" when
// there is none.
func (p *page) categoryBox(titleNode, body *html.Node) string {
	if titleNode == nil || body == nil {
		return ""
	}
	lo, start := p.lastOf(titleNode), p.order.of(body)
	if start <= lo {
		return ""
	}
	hi := start
	for a, d := body.Parent, 0; a != nil && d < 5; a, d = a.Parent, d+1 {
		if a.DataAtom == atom.Article {
			if p.order.of(a) < lo {
				hi = p.lastOf(a)
			}
			break
		}
	}
	bodyEnd := p.lastOf(body)
	for o := lo + 1; o <= hi; o++ {
		if o == start {
			o = bodyEnd
			continue
		}
		n := p.all[o]
		if n.Type != html.ElementNode || !categoryClassed(n) {
			continue
		}
		for x := o + 1; x <= p.lastAt(o); x++ {
			if a := p.all[x]; a.Type == html.ElementNode && a.DataAtom == atom.A {
				return trimSpace(textOfN(a, 256))
			}
		}
	}
	return ""
}

// categoryClassed reports whether n's class or id words (see words) name
// it the box of a post's categories: category or categories, or cat
// beside links.
func categoryClassed(n *html.Node) bool {
	ws := words(n)
	return slices.Contains(ws, "category") || slices.Contains(ws, "categories") ||
		slices.Contains(ws, "cat") && slices.Contains(ws, "links")
}

// columnOf returns the most specific column of a breadcrumb text, dropping
// the label, 首页, the site name, the article title and 查看内容/正文.
func (p *page) columnOf(crumb, title string) string {
	t := crumb
	if loc := breadcrumbLabelRe.FindStringIndex(t); loc != nil {
		t = t[loc[1]:]
	}
	t = strings.TrimLeft(trimSpace(t), ":： ")
	parts := breadcrumbSepRe.Split(t, -1)
	col := ""
	for _, part := range parts {
		part = trimSpace(part)
		if part == "" || stopCrumbs[part] || pageKindStep(part) || part == p.siteName || part == title || siteish(part, p.siteName) && runeLen(part) <= 8 {
			continue
		}
		if title != "" && runeLen(part) > 12 && lcs(part, title) > runeLen(part)*3/4 {
			continue
		}
		col = part
	}
	return col
}
