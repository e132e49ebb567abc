package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Bylines: the lines that name an article's writers ("本报记者 张三 李四",
// "（记者 张三）", "文/张三", "本贴由张三于…发表") and the names in them.

// authorRoles are the words that introduce the names of a byline.
var authorRoles = []string{
	"特约撰稿人", "特约记者", "首席记者", "实习记者", "见习记者", "全媒体记者", "融媒体记者", "记者",
	"通讯员", "实习生", "撰稿人", "执笔人", "执笔", "撰稿", "撰文", "作者",
	// An agency's local staffer abroad, named after its reporter
	// (新华社伊斯兰堡7月1日电（记者 王磊 报道员 阿里）).
	"报道员",
	"特約記者", "記者", "通訊員", "實習生", "執筆", "報道員",
}

// bylineLabels may open a byline with a colon, a slash or a bar: "文/张三",
// "文：张三", "作者︱张三", and the one who wrote the text and took the
// pictures, "图文/张三", "文 图/张三", "文、图：张三", "文/图：张三", and the
// pictures named first, "图/文：张三", "图、文：张三". "文" and the text and
// pictures' labels count only at the start of the line.
var bylineLabels = []string{"执笔人", "执笔", "撰稿人", "撰稿", "撰文", "作者", "文字", "图文", "文图", "文 图", "文、图", "文/图", "文／图",
	"图/文", "图／文", "图、文", "图 文", "文"}

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
			if i := stopIndex(tok, st); i >= 0 {
				tok, stopped = tok[:i], true
			}
		}
		roleAlone := false
		if _, rest, ok := cutRole(tok); ok {
			tok, roleAlone = rest, rest == ""
		}
		if i := strings.IndexFunc(tok, isDigitForm); i > 0 && chineseName(tok[:i]) {
			// A name glued to the day the text opens with, an agency's
			// lead without brackets: "记者张三、李四9日从…获悉".
			tok, stopped = tok[:i], true
		}
		tok = strings.Trim(tok, "·•:：（）()")
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
		first = roleAlone // a name set apart after a role between names ("报道员 阿里")
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
		return isSpace(r) || strings.ContainsRune("□■●◆▲★☆·-—◎○", r)
	}))
	if l == "" || !runesAtMost(l, 48) || strings.ContainsAny(l, "。！？；") {
		return nil
	}
	f := roleSlashes(fold(l))
	if at := editorishAt(f); at >= 0 {
		// A line of credits, the writer's first ("文｜张三 编辑｜李四",
		// "文字：李娜 图片：王磊"): the credits before the editor's,
		// the source's or the photographer's.
		if at > 0 && !strings.HasSuffix(f[:at], "/") {
			return parseByline(f[:at], namesOnly)
		}
		return nil
	}
	for _, st := range []string{"摄", "攝", "供图", "供圖"} {
		if strings.HasSuffix(f, st) && !strings.Contains(f, "/文") && !strings.Contains(f, "文/") {
			return nil // a photo credit: "记者 张三 摄", unless the text is credited too ("记者张三/文 受访者供图")
		}
	}
	if ns := bareMarkNames(f); len(ns) > 0 {
		return ns // 文 孙丽
	}
	if ns := labelledByline(f); len(ns) > 0 {
		return ns // 文/张三, 执笔人：张三 李四
	}
	if ns := namesBeforeCredit(f); len(ns) > 0 {
		return ns
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
	return lineOfNames(f)
}

// labelledByline returns the names of the folded byline f that a label
// with a colon, slash or bar opens: "文/张三", "执笔人：张三 李四".
func labelledByline(f string) []string {
	for _, lb := range bylineLabels {
		i := strings.Index(f, lb)
		if i < 0 || i > 0 && (lb == "文" || strings.Contains(lb, "图")) {
			continue
		}
		if i > 0 {
			if r := []rune(f[:i]); isHan(r[len(r)-1]) && !strings.HasSuffix(f[:i], "记者") {
				continue
			}
		}
		rest := strings.TrimLeft(f[i+len(lb):], " ")
		sep, size := firstRune(rest)
		if name, _, _ := strings.Cut(rest, " "); strings.ContainsAny(lb, "/／") && i == 0 && len(rest) < len(f)-len(lb) && nameAfterRole(name) {
			// A label whose slash sets the roles apart (图/文 李红): a
			// space after it stands for the colon.
			sep, size = ':', 0
		}
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
	return nil
}

// lineOfNames returns the names of the folded line f when it holds names
// alone, with a place before 报道 or 发自 and the reporting unit before or
// after them left out: "（常书香 马丹阳）", "（姚峰 上海报道）", "（河西乡　陈晓）".
func lineOfNames(f string) []string {
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
	if len(toks) > 1 && reportingUnit(toks[0]) {
		// The unit that reports, then its writers: "（河西乡　陈晓）",
		// "（县委宣传部 张伟 李娜）".
		toks = toks[1:]
	} else if n := len(toks); n > 1 && reportingUnit(toks[n-1]) {
		// The writers, then their unit: "（陈晓 河西乡）".
		toks = toks[:n-1]
	}
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

// roleSlashes returns f with a slash right after a writer's role read as
// the space it stands for (记者/张三 通讯员/李四 → 记者 张三 通讯员 李四).
func roleSlashes(f string) string {
	if !strings.Contains(f, "/") {
		return f
	}
	for _, r := range authorRoles {
		if strings.Contains(f, r+"/") {
			f = strings.ReplaceAll(f, r+"/", r+" ")
		}
	}
	return f
}

// reportingUnit reports whether tok names a unit that reports as a
// county site's closing credit names it before its writers (河西乡,
// 县委宣传部, 江城县融媒体中心): two to fifteen Han characters ending
// as an organisation or a place does (orgEnds, 中心).
func reportingUnit(tok string) bool {
	n := 0
	for _, r := range tok {
		if !isHan(r) {
			return false
		}
		n++
	}
	if n < 2 || n > 15 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(tok)
	return strings.ContainsRune(orgEnds, last) || strings.HasSuffix(tok, "中心")
}

// namesBeforeCredit reads the names of a credit that sets the text's
// mark after them, as newspapers do (张伟/文 李娜/图, 张伟 李娜/文,
// 青山镇 陈晓/文, 记者 张伟/文, and the mark for text and pictures set
// apart, 张伟 李娜 文/图, （张伟 图文）): f is the folded line. The names, a
// reporting unit before them and a role aside, must be the whole of what
// precedes /文, and /文 must end the line or a word.
func namesBeforeCredit(f string) []string {
	inner := strings.TrimRight(strings.TrimLeft(f, " ("), " )")
	for _, mark := range []string{" 文/图", " 图/文", " 图文", " 文图"} {
		if names, ok := strings.CutSuffix(inner, mark); ok {
			// The mark for both, set apart after the names: "孙丽 李娜
			// 文/图", "（孙丽 文/图）".
			f = names + "/文"
			break
		}
	}
	i := strings.Index(f, "/文")
	if i <= 0 {
		return nil
	}
	if rest := f[i+len("/文"):]; rest != "" && rest[0] != ' ' {
		return nil // 张三/文字, 张三/文图: another credit's word
	}
	toks := strings.FieldsFunc(f[:i], func(r rune) bool { return isSpace(r) || r == '、' || r == '，' || r == ',' })
	if len(toks) > 1 && reportingUnit(toks[0]) {
		toks = toks[1:]
	}
	var names []string
	for _, t := range toks {
		if before, rest, ok := cutRole(t); ok && before == "" {
			if t = rest; t == "" {
				continue
			}
		}
		if !chineseName(t) {
			return nil
		}
		names = append(names, t)
	}
	if len(names) > 4 {
		return nil
	}
	return names
}

// bylineMarks are the marks a newspaper sets before a byline.
const bylineMarks = "◎○■□●"

// bylineMarked returns l, a short line, after a byline mark that opens
// it, and whether one did.
func bylineMarked(l string) (string, bool) {
	r, size := firstRune(l)
	if size == 0 || !strings.ContainsRune(bylineMarks, r) || !runesAtMost(l, 20) {
		return "", false
	}
	return trimSpace(l[size:]), true
}

// nextMarked reports whether the second of lines opens with a byline
// mark too.
func nextMarked(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	_, ok := bylineMarked(lines[1])
	return ok
}

// isDigitForm reports whether r is a digit, ASCII or full-width.
func isDigitForm(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// hasBylineStop reports whether v goes on past the names ("张三 发自北京").
func hasBylineStop(v string) bool {
	for _, st := range bylineStops {
		if stopIndex(v, st) >= 0 {
			return true
		}
	}
	return false
}

// stopIndex returns where the byline stop st first stands in s, or -1:
// the 报道 of the role 报道员 is no stop.
func stopIndex(s, st string) int {
	i := strings.Index(s, st)
	if i < 0 || st != "报道" && st != "報道" {
		return i
	}
	for from := 0; i >= 0; {
		at := from + i
		if rest := s[at+len(st):]; !strings.HasPrefix(rest, "员") && !strings.HasPrefix(rest, "員") {
			return at
		}
		from = at + len(st)
		i = strings.Index(s[from:], st)
	}
	return -1
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// editorishAt returns where the first word of an editor's, a source's or
// a photographer's credit stands in f (a byline's line is theirs from
// there on), or -1.
func editorishAt(f string) int {
	at := -1
	for _, w := range []string{
		"编辑", "责编", "审核", "校对", "来源", "图片", "摄影", "供稿", "出处", "转载", "编者", "校审", "签发", "监制",
		"編輯", "責編", "審核", "來源", "圖片", "攝影", "出處", "轉載",
	} {
		if i := strings.Index(f, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
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
		if runesAtMost(l, 48) {
			if ns := parseByline(l, false); len(ns) > 0 {
				return ns, "byline closing the body"
			}
		}
		if m := matchByName(l); m != nil && okAuthorText(m[1]) {
			return []string{m[1]}, "by after the date"
		}
	}
	if ns := closingNames(lines); len(ns) > 0 {
		return ns, "names alone closing the body"
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

// closingNames reads the writers' names set alone on the body's last
// line, as a county site's editor signs a report off ("张伟 李娜", "王强"):
// one to three Chinese names and nothing else, after a line that ends a
// sentence. A list of names (winners, a roll of honour)
// runs over several such lines, and a name after one is no sign-off.
func closingNames(lines []string) []string {
	if len(lines) < 3 {
		return nil
	}
	l, prev := lines[len(lines)-1], lines[len(lines)-2]
	if !runesAtMost(l, 14) || runesAtMost(prev, 14) || !strings.ContainsAny(tailRunes(prev, 2), "。！？”") {
		return nil
	}
	ns := parseByline(l, true)
	if len(ns) == 0 || len(ns) > 3 || len(ns) == 1 && (!chineseName(ns[0]) || runeLen(ns[0]) > 3) {
		return nil
	}
	return ns
}

// infoNamesLine reads the writers' names set alone on a line of their
// own among the first lines between the title and the body ("张伟 李娜"
// under the headline, above or below the date line): two or three
// Chinese names and nothing else. One name alone there is as likely the
// column's (时政, 要闻: a surname and a word).
func infoNamesLine(lines []string) []string {
	for i, l := range lines {
		if i >= 3 {
			break
		}
		if !runesAtMost(l, 14) {
			continue
		}
		if ns := parseByline(l, true); len(ns) > 1 && len(ns) <= 3 {
			return ns
		}
	}
	return nil
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
		running := runningLine(l)
		if running && len(names) == 0 && editorsNote(l) {
			continue // the story, and its byline, start after the note
		}
		if running {
			if len(names) == 0 {
				if in := leadingParen(l); in != "" {
					if ns := parseByline(in, false); len(ns) > 0 {
						return ns, "byline in parentheses " + where
					}
					if ns := datelineByline(l, in); len(ns) > 0 {
						return ns, "byline in parentheses after the dateline " + where
					}
				}
				if ns := leadingByline(l); len(ns) > 0 {
					return ns, "byline at the start of a paragraph " + where
				}
			}
			break
		}
		if ns := parseByline(l, false); len(ns) > 0 {
			names = append(names, ns...)
			continue
		}
		if rest, ok := bylineMarked(l); ok && i == 0 && !nextMarked(lines) {
			// A newspaper's mark before the names alone on the first
			// line: "◎张伟", "■张伟 李娜" (not a list of names so marked).
			if ns := parseByline(rest, true); len(ns) > 0 && len(ns) <= 4 {
				names = append(names, ns...)
				continue
			}
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

// leadingByline reads the byline that opens a paragraph of running text
// without parentheses, set off from the text by a space ("本报记者 张伟
// 通讯员 王静　3月18日，…", "记者 李明 报道：…", "本报讯 记者张伟 通讯员王静
// 报道：…"): the names before the text's first mark. The paragraph, its
// byline included, stays the body's, as the corpora keep it.
func leadingByline(l string) []string {
	head := truncateRunes(strings.TrimLeftFunc(l, isSpace), 48)
	if i := indexAnyRune(head, "，。：:；！？,"); i >= 0 {
		head = head[:i]
	}
	return parseByline(head, false)
}

// datelineByline reads the byline in parentheses (in, within line l)
// that follows a news agency's dateline ("新华社北京3月18日电（记者王小明）", "人民网北京3月18日电
// （记者王小明、李华）"): there a name glued to its role is a name, as
// parseByline takes it after an organisation's name.
func datelineByline(l, in string) []string {
	i := strings.Index(l, in)
	if i < 0 {
		return nil
	}
	head := strings.TrimRight(strings.TrimRight(l[:i], "(（"), " \u3000")
	if !strings.HasSuffix(head, "电") {
		return nil
	}
	return parseByline("电（"+in, false)
}

// editorsNoteLabels open the editor's note that a newsroom sets above a
// story (【编者按】, 编者按：, 编者的话 …).
var editorsNoteLabels = []string{"编者按", "编者的话", "编前语", "编者注", "編者按", "編者的話"}

// editorsNote reports whether l opens with an editor's note label, in
// brackets or before a colon.
func editorsNote(l string) bool {
	l = strings.TrimLeft(trimSpace(l), "【[〔（(")
	for _, lb := range editorsNoteLabels {
		if rest, ok := strings.CutPrefix(l, lb); ok {
			return strings.HasPrefix(rest, "】") || strings.HasPrefix(rest, "]") || strings.HasPrefix(rest, "〕") ||
				strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "）") || strings.HasPrefix(rest, ")")
		}
	}
	return false
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

// postedVerbs are the verbs postedByRe ends with, one of which a line
// must hold for it to match.
var postedVerbs = []string{"发表于", "發表於", "发表在", "發表在", "发布于", "發佈於"}

// matchPostedBy is postedByRe.FindStringSubmatch, skipped when l holds
// none of the verbs it needs: the pattern has no literal start for the
// regexp package to look for, and run over a line without a match (an
// info line's "发表时间：") it tries every place a name might start.
func matchPostedBy(l string) []string {
	for _, v := range postedVerbs {
		if strings.Contains(l, v) {
			return postedByRe.FindStringSubmatch(l)
		}
	}
	return nil
}

// matchBracketName is bracketNameRe.FindStringSubmatch, skipped when l
// has no colon or no opening bracket, which the pattern needs: run over an
// info line with neither it tries every digit for a time.
func matchBracketName(l string) []string {
	if strings.IndexByte(l, ':') < 0 || strings.IndexByte(l, '[') < 0 && !strings.Contains(l, "【") {
		return nil
	}
	return bracketNameRe.FindStringSubmatch(l)
}

// englishBylineRe reads the writers' names opening the info line of a page
// in English ("By ZHANG WEI in Jiangcheng | chinadaily.com.cn | Updated:
// …", "By Li Na and Wang Lei | Updated …"): capitalised words up to a
// place (" in "), a bar, a comma or the line's end.
var englishBylineRe = regexp.MustCompile(`^(?:By|BY)\s+([A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,3}(?:\s+and\s+[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,3})?)(?:\s+in\s|\s*[|,]|\s*$)`)

// englishByline returns the names an English info line opens with after
// "By", or "".
func englishByline(l string) string {
	l = trimSpace(l)
	if !strings.HasPrefix(l, "By ") && !strings.HasPrefix(l, "BY ") {
		return ""
	}
	if m := englishBylineRe.FindStringSubmatch(l); m != nil {
		return m[1]
	}
	return ""
}

// matchByName is byNameRe.FindStringSubmatch, skipped when l has no "by".
func matchByName(l string) []string {
	if !strings.Contains(l, "by") {
		return nil
	}
	return byNameRe.FindStringSubmatch(l)
}

// reporterAt returns the byte offset in f of the first role of
// authorRoles that names a reporter, not a writer's label (作者, 撰稿 …,
// which the label rules read), or -1.
func reporterAt(f string) int {
	at := -1
	for _, r := range authorRoles {
		if slices.Contains(bylineLabels, r) || r == "撰稿人" {
			continue
		}
		if i := strings.Index(f, r); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// infoCreditByline returns the names a writer's credit gives as a field
// of the info line, set apart by spaces among the others ("发布时间：…
// 文/张伟　图/李娜", "2024-04-02 图文｜张伟"): the credit parseByline
// reads when it opens a line.
func infoCreditByline(lines []string) []string {
	for _, l := range lines {
		fields := strings.FieldsFunc(fold(l), isSpace)
		for i, field := range fields {
			if !strings.HasPrefix(field, "文") && !strings.HasPrefix(field, "图文") || !runesAtMost(field, 16) {
				continue
			}
			if names := parseByline(field, false); len(names) > 0 {
				// The names set apart after the first ("文：张三　李四"),
				// up to the next field that is none (来源：…, 图/李强).
				for _, next := range fields[i+1:] {
					if !chineseName(next) {
						break
					}
					names = append(names, next)
				}
				return names
			}
		}
	}
	return nil
}

// infoRoleByline returns the names a reporter's role introduces on
// an info line that other fields open ("2024-04-02 来源：江城日报　记者
// 张伟", "2024-04-02　融媒体中心记者：张伟"): the byline is the field that
// holds the role, from the space before it (an organisation glued to the
// role is part of it) to the line's end.
func infoRoleByline(lines []string) []string {
	for _, l := range lines {
		f := fold(l)
		at := reporterAt(f)
		if at < 0 {
			continue
		}
		before := f[:at]
		if trimSpace(before) == "" {
			continue // a byline opening the line (openingByline's)
		}
		start := strings.LastIndexAny(before, " :") + 1
		if start > 0 && f[start-1] == ':' {
			continue // the role inside another field's value ("来源：江城日报记者站")
		}
		if names := parseByline(f[start:], false); len(names) > 0 {
			return names
		}
	}
	return nil
}
