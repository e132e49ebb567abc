package extract

import (
	"github.com/andybalholm/cascadia"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// strongBody lists containers that hold the article body on the CMSs of
// Chinese government sites; when one of them holds text it is the body.
var strongBody = []string{
	"div.TRS_Editor", "td#article_content", "#article_content", "#zoom", ".main-txt",
	"[itemprop=articleBody]", "#UCAP-CONTENT", "#js_content", ".pages_content", ".article-content",
	".article_content", "#content_body", ".news_content", ".newstext",
}

// strongBodySel are the strongBody selectors, compiled once.
var strongBodySel = func() []cascadia.Selector {
	out := make([]cascadia.Selector, len(strongBody))
	for i, s := range strongBody {
		out[i] = cascadia.MustCompile(s)
	}
	return out
}()

// strongNames are the ids and classes the strongBody selectors name (the
// name after their last '.' or '#').
var strongNames = func() map[string]bool {
	m := map[string]bool{}
	for _, sel := range strongBody {
		if i := strings.LastIndexAny(sel, ".#"); i >= 0 && !strings.Contains(sel, "[") {
			m[sel[i+1:]] = true
		}
	}
	return m
}()

// mayBeStrong reports whether n has an id, class or itemprop that a
// strongBody selector names, so that most elements skip the selectors.
func mayBeStrong(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			return true
		case "id":
			if strongNames[a.Val] {
				return true
			}
		case "class":
			for c := range strings.FieldsSeq(a.Val) {
				if strongNames[c] {
					return true
				}
			}
		}
	}
	return false
}

// bodyLine is one rendered line of body text with the share of its
// visible runes that sits inside links.
type bodyLine struct {
	text      string
	vis, link int
	wordsOut  int  // words outside links (a Han rune or a run of letters each), counted up to 3
	pre       bool // a line of preformatted text (<pre>)
	doc       bool // a link of the line is a document's (see docLink)
	// block is the element whose text the line is, or one of whose
	// lines parted by <br> it is, where no other block lies inside it (a
	// paragraph, a data table's row). BodyHTML leaves it out if the text
	// drops all its lines (see droppedBlocks).
	block *html.Node
}

// lineBuilder collects body lines as bodyLines walks the body.
type lineBuilder struct {
	out                 []bodyLine
	b                   strings.Builder
	vis, link, wordsOut int
	pre                 bool // the line is preformatted text
	doc                 bool // the line links to a document
	blocks              int  // blocks begun, <br> not counted
}

// flush ends the line being written, if it has text.
func (lb *lineBuilder) flush() {
	if t := trimSpace(lb.b.String()); t != "" {
		lb.out = append(lb.out, bodyLine{text: t, vis: lb.vis, link: lb.link, wordsOut: lb.wordsOut, pre: lb.pre, doc: lb.doc})
	}
	lb.b.Reset()
	lb.vis, lb.link, lb.wordsOut = 0, 0, 0
	lb.pre, lb.doc = false, false
}

// write adds text t of v visible runes to the line, inside a link or not.
func (lb *lineBuilder) write(t string, v int, inA bool) {
	if lb.b.Len() == 0 {
		t = strings.TrimLeftFunc(t, isSpace) // white space only: v stays
	}
	lb.b.WriteString(t)
	lb.vis += v
	if inA {
		lb.link += v
	} else if lb.wordsOut <= 2 {
		// Only "two words or fewer outside links" matters.
		lb.wordsOut += countWordsUpTo(t, 3-lb.wordsOut)
	}
}

// beginBlock ends the line before a block (a <br> counts as none) and
// returns how many blocks and lines there were at its start.
func (lb *lineBuilder) beginBlock(br bool) (b0, l0 int) {
	lb.flush()
	if !br {
		lb.blocks++
	}
	return lb.blocks, len(lb.out)
}

// endBlock ends the last line of block x, which began when blocks and
// lines were as many as b0 and l0: the lines since are x's if no block
// began inside it.
func (lb *lineBuilder) endBlock(x *html.Node, b0, l0 int) {
	lb.flush()
	if lb.blocks == b0 {
		for i := l0; i < len(lb.out); i++ {
			lb.out[i].block = x
		}
	}
}

// bodyLines renders the text of n as lines: block elements and <br> end a
// line; skip drops elements (and their subtrees) entirely.
func (p *page) bodyLines(n *html.Node, skip func(*html.Node) bool) []bodyLine {
	var lb lineBuilder
	dataTables := map[*html.Node]bool{} // tables known to be data tables or not
	var walk func(*html.Node, bool, bool, int)
	walk = func(x *html.Node, inA, inPre bool, depth int) {
		switch x.Type {
		case html.TextNode:
			if inPre {
				// Preformatted text (code, a poem, a notice laid out
				// in columns) keeps its line breaks and its spacing.
				// The white space of a part that ends no line is
				// kept: it parts words from the next element's
				// ("a <span>:=</span> <span>b</span>").
				parts := strings.Split(x.Data, "\n")
				for i, l := range parts {
					if i > 0 {
						lb.flush()
					}
					if i < len(parts)-1 {
						l = strings.TrimRightFunc(l, isSpace)
					}
					lb.write(l, countVisible(l), inA)
					lb.pre = true
				}
				return
			}
			t, v := p.collapsedText(x)
			lb.write(t, v, inA)
			return
		case html.ElementNode:
			if isSkipTag(x.DataAtom) || (skip != nil && skip(x)) || depth > maxDepth {
				return
			}
		case html.CommentNode:
			return
		}
		if x.DataAtom == atom.Tr && dataTable(x, dataTables) {
			// A row of a data table is a line, its cells apart.
			b0, l0 := lb.beginBlock(false)
			cells := 0
			for c := x.FirstChild; c != nil; c = c.NextSibling {
				if !isCell(c) || skip != nil && skip(c) {
					continue
				}
				if cells++; cells > 1 {
					lb.b.WriteByte('\t')
				}
				for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
					walk(cc, inA, inPre, depth+2)
				}
			}
			lb.endBlock(x, b0, l0)
			return
		}
		block := x.Type == html.ElementNode && isBlockTag(x.DataAtom)
		b0, l0 := 0, 0
		if block {
			b0, l0 = lb.beginBlock(x.DataAtom == atom.Br)
		}
		if !inA && isLink(x) {
			inA = true
			lb.doc = lb.doc || docLink(x)
		}
		inPre = inPre || x.DataAtom == atom.Pre
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inA, inPre, depth+1)
		}
		if block {
			lb.endBlock(x, b0, l0)
		}
	}
	walk(n, false, false, 0)
	lb.flush()
	return lb.out
}

// docExt are the file extensions of documents a page offers for download.
var docExt = map[string]bool{
	".doc": true, ".docx": true, ".wps": true, ".odt": true, ".rtf": true, ".pdf": true, ".ofd": true,
	".xls": true, ".xlsx": true, ".et": true, ".ods": true, ".csv": true, ".ppt": true, ".pptx": true,
	".dps": true, ".txt": true, ".zip": true, ".rar": true, ".7z": true,
}

// docLink reports whether the link a leads to a document (a file to
// download: "附件：<a>1.推荐表.doc</a>"), by its URL's path or, for a
// download script (download.jsp?id=…), by the file name its text ends
// with. An article's attached documents are part of it, not links away
// from it.
func docLink(a *html.Node) bool {
	href := attr(a, "href")
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	return docExt[strings.ToLower(path.Ext(href))] || docExt[strings.ToLower(path.Ext(lastText(a, 0)))]
}

// docList reports whether every link below n leads to a document (see
// docLink): a notice's attachments set as a block of their own (相关附件：
// <br><a>1.实施方案.docx</a><br><a>2.任务分工表.pdf</a>) are part of it,
// not a list of links away from it.
func docList(n *html.Node) bool {
	links := 0
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == atom.A {
			if !docLink(d) {
				return false
			}
			links++
		}
	}
	return links > 0
}

// isCell reports whether n is a table cell.
func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
}

// dataTable reports whether the table row tr is in a data table: two
// rows or more, each a dataRow. A layout table's rows that hold a title
// and a date or a few links are not, when another row holds the article.
// known caches the answer per table.
func dataTable(tr *html.Node, known map[*html.Node]bool) bool {
	table := tr.Parent
	for table != nil && table.DataAtom != atom.Table {
		if table.DataAtom != atom.Tbody && table.DataAtom != atom.Thead && table.DataAtom != atom.Tfoot {
			return false
		}
		table = table.Parent
	}
	if table == nil {
		return false
	}
	if ok, seen := known[table]; seen {
		return ok
	}
	rows, ok := 0, true
	var each func(*html.Node)
	each = func(n *html.Node) {
		for c := n.FirstChild; c != nil && ok; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Tbody, atom.Thead, atom.Tfoot:
				each(c)
			case atom.Tr:
				rows++
				ok = dataRow(c)
			}
		}
	}
	each(table)
	ok = ok && rows >= 2
	known[table] = ok
	return ok
}

// dataRow reports whether the table row tr is one of a data table: two
// cells or more, each holding a line of text at most (no block element,
// no line break, no table inside). A layout table's cells hold
// paragraphs, or a whole page.
func dataRow(tr *html.Node) bool {
	cells := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if !isCell(c) || hasBlock(c, 0) {
			return false
		}
		cells++
	}
	return cells >= 2
}

// hasBlock reports whether an element below n ends a line of text.
func hasBlock(n *html.Node, depth int) bool {
	if depth > maxDepth {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (isBlockTag(c.DataAtom) || hasBlock(c, depth+1)) {
			return true
		}
	}
	return false
}

// dropRepeats removes the second copy of markup served twice (for small
// and large screens, or a teaser and the text it teases): a line of 40
// runes and 8 words or more that repeats an earlier one, where it stands
// right after the line it repeats or in a run of lines repeating the run
// it comes from. A line that recurs among other lines is the text's own
// (a photo story's caption closing each picture's note) and is kept, as
// is a line of preformatted text (a command run twice).
func dropRepeats(ls []bodyLine) []bodyLine {
	first := map[string]int{} // a line's text → where it stands first
	drop := make([]bool, len(ls))
	for i, l := range ls {
		// A line's visible runes are some of its runes: one of more
		// than 39 is longer than 39 runes without counting them.
		if l.pre || l.vis <= 39 && runesAtMost(l.text, 39) {
			continue
		}
		j, seen := first[l.text]
		if !seen {
			first[l.text] = i
			continue
		}
		drop[i] = countWords(l.text) >= 8 && repeatsRun(ls, drop, i, j)
	}
	out := ls[:0]
	for i, l := range ls {
		if !drop[i] {
			out = append(out, l)
		}
	}
	return out
}

// repeatsRun reports whether line i, a repeat of line j, is part of a
// second copy: right after j, or after a dropped copy of the line before
// j, or before a copy of the line after j.
func repeatsRun(ls []bodyLine, drop []bool, i, j int) bool {
	switch {
	case j == i-1:
		return true
	case j > 0 && drop[i-1] && ls[i-1].text == ls[j-1].text:
		return true
	default:
		return j+1 < i && i+1 < len(ls) && ls[i+1].text == ls[j+1].text
	}
}

func joinLines(ls []bodyLine) string {
	size := len(ls)
	for _, l := range ls {
		size += len(l.text)
	}
	var b strings.Builder
	b.Grow(size)
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// relatedHead matches the heading of a related-articles list.
var relatedHead = regexp.MustCompile(`^[【\[]?(?:相关|延伸|推荐|更多|热点|热门|猜你|往期|新闻|专题|精彩)[^。，！？]{0,10}[】\]]?[:：]?$`)

// topicTags is a line of topic tags in the #话题# form.
var topicTags = regexp.MustCompile(`^\s*(?:#[^#\s]{1,30}#\s*)+$`)

// dropReadAlso drops the lines inside the body that point to other
// stories: a short label ending in a colon followed by links and little
// else ("Also: <a>…</a>", "Czytaj także: <a>…</a>", "相关阅读：<a>…</a>").
//
// A line right under a heading of related stories is one of them, a
// headline with a colon in it (女警一天打百个电话被停机 电信:核实后恢复)
// perhaps: it stays, so that trimLinkLines sees the heading's stories
// as such and drops them with their heading and teasers.
func dropReadAlso(ls []bodyLine) []bodyLine {
	out := ls[:0]
	for i, l := range ls {
		if !readAlsoLine(l) || i > 0 && runesAtMost(ls[i-1].text, 12) && relatedHeading(ls[i-1].text) {
			out = append(out, l)
		}
	}
	return out
}

// readAlsoLine reports whether l is a label of at most 20 runes without
// sentence marks and a colon, then links for nearly all the rest.
func readAlsoLine(l bodyLine) bool {
	if l.link == 0 || l.doc {
		return false
	}
	label, colon := 0, -1
	for i, r := range l.text {
		if r == ':' || r == '：' {
			colon = i
			break
		}
		if label++; label > 20 {
			return false
		}
	}
	if colon <= 0 || countPunct(l.text[:colon]) > 0 || strings.Contains(l.text[colon:], "@") {
		// No label, a sentence ("“…。”(弗 5:4)", a colon in a linked
		// reference), or an e-mail address to write to.
		return false
	}
	if fieldLabel(l.text[:colon]) {
		return false // a field whose value links to its page: 责任编辑：<a>张三</a>
	}
	rest := l.vis - countVisible(l.text[:colon]) - 1
	return rest > 0 && l.link*10 >= rest*9
}

// dropKickerTitle drops the title's line among the body's first three
// when only links stand before it, and those links: the body's container
// holds the story's header, a kicker or a trail linking to the column
// over the title (江城县新时代文明实践中心工作动态, "Traffic & Transit"),
// whatever their classes are called. A title opening the body is
// cleanBody's.
func dropKickerTitle(ls []bodyLine, title string) []bodyLine {
	if title == "" {
		return ls
	}
	for i := 1; i < 3 && i < len(ls); i++ {
		if l := ls[i-1]; l.link == 0 || l.link*10 < l.vis*9 || !runesAtMost(l.text, 40) {
			return ls
		}
		if strings.EqualFold(ls[i].text, title) {
			return ls[i+1:]
		}
	}
	return ls
}

// trimLinkLines drops the lines of link text that open or close a body
// (a "发表评论" link, a related-articles list and its heading). The
// credits closing an article (本文来源：…, 责任编辑：…; two lines at most)
// may follow a box of stories: the box is looked for before them, and
// they stay, for cleanBody to read.
func trimLinkLines(ls []bodyLine) []bodyLine {
	tail := len(ls)
	for k := 0; k < 2 && tail > 1 && closingCredit(ls[tail-1]); k++ {
		tail--
	}
	if tail == len(ls) {
		return trimLinkRun(ls)
	}
	out := trimLinkRun(slices.Clone(ls[:tail]))
	if len(out) == 0 {
		return ls
	}
	return append(out, ls[tail:]...)
}

// trimLinkRun is trimLinkLines on the lines before the closing credits.
func trimLinkRun(ls []bodyLine) []bodyLine {
	linky := func(l bodyLine) bool {
		return l.link > 0 && (l.link*2 >= l.vis || l.wordsOut <= 2) && !citesLink(l) && !l.doc
	}
	// A topic tag opening a post ("#如何分析公司#", as Weibo and Xueqiu
	// write them) links to its topic's page but is the post's first word.
	for len(ls) > 0 && linky(ls[0]) && runesAtMost(ls[0].text, 15) && !topicTags.MatchString(ls[0].text) {
		ls = ls[1:]
	}
	// A related-articles heading followed by links ends the article,
	// unless the article goes on after the links: a fact box's row
	// labelled "相关团体" before an entry's prose is no such heading.
	for i := 1; i+2 < len(ls); i++ {
		if !runesAtMost(ls[i].text, 12) || !relatedHeading(ls[i].text) || !linky(ls[i+1]) {
			continue
		}
		if teaserUnits(ls[i+1:], linky) >= 2 {
			// Stories under the heading, each a headline and its teaser
			// ("延伸阅读", then links over a sentence or two each): their
			// teasers may outweigh the article, but end it.
			ls = ls[:i]
			break
		}
		if k := headlineRun(ls[i+1:], linky); k > 0 && i+1+k < len(ls) && storyGoesOn(ls[i+1+k:]) {
			// Related stories set in the middle of the story (相关新闻：
			// and their headlines, then the text goes on): the heading
			// and the headlines go, the text after them stays.
			ls = append(slices.Clip(ls[:i]), ls[i+1+k:]...)
			i--
			continue
		}
		if runningTextAfter(ls[:i], ls[i+1:]) {
			continue
		}
		if linky(ls[i+2]) {
			ls = append(ls[:i], closingAfterList(ls[i+1:], linky)...)
			break
		}
		if teaserOf(ls[i+2:]) {
			// One story under the heading: its headline, then its
			// teaser ("【延伸阅读】", a link, a sentence or two).
			ls = ls[:i]
			break
		}
	}
	end := len(ls)
	for end > 0 && (linky(ls[end-1]) || runesAtMost(ls[end-1].text, 12) && relatedHeading(ls[end-1].text)) {
		end--
	}
	if end > 0 && introducesList(ls[end-1].text) {
		// The article's own list of links closes it ("附件：" and the
		// documents).
		for end < len(ls) && linky(ls[end]) && !relatedHeading(ls[end].text) {
			end++
		}
	}
	return ls[:end]
}

// closingCredit reports whether l is a credit line that closes an
// article: one opening with a source's label (本文来源：…, whatever
// follows it) or an editor's (责任编辑：…), no link but its own.
func closingCredit(l bodyLine) bool {
	if !runesAtMost(l.text, 80) || l.link*2 >= l.vis {
		return false
	}
	return mayBeEditorLine(l.text) || sourceLine(strings.TrimLeft(fold(l.text), "【[(（ "))
}

// pointerLabel matches the label of links that point away from the
// article (tags, keywords, the previous and next story, related stories
// in traditional characters), which relatedHead does not cover.
var pointerLabel = regexp.MustCompile(`^[【\[]?(?:标签|標籤|关键|關鍵|上一|下一|分享|来源|來源|相關|推薦|熱門|熱點|專題|猜你|往期|延伸|更多|精彩)`)

// introducesList reports whether the text before a list introduces it
// as part of the article: its last clause ends with a colon ("附件：",
// "征集范围包括以下活动："), and it is no heading of related stories,
// tags or a share bar, whose words (in Chinese, or as class-like words:
// "Related links:", "Tags:") say so.
func introducesList(text string) bool {
	l := trimSpace(text)
	label, ok := strings.CutSuffix(l, "：")
	if !ok {
		if label, ok = strings.CutSuffix(l, ":"); !ok {
			return false
		}
	}
	if i := strings.LastIndexAny(label, "。！？\n"); i >= 0 {
		_, size := utf8.DecodeRuneInString(label[i:])
		label = label[i+size:] // the clause after the last sentence
	}
	label = trimSpace(label)
	if label == "" || relatedHeading(label+"：") || pointerLabel.MatchString(label) || textHasWord(label, chromeWords) {
		return false
	}
	return true
}

// introducedList reports whether the list n follows text of the article
// that introduces it (see introducesList): the last text before it in
// its parent.
func (p *page) introducedList(n *html.Node) bool {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode && p.chrome[c] {
			return false
		}
		if t := lastText(c, 0); t != "" {
			return introducesList(t)
		}
	}
	return false
}

// lastText returns the last text below n (n itself when it is text)
// that is not white space, outside scripts and the like.
func lastText(n *html.Node, depth int) string {
	switch {
	case n.Type == html.TextNode:
		return trimSpace(n.Data)
	case n.Type != html.ElementNode || isSkipTag(n.DataAtom) || depth > maxDepth:
		return ""
	}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if t := lastText(c, depth+1); t != "" {
			return t
		}
	}
	return ""
}

// closingAfterList returns the article's closing sentences that follow
// a related list set into the body (a video or stories widget between
// the last paragraph and the article's own notice, "本文为原创，未经授权
// 不得转载。"): after the list's links and the widget's short labels
// ("正在加载..."), the lines left when every one of them is a sentence
// of its own without links that states no site's copyright or
// registration. Anything else after the list (more links, labels, a
// footer) ends the article at the heading, as before.
func closingAfterList(rest []bodyLine, linky func(bodyLine) bool) []bodyLine {
	j := 0
	for j < len(rest) && (linky(rest[j]) || runesAtMost(rest[j].text, 12) && !sentenceLine(rest[j].text)) {
		j++
	}
	tail := rest[j:]
	if len(tail) == 0 || len(tail) > 3 {
		return nil
	}
	for _, l := range tail {
		if l.link > 0 || !sentenceLine(l.text) || relatedHeading(l.text) || noticeMarks(l.text) != 0 {
			return nil
		}
	}
	return tail
}

// teaserOf reports whether the lines after a related story's headline
// are its teaser: one or two sentences without links, the last of them
// closing the body.
func teaserOf(rest []bodyLine) bool {
	if len(rest) == 0 || len(rest) > 2 {
		return false
	}
	for _, l := range rest {
		if l.link > 0 || !sentenceLine(l.text) {
			return false
		}
	}
	return true
}

// teaserUnits counts the stories that the lines rest are, when each is
// a headline (a line of links) over one or two sentences without links;
// 0 when rest is anything else.
func teaserUnits(rest []bodyLine, linky func(bodyLine) bool) int {
	units := 0
	for i := 0; i < len(rest); units++ {
		if !linky(rest[i]) {
			return 0
		}
		i++
		k := 0
		for ; i < len(rest) && !linky(rest[i]); i++ {
			if k++; k > 2 || rest[i].link > 0 || !sentenceLine(rest[i].text) {
				return 0
			}
		}
		if k == 0 {
			return 0 // a headline alone: a list of links, read as one above
		}
	}
	return units
}

// headlineRun counts the lines opening ls that are headlines: lines of
// links (linky) of eight runes or more, nearly all inside the links.
func headlineRun(ls []bodyLine, linky func(bodyLine) bool) int {
	k := 0
	for k < len(ls) && linky(ls[k]) && ls[k].vis >= 8 && ls[k].link*10 >= ls[k].vis*9 {
		k++
	}
	return k
}

// storyGoesOn reports whether the lines rest, after a run of related
// headlines, go on with the story: a sentence without links opens them,
// and they are no single teaser closing the body (teaserOf).
func storyGoesOn(rest []bodyLine) bool {
	return rest[0].link == 0 && sentenceLine(rest[0].text) && !teaserOf(rest)
}

// sentenceLine reports whether l holds a sentence: ten runes or more and
// a full stop, question or exclamation mark of the Han script.
func sentenceLine(l string) bool {
	return !runesAtMost(l, 9) && strings.ContainsAny(l, "。！？")
}

// runningTextAfter reports whether the lines after a related-articles
// heading hold more text outside links than the lines before it: the
// article goes on past the heading, which is no end of it.
func runningTextAfter(before, after []bodyLine) bool {
	out := func(ls []bodyLine) int {
		n := 0
		for _, l := range ls {
			n += l.vis - l.link
		}
		return n
	}
	return out(after) > out(before)
}

// citesLink reports whether l is a sentence of its own around a link,
// not a link's headline: words outside the link and a full stop of the
// Han script closing it ("本文节选自《书名》，由某出版社出版。"). Headlines
// in lists do not end in 。.
func citesLink(l bodyLine) bool {
	return l.wordsOut >= 3 && strings.HasSuffix(l.text, "。") && l.link < l.vis
}

// findBody returns the element holding the article body: a strong
// container when one holds text, else the best-scoring block.
//
// When the block is one of repeated posts (or holds several), the first
// post is the body and post is true: its siblings are other posts, not more
// of the body. scope is the element whose links judge the body as an
// article's (isArticle): the body, or the post unit whose text block it is
// (postTexts), so that reading a post's text alone turns no page of
// forum controls into an article.
func (p *page) findBody(title *html.Node) (body, scope *html.Node, post bool, rule string) {
	// One pass gathers the matches of every strong selector (each needs
	// an id, class or itemprop); the first selector in order with a
	// match that holds text wins.
	matches := make([][]*html.Node, len(strongBodySel))
	for _, n := range p.all {
		if n.Type != html.ElementNode || len(n.Attr) == 0 || !mayBeStrong(n) {
			continue
		}
		for i, sel := range strongBodySel {
			if sel.Match(n) {
				matches[i] = append(matches[i], n)
			}
		}
	}
	for i, ms := range matches {
		for _, n := range ms {
			if p.inChrome(n) || p.wrapsColumn(n) {
				continue
			}
			if countVisible(textOfN(n, 256)) >= 20 {
				body, rule = n, "strong container "+strongBody[i]
				break
			}
		}
		if body != nil {
			break
		}
	}
	if body == nil {
		body, rule = p.bestBlock(), "best-scoring block"
		if own := p.storyUnderTitle(title, body); own != nil {
			body, rule = own, "block under the title, before the next headline"
		} else if own := p.storyAfterTitle(title, body); own != nil {
			body, rule = own, "best block after the title, the best lying before it"
		} else if own := p.storyOfPictures(title, body); own != nil {
			body, rule = own, "pictures or a player under the title, the best block beside them"
		} else if own := p.storyOfLines(title, body); own != nil {
			body, rule = own, "short lines under the title, the best block beside them"
		} else if in, region := p.bestInMainRegion(body); in != nil {
			body, rule = in, "best block in the page's one "+region
		}
	}
	if body == nil {
		return nil, nil, false, ""
	}
	if fp, g, unit := p.firstPost(body); fp != nil && !p.storyBeforePosts(body, g) {
		if story := p.storyAboveComments(title, g); story != nil {
			p.comments = g[0]
			return story, story, false, "story under the title, the repeated posts after it its comments"
		}
		if both := p.letterWithReply(g); both != nil {
			return both, both, true, "letter and its reply " + postKey(fp)
		}
		return fp, unit, true, "first of repeated posts " + postKey(fp)
	}
	if both := p.letterAndReply(body); both != nil {
		return both, both, true, "letter and its reply in blocks of their own"
	}
	return body, body, false, rule
}

// wrapsColumn reports whether n, a strong container by its name, is
// the wrapper of a page's column rather than the body's container: a
// quarter of its text or more sits in links (the story's related lists,
// recommended stories, a sidebar beside it), where a body's container
// holds running text (a portal names the wrapper of its story column
// "article_content"). The generic rules find the body inside it.
func (p *page) wrapsColumn(n *html.Node) bool {
	r := p.rawOf(n)
	return r.text >= minColumnRunes && r.link*4 >= r.text
}

// minColumnRunes is the least text of a page's column: a short notice
// with a few links to its attachments is no column.
const minColumnRunes = 1000

// positiveWords raise the score of a candidate container.
var positiveWords = newWordSet(map[string]bool{
	"content": true, "article": true, "text": true, "body": true, "main": true, "post": true,
	"entry": true, "detail": true, "details": true, "news": true, "zoom": true, "con": true, "tex": true,
	"txt": true, "cont": true, "zw": true, "zhengwen": true, "neirong": true, "nr": true, "story": true,
})

// bestBlock picks the block element with the highest paragraph score,
// discounted by link density.
func (p *page) bestBlock() *html.Node {
	var best *html.Node
	bestScore := 0.0
	for o := range p.stats {
		n := p.all[o]
		if n.Type != html.ElementNode || p.stats[o].score <= 0 || n.DataAtom == atom.Html {
			continue
		}
		// Of equal scores, the last in document order wins.
		score := p.blockScore(n)
		if score > bestScore || score == bestScore && best != nil {
			best, bestScore = n, score
		}
	}
	if best == nil {
		return nil
	}
	// A single paragraph rarely is the whole body: its container is.
	for (best.DataAtom == atom.P || best.DataAtom == atom.Span || best.DataAtom == atom.Font) && best.Parent != nil {
		best = best.Parent
	}
	return best
}

// bestInMainRegion returns the best block inside the region the page's
// markup declares as its main content — its one <main> (or role=main)
// element, else its one <article> — when best lies outside that region
// and the region holds a block of sentences: a short article (a video's
// description, a brief) loses on length to a longer text elsewhere (a
// newsletter disclaimer in the footer), but the page says where its
// content is. A page with several <article>s is a feed, not one article.
func (p *page) bestInMainRegion(best *html.Node) (*html.Node, string) {
	if best == nil {
		return nil, ""
	}
	var mains, articles []*html.Node
	for _, n := range p.all {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.DataAtom == atom.Main || attr(n, "role") == "main":
			mains = append(mains, n)
		case n.DataAtom == atom.Article:
			articles = append(articles, n)
		}
	}
	region, name := (*html.Node)(nil), ""
	switch {
	case len(mains) == 1:
		region, name = mains[0], "<main>"
	case len(articles) == 1:
		region, name = articles[0], "<article>"
	default:
		return nil, ""
	}
	if p.contains(region, best) || p.contains(best, region) || p.inChrome(region) {
		return nil, ""
	}
	var in *html.Node
	inScore := 0.0
	for o := p.order.of(region); o <= p.lastOf(region); o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || p.stats[o].score <= 0 || p.stats[o].punct < 1 {
			continue
		}
		if score := p.blockScore(n); score > inScore {
			in, inScore = n, score
		}
	}
	if in == nil {
		return nil, ""
	}
	for (in.DataAtom == atom.P || in.DataAtom == atom.Span || in.DataAtom == atom.Font) && in.Parent != nil && in != region {
		in = in.Parent
	}
	return in, name
}

// storyUnderTitle returns the text block between the page's title and the
// next headline when the best block lies past that headline: the best
// block is then another story (a related or recommended article longer
// than a short main one), and the page's own story is the block under its
// title. best may hold the title as well, when the story and a feed of
// longer teasers after it share one column (a news brief): two linked
// headlines after the title, and more text after the first of them
// than before it, then say the feed is there. It returns nil
// when best follows the title with no headline between, or no block
// there carries sentences.
func (p *page) storyUnderTitle(title, best *html.Node) *html.Node {
	if title == nil || best == nil {
		return nil
	}
	// best holds the title too when the story and the feed after it
	// share one column (a brief above longer teasers): the feed then
	// shows two linked headlines or more after the title.
	around := p.contains(best, title)
	if !around && p.order.of(best) <= p.lastOf(title) {
		return nil
	}
	want := 1
	if around {
		want = 2
	}
	heads := p.linkedHeadlines(p.lastOf(title)+1, p.lastOf(best), want)
	if len(heads) < want {
		return nil
	}
	next := heads[0]
	if around && p.visibleBetween(p.lastOf(title), p.order.of(next)) >= p.visibleBetween(p.order.of(next)-1, p.lastOf(best)+1) {
		// The story outweighs what follows its first linked headline:
		// best is the story, the headlines are a list under it.
		return nil
	}
	if !around && p.contains(best, next) && countVisible(p.textBetween(p.order.of(best), p.order.of(next), nil)) > 20 {
		// A linked heading inside best's text, not the headline it opens with.
		return nil
	}
	return p.storyBlock(p.lastOf(title)+1, p.order.of(next), p.blockScore(best), func(n *html.Node) bool {
		return p.contains(n, next) || !around && p.contains(best, n)
	})
}

// visibleBetween counts the visible runes of the text outside furniture
// with lo < order < hi.
func (p *page) visibleBetween(lo, hi int) int {
	n := 0
	for _, vt := range p.textsBetween(lo, hi) {
		if p.under[vt.order]&underChrome == 0 {
			n += int(vt.vis)
		}
	}
	return n
}

// linkedHeadlines returns up to max headlines with document order in
// [lo, hi], in order: headings that link to another page, as the stories
// of a feed do (an article's own section headings link nowhere), and
// the linked lines over a summary (teaserHead) that feeds set without a
// heading tag.
func (p *page) linkedHeadlines(lo, hi, max int) []*html.Node {
	var out []*html.Node
	for o := lo; o <= hi && len(out) < max; o++ {
		n := p.byOrder(o)
		if n == nil || n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4:
			if s := p.rawOf(n); !p.inChrome(n) && s.text >= 6 && s.link*2 >= s.text {
				out = append(out, n)
			}
		case atom.Div, atom.P, atom.Dt:
			if p.teaserHead(o) {
				out = append(out, n)
				o = p.lastAt(o)
			}
		}
	}
	return out
}

// teaserHead reports whether the element at document order o is a
// teaser's headline set as a line of its own: text of a headline's
// length all inside one link, then, as the next element, a summary of
// sentences outside links. A line of several links is a bar of the
// page's controls (分享到微信 微博 打印) or a list, whatever its classes
// are called.
func (p *page) teaserHead(o int) bool {
	s := p.rawText[o]
	if s.text < 8 || s.text > 60 || s.link != s.text || p.under[o]&underChrome != 0 {
		return false
	}
	links := 0
	for i := o + 1; i <= p.lastAt(o); i++ {
		if n := p.all[i]; n.Type == html.ElementNode && n.DataAtom == atom.A && p.rawText[i].text > 0 {
			if links++; links > 1 {
				return false
			}
		}
	}
	next := p.all[o].NextSibling
	for next != nil && next.Type != html.ElementNode {
		next = next.NextSibling
	}
	if next == nil {
		return false
	}
	ns := p.rawOf(next)
	return ns.punctOut >= 2 && ns.link*10 < ns.text
}

// blockScore is the paragraph score of n discounted by its link density
// and weighed by its class words and tag.
func (p *page) blockScore(n *html.Node) float64 {
	s := p.statsOf(n)
	if s == nil {
		return 0
	}
	score := s.score * (1 - p.linkDensity(n))
	if p.hasWord(n, positiveWords) {
		score *= 1.25
	}
	switch n.DataAtom {
	case atom.Li, atom.Ul, atom.Ol, atom.Form, atom.Dl, atom.Dd, atom.Dt:
		score *= 0.7
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.Th:
		score *= 0.5
	}
	return score
}

// bodySiblings returns the siblings of the chosen body container that carry
// body text too (an article split over several blocks), in order.
func (p *page) bodySiblings(top *html.Node) []*html.Node {
	// A cell that is the whole of its table stands for the table.
	for top.DataAtom == atom.Td || top.DataAtom == atom.Tr || top.DataAtom == atom.Tbody {
		up := top.Parent
		ts, us := p.statsOf(top), p.statsOf(up)
		if up == nil || ts == nil || us == nil || us.text > ts.text+ts.text/50 {
			break
		}
		top = up
	}
	out := []*html.Node{top}
	if top.DataAtom == atom.Td {
		if cells := p.labelledCells(top); cells != nil {
			return cells
		}
	}
	if top.Parent == nil || top.DataAtom == atom.Body || top.DataAtom == atom.Td {
		return out
	}
	if items := p.listItems(top); items != nil {
		return items
	}
	ts := p.statsOf(top)
	if ts == nil {
		return out
	}
	if w := p.outerWrapper(top); w != top {
		// The body is a row of an editor's wrappers: so are the rows next
		// to it.
		out = append(out, p.editorRows(w)...)
	}
	out = append(out, p.continuation(top)...)
	if lead := p.leadBefore(top); lead != nil {
		out = append(out, lead)
	}
	for c := top.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == top || c.Type != html.ElementNode || p.chrome[c] || p.header[c] || slices.Contains(out, c) ||
			p.isSummaryBlock(c, top) || p.contains(c, p.comments) {
			continue
		}
		s := p.statsOf(c)
		if s == nil || p.linkDensity(c) > 0.25 {
			continue
		}
		if s.punct < 2 {
			continue
		}
		if s.score >= max(ts.score*0.2, 5) || (c.DataAtom == atom.P && s.text >= 60) {
			out = append(out, c)
		}
	}
	out = append(out, p.fragments(top, out)...)
	sort.Slice(out, func(i, j int) bool { return p.order.of(out[i]) < p.order.of(out[j]) })
	return p.withSubheadings(out)
}

// continuation returns the blocks right after the body that are plain text
// too (a data table closing the article): they continue it.
func (p *page) continuation(top *html.Node) []*html.Node {
	var out []*html.Node
	adjacent := true
	for c := top.NextSibling; c != nil && adjacent; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		s := p.statsOf(c)
		switch {
		case c.DataAtom == atom.Br || c.DataAtom == atom.Hr || s == nil:
		case p.contains(c, p.comments):
			adjacent = false
		case !p.chrome[c] && !p.header[c] && s.text >= 100 && p.linkDensity(c) < 0.1:
			out = append(out, c)
		default:
			adjacent = false
		}
	}
	return out
}

// leadBefore returns the lead paragraph right before the body, which news
// templates set apart in a block of its own ("essay__intro", "standfirst"):
// before the body, or before the wrappers that hold nothing but the body and
// boxes of links over it (the topics it touches: 本文涉及： and their links).
// It returns nil when the block before is not such a paragraph.
func (p *page) leadBefore(top *html.Node) *html.Node {
	outer := top
	for i := 0; i < 3; i++ {
		up := outer.Parent
		us := p.statsOf(up)
		if up == nil || us == nil || outerTag(up) || p.chrome[up] {
			break
		}
		if !p.onlyLinkBoxesBefore(outer) {
			break
		}
		outer = up
	}
	for c := outer.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type != html.ElementNode {
			continue
		}
		s := p.statsOf(c)
		if s == nil || s.text == 0 {
			continue
		}
		if !p.chrome[c] && !p.header[c] && s.punct >= 2 && s.text >= 30 && p.linkDensity(c) < 0.1 &&
			!p.isSummaryBlock(c, top) && !hasHeading(c) && (outer == top || !p.holdsMedia(p.order.of(c))) {
			if t := textOf(c); !isMetaLine(t) && !hasDate(t) {
				return c
			}
		}
		break
	}
	return nil
}

// labelledCells returns the cells of running text in the label/value
// table that holds cell: a government site's letter page (县长信箱,
// 留言板) sets the letter and the office's reply in cells labelled 信件内容
// and 答复内容, each row a label cell and its value. It returns nil when
// cell is not the value of a label, or no other value holds running text.
func (p *page) labelledCells(cell *html.Node) []*html.Node {
	label := func(c *html.Node) bool {
		t := trimSpace(textOf(c))
		return t != "" && runesAtMost(t, 10) && !strings.ContainsAny(t, "，。！？；") && p.linkDensity(c) == 0
	}
	// valueOf is the value of a labelled cell: the cell before it is a
	// label.
	valueOf := func(c *html.Node) bool {
		for pc := c.PrevSibling; pc != nil; pc = pc.PrevSibling {
			if isCell(pc) {
				return label(pc)
			}
		}
		return false
	}
	if !valueOf(cell) {
		return nil
	}
	tr := cell.Parent
	if tr == nil || tr.DataAtom != atom.Tr {
		return nil
	}
	table := tr.Parent
	if table != nil && table.DataAtom == atom.Tbody {
		table = table.Parent
	}
	if table == nil || table.DataAtom != atom.Table {
		return nil
	}
	var out []*html.Node
	var rows func(*html.Node)
	rows = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Tbody, atom.Thead, atom.Tfoot:
				rows(c)
			case atom.Tr:
				for v := c.FirstChild; v != nil; v = v.NextSibling {
					if !isCell(v) {
						continue
					}
					if v == cell {
						out = append(out, v)
						continue
					}
					s := p.statsOf(v)
					if s != nil && !p.chrome[v] && s.punct >= 2 && s.text >= 30 && p.linkDensity(v) < 0.1 && valueOf(v) {
						out = append(out, v)
					}
				}
			}
		}
	}
	rows(table)
	if len(out) < 2 {
		return nil
	}
	return out
}

// outerTag reports whether n is <body> or <html>.
func outerTag(n *html.Node) bool { return n.DataAtom == atom.Body || n.DataAtom == atom.Html }

// onlyLinkBoxesBefore reports whether every element sibling before n
// that holds text is a box of links: more than half its text inside
// links and no punctuation outside them but a label's colon (本文涉及：,
// the topics' links after it; "Tags:").
func (p *page) onlyLinkBoxesBefore(n *html.Node) bool {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		s := p.statsOf(c)
		if c.Type != html.ElementNode || s == nil || s.text == 0 {
			continue
		}
		if s.punct > 1 || s.link*2 <= s.text {
			return false
		}
	}
	return true
}

// outerWrapper returns the outermost of the anonymous <section> and <div>
// wrappers (no id, no class) around top that hold nothing but top's text. Editors nest a run
// of paragraphs in several <section>s (WeChat's, 135编辑器's, 秀米's), so
// an article made with them is a row of such wrappers under its
// container: the body's siblings are the outer wrapper's. A named
// element is a boundary of the page's layout, and the climb stops below
// it.
func (p *page) outerWrapper(top *html.Node) *html.Node {
	ts := p.statsOf(top)
	for up := top.Parent; up != nil && ts != nil; up = up.Parent {
		if !wrapperTag(up) || p.chrome[up] || !anonymous(up) {
			break
		}
		us := p.statsOf(up)
		if us == nil || us.text > ts.text+ts.text/50 {
			break
		}
		top = up
	}
	return top
}

// editorRows returns the rows of an editor's article around row top: the
// paragraphs and anonymous wrappers of sentences before and after it, up
// to the first named block with text (a box of the page's template set
// into the article: what follows it is left as before), furniture, or a
// list of links. Short rows without a sentence (subheadings, captions)
// neither count nor stop the run; withSubheadings takes those between
// rows. A run that fills its anonymous parent is one row of a longer run
// around the parent (editors nest runs too), which is taken the same way.
func (p *page) editorRows(top *html.Node) []*html.Node {
	var out []*html.Node
	for row := top; ; {
		rows, whole := p.rowsAround(row)
		out = append(out, rows...)
		up := row.Parent
		if !whole || up == nil || !wrapperTag(up) || p.chrome[up] || !anonymous(up) {
			return out
		}
		row = p.outerWrapper(up)
	}
}

// rowsAround is one level of editorRows: the rows beside row, and whether
// the run reaches both ends of their parent.
func (p *page) rowsAround(row *html.Node) (rows []*html.Node, whole bool) {
	whole = true
	for _, next := range []func(*html.Node) *html.Node{
		func(n *html.Node) *html.Node { return n.NextSibling },
		func(n *html.Node) *html.Node { return n.PrevSibling },
	} {
		for c := next(row); c != nil; c = next(c) {
			if c.Type != html.ElementNode {
				continue
			}
			s := p.statsOf(c)
			if s == nil || s.text == 0 {
				continue
			}
			if !(c.DataAtom == atom.P || wrapperTag(c) && anonymous(c)) || p.chrome[c] || p.header[c] || p.linkDensity(c) > 0.25 {
				whole = false
				break
			}
			if s.punct >= 1 && s.text >= 10 {
				rows = append(rows, c)
			}
		}
	}
	return rows, whole
}

// wrapperTag reports whether n is an element editors wrap rows in:
// <section> or <div>. A table's cells are the page's layout (handled by
// bodySiblings), not an editor's rows.
func wrapperTag(n *html.Node) bool { return n.DataAtom == atom.Section || n.DataAtom == atom.Div }

// anonymous reports whether n has neither id nor class.
func anonymous(n *html.Node) bool { return attr(n, "id") == "" && attr(n, "class") == "" }

// withSubheadings adds to the blocks of a body split over siblings the
// short blocks between two of them that read as its subheadings ("二、
// 文化惠民点亮乡村生活"): a line with no link, in no furniture, between
// body blocks of one parent.
func (p *page) withSubheadings(parts []*html.Node) []*html.Node {
	if len(parts) < 2 {
		return parts
	}
	in := make(map[*html.Node]bool, len(parts))
	for _, n := range parts {
		in[n] = true
	}
	var add []*html.Node
	for i := 0; i+1 < len(parts); i++ {
		a, b := parts[i], parts[i+1]
		if a.Parent != b.Parent || a.Parent == nil {
			continue
		}
		for c := a.NextSibling; c != nil && c != b; c = c.NextSibling {
			if c.Type != html.ElementNode || in[c] || p.chrome[c] || p.header[c] {
				continue
			}
			s := p.statsOf(c)
			if s == nil || s.text == 0 || s.text > 40 || s.link > 0 {
				continue
			}
			if t := textOf(c); isMetaLine(t) || hasDate(t) {
				continue
			}
			add = append(add, c)
		}
	}
	if len(add) == 0 {
		return parts
	}
	parts = append(parts, add...)
	sort.Slice(parts, func(i, j int) bool { return p.order.of(parts[i]) < p.order.of(parts[j]) })
	return parts
}

// hasHeading reports whether n is or holds a heading element.
func hasHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && hasHeading(c) {
			return true
		}
	}
	return false
}

// hasDate reports whether text carries a date.
func hasDate(text string) bool {
	_, _, ok := ParseDate(text)
	return ok
}

// fragments returns the other fragments of an article whose text is split
// into blocks of one class, each in a wrapper of its own between figures
// and ads: the blocks with top's tag and class below its ancestor five
// levels up (or the last below <body>), outside furniture.
func (p *page) fragments(top *html.Node, have []*html.Node) []*html.Node {
	class := strings.TrimSpace(attr(top, "class"))
	if class == "" {
		return nil
	}
	switch top.DataAtom {
	case atom.Div, atom.Section, atom.P:
	default:
		// Tables, list items and <article>s of one class are records or
		// posts of a thread, not fragments of one text.
		return nil
	}
	same := func(n *html.Node) bool {
		return n != top && n.Type == html.ElementNode && n.DataAtom == top.DataAtom && strings.TrimSpace(attr(n, "class")) == class
	}
	// The scope is the ancestor five levels up, or the last one below
	// <body> or furniture.
	var scope *html.Node
	for anc, level := top.Parent, 0; anc != nil && level < 5; anc, level = anc.Parent, level+1 {
		if anc.DataAtom == atom.Body || anc.DataAtom == atom.Html || p.chrome[anc] {
			break
		}
		scope = anc
	}
	if scope == nil {
		return nil
	}
	var found []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || p.chrome[c] || p.header[c] || isSkipTag(c.DataAtom) {
				continue
			}
			if same(c) {
				// A block of the body's own class may close with a line of
				// links (the outlet's accounts, "read more"): only a block
				// that is mostly links is not text.
				if s := p.statsOf(c); s != nil && s.punct >= 2 && p.linkDensity(c) < 0.5 && !slices.Contains(have, c) {
					found = append(found, c)
				}
				continue
			}
			if c != top {
				walk(c)
			}
		}
	}
	walk(scope)
	return found
}

// listItems returns the items of a list article (a listicle: numbered
// products, tips, photos with their text) when top lies in one of them:
// an ancestor of top, one to five levels up and below the page's outer
// containers, whose tag and class at least two of its siblings share,
// three or more of them with sentences of their own (siblings of top's
// own class are fragments of one text: see fragments). Each item scores
// alone, so the best block is one item (or a part of one), not the list.
// It returns the items in order, the one holding top included, or nil.
func (p *page) listItems(top *html.Node) []*html.Node {
	// Blocks of top's own class are fragments of one text (fragments).
	item := top.Parent
	for i := 1; i < 6 && item != nil && item.Parent != nil; i, item = i+1, item.Parent {
		if outerTag(item) || outer(item) || p.chrome[item] {
			return nil
		}
		class := strings.TrimSpace(attr(item, "class"))
		if class == "" {
			continue
		}
		var items []*html.Node
		same := 0
		var shown *html.Node
		for c := item.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != item.DataAtom {
				continue
			}
			if cc := strings.TrimSpace(attr(c, "class")); cc != class {
				if stateOf(cc, class) || stateOf(class, cc) {
					same++
					if stateOf(cc, class) {
						shown = c
					} else {
						shown = item
					}
				}
				continue
			}
			same++
			if s := p.statsOf(c); c == item || s != nil && !p.chrome[c] && s.punct >= 2 && p.linkDensity(c) < 0.5 {
				items = append(items, c)
			}
		}
		if same >= 3 && shown != nil {
			// A slideshow: the page shows the slide its class marks.
			return []*html.Node{shown}
		}
		if same >= 3 && len(items) >= 3 {
			return items
		}
	}
	return nil
}

// stateWords mark the one item of a slideshow or tab set shown.
var stateWords = map[string]bool{"active": true, "is-active": true, "current": true, "is-current": true, "selected": true, "is-selected": true}

// stateOf reports whether class value a is class value b with one state
// word added ("slide active" to "slide").
func stateOf(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) != len(fb)+1 {
		return false
	}
	extra := ""
	for _, f := range fa {
		if !slices.Contains(fb, f) {
			if extra != "" {
				return false
			}
			extra = f
		}
	}
	return stateWords[strings.ToLower(extra)]
}

// pruneSkip says which elements inside the body container are dropped:
// page furniture, link lists with hardly any sentence text, and a
// prompt to read on elsewhere closing the text (closingPrompt).
func (p *page) pruneSkip(top *html.Node, extra map[*html.Node]bool) func(*html.Node) bool {
	controls := p.controlsUnder(top)
	return func(n *html.Node) bool {
		if n == top {
			return false
		}
		if extra[n] || p.chrome[n] {
			return true
		}
		if len(controls) > 0 && p.widget(n, controls) {
			return true
		}
		if (n.DataAtom == atom.P || n.DataAtom == atom.Div) && p.closingPromptLine(n, top) {
			return true
		}
		switch n.DataAtom {
		case atom.A:
			return p.closingPrompt(n, top)
		case atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Div, atom.Section:
			s := p.statsOf(n)
			if s != nil && s.text > 0 && p.linkDensity(n) > 0.5 && s.punct < 3 && !p.introducedList(n) && !docList(n) {
				return true
			}
		}
		switch n.DataAtom {
		case atom.Div, atom.Section, atom.Article, atom.Li, atom.Aside:
			return p.teaserCard(n) || p.adWithLabel(n)
		}
		return false
	}
}

// controlRoles are the ARIA roles of form controls and of the widgets
// made of them.
var controlRoles = map[string]bool{
	"button": true, "checkbox": true, "radio": true, "radiogroup": true, "switch": true, "slider": true,
	"spinbutton": true, "combobox": true, "listbox": true, "option": true, "searchbox": true, "textbox": true,
	"menuitem": true, "menuitemcheckbox": true, "menuitemradio": true, "toolbar": true,
}

// isControl reports whether n is a form control, or an element in the
// role of one ("<span role=button>转播到微博</span>"). A hidden input is
// none: it carries a form's state, not a control a reader sees.
func isControl(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Button, atom.Select, atom.Textarea:
		return true
	case atom.Input:
		return !strings.EqualFold(attr(n, "type"), "hidden")
	}
	for _, a := range n.Attr {
		if a.Key == "role" {
			return controlRoles[a.Val] || controlRoles[strings.ToLower(strings.TrimSpace(a.Val))]
		}
	}
	return false
}

// controlsUnder returns the document orders of the controls below top
// (see isControl), in order: a part of the page's controls, found once.
func (p *page) controlsUnder(top *html.Node) []int {
	o, ok := p.order.lookup(top)
	if !ok {
		return nil
	}
	if !p.controlsFound {
		p.controlsFound = true
		for d, c := range p.all {
			if c.Type == html.ElementNode && isControl(c) {
				p.controls = append(p.controls, d)
			}
		}
	}
	i := sort.SearchInts(p.controls, o+1)
	j := sort.SearchInts(p.controls, p.lastAt(o)+1)
	return p.controls[i:j]
}

// maxWidgetRunes bounds the text of a widget: a share bar's or a poll's
// labels and its question.
const maxWidgetRunes = 100

// widget reports whether n is made for a reader to act on, not to read:
// a control itself (its text is a label), or a block holding controls
// (controls lists them by document order) and no running text — a share
// bar of buttons, a poll's question and choices — with at most one
// sentence and maxWidgetRunes runes of text.
func (p *page) widget(n *html.Node, controls []int) bool {
	if isControl(n) {
		return true
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Figure, atom.Figcaption:
		return false
	}
	if isInlineTag(n.DataAtom) && n.DataAtom != atom.Span && n.DataAtom != atom.Label {
		return false
	}
	o, ok := p.order.lookup(n)
	if !ok {
		return false
	}
	// Two controls or more: a caption or a heading with one button
	// (to enlarge a picture, to copy a link) is text.
	i := sort.SearchInts(controls, o+1)
	if i+1 >= len(controls) || controls[i+1] > p.lastAt(o) {
		return false
	}
	r := p.rawText[o]
	if r.text > maxWidgetRunes || r.punct >= 3 || p.holdsPicture(o) || p.inFormToFill(n) {
		return false
	}
	return sentenceEnds(textOfN(n, 4*maxWidgetRunes)) <= 1
}

// holdsPicture reports whether the element at document order o holds a
// picture: with its buttons (enlarge, share) and its caption it is a
// figure, not a widget.
func (p *page) holdsPicture(o int) bool {
	for d := o + 1; d <= p.lastAt(o); d++ {
		if c := p.all[d]; c.DataAtom == atom.Img || c.DataAtom == atom.Picture {
			return true
		}
	}
	return false
}

// inFormToFill reports whether n is in (or is) a form with a field to
// type in (a login, a comment box): such a form is left to the
// furniture rules, whose words name it, choices and buttons included.
func (p *page) inFormToFill(n *html.Node) bool {
	for f := n; f != nil; f = f.Parent {
		if f.DataAtom != atom.Form {
			continue
		}
		o, ok := p.order.lookup(f)
		if !ok {
			return false
		}
		for d := o + 1; d <= p.lastAt(o); d++ {
			if c := p.all[d]; c.DataAtom == atom.Textarea || c.DataAtom == atom.Input && textEntry(attr(c, "type")) {
				return true
			}
		}
		return false
	}
	return false
}

// textEntry reports whether an input of this type takes typed text.
func textEntry(typ string) bool {
	switch strings.ToLower(strings.TrimSpace(typ)) {
	case "", "text", "password", "email", "search", "tel", "url", "number":
		return true
	}
	return false
}

// sentenceEnds counts the marks that end a sentence in s.
func sentenceEnds(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case '。', '！', '？', '.', '!', '?':
			n++
		}
	}
	return n
}

// adWords mark advertising slots in class and id names ("div-gpt-ad-…",
// "inline-adv").
var adWords = newWordSet(map[string]bool{
	"ad": true, "ads": true, "adv": true, "advert": true, "advertisement": true, "advertising": true,
	"gpt": true, "sponsor": true, "sponsored": true, "guanggao": true,
})

// adWithLabel reports whether n is an advertising slot with its label: a
// block whose text is a short line and no sentence ("SCROLL TO CONTINUE
// WITH CONTENT", "Haberin Devamı") around an element named an ad.
func (p *page) adWithLabel(n *html.Node) bool {
	o, ok := p.order.lookup(n)
	if !ok {
		return false
	}
	if r := p.rawText[o]; r.text == 0 || r.text > 40 || r.punct > 0 {
		return false
	}
	for d := o + 1; d <= p.lastAt(o); d++ {
		if p.all[d].Type == html.ElementNode && len(p.all[d].Attr) > 0 && p.hasWordAt(d, adWords) {
			return true
		}
	}
	return false
}

// teaserCard reports whether n is the card of another story set into
// the body: a picture and a heading that links to the story open it, and
// it holds little more than that headline (a teaser sentence). An
// article's own subheadings link nowhere, and a section of it holds more
// text than a teaser.
func (p *page) teaserCard(n *html.Node) bool {
	o, ok := p.order.lookup(n)
	if !ok {
		return false
	}
	heading := -1
	picture := false
	for d := o + 1; d <= p.lastAt(o); d++ {
		c := p.all[d]
		if t := p.textAt[d]; t > 0 && heading < 0 {
			return false // text before the heading
		}
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Img, atom.Picture:
			picture = true
		case atom.H1, atom.H2, atom.H3, atom.H4:
			if heading < 0 {
				heading = d
			}
		}
	}
	if heading < 0 || !picture {
		return false
	}
	h, s := p.rawText[heading], p.rawText[o]
	return h.text >= 6 && h.link*10 >= h.text*9 && s.text-h.text <= 200
}

// boilerLine matches lines of page furniture that sit inside body
// containers: print/close links, share bars (分享到：…; the label left
// bare where the buttons are pictures, 分享：, is bareShareLabel's),
// previous/next links. The
// page's controls may be text, not links (spans a script answers:
// [打印本页] [关闭窗口], 收藏本文　打印本文　关闭窗口), in square brackets too,
// and a picture's control to enlarge it (点击查看大图, 查看原图).
// It is matched on simplified text (traditional.go), with the words of
// Taiwan's and Hong Kong's templates that differ (列印, 关闭视窗 for
// 關閉視窗, 回到顶部, 上一则, 字级).
var boilerLine = regexp.MustCompile(`^(?:[【\[]?(?:` + strings.Join(pageControls, "|") + `)[】\]]?[\s\x{3000}\x{a0}]*)+$|^(?:上一篇|下一篇|上一条|下一条|上一则|下一则|分享到|扫一扫|字号|字级|【字体|【字号|\[字体|\[字号|字体[:：])|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|^[<«]*\s*上一页\s*\|?\s*下一页\s*[>»]*$`)

// readingLine matches a line of a government template's reading
// controls, the colours that spare the eyes before the font sizes
// (视力保护色：　字号：大 中 小), and the pager of an article in pages set as
// a line of text and links (共2页: 上一页 1 2 下一页), also one that says
// which page this is, alone or before its links (第1页 共3页, 共3页
// 当前第1页 下一页 尾页, 当前第1/3页), which boilerLine leaves to it
// (readingControls): its few lines need not cost every other line a
// longer pattern.
var readingLine = regexp.MustCompile(`^【?视力保护色|^共\s*\d+\s*页[:：]?(?:\s*(?:首页|上一页|下一页|尾页|末页|\d+))+\s*$|^(?:(?:当前)?第\s*\d+\s*页[\s,，/]*共\s*\d+\s*页|共\s*\d+\s*页[\s,，]*(?:当前)?第\s*\d+\s*页|当前第\s*\d+\s*/\s*\d+\s*页)(?:\s*(?:首页|上一页|下一页|尾页|末页|\d+))*\s*$`)

// readingControls reports whether l is a line readingLine matches.
func readingControls(l string) bool {
	if l == "" || l[0] != 0xe5 && l[0] != 0xe8 && l[0] != 0xe3 && l[0] != 0xe7 {
		return false // the first byte of none of 共, 当, 當, 视, 第 and 【: most lines
	}
	return (strings.HasPrefix(l, "共") || strings.HasPrefix(l, "第") || strings.HasPrefix(l, "当前第") || strings.HasPrefix(l, "當前第") ||
		strings.HasPrefix(l, "视力保护色") || strings.HasPrefix(l, "【视力保护色")) &&
		runesAtMost(l, 80) && readingLine.MatchString(simplified(l)) // 第1頁 共3頁
}

// pageControls are the words of a line of the page's controls, one or
// more in brackets or set apart (boilerLine, controlLine).
var pageControls = []string{
	"打印", "打印本页", "打印本文", "打印文章", "打印此页", "列印", "友善列印", "关闭", "关闭窗口", "关闭本页", "关闭视窗",
	"返回顶部", "回到顶部", "返回", "收藏", "收藏本文", "收藏本页", "加入收藏", "分享", "纠错", "我要纠错",
	"点击查看大图", "点击查看原图", "查看大图", "查看原图", "点击放大", "点击图片放大", "点击图片查看大图",
}

// bareShareLabel reports whether l is a share bar's label left alone
// where its buttons are pictures: 分享：, 分享至：, 分享本文：.
func bareShareLabel(l string) bool {
	rest, ok := strings.CutPrefix(l, "分享")
	if !ok {
		return false
	}
	for _, w := range []string{"至", "本文", "文章"} {
		if r, ok := strings.CutPrefix(rest, w); ok {
			rest = r
			break
		}
	}
	rest = strings.TrimFunc(rest, isSpace)
	return rest == ":" || rest == "："
}

// mayBeBoiler reports whether l starts the way every boilerLine match
// does, so that most lines skip the regular expression. (A line of
// furniture is short: "上一篇长文：…" opening a paragraph is text.)
func mayBeBoiler(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	return strings.ContainsRune("【[打关返收分纠我上下扫字第加<«列友關回点查", r)
}

// controlWords are the words of a line of the page's controls that
// controlLine reads: pageControls, and those boilerLine leaves to it —
// an audio player's control to hear the text read out (点击收听, 语音播报),
// a self-media platform's control to report the article (举报), and
// the controls of templates set as text in brackets with spaces inside
// ([ 打印 ] [ 关闭 ]) or worded otherwise (【返回列表】, 【我要打印】,
// 【打印此文】【关闭此页】), a gallery's (<<上一张 下一张>>), and a
// government template's switch to its accessible or phone view
// (【无障碍阅读】, 手机看).
var controlWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range pageControls {
		m[w] = true
	}
	for _, w := range []string{"点击收听", "收听本文", "听全文", "听新闻", "语音播报", "点击播放", "举报",
		"返回列表", "我要打印", "打印此文", "打印此文章", "关闭此页", "关闭本窗口",
		// The controls that invite a comment or pass the page on
		// (发表评论, 我来说两句, 告诉好友).
		"发表评论", "我要评论", "我来说两句", "查看评论", "推荐", "推荐给朋友", "推荐给好友", "告诉好友",
		// A gallery's controls set as text (<<上一张 下一张>>).
		"上一张", "下一张", "点击图片进入下一页", "点击图片查看下一张",
		// A template's switch to its accessible or phone view.
		"无障碍阅读", "无障碍浏览", "无障碍", "手机看", "手机阅读", "手机浏览", "手机版"} {
		m[w] = true
	}
	return m
}()

// maxControlLine bounds the bytes of a line of controls controlLine
// reads: four bracketed words of four runes and their spaces.
const maxControlLine = 4 * (6*3 + 3)

// controlFirsts are the first runes of controlWords; maxControlWord is
// the bytes of the longest.
var controlFirsts, maxControlWord = func() (map[rune]bool, int) {
	m, longest := map[rune]bool{}, 0
	for w := range controlWords {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = true
		longest = max(longest, len(w))
	}
	return m, longest
}()

// controlLine reports whether l is a line of the page's controls only:
// words of controlWords, each in brackets (【】, [], <<>>) or set apart by
// white space or bars (【点击收听】, [ 打印 ] [ 关闭 ], 举报).
func controlLine(l string) bool {
	if l == "" || len(l) > maxControlLine {
		return false
	}
	n := 0
	for i := 0; i < len(l); {
		r, size := utf8.DecodeRuneInString(l[i:])
		if controlBreak(r) {
			i += size
			continue
		}
		if !controlFirsts[r] {
			return false // most lines: a rune no control opens
		}
		end := i + size
		for end < len(l) {
			r, size := utf8.DecodeRuneInString(l[end:])
			if controlBreak(r) {
				break
			}
			end += size
		}
		if end-i > maxControlWord || !controlWords[l[i:end]] {
			return false
		}
		n++
		i = end
	}
	return n > 0
}

// controlBreak reports whether r parts the words of a line of controls.
func controlBreak(r rune) bool {
	switch r {
	case '【', '】', '[', ']', '|', '｜', '<', '>', '«', '»':
		return true
	}
	return isSpace(r)
}

// adLabels are the labels of advertising slots, in the languages of the
// corpora: a line that says only this marks an ad set into the body.
var adLabels = map[string]bool{
	"advertisement": true, "advertising": true, "sponsored": true, "ad": true, "anzeige": true, "werbung": true,
	"publicité": true, "publicidad": true, "pubblicità": true, "reklama": true, "reklam": true, "реклама": true,
	"広告": true, "광고": true, "广告": true, "廣告": true,
}

// adLabelFirsts are the first runes of adLabels.
var adLabelFirsts = func() map[rune]bool {
	m := map[rune]bool{}
	for l := range adLabels {
		r, _ := utf8.DecodeRuneInString(l)
		m[r] = true
	}
	return m
}()

// isAdLabel reports whether a line is only an advertising slot's label.
// Lower case is taken rune by rune: a line whose first rune, lowered,
// opens no label is none, and most short lines of a body are not lowered
// whole to find so.
func isAdLabel(l string) bool {
	if !runesAtMost(l, 16) {
		return false
	}
	t := trimSpace(l)
	if r, _ := utf8.DecodeRuneInString(t); !adLabelFirsts[unicode.ToLower(r)] {
		return false
	}
	return adLabels[strings.ToLower(t)]
}

// editorLine matches a line that only names the responsible editor, or
// only labels one: a template's editor field the page fills by script
// ("责任编辑：" and an empty span). Its brackets may be an official
// text's too (〔责任编辑：张三〕).
var editorLine = regexp.MustCompile(`^[（(【\[〔〖［]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*([^）)】\]〕〗］]{0,20}?)\s*[）)】\]〕〗］]?$`)

// mayBeEditorLine reports whether l starts the way every editorLine match
// does: an optional bracket, ASCII white space, then 责任编辑, 责编 or 编辑.
// The pattern is anchored, but the regexp package's backtracker clears
// state in proportion to the line before it fails on a paragraph that
// merely holds 编.
func mayBeEditorLine(l string) bool {
	for _, b := range []string{"（", "(", "【", "[", "〔", "〖", "［"} {
		if rest, ok := strings.CutPrefix(l, b); ok && startsWithEditorLabel(rest) {
			return true
		}
	}
	return startsWithEditorLabel(l)
}

// spacedEditorLine reads l as an editor's line whose label a space
// sets apart from the name, no colon ("责任编辑 张三", "（责编　李娜）"):
// the name must be a Chinese name (chineseName), a sentence that opens
// with the words is none.
func spacedEditorLine(l string) (string, bool) {
	f := strings.Trim(fold(l), " （）()【】[]〔〕〖〗")
	for _, lb := range []string{"责任编辑", "责编", "编辑"} {
		rest, ok := strings.CutPrefix(f, lb+" ")
		if !ok {
			continue
		}
		if name := trimSpace(rest); chineseName(name) {
			return name, true
		}
		return "", false
	}
	return "", false
}

// startsWithEditorLabel reports whether l, past ASCII white space (\s),
// starts with one of editorLine's labels.
func startsWithEditorLabel(l string) bool {
	l = strings.TrimLeft(l, "\t\n\f\r ")
	return strings.HasPrefix(l, "责任编辑") || strings.HasPrefix(l, "责编") || strings.HasPrefix(l, "编辑")
}

// cleanBody drops furniture lines, the title and the leading meta line
// from body text, and returns the editor named on an editor-only line.
// Among the body's last three lines it drops a labelled meta line as
// well ("来源：新华网", "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)"),
// never a bare date: that one signs a notice under its issuer; and a
// blog post's trackback line.
func cleanBody(text, title string) (body, editor string) {
	lines := dropPrompts(dropReaderChrome(strings.Split(text, "\n")))
	out := lines[:0]
	skip := -1 // the second line of a title broken in two
	for i, l := range lines {
		if i == skip || mayBeBoiler(l) && runesAtMost(l, 80) && (boilerLine.MatchString(simplified(l)) || bareShareLabel(l)) || isAdLabel(l) || controlLine(l) || controlBar(l) || readingControls(l) {
			continue
		}
		if mayBeEditorLine(l) {
			if v, ok := spacedEditorLine(l); ok {
				if editor == "" {
					editor = v // "责任编辑 张三"
				}
				continue
			}
			if m := editorLine.FindStringSubmatch(l); m != nil {
				v := trimSpace(m[1])
				if ed, ok := credits(l); ok {
					v = ed // "编辑：赵敏　审核：陈刚": the editor's names only
				}
				if editor == "" && v != "" {
					editor = v
				}
				continue
			}
		}
		if i < 4 && len(out) == 0 && title != "" && (strings.EqualFold(l, title) || taggedTitle(l, title)) {
			continue
		}
		if i < 4 && len(out) == 0 && brokenTitle(lines, i, title) {
			// The heading broken over two lines (<h1>…<br>…</h1>):
			// this line and the next are the title.
			skip = i + 1
			continue
		}
		if len(out) < 3 && isMetaLine(l) || len(out) == 0 && timeStampLine(l) || i >= len(lines)-3 && (isMetaLine(l) && !bareDate(fold(l)) || isTrackbackLine(l) || postStampLine(l) || likeBump(l) || isCountLine(l) || countsBar(l)) {
			continue
		}
		if (len(out) < 3 || i >= len(lines)-3) && (isMonthDateLine(l) || editStamp(l)) || i >= len(lines)-promptEdge && pageLinkLine(l) {
			continue
		}
		out = append(out, l)
	}
	out, editor = dropCredits(dropEndMarks(dropClosingBoxes(out)), editor)
	return strings.Join(dropContributionCall(dropRightsNotice(dropSiteNotice(out))), "\n"), editor
}

// taggedTitle reports whether l is the title with a tag on the copy
// glued before or after it (<h2><span>原创</span>标题</h2> reads
// "原创标题"), as a gallery's info box heads its caption.
func taggedTitle(l, title string) bool {
	if len(l) <= len(title) {
		return false
	}
	if tag, ok := strings.CutSuffix(l, title); ok {
		return copyTag(trimSpace(tag))
	}
	if tag, ok := strings.CutPrefix(l, title); ok {
		return copyTag(trimSpace(tag))
	}
	return false
}

// likeBump reports whether l is what a like button shows when pressed,
// "+1", a line of its own under the text (<div class="zan-i">+1</div>):
// cleanBody drops it among the body's last lines.
func likeBump(l string) bool {
	switch trimSpace(l) {
	case "+1", "+ 1", "＋1":
		return true
	}
	return false
}

// brokenTitle reports whether lines i and i+1 are title broken in two.
func brokenTitle(lines []string, i int, title string) bool {
	l := lines[i]
	return l != "" && i+1 < len(lines) && len(l) < len(title) && strings.HasPrefix(title, l) && title[len(l):] == lines[i+1]
}

// isTrackbackLine reports whether l is a blog post's trackback line: a
// short line, no sentence, that names the post's trackback address
// ("Trackback: http://…", "本文通告引用(Trackback)链接: /wp-trackback.php?p=1",
// "引用通告地址：…"). cleanBody drops it among the body's last lines.
func isTrackbackLine(l string) bool {
	if !runesAtMost(l, 120) || containsAnyRune(l, "。！？") {
		return false
	}
	if strings.Contains(l, "引用通告") {
		return true
	}
	for i := 0; i+len("trackback") <= len(l); i++ {
		if (l[i] == 'T' || l[i] == 't') && strings.EqualFold(l[i:i+len("trackback")], "trackback") {
			return true
		}
	}
	return false
}

// monthDate matches a date written with an English month name ("May 9,
// 2024", "10 May 2024", "Fri, May 10, 2024", the day an ordinal as
// ParseDate reads it: "September 10th, 2005", "3rd of May 2024").
var monthDate = regexp.MustCompile(`(?:\b|` + monthDateLabels + `)(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?,? \d{4})\b`)

// isMonthDateLine reports whether l is the dateline of an article in an
// alphabetic script: a short line with a date by month name ("Posted
// Fri, May 10, 2024 at 2:52 pm PT", "by A. Writer  May 14, 2024", "10 May
// 2024") and no sentence. cleanBody drops it where a byline stands: among
// the body's first or last lines.
func isMonthDateLine(l string) bool {
	if !runesAtMost(l, 100) || strings.HasSuffix(l, ".") || strings.Contains(l, ". ") {
		return false
	}
	for _, m := range []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"} {
		if strings.Contains(l, m) {
			return monthDate.MatchString(collapseSpace(l))
		}
	}
	return false
}

// metaLabels are the labels of a date/source line; one counts when a colon
// follows it within five runes (the pattern
// (?:来源|作者|…)[^:：]{0,4}[:：] written as a scan).
var metaLabels = []string{
	"来源", "作者", "发布", "发表", "浏览", "阅读", "点击", "时间", "日期", "编辑", "字号",
	"來源", "發布", "發佈", "發表", "瀏覽", "閱讀", "點擊", "點閱", "時間", "編輯", "字號",
}

// hasMetaLabel reports whether f holds a meta label with a colon (: or
// ：) among the five runes after it.
func hasMetaLabel(f string) bool {
	found := false
	metaColons(f, func(int) bool { found = true; return false })
	return found
}

// metaFields counts the fields of an info line in f: the colons that
// follow a meta label within five runes, each once ("发布时间：" holds
// two labels and one field).
func metaFields(f string) int {
	var at []int
	metaColons(f, func(i int) bool {
		if !slices.Contains(at, i) {
			at = append(at, i)
		}
		return true
	})
	return len(at)
}

// metaColons calls fn with the byte offset in f of each colon (: or ：)
// that a meta label precedes by at most five runes, label by label, until
// fn returns false.
func metaColons(f string, fn func(at int) bool) {
	for _, l := range metaLabels {
		for off := 0; ; {
			i := strings.Index(f[off:], l)
			if i < 0 {
				break
			}
			off += i + len(l)
			n := 0
			for j, r := range f[off:] {
				if r == ':' || r == '：' {
					if !fn(off + j) {
						return
					}
					break
				}
				if n++; n == 5 {
					break
				}
			}
		}
	}
}

// infoFieldsLine reports whether the text t is an info line of several
// labelled fields ("信息来源：县应急管理局　作者：张伟　发布时间：…　浏览次数：
// 1234"), not a sentence: no full stop, and two fields or more. Long and
// full of colons, it counts as running text by its marks.
func infoFieldsLine(t string) bool {
	return !strings.ContainsAny(t, "。！？") && metaFields(fold(t)) >= 2
}

// bareDate reports whether f is a bare date: only ASCII digits, white
// space, 年月日, colons, '/', '.' and '-' (the pattern
// ^[\d\s年月日:：/.\-]+$ written as a scan).
func bareDate(f string) bool {
	if f == "" {
		return false
	}
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9', r == ' ', r == '\t', r == '\n', r == '\f', r == '\r',
			r == '年', r == '月', r == '日', r == ':', r == '：', r == '/', r == '.', r == '-':
		default:
			return false
		}
	}
	return true
}

// postedAtLine reports whether the folded line f opens with the label of
// a post's time without a colon ("发表于 2023-4-15 21:06", a forum
// post's header line).
func postedAtLine(f string) bool {
	for _, l := range []string{"发表于", "發表於", "发布于", "發佈於", "发表时间", "發表時間"} {
		if strings.HasPrefix(f, l) {
			return true
		}
	}
	return false
}

// isMetaLine reports whether a short line is a date/source line such as
// "发布时间：2023-03-22 来源：本站" or a bare date; a longer one (up to 200
// runes) when it is a line of labelled fields (infoFieldsLine: source,
// time, views, editor, the font size and print buttons). A sentence that
// merely starts with a date ("2015年10月8日，上海市开展了……") is body text.
func isMetaLine(l string) bool {
	if !runesAtMost(l, 200) || containsAnyRune(l, "。！？；，") || !runesAtMost(l, 100) && !infoFieldsLine(l) {
		return false
	}
	f := fold(l)
	if bareDate(f) {
		_, _, ok := ParseDate(l)
		return ok
	}
	source := sourceLine(strings.TrimLeft(f, "【[(（ ")) && runeLen(l) < 30 // "来源：新华社", "【来源：江城日报】", "（本文来源：新京报）", "文章转载自：…"
	if !hasMetaLabel(f) && !postedAtLine(f) && !source {
		return false
	}
	if _, _, ok := ParseDate(l); ok {
		return true
	}
	if _, _, _, ok := labeledShortYearDate(f); ok {
		return true // "发布时间：24-06-12 09:30　来源：…"
	}
	if strings.IndexByte(f, '-') >= 0 && yearlessLabelDashRe.MatchString(f) {
		return true // "发布时间：03-05　发布人：德育处"
	}
	return strings.Contains(f, "来源:") && strings.Contains(f, "作者:") || source
}

// sourceLine reports whether f (folded) opens with a source's label and
// its colon: "来源:", "稿件来源:", "本文来源:".
func sourceLine(f string) bool {
	for _, lb := range sourceLabels {
		if rest, ok := strings.CutPrefix(f, lb); ok && strings.HasPrefix(strings.TrimLeft(rest, " "), ":") {
			return true
		}
	}
	return false
}

// elsewhereWords are what the text of a link to an article's text on
// another site says (besides the URL itself).
var elsewhereWords = []string{"原文", "阅读全文", "查看全文", "点击阅读", "点击查看", "详见", "详情请", "链接"}

// textElsewhere finds, among the first elements after the title (page
// furniture left out), the link or frame to the article's text on another
// site: an <iframe> whose page is on another host, or a link to another
// host whose text is its URL or says so (阅读原文, 原文链接, 详见 …) — a
// county site's repost of a WeChat article as a link or a frame. It
// returns the URL, the words of the line that holds it, and the text
// between the title and it (the info line); u is "" when there is none.
func (p *page) textElsewhere(title *html.Node) (u, text, info string) {
	if p.base == nil || p.url == nil {
		return "", "", ""
	}
	lo := p.lastOf(title)
	for o := lo + 1; o < len(p.all) && o <= lo+80; o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || p.under[o]&underChrome != 0 {
			continue
		}
		var ref string
		switch n.DataAtom {
		case atom.Iframe:
			ref = attr(n, "src")
		case atom.A:
			ref = attr(n, "href")
		default:
			continue
		}
		t, err := p.base.Parse(strings.TrimSpace(ref))
		if err != nil || (t.Scheme != "http" && t.Scheme != "https") || strings.EqualFold(t.Hostname(), p.url.Hostname()) {
			continue
		}
		label := trimSpace(textOfN(n, 200))
		if n.DataAtom == atom.A && !strings.HasPrefix(label, "http") && !containsAnyOf(label, elsewhereWords) {
			continue
		}
		info = trimSpace(p.textBetween(lo, o, nil))
		if !runesAtMost(info, 200) {
			return "", "", "" // the page has text of its own before it
		}
		// The words of the line that holds it: "点击阅读原文：", or the
		// link's own words when they are not its URL.
		words := ""
		if blk := blockOf(n); blk != nil && blk != n {
			words = trimSpace(textOfN(blk, 200))
		}
		if n.DataAtom == atom.A && strings.HasPrefix(label, "http") {
			words = trimSpace(strings.Replace(words, label, "", 1))
		}
		if !runesAtMost(words, 60) {
			words = ""
		}
		return t.String(), words, info
	}
	return "", "", ""
}

// contentPictures counts the pictures of the body parts that are content:
// not a link's (a thumbnail of another page), not an icon, a spacer or a
// button (a width or height under 100 pixels, a .gif).
func (p *page) contentPictures(parts []*html.Node) int {
	n := 0
	for _, part := range parts {
		if part == nil {
			continue
		}
		at := p.order.of(part)
		for o := at; o <= p.lastAt(at); o++ {
			img := p.all[o]
			if img.Type != html.ElementNode || img.DataAtom != atom.Img || p.under[o]&underLink != 0 {
				continue
			}
			src := strings.ToLower(attr(img, "src"))
			if src == "" || strings.HasSuffix(src, ".gif") {
				continue
			}
			if small(attr(img, "width")) || small(attr(img, "height")) {
				continue
			}
			n++
		}
	}
	return n
}

// small reports whether a width or height attribute is under 100 pixels.
func small(v string) bool {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	k, err := strconv.Atoi(v)
	return err == nil && k < 100
}
