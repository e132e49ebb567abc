package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The author (作者) of an article, in the order of the evidence:
//
//  1. a label on the info line: 作者：, 记者：, 撰稿：, 文：…, a government
//     notice's 发文机关： (the body that issued it), and a name followed by
//     发表于, as blog platforms write it;
//  2. what the markup marks: JSON-LD author, <meta name=author>,
//     article:author (a name, not a profile URL), itemprop=author,
//     rel=author, an element classed author/auth/byline/writer or a data-author
//     attribute near the title; then, whatever the classes are called, an
//     account's chip by the title: an avatar picture and the name after it,
//     in one link, named by the picture's alt, or dated after the name
//     (avatar.go);
//  3. a byline at the start or the end of the body: "本报记者 张三 李四",
//     "（记者 张三）", "文/张三", "（张三 李四）", a post's "本贴由张三于…发表";
//     a line of names alone right under the title (two or three of them
//     on the info line, above or below the date: infoNamesLine), or
//     closing the body after its last sentence (closingNames);
//  4. a label after the body;
//  5. a government document's 发文机关 in its metadata table above the
//     title (索引号, 发文机关, 成文日期 …).
//
// A value is never a site's name, 本站/本网/admin, a number, a URL or the
// page's editor (责任编辑 is the editor field): such values are refused and
// the search goes on. Names from an unlabelled byline must look like
// Chinese names (a common surname and one to three more characters).

// okAuthorText reports whether v can be a name at all: no URL, markup,
// sentence, number, or placeholder.
func okAuthorText(v string) bool {
	if v == "" || runeLen(v) > 40 {
		return false
	}
	lv := strings.ToLower(v)
	for _, bad := range []string{"http", "www.", ".com", "=", "\"", "<", ">", "{", "}"} {
		if strings.Contains(lv, bad) {
			return false
		}
	}
	if strings.ContainsAny(v, "。！？；，|｜") || isHanLabel(v) || gluedLabel(v) {
		return false
	}
	if floorLabels[v] {
		return false // a forum post's floor: "楼主 发表于 …"
	}
	if strings.Contains(lv, "author") || strings.Contains(v, "编辑部") || strings.Contains(v, "編集部") {
		return false // "About the Author", "No Author", "「…」編集部"
	}
	for _, w := range notNameWords {
		if strings.Contains(v, w) {
			return false // a profile box's counters and links: "粉丝 - 1 关注 - 0"
		}
	}
	digits, letters := 0, 0
	for _, r := range v {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters == 0 || digits >= 3 && digits*2 >= letters {
		return false // "105092", "L_104485"
	}
	switch lv {
	case "admin", "administrator", "root", "system", "guest", "editor", "unknown", "anonymous", "null", "none":
		return false
	}
	for _, w := range []string{"本站", "本网", "管理员", "佚名", "未知", "匿名", "网友", "小编", "不详", "暂无"} {
		if strings.Contains(v, w) {
			return false
		}
	}
	if copyWay(v) {
		return false
	}
	if _, _, _, ok := findDate(fold(v)); ok {
		return false
	}
	return true
}

// copyWays are the words that say how a text came to the site, not who
// wrote it: a template's default for a post with no writer named
// (作者：原创, 作者：转载, 作者：无), and the words of a text gathered
// from elsewhere (作者：网络整理, 综合整理, 来自网络).
var copyWays = []string{"原创", "转载", "综合", "整理", "网络", "互联网", "网上", "摘编", "编译", "来自", "无"}

// copyWay reports whether v is made of copyWays' words alone.
func copyWay(v string) bool {
	for v != "" {
		rest := v
		for _, w := range copyWays {
			if r, ok := strings.CutPrefix(v, w); ok {
				rest = r
				break
			}
		}
		if rest == v {
			return false
		}
		v = rest
	}
	return true
}

// floorLabels name a forum post's place in its thread (the first post,
// the first replies), shown where a name could stand: "楼主 发表于 …".
var floorLabels = map[string]bool{
	"楼主": true, "樓主": true, "主楼": true, "沙发": true, "沙發": true, "板凳": true, "地板": true,
}

// notNameWords are words of profile boxes and menus, never in a name.
var notNameWords = []string{
	"粉丝", "关注", "人气", "人氣", "最近", "更多", "内容", "文章", "投稿", "全部", "查看", "主页", "订阅",
	"登录", "注册", "收藏", "分享", "评论", "阅读", "浏览", "點閱", "瀏覽", "閱讀", "追蹤", "訂閱",
}

// okAuthor reports whether v may be the page's author: a possible name
// that is neither the site nor the editor.
func (p *page) okAuthor(v, editor string) bool {
	if !okAuthorText(v) {
		return false
	}
	if v == p.siteName || siteish(v, p.siteName) || vendorish(v) || p.siteWord(v) {
		return false
	}
	if editor != "" && (v == editor || strings.Contains(editor, v)) {
		return false
	}
	return true
}

// cutValue trims an author value read after a label: it ends at a colon
// (the next label, or an affiliation: "赵 培 ：北京物资学院"), at a word that
// starts the next field (出自, 来源 …) and at a date; "赵 培" closes up.
func cutValue(v string) string {
	v = trimSpace(v)
	if i := strings.IndexAny(v, ":："); i >= 0 {
		prev, _ := utf8.DecodeLastRuneInString(v[:i])
		glued := i > 0 && !isSpace(prev)
		v = trimSpace(v[:i])
		// A word glued to the colon is the next label ("张三 单位：…",
		// "张三 通讯员：李四", "张三，原文标题：…"); after a space the
		// colon opens an affiliation ("赵 培 ：北京物资学院").
		if j := strings.LastIndexFunc(v, fieldBreak); glued && j > 0 {
			v = v[:j]
		}
	}
	for _, w := range []string{
		" 出自", " 出处", " 来自", " 原创", " 转载", " 发表", " 时间", " 日期", " 浏览", " 阅读", " 点击",
		" 出處", " 來自", " 轉載", " 發表", " 時間", " 瀏覽", " 閱讀", " 點擊",
	} {
		if i := strings.Index(v, w); i >= 0 {
			v = v[:i]
		}
	}
	// A number after a space is the next field's value shown without a
	// label: a count marked by an icon ("钱程 <i class="fa fa-eye"></i>
	// 1017" reads "钱程 1017"). No name ends with one.
	for j := strings.LastIndexFunc(v, isSpace); j > 0 && isDigits(fold(trimSpace(v[j:]))); j = strings.LastIndexFunc(v, isSpace) {
		v = trimSpace(v[:j])
	}
	if f := fold(v); hasYearDigits(f) {
		if _, _, at, ok := findDate(f); ok {
			// fold keeps one rune for one rune, not one byte for one byte.
			v = string([]rune(v)[:utf8.RuneCountInString(f[:at])])
		}
	}
	v = strings.ReplaceAll(strings.ReplaceAll(v, "()", ""), "（）", "")
	v = trimBrackets(strings.Trim(trimSpace(v), "，。,;；、|"))
	v = dropAffiliation(v)
	// Two single Han characters split by a space are one name: "赵 培".
	if rs := []rune(v); len(rs) == 3 && isHan(rs[0]) && isSpace(rs[1]) && isHan(rs[2]) {
		v = string([]rune{rs[0], rs[2]})
	}
	return v
}

// dropStaffCode drops the staff code a portal's CMS writes after the
// editor's name ("张晓明 SN123", "王晓易_NE0011"): ASCII letters then
// digits, after a space or an underscore, behind a Han name.
func dropStaffCode(v string) string {
	i := strings.LastIndexAny(v, " _")
	if i <= 0 || len(v)-i > 13 {
		return v
	}
	code := v[i+1:]
	j := 0
	for j < len(code) && (code[j] >= 'A' && code[j] <= 'Z' || code[j] >= 'a' && code[j] <= 'z') {
		j++
	}
	if j == 0 || !isDigits(code[j:]) {
		return v
	}
	name := strings.TrimRight(v[:i], " _")
	if r, _ := utf8.DecodeLastRuneInString(name); !isHan(r) {
		return v
	}
	return name
}

// dropAffiliation drops the writer's post or affiliation that an
// opinion piece sets after the name in full-width parentheses
// ("张伟（作者系江城大学教授）", "张伟（江城大学教授）"): five Han
// characters or more that are no names, or fewer that end as a unit's
// name does (a government site's "张伟（县文明办）", "王丽（青石镇）").
// Names in parentheses stay ("周思博 (Joel Spolsky)", "张三（李四）").
func dropAffiliation(v string) string {
	i := strings.Index(v, "（")
	if i <= 0 || !strings.HasSuffix(v, "）") || strings.Count(v, "（") != 1 {
		return v
	}
	in := v[i+len("（") : len(v)-len("）")]
	if n := countHan(in); n < 5 && (n < 3 || n != utf8.RuneCountInString(in) || !unitName(in)) || len(parseByline(in, true)) > 0 {
		return v
	}
	return trimSpace(v[:i])
}

// unitSuffixes end the names of the units a government site's writers
// work for: offices, bureaus, committees, towns, villages, schools.
var unitSuffixes = []string{"办", "局", "委", "镇", "乡", "村", "社区", "街道", "中心", "站", "所", "院", "校", "馆", "厅", "部", "处", "队", "联", "会", "公司"}

// unitName reports whether s ends as a unit's name does (unitSuffixes).
func unitName(s string) bool {
	for _, u := range unitSuffixes {
		if strings.HasSuffix(s, u) {
			return true
		}
	}
	return false
}

// fieldBreak reports whether r ends a field's value before the next
// label: white space, or a comma or semicolon of a sentence that runs
// the fields on ("作者：张伟，原文标题：…").
func fieldBreak(r rune) bool {
	return isSpace(r) || r == '，' || r == ',' || r == '；' || r == ';'
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// dropRoles reads an author value that opens with a writer's role set
// apart by white space as the byline it is: its names alone, joined by
// "、" as a byline's are ("作者：记者 张三" → "张三", "本报记者 张三 通讯员
// 李四" → "张三、李四"), for the author field holds people, not their
// posts. A role glued to a word is kept ("记者江湖" names a board, not a
// reporter), and so is a value whose words after the role are no names.
// The outlet the reporter writes for may stand before the role, glued
// to it ("新华社记者 张三", "江城日报记者张三": outletBefore).
func dropRoles(v string) string {
	rest := strings.TrimPrefix(strings.TrimPrefix(v, "本报"), "本台")
	outlet := outletBefore(rest)
	rest = rest[outlet:]
	for _, role := range authorRoles {
		after, ok := strings.CutPrefix(rest, role)
		if !ok {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(after); !isSpace(r) && outlet == 0 {
			return v
		}
		if names := bylineNames(after, true); len(names) > 0 {
			return strings.Join(names, "、")
		}
		return v
	}
	return v
}

// outletSuffixes end the names of news outlets: 新华社, 江城日报, 县广播
// 电视台, 人民网, 县融媒体中心.
var outletSuffixes = []string{"社", "报", "台", "网", "中心"}

// outletBefore returns the byte length of the outlet's name opening v
// right before a writer's role ("新华社记者 张三" → len("新华社")): two
// to twelve Han runes ending as an outlet's name does; 0 when v opens
// with no such name.
func outletBefore(v string) int {
	before, _, ok := cutRole(v)
	if !ok || before == "" || !runesAtMost(before, 12) || countHan(before) != utf8.RuneCountInString(before) || countHan(before) < 2 {
		return 0
	}
	for _, suf := range outletSuffixes {
		if strings.HasSuffix(before, suf) {
			return len(before)
		}
	}
	return 0
}

// startsWithOutletRole reports whether s (folded) opens with a
// reporter's role glued after an outlet's name (outletBefore), its first
// word: "新华社记者 王磊", the field after the source on a repost's info
// line, which ends the value before it as a role alone does
// ("来源：新华社　新华社记者 王磊 报道员 阿里").
func startsWithOutletRole(s string) bool {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	n := outletBefore(s)
	if n == 0 || reporterAt(s[n:]) != 0 {
		return false
	}
	_, name, _ := cutRole(s[n:])
	return name == "" || chineseName(name) // not 新华社记者站, the bureau
}

// joinSpacedNames reads an author value of several Chinese names set
// apart by white space or commas ("作者：张伟 李娜 王强", "张伟,李娜": a
// co-written story's label) as the names they are, joined by "、" as a
// byline's are; a place's
// report after them ("张伟 李娜 北京报道") is no name and goes, and so
// does the writers' unit before them ("县文明办 王磊": reportingUnit). A
// value with any other word between or after the names (a unit, a title,
// a Latin name) is left as it is.
func joinSpacedNames(v string) string {
	toks := strings.FieldsFunc(v, func(r rune) bool { return isSpace(r) || r == ',' })
	if len(toks) < 2 {
		return v
	}
	if last := toks[len(toks)-1]; !chineseName(last) && hasBylineStop(last) {
		toks = toks[:len(toks)-1] // "北京报道", "发自北京"
	}
	if len(toks) >= 2 && reportingUnit(toks[0]) && chineseName(toks[1]) {
		toks = toks[1:] // the writers' unit before them: "县文明办 王磊"
		if len(toks) == 1 {
			return toks[0]
		}
	}
	if len(toks) < 2 {
		return v
	}
	for _, t := range toks {
		if !chineseName(t) || runeLen(t) == 4 && !slices.ContainsFunc(compoundSurnames, func(c string) bool { return strings.HasPrefix(t, c) }) {
			return v // four characters after one surname name a place or a unit more often: 江城大学
		}
	}
	return strings.Join(toks, "、")
}

// textCredits reads an author value that marks the names with their
// part, a slash and a word after the last name of each part ("张伟/文
// 李娜/图", "张伟 李娜/文 王强/图", as papers credit a story's text and
// pictures): the names of the text, joined by "、". A value with a word
// that is no such name or mark is left as it is.
func textCredits(v string) string {
	var pending, names []string
	for _, tok := range strings.FieldsFunc(v, isSpace) {
		name, part, ok := strings.Cut(strings.ReplaceAll(tok, "／", "/"), "/")
		if !ok {
			if !chineseName(tok) {
				return v
			}
			pending = append(pending, tok)
			continue
		}
		if name == "" {
			return v
		}
		pending = append(pending, name)
		switch part {
		case "文", "文字", "撰文":
			names = append(names, pending...)
		case "图", "摄", "摄影", "图片", "视频":
		default:
			return v
		}
		pending = nil
	}
	if len(names) == 0 || len(pending) > 0 {
		return v
	}
	return strings.Join(names, "、")
}

// authorWords are class/id words of elements holding the author's name
// ("auth" is its short form: "recipe-auth"; a login box's 登录/注册 are
// never a name, see notNameWords).
var authorWords = newWordSet(map[string]bool{
	"author": true, "auth": true, "authi": true, "authors": true, "byline": true, "writer": true, "zuozhe": true,
})

// jsonLDAuthorRe finds a JSON-LD author (a string, an object or a list),
// jsonLDPublisherRe the publisher's name, jsonLDObjRe and jsonLDNameRe the
// objects of a list and their names.
var (
	jsonLDAuthorRe    = regexp.MustCompile(`"author"\s*:\s*(\[[^\]]{0,600}\]|\{[^{}]{0,600}\}|"(?:[^"\\]|\\.){1,120}")`)
	jsonLDPublisherRe = regexp.MustCompile(`"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*("(?:[^"\\]|\\.){1,120}")`)
	jsonLDObjRe       = regexp.MustCompile(`\{[^{}]*\}`)
	jsonLDNameRe      = regexp.MustCompile(`"name"\s*:\s*("(?:[^"\\]|\\.){1,120}")`)
)

// markedAuthor returns the author the markup marks: JSON-LD, meta tags,
// itemprop=author, rel=author, data-author, an author-classed element.
func (p *page) markedAuthor(title, body *html.Node, editor string) (string, string) {
	if v := p.jsonLDAuthor(editor); v != "" {
		return v, "json-ld author"
	}
	for _, k := range []string{"author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"} {
		v := trimSpace(p.meta[k])
		if v == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "by ") {
			v = trimSpace(v[3:])
		}
		if !slug(v) && p.okAuthor(v, editor) {
			return v, "meta " + k
		}
	}
	return p.authorElement(title, body, editor)
}

// jsonLDAuthor returns the first JSON-LD author that is a person's name
// (not an Organization, not the publisher, not a URL slug such as
// "monica-torres"), names joined by "、".
func (p *page) jsonLDAuthor(editor string) string {
	ld := p.jsonLDBlocks()
	publishers := map[string]bool{} // the publisher named as author is the site
	for _, m := range jsonLDPublisherRe.FindAllStringSubmatch(ld, 4) {
		if v, err := strconv.Unquote(m[1]); err == nil {
			publishers[trimSpace(v)] = true
		}
	}
	for _, m := range jsonLDAuthorRe.FindAllStringSubmatch(ld, 4) {
		var names []string
		if strings.HasPrefix(m[1], `"`) {
			if v, err := strconv.Unquote(m[1]); err == nil {
				names = append(names, v)
			}
		} else {
			for _, obj := range jsonLDObjRe.FindAllString(m[1], 5) {
				if strings.Contains(obj, `"Organization"`) {
					continue
				}
				if n := jsonLDNameRe.FindStringSubmatch(obj); n != nil {
					if v, err := strconv.Unquote(n[1]); err == nil {
						names = append(names, v)
					}
				}
			}
		}
		var ok []string
		for _, v := range names {
			if v = markedName(trimSpace(v)); !slug(v) && p.okAuthor(v, editor) && !publishers[v] {
				ok = append(ok, v)
			}
		}
		if len(ok) > 0 {
			return strings.Join(ok, "、")
		}
	}
	return ""
}

// authorElement returns the author an element marks (rel=author,
// itemprop=author, data-author, an author-classed element): the first
// after the title, else the last before it.
func (p *page) authorElement(title, body *html.Node, editor string) (string, string) {
	lo := -1
	if title != nil {
		lo = p.lastOf(title)
	}
	var after, before string
	var afterRule, beforeRule string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && isSkipTag(n.DataAtom) || n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return false
		}
		v, rule := p.authorMark(n, lo >= 0)
		if v != "" {
			o := p.order.of(n)
			inRegion := lo >= 0 && o > lo && (body == nil || o <= p.lastOf(body))
			explicit := rule == "rel=author" || rule == "itemprop=author"
			if inRegion || !p.inChrome(n) || explicit && lo >= 0 && o > lo {
				if v = markedName(v); p.okAuthor(v, editor) && runeLen(v) <= 30 {
					if lo < 0 || o > lo {
						after, afterRule = v, rule
						return true
					}
					before, beforeRule = v, rule
				}
			}
			if rule != "element classed author" {
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(p.root)
	if after != "" {
		return after, afterRule
	}
	return before, beforeRule
}

// authorMark returns the author text element n marks and the rule that
// found it. An author-classed element counts only when the page has a
// title element to anchor it (without one it may be any list's).
func (p *page) authorMark(n *html.Node, anchored bool) (string, string) {
	if len(n.Attr) == 0 {
		return "", "" // every mark is an attribute
	}
	switch {
	case strings.EqualFold(attr(n, "rel"), "author"):
		return authorText(n), "rel=author"
	case strings.EqualFold(attr(n, "itemprop"), "author"):
		return itempropName(n), "itemprop=author"
	case attr(n, "data-author") != "":
		return attr(n, "data-author"), "data-author"
	case anchored && p.hasWord(n, authorWords) && !p.hasWord(n, authorPartWords):
		return authorText(n), "element classed author"
	}
	return "", ""
}

// markedName cleans a marked author text (an author element, a JSON-LD
// author's name): a byline with a role ("記者林宸誼／即時報導") gives its
// names, then the label and what follows the value go, and of a desk and
// a name split by a slash ("上報快訊／范姜佳鈺") the name stays.
func markedName(v string) string {
	if _, _, role := cutRole(fold(v)); role {
		if names := parseByline(v, false); len(names) > 0 {
			v = strings.Join(names, "、")
		}
	}
	v = cutValue(stripAuthorLabel(v))
	// "上報快訊／范姜佳鈺": a desk or an outlet and a name split by a
	// slash; the side that is a name is the author.
	if i := strings.IndexAny(v, "/／"); i > 0 {
		_, size := utf8.DecodeRuneInString(v[i:])
		a, b := trimSpace(v[:i]), trimSpace(v[i+size:])
		switch {
		case chineseName(b) && !chineseName(a) && !strings.ContainsAny(b, "/／"):
			v = b
		case chineseName(a) && !chineseName(b):
			v = a
		}
	}
	return v
}

// itempropName returns the name inside an itemprop=author element: its
// itemprop=name child, its content attribute, or its text.
func itempropName(n *html.Node) string {
	if v := attr(n, "content"); v != "" {
		return v
	}
	var name string
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if name != "" || x.Type != html.ElementNode {
			return
		}
		if strings.EqualFold(attr(x, "itemprop"), "name") {
			if v := attr(x, "content"); v != "" {
				name = v
			} else {
				name = textOfN(x, 200)
			}
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	if name != "" {
		return name
	}
	return textOfN(n, 200)
}

// stripAuthorLabel drops a label or "By" before a name: "作者：张三",
// "作者 林雙牧", "By Jane Doe", "文/张三", and the Chinese "by" of a
// blog theme's byline, 由 set apart by a space (WordPress's "由 小李").
func stripAuthorLabel(v string) string {
	v = trimSpace(v)
	if i := strings.Index(strings.ToLower(v), " by "); i >= 0 && i < 20 {
		v = v[i+4:] // "Opinion by Jane Doe"
	}
	for _, by := range []string{"di ", "par ", "por ", "von ", "door "} {
		if strings.HasPrefix(v, by) && runeLen(v) > len(by)+3 {
			v = v[len(by):] // "di Emanuele Capone"
			break
		}
	}
	rs := []rune(v)
	f := foldedRunes(rs) // foldRunes(v), aligned rune for rune
	for _, lb := range []string{"原作者", "作者", "撰稿人", "撰稿", "撰文", "记者", "文字", "文", "By", "by", "BY", "由"} {
		lr := []rune(lb)
		if len(f) > len(lr) && runesEqual(f[:len(lr)], lr) && strings.ContainsRune(" :/|︱", f[len(lr)]) {
			return trimSpace(string(rs[len(lr)+1:]))
		}
	}
	return v
}

// findAuthor runs the author rules on the page's info line (the text
// between title and body), body text and the text after the body, in
// the order they are trusted: labels on the info line, the markup,
// bylines, what follows the body, a document's metadata table.
func (p *page) findAuthor(title, body *html.Node, title0, info, bodyText, after, editor string) (string, string) {
	// A profile's info box may hold the whole article (TRS div.box_tex):
	// the info line is its start.
	info = truncateRunes(info, 300)
	// 1. Labels on the info line.
	if v, rule := p.infoLabelAuthor(info, editor); v != "" {
		return v, rule
	}
	// 2. The markup, and an icon for the label.
	if v, rule := p.markedAuthor(title, body, editor); v != "" {
		return v, rule
	}
	if v := p.iconAuthor(title, body, editor); v != "" {
		return v, "icon on the info line"
	}
	if v := p.avatarAuthor(title, editor); v != "" {
		return v, "name beside an avatar under the title"
	}
	// 3. Bylines in the info line and the body.
	if v, rule := p.bylineAuthor(body, title0, info, bodyText, editor); v != "" {
		return v, rule
	}
	// 4. After the body.
	if v, rule := p.afterBodyAuthor(after, editor); v != "" {
		return v, rule
	}
	// 5. A government document's metadata table above the title
	// (索引号, 发文机关, 成文日期 …): its issuing body.
	if before := p.beforeTitle(title); containsAnyOf(before, docMetaLabels) {
		if v, lb := labelValueLabel(before, []string{"发文机关", "發文機關"}); v != "" && p.okAuthor(v, editor) {
			return v, "label " + lb + " before title"
		}
	}
	return "", ""
}

// infoLabelAuthor reads the author the info line labels: 作者：, a name
// before 发表于, "by" after the date or opening the line.
func (p *page) infoLabelAuthor(info, editor string) (string, string) {
	if v, l := labelValueLabel(info, authorLabels); v != "" {
		// The name the page labels its author stays the author when the
		// editor has the same name (作者：孙金凤 … 责任编辑：孙金凤: on a
		// small site one person writes and edits).
		if v = cutValue(v); p.okAuthor(v, "") {
			if l == "记者" || l == "記者" || l == "作者" {
				v = p.withCoWriters(v, info)
			}
			return v, "label " + l
		}
	}
	for _, l := range strings.Split(info, "\n") {
		if m := matchPostedBy(l); m != nil {
			if v := trimSpace(m[1]); p.okAuthor(v, editor) && !isHanLabel(v) {
				return v, "name before 发表于"
			}
		}
		if m := matchByName(l); m != nil && p.okAuthor(m[1], editor) {
			return m[1], "by after the date"
		}
		if v := englishByline(l); v != "" && p.okAuthor(v, editor) {
			return v, "by opening the info line"
		}
	}
	return "", ""
}

// coWriterLabels label the writers an info line names beside its
// reporter, as a byline names them after the reporter's role (记者：张三
// 通讯员：李四 王五).
var coWriterLabels = []string{"通讯员", "实习生", "通訊員", "實習生"}

// withCoWriters returns v, the reporter the info line labels, with the
// names that a label of coWriterLabels gives on it, joined by 、:
// 张三、李四、王五.
func (p *page) withCoWriters(v, info string) string {
	if !containsAnyOf(info, coWriterLabels) {
		return v
	}
	for _, l := range coWriterLabels {
		w, _ := labelValueLabel(info, []string{l})
		for _, name := range bylineNames(cutValue(w), true) {
			if !chineseName(name) || strings.Contains(v, name) {
				continue
			}
			if v != "" {
				v += "、"
			}
			v += name
		}
	}
	return v
}

// bylineAuthor reads the names a byline gives without a field label: on
// the info line (记者 张三, names alone, a role or a writer's credit, a
// name in brackets), opening the body, or in the last lines before the
// body when the title sits elsewhere.
func (p *page) bylineAuthor(body *html.Node, title0, info, bodyText, editor string) (string, string) {
	infoLines := splitLines(info)
	if names, rule := openingByline(infoLines, title0, "under the title"); len(names) > 0 && !strings.HasPrefix(rule, "names alone") {
		if v := strings.Join(names, "、"); p.okAuthor(v, editor) {
			return v, rule
		}
	}
	for _, c := range []struct {
		names func([]string) []string
		rule  string
	}{
		{infoNamesLine, "names alone under the title"},
		{infoRoleByline, "byline on the info line"},
		{infoCreditByline, "writer's credit on the info line"},
	} {
		if names := c.names(infoLines); len(names) > 0 {
			if v := strings.Join(names, "、"); p.okAuthor(v, editor) {
				return v, c.rule
			}
		}
	}
	for _, l := range infoLines {
		// A name in brackets on the dated line: "2004年7月16日08:19 [ 黄宇 ]".
		if m := matchBracketName(l); m != nil && chineseName(m[1]) {
			return m[1], "name in brackets on the info line"
		}
	}
	if names, rule := bodyByline(bodyText, title0); len(names) > 0 {
		if v := strings.Join(names, "、"); p.okAuthor(v, editor) {
			return v, rule
		}
	}
	// The last lines before the body, when the title element was not
	// found or sits elsewhere: "ggjjzhzz 发表于 2005-9-15 11:46:00".
	if body != nil {
		for _, l := range splitLines(tailRunes(p.textBetween(-1, p.order.of(body), nil), 160)) {
			if m := matchPostedBy(l); m != nil {
				if v := trimSpace(m[1]); p.okAuthor(v, editor) && !isHanLabel(v) {
					return v, "name before 发表于 before body"
				}
			}
		}
	}
	return "", ""
}

// afterBodyAuthor reads the author named after the body: a 作者 label,
// "by" after a date, or any writer's label on the credits line right
// after it, which an editor's template sets in a box of its own
// ("文字：李娜　图片：王磊").
func (p *page) afterBodyAuthor(after, editor string) (string, string) {
	if v, l := labelValueLabel(after, []string{"作者"}); v != "" {
		if v = cutValue(v); p.okAuthor(v, editor) {
			return v, "label " + l + " after body"
		}
	}
	for _, l := range strings.Split(after, "\n") {
		if m := matchByName(l); m != nil && p.okAuthor(m[1], editor) {
			return m[1], "by after the date, after body"
		}
	}
	if l, _, _ := strings.Cut(after, "\n"); l != "" {
		if v, lb := labelValueLabel(l, authorLabels); v != "" {
			if v = cutValue(v); p.okAuthor(v, editor) {
				return v, "label " + lb + " right after body"
			}
		}
	}
	return "", ""
}

// isHanLabel reports whether v is a field label rather than a name
// ("发布者", "时间").
func isHanLabel(v string) bool {
	return runesAtMost(v, 4) && hasAnyLabel(v)
}

// vendorish reports whether v names a company, typically the web
// developer that CMSs write into <meta name="author"> ("大汉网络",
// "某某网络科技有限公司").
func vendorish(v string) bool {
	for _, suf := range []string{"公司", "网络", "科技", "工作室", "集团", "软件", "信息技术"} {
		if strings.HasSuffix(v, suf) {
			return true
		}
	}
	return strings.Contains(v, "有限公司") || strings.Contains(v, "网络科技")
}

// slug reports whether v is a URL slug rather than a name: lower-case
// letters joined by hyphens ("monica-torres").
func slug(v string) bool {
	if !strings.Contains(v, "-") {
		return false
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// siteWord reports whether v names the site: og:site_name,
// application-name, a <title> part after the article's or its brand (网易
// of 网易新闻: the part is v and one or two Han characters more), or the
// host's name ("chinanews" on www.chinanews.com, "REDIFF CRICKET" on
// rediff.com).
func (p *page) siteWord(v string) bool {
	lv := strings.ToLower(trimSpace(v))
	for _, k := range []string{"og:site_name", "application-name", "twitter:site"} {
		s := strings.ToLower(strings.TrimPrefix(trimSpace(p.meta[k]), "@"))
		if s == "" {
			continue
		}
		if s == lv {
			return true
		}
		// "Gizmodo Staff": the site and a word for its newsroom.
		if rest, ok := strings.CutPrefix(lv, s); ok && staffWords[trimSpace(rest)] {
			return true
		}
	}
	parts := splitTitle(p.htmlTitle)
	for i, part := range parts {
		if i == 0 {
			continue
		}
		if lp := strings.ToLower(part); lp == lv {
			return true
		} else if rest, ok := strings.CutPrefix(lp, lv); ok && runeLen(lv) >= 2 && isHanWord(rest) && runeLen(rest) <= 2 {
			return true // the brand of "网易新闻", "新浪网", "凤凰网"
		}
	}
	if p.url != nil {
		for _, label := range strings.Split(strings.ToLower(p.url.Hostname()), ".") {
			if len(label) < 4 || label == "www" || label == "blog" || label == "news" {
				continue
			}
			ws := strings.FieldsFunc(lv, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if len(ws) > 0 && ws[0] == label && (len(ws) == 1 || len(ws) == 2 && staffWords[ws[1]]) {
				return true
			}
		}
	}
	return false
}

// isHanWord reports whether s is a word of Han characters only.
func isHanWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return true
}

// authorPartWords mark the parts of an author box that are not the name.
var authorPartWords = newWordSet(map[string]bool{
	"origin": true, "date": true, "time": true, "avatar": true, "img": true, "image": true, "photo": true,
	"pic": true, "bio": true, "desc": true, "description": true, "follow": true, "share": true, "social": true,
	"count": true, "num": true, "fans": true, "intro": true, "icon": true, "more": true, "location": true,
	"title": true, "job": true, "role": true, "position": true, "loc": true, "ip": true, "region": true,
})

// authorText returns the text of an author element without the parts
// that are not the name (avatar, origin, date, bio …), up to 200 bytes.
// A box of lines names the writer on its first (past a label): what
// follows a line break or a block is the account's or poster's profile
// (江城市本地生活领域创作者, 帖子 356), not the name.
func authorText(n *html.Node) string {
	var b strings.Builder
	ended := false
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if ended || b.Len() > 200 {
			return
		}
		block := false
		switch x.Type {
		case html.TextNode:
			b.WriteString(x.Data)
			b.WriteByte(' ')
			return
		case html.ElementNode:
			if isSkipTag(x.DataAtom) || x != n && hasWord(x, authorPartWords) {
				return
			}
			if block = x != n && isBlockTag(x.DataAtom); block && namedLine(b.String()) {
				ended = true
				return
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block && namedLine(b.String()) {
			ended = true
		}
	}
	walk(n)
	return trimSpace(collapseSpace(b.String()))
}

// namedLine reports whether the text s of an author box's first line
// holds more than a label (作者：, By).
func namedLine(s string) bool {
	t := trimSpace(s)
	return t != "" && !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") && !isHanLabel(t) && !strings.EqualFold(t, "by")
}

// staffWords follow a site's name in a newsroom byline ("AOL Staff").
var staffWords = map[string]bool{
	"": true, "staff": true, "desk": true, "team": true, "editors": true, "editorial": true, "newsroom": true,
	"编辑部": true, "小编": true, "编辑": true,
}

// jsonLDBlocks returns the text of the page's <script type="application/ld+json">
// blocks, joined: author and headline are read there, not from any JSON
// a script carries (a package.json shown in a code sample has an author too).
func (p *page) jsonLDBlocks() string {
	if !p.rx.has("application/ld+json") {
		return ""
	}
	var b strings.Builder
	for _, n := range p.all {
		if n.Type != html.ElementNode || n.DataAtom != atom.Script || !containsFold(attr(n, "type"), "ld+json") {
			continue
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// trimBrackets drops the brackets around a value and those at its ends
// that do not pair; a pair inside stays: "周思博 (Joel Spolsky)".
func trimBrackets(v string) string {
	v = trimSpace(v)
	for _, pair := range [][2]string{{"(", ")"}, {"（", "）"}, {"[", "]"}, {"【", "】"}} {
		o, c := pair[0], pair[1]
		if strings.HasPrefix(v, o) && strings.HasSuffix(v, c) && strings.Count(v, o) == 1 && strings.Count(v, c) == 1 {
			v = trimSpace(v[len(o) : len(v)-len(c)])
			continue
		}
		switch no, nc := strings.Count(v, o), strings.Count(v, c); {
		case nc > no:
			v = trimSpace(strings.TrimRight(v, c))
		case no > nc:
			// An opener left at either end: "（张三", or "张三（" whose
			// inside the next label ended ("张三（作者系…").
			v = trimSpace(strings.TrimRight(strings.TrimLeft(v, o), o))
		}
	}
	return v
}
