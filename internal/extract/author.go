package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The author (作者) of an article, in the order of the evidence:
//
//  1. a label on the info line: 作者：, 记者：, 撰稿：, 文：… (and a name
//     followed by 发表于, as blog platforms write it);
//  2. what the markup marks: JSON-LD author, <meta name=author>,
//     article:author (a name, not a profile URL), itemprop=author,
//     rel=author, an element classed author/byline/writer or a data-author
//     attribute near the title;
//  3. a byline at the start or the end of the body: "本报记者 张三 李四",
//     "（记者 张三）", "文/张三", "（张三 李四）", a post's "本贴由张三于…发表";
//     a line of names alone right under the title;
//  4. a label after the body.
//
// A value is never a site's name, 本站/本网/admin, a number, a URL or the
// page's editor (责任编辑 is the editor field): such values are refused and
// the search goes on. Names from an unlabelled byline must look like
// Chinese names (a common surname and one to three more characters).

// authorRoles are the words that introduce the names of a byline.
var authorRoles = []string{
	"特约撰稿人", "特约记者", "首席记者", "实习记者", "见习记者", "全媒体记者", "融媒体记者", "记者",
	"通讯员", "实习生", "撰稿人", "执笔人", "执笔", "撰稿", "撰文", "作者",
	"特約記者", "記者", "通訊員", "實習生", "執筆",
}

// bylineLabels may open a byline with a colon, a slash or a bar: "文/张三",
// "文：张三", "作者︱张三". "文" counts only at the start of the line.
var bylineLabels = []string{"执笔人", "执笔", "撰稿人", "撰稿", "撰文", "作者", "文字", "文"}

// bylineStops end the names of a byline ("发自北京", "山东冠县报道", "/摄").
var bylineStops = []string{
	"发自", "报道", "摄影", "摄", "供图", "/", "／", "电", "综合", "整理", "编译", "图",
	"發自", "報導", "報道", "攝影", "攝", "供圖", "電", "綜合", "編譯", "圖",
}

// orgEnds are last characters of organisations and places, never of names
// as bylines write them.
const orgEnds = "社报网台站部局委办院厅会司处科所校馆团队组省市县区镇乡村州"

// surnames holds the common single-character Chinese surnames, simplified
// and traditional.
var surnames = func() map[rune]bool {
	const s = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伏仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伊揭勾茅仁耿红闪宝苏昝双宿瞿帖台凤风银衣言薄全那郗陳張劉黃趙吳許鄭謝韓馮鄧蕭葉蔣盧蘇魏賈薛閻龐譚陸顧錢鍾湯羅孫馬莊萬嚴聶龔鄒鄔鄺閔陽歐楊蘭關侯範賴鄂雲談樂鮑應賀廖"
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}()

// compoundSurnames are the two-character surnames.
var compoundSurnames = []string{
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒",
	"夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "申屠", "太史", "钟离", "歐陽", "范姜",
}

// chineseName reports whether tok looks like a Chinese personal name: a
// common surname followed by one to three Han characters, not ending like
// an organisation or place.
func chineseName(tok string) bool {
	rs := []rune(tok)
	if len(rs) < 2 || len(rs) > 4 {
		return false
	}
	for _, r := range rs {
		if !isHan(r) {
			return false
		}
	}
	if strings.ContainsRune(orgEnds, rs[len(rs)-1]) {
		return false
	}
	for _, c := range compoundSurnames {
		if strings.HasPrefix(tok, c) {
			return len(rs) >= 3
		}
	}
	return surnames[rs[0]]
}

// nameAfterRole reports whether tok can be a name that a byline role
// introduces: a Chinese name, or (for names without a common surname,
// "格桑边觉") two to four Han characters that neither end like an
// organisation nor start like a sentence ("记者近日从…").
func nameAfterRole(tok string) bool {
	if chineseName(tok) {
		return true
	}
	rs := []rune(tok)
	if len(rs) < 2 || len(rs) > 4 || strings.ContainsRune(orgEnds, rs[len(rs)-1]) || strings.ContainsRune("从在近日今昨据对向为将于从该此其本我你他她们", rs[0]) {
		return false
	}
	for _, r := range rs {
		if !isHan(r) {
			return false
		}
	}
	return true
}

// bylineNames reads the names after a byline role: tokens split by
// spaces and 、，, each cut at a stop ("发自", "报道", "/") and stripped of
// an organisation and role glued before it ("本报记者罗科苏盈"). It stops at
// the first token that is not a name once it has one; a role word between
// names ("记者 张三 通讯员 李四") is skipped.
func bylineNames(s string, role bool) []string {
	var names []string
	first := true
	toks := strings.FieldsFunc(s, func(r rune) bool {
		return isSpace(r) || strings.ContainsRune("、，,;；", r)
	})
	for _, tok := range toks {
		stopped := false
		for _, st := range bylineStops {
			if i := strings.Index(tok, st); i >= 0 {
				tok, stopped = tok[:i], true
			}
		}
		if _, rest, ok := cutRole(tok); ok {
			tok = rest
		}
		tok = strings.Trim(tok, "·•:：")
		switch {
		case tok == "":
		case chineseName(tok) || role && first && nameAfterRole(tok):
			names = append(names, tok)
		default:
			if len(names) > 0 {
				return names
			}
		}
		if stopped && len(names) > 0 {
			return names
		}
		first = false
	}
	return names
}

// cutRole finds the first byline role in s and returns what precedes and
// follows it.
func cutRole(s string) (before, after string, ok bool) {
	best := -1
	bestLen := 0
	for _, r := range authorRoles {
		if i := strings.Index(s, r); i >= 0 && (best < 0 || i < best || i == best && len(r) > bestLen) {
			best, bestLen = i, len(r)
		}
	}
	if best < 0 {
		return "", s, false
	}
	return s[:best], s[best+bestLen:], true
}

// parseByline returns the names of a byline line: "光明日报记者 王建宏 张文攀",
// "本报记者罗科苏盈发自北京", "□ 本报记者 葛灵丹", "文/张三", "执笔人：张三 李四".
// Without a role or label it returns nothing unless names is set, when
// the whole line must be names ("（常书香 马丹阳）", "（姚峰 上海报道）").
func parseByline(line string, namesOnly bool) []string {
	l := trimSpace(strings.TrimLeftFunc(line, func(r rune) bool {
		return isSpace(r) || strings.ContainsRune("□■●◆▲★☆·-—", r)
	}))
	if l == "" || runeLen(l) > 48 || strings.ContainsAny(l, "。！？；") {
		return nil
	}
	f := fold(l)
	if editorish(f) {
		return nil
	}
	for _, st := range []string{"摄", "攝", "供图", "供圖"} {
		if strings.HasSuffix(f, st) && !strings.Contains(f, "/文") && !strings.Contains(f, "文/") {
			return nil // a photo credit: "记者 张三 摄", unless the text is credited too ("记者张三/文 受访者供图")
		}
	}
	// A label with a colon, slash or bar: "文/张三", "执笔人：张三 李四".
	for _, lb := range bylineLabels {
		i := strings.Index(f, lb)
		if i < 0 || lb == "文" && i > 0 {
			continue
		}
		if i > 0 {
			if r := []rune(f[:i]); isHan(r[len(r)-1]) && !strings.HasSuffix(f[:i], "记者") {
				continue
			}
		}
		rest := strings.TrimLeft(f[i+len(lb):], " ")
		sep, size := firstRune(rest)
		if !strings.ContainsRune(":/|︱｜丨", sep) {
			continue
		}
		// The value as written, unless it carries more than names
		// ("张三 发自北京").
		v := cutValue(rest[size:])
		names := bylineNames(v, true)
		if v != "" && runeLen(v) <= 30 && okAuthorText(v) && !hasBylineStop(v) {
			return []string{v}
		}
		if len(names) > 0 {
			return names
		}
	}
	before, after, ok := cutRole(f)
	if ok && strings.HasPrefix(after, ":") {
		after = " " + after[1:] // "记者：张三"
	}
	if ok {
		// The role opens the line or follows a short organisation name
		// ("新京报记者", "新华社拉萨电（记者").
		if runeLen(before) > 16 {
			return nil
		}
		// A name glued to a role that opens the line ("记者张三") reads like
		// a word ("记者江湖", a board's name) unless a stop follows
		// ("记者张三发自北京").
		if trimSpace(before) == "" && !strings.HasPrefix(after, " ") && !hasBylineStop(after) {
			return nil
		}
		// A name without a common surname ("记者 格桑边觉") is taken only
		// when set apart from the role: "记者博客", "记者手记" are words.
		return bylineNames(after, strings.HasPrefix(after, " "))
	}
	if !namesOnly {
		return nil
	}
	for _, st := range []string{"报道", "发自"} {
		if i := strings.Index(f, st); i >= 0 {
			f = f[:i]
			// "（姚峰 上海报道）": the place before 报道 goes too.
			if j := strings.LastIndexFunc(f, isSpace); j >= 0 {
				f = f[:j]
			}
		}
	}
	toks := strings.FieldsFunc(f, func(r rune) bool { return isSpace(r) || strings.ContainsRune("、，,", r) })
	if len(toks) == 0 || len(toks) > 5 {
		return nil
	}
	for _, t := range toks {
		if !chineseName(t) {
			return nil
		}
	}
	return toks
}

// hasBylineStop reports whether v goes on past the names ("张三 发自北京").
func hasBylineStop(v string) bool {
	for _, st := range bylineStops {
		if strings.Contains(v, st) {
			return true
		}
	}
	return false
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// editorish reports whether a byline is an editor's, a source's or a
// photographer's line rather than the author's.
func editorish(f string) bool {
	for _, w := range []string{
		"编辑", "责编", "审核", "校对", "来源", "图片", "摄影", "供稿", "出处", "转载", "编者", "校审", "签发", "监制",
		"編輯", "責編", "審核", "來源", "圖片", "攝影", "出處", "轉載",
	} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// trailingParen returns the text inside a parenthesis that ends s
// ("……的新春佳节。（常书香 马丹阳 ）"), or "".
func trailingParen(s string) string {
	s = strings.TrimRightFunc(s, func(r rune) bool { return isSpace(r) || r == '。' })
	var open string
	switch {
	case strings.HasSuffix(s, "）"):
		open = "（"
	case strings.HasSuffix(s, ")"):
		open = "("
	default:
		return ""
	}
	i := strings.LastIndex(s, open)
	if i < 0 {
		// "(信报记者 蔡雪婧）": mixed widths.
		i = strings.LastIndexAny(s, "(（")
		if i < 0 {
			return ""
		}
	}
	inner := s[i:]
	_, size := firstRune(inner)
	_, last := lastRune(inner)
	inner = inner[size : len(inner)-last]
	if runeLen(inner) > 40 {
		return ""
	}
	return inner
}

func lastRune(s string) (rune, int) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, 0
	}
	r := rs[len(rs)-1]
	return r, len(string(r))
}

// leadingParen returns the text inside a parenthesis opened within the
// first 24 runes of s ("据新华社拉萨电（记者 格桑边觉）记者近日…"), or "".
func leadingParen(s string) string {
	head := truncateRunes(s, 24)
	i := strings.IndexAny(head, "(（")
	if i < 0 {
		return ""
	}
	rest := s[i:]
	_, size := firstRune(rest)
	rest = rest[size:]
	j := strings.IndexAny(rest, ")）")
	if j < 0 || runeLen(rest[:j]) > 40 {
		return ""
	}
	return rest[:j]
}

// bodyByline looks for the author's byline in the first and last lines of
// the body: byline lines (consecutive ones add up: "本报实习生 张三" then
// "本报记者 李四"), a byline in parentheses at the start of the first
// paragraph or at the end of the last ones, a line of names alone under
// the title, a "by" after a date, a post's signature.
func bodyByline(body, title string) ([]string, string) {
	lines := splitLines(body)
	if len(lines) == 0 {
		return nil, ""
	}
	if names, rule := openingByline(lines, title, "opening the body"); len(names) > 0 {
		return names, rule
	}
	// The last lines.
	for k := 0; k < 5 && k < len(lines); k++ {
		l := lines[len(lines)-1-k]
		if in := trailingParen(l); in != "" {
			if ns := parseByline(in, true); len(ns) > 0 {
				return ns, "byline in parentheses closing the body"
			}
		}
		if runeLen(l) <= 48 {
			if ns := parseByline(l, false); len(ns) > 0 {
				return ns, "byline closing the body"
			}
		}
		if m := byNameRe.FindStringSubmatch(l); m != nil && okAuthorText(m[1]) {
			return []string{m[1]}, "by after the date"
		}
	}
	// A BBS post's signature line, wherever the post ends.
	for _, l := range lines {
		if !strings.HasPrefix(l, "本") && !strings.HasPrefix(l, "此") {
			continue
		}
		if m := postSigAuthorRe.FindStringSubmatch(l); m != nil {
			if v := trimSpace(m[1]); okAuthorText(v) && runeLen(v) <= 20 {
				return []string{v}, "post signature"
			}
		}
	}
	return nil, ""
}

// openingByline reads the byline among the first lines of a text, before
// its running text: a labelled line ("作者：张三"), byline lines (consecutive
// ones add up), a byline in parentheses inside the first sentence, a line
// of names alone under the title.
func openingByline(lines []string, title, where string) ([]string, string) {
	var names []string
	for i, l := range lines {
		if i >= 8 {
			break
		}
		l = truncateRunes(l, 200)
		if len(names) == 0 {
			if v, lb := labelValueLabel(l, authorLabels); v != "" {
				if v = cutValue(v); okAuthorText(v) {
					return []string{v}, "label " + lb + " " + where
				}
			}
		}
		running := countVisible(l) >= 40 && countPunct(l) >= 2
		if running {
			if len(names) == 0 {
				if in := leadingParen(l); in != "" {
					if ns := parseByline(in, false); len(ns) > 0 {
						return ns, "byline in parentheses " + where
					}
				}
			}
			break
		}
		if ns := parseByline(l, false); len(ns) > 0 {
			names = append(names, ns...)
			continue
		}
		if len(names) > 0 {
			break
		}
		// Names alone on a line: two or more on the first line ("赵延东、
		// 风笑天"), or one right under the title repeated as a heading
		// ("犬儒病(上)" then "胡平"). One name of its own on the first line
		// is as likely a subheading that starts with a surname ("文明实践",
		// "高位推动").
		heading := i == 1 && (lines[0] == title || runeLen(lines[0]) <= 30 && !strings.ContainsAny(lines[0], "。，；！？"))
		if (i == 0 || heading) && runeLen(l) <= 14 && len(lines) > i+2 {
			if ns := parseByline(l, true); len(ns) >= 2 && len(ns) <= 3 || len(ns) == 1 && heading && runeLen(ns[0]) <= 3 {
				return ns, "names alone " + where
			}
		}
	}
	if len(names) > 0 {
		return names, "byline " + where
	}
	return nil, ""
}

// postSigAuthorRe reads the poster of an old BBS signature line:
// "本贴由大卫于2005年8月12日16:12:21在〖论坛〗发表".
var postSigAuthorRe = regexp.MustCompile(`^(?:本|此)[贴帖文]由\s*(\S{1,20}?)\s*于`)

// bracketNameRe reads a name in brackets right after the time ("08:19
// [ 黄宇 ]"); postedByRe the name
// before 发表于 on blog platforms ("ggjjzhzz 发表于 2005-9-15", "史蒂文的家
// 發表在 痞客邦"); byNameRe the name after "by" on a dated line
// ("发布时间 2005/03/15 22:36:13 by duscha").
var (
	bracketNameRe = regexp.MustCompile(`\d{1,2}:\d{2}(?::\d{2})?\s*[\[【]\s*(\S{2,4})\s*[\]】]`)
	postedByRe    = regexp.MustCompile(`(?:^|[\s|])([^\s:：|]{2,24})\s*(?:发表于|發表於|发表在|發表在|发布于|發佈於)`)
	byNameRe      = regexp.MustCompile(`\d{1,2}:\d{2}(?::\d{2})?\s+by\s+([\w.\-]{2,30})`)
)

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
	for _, w := range []string{"本站", "本网", "管理员", "佚名", "未知", "匿名", "网友", "小编"} {
		if strings.Contains(v, w) {
			return false
		}
	}
	if _, _, _, ok := findDate(fold(v)); ok {
		return false
	}
	return true
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
		// "张三 通讯员：李四"); after a space the colon opens an
		// affiliation ("赵 培 ：北京物资学院").
		if j := strings.LastIndexFunc(v, isSpace); glued && j > 0 {
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
	if f := fold(v); hasYearDigits(f) {
		if _, _, at, ok := findDate(f); ok {
			// fold keeps one rune for one rune, not one byte for one byte.
			v = string([]rune(v)[:utf8.RuneCountInString(f[:at])])
		}
	}
	v = strings.ReplaceAll(strings.ReplaceAll(v, "()", ""), "（）", "")
	v = trimBrackets(strings.Trim(trimSpace(v), "，。,;；、|"))
	// Two single Han characters split by a space are one name: "赵 培".
	if rs := []rune(v); len(rs) == 3 && isHan(rs[0]) && isSpace(rs[1]) && isHan(rs[2]) {
		v = string([]rune{rs[0], rs[2]})
	}
	return v
}

// authorWords are class/id words of elements holding the author's name.
var authorWords = map[string]bool{
	"author": true, "authors": true, "byline": true, "writer": true, "zuozhe": true,
}

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
	// JSON-LD: the first author that is a person's name (not an
	// Organization, not a URL slug such as "monica-torres").
	ld := jsonLDBlocks(p.raw)
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
			if v = trimSpace(v); !slug(v) && p.okAuthor(v, editor) && !publishers[v] {
				ok = append(ok, v)
			}
		}
		if len(ok) > 0 {
			return strings.Join(ok, "、"), "json-ld author"
		}
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
	// The elements: the first after the title, else the last before it.
	lo := -1
	if title != nil {
		lo = p.last[title]
	}
	var after, before string
	var afterRule, beforeRule string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && skipTags[n.DataAtom] || n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return false
		}
		v, rule := "", ""
		switch {
		case strings.EqualFold(attr(n, "rel"), "author"):
			v, rule = authorText(n), "rel=author"
		case strings.EqualFold(attr(n, "itemprop"), "author"):
			v, rule = itempropName(n), "itemprop=author"
		case attr(n, "data-author") != "":
			v, rule = attr(n, "data-author"), "data-author"
		case lo >= 0 && hasWord(n, authorWords) && !hasWord(n, authorPartWords):
			// Without a title element to anchor it, an author-classed
			// element may be any list's.
			v, rule = authorText(n), "element classed author"
		}
		if v != "" {
			o := p.order[n]
			inRegion := lo >= 0 && o > lo && (body == nil || o <= p.last[body])
			explicit := rule == "rel=author" || rule == "itemprop=author"
			if inRegion || !p.inChrome(n) || explicit && lo >= 0 && o > lo {
				if _, _, role := cutRole(fold(v)); role {
					// "記者林宸誼／即時報導"
					if names := parseByline(v, false); len(names) > 0 {
						v = strings.Join(names, "、")
					}
				}
				v = cutValue(stripAuthorLabel(v))
				if p.okAuthor(v, editor) && runeLen(v) <= 30 {
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
	if before != "" {
		return before, beforeRule
	}
	return "", ""
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
// "作者 林雙牧", "By Jane Doe", "文/张三".
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
	rs, f := []rune(v), foldRunes(v) // aligned rune for rune
	for _, lb := range []string{"原作者", "作者", "撰稿人", "撰稿", "撰文", "记者", "文字", "文", "By", "by", "BY"} {
		lr := []rune(lb)
		if len(f) > len(lr) && runesEqual(f[:len(lr)], lr) && strings.ContainsRune(" :/|︱", f[len(lr)]) {
			return trimSpace(string(rs[len(lr)+1:]))
		}
	}
	return v
}

// findAuthor runs the author rules on the page's info line (the text
// between title and body), body text and the text after the body.
func (p *page) findAuthor(title, body *html.Node, title0, info, bodyText, after, editor string) (string, string) {
	// A profile's info box may hold the whole article (TRS div.box_tex):
	// the info line is its start.
	info = truncateRunes(info, 300)
	// 1. Labels on the info line.
	if v, l := labelValueLabel(info, authorLabels); v != "" {
		if v = cutValue(v); p.okAuthor(v, editor) {
			return v, "label " + l
		}
	}
	for _, l := range strings.Split(info, "\n") {
		if m := postedByRe.FindStringSubmatch(l); m != nil {
			if v := trimSpace(m[1]); p.okAuthor(v, editor) && !isHanLabel(v) {
				return v, "name before 发表于"
			}
		}
		if m := byNameRe.FindStringSubmatch(l); m != nil && p.okAuthor(m[1], editor) {
			return m[1], "by after the date"
		}
	}
	// 2. The markup.
	if v, rule := p.markedAuthor(title, body, editor); v != "" {
		return v, rule
	}
	// 3. Bylines in the info line and the body.
	infoLines := splitLines(info)
	if names, rule := openingByline(infoLines, title0, "under the title"); len(names) > 0 && !strings.HasPrefix(rule, "names alone") {
		if v := strings.Join(names, "、"); p.okAuthor(v, editor) {
			return v, rule
		}
	}
	for _, l := range infoLines {
		// A name in brackets on the dated line: "2004年7月16日08:19 [ 黄宇 ]".
		if m := bracketNameRe.FindStringSubmatch(l); m != nil && chineseName(m[1]) {
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
		for _, l := range splitLines(tailRunes(p.textBetween(-1, p.order[body], nil), 160)) {
			if m := postedByRe.FindStringSubmatch(l); m != nil {
				if v := trimSpace(m[1]); p.okAuthor(v, editor) && !isHanLabel(v) {
					return v, "name before 发表于 before body"
				}
			}
		}
	}
	// 4. After the body.
	if v, l := labelValueLabel(after, []string{"作者"}); v != "" {
		if v = cutValue(v); p.okAuthor(v, editor) {
			return v, "label " + l + " after body"
		}
	}
	for _, l := range strings.Split(after, "\n") {
		if m := byNameRe.FindStringSubmatch(l); m != nil && p.okAuthor(m[1], editor) {
			return m[1], "by after the date, after body"
		}
	}
	return "", ""
}

// isHanLabel reports whether v is a field label rather than a name
// ("发布者", "时间").
func isHanLabel(v string) bool {
	return anyLabelRe.MatchString(v) && runeLen(v) <= 4
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
// application-name, a <title> part after the article's, or the host's
// name ("chinanews" on www.chinanews.com, "REDIFF CRICKET" on rediff.com).
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
		if i > 0 && strings.ToLower(part) == lv {
			return true
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

// authorPartWords mark the parts of an author box that are not the name.
var authorPartWords = map[string]bool{
	"origin": true, "date": true, "time": true, "avatar": true, "img": true, "image": true, "photo": true,
	"pic": true, "bio": true, "desc": true, "description": true, "follow": true, "share": true, "social": true,
	"count": true, "num": true, "fans": true, "intro": true, "icon": true, "more": true, "location": true,
	"title": true, "job": true, "role": true, "position": true,
}

// authorText returns the text of an author element without the parts
// that are not the name (avatar, origin, date, bio …), up to 200 bytes.
func authorText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if b.Len() > 200 {
			return
		}
		switch x.Type {
		case html.TextNode:
			b.WriteString(x.Data)
			b.WriteByte(' ')
			return
		case html.ElementNode:
			if skipTags[x.DataAtom] || x != n && hasWord(x, authorPartWords) {
				return
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return trimSpace(collapseSpace(b.String()))
}

// staffWords follow a site's name in a newsroom byline ("AOL Staff").
var staffWords = map[string]bool{
	"": true, "staff": true, "desk": true, "team": true, "editors": true, "editorial": true, "newsroom": true,
	"编辑部": true, "小编": true, "编辑": true,
}

// jsonLDBlocks returns the text of the page's <script type="application/ld+json">
// blocks, joined: author and headline are read there, not from any JSON
// a script carries (a package.json shown in a code sample has an author too).
func jsonLDBlocks(raw string) string {
	var b strings.Builder
	rest := raw
	for {
		i := strings.Index(rest, "application/ld+json")
		if i < 0 {
			break
		}
		rest = rest[i:]
		j := strings.IndexByte(rest, '>')
		if j < 0 {
			break
		}
		rest = rest[j+1:]
		k := strings.Index(rest, "</script>")
		if k < 0 {
			k = len(rest)
		}
		b.WriteString(rest[:k])
		b.WriteByte('\n')
		rest = rest[k:]
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
			v = trimSpace(strings.TrimLeft(v, o))
		}
	}
	return v
}
