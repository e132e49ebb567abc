package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// creditRoles are the production roles a Chinese newsroom credits under
// a story besides its writers: the reviewers of its three-stage review
// (初审, 复审, 终审 or 一审 … 三审), its proof-reader, supervising and
// duty editors, and the editor. A line naming only these is the
// newsroom's sign-off, not the story.
var creditRoles = []string{
	"审核", "审校", "审稿", "初审", "复审", "终审", "一审", "二审", "三审", "校对", "责任校对", "核稿", "签发", "审签",
	"监制", "统筹", "值班编辑", "编审", "主编", "责任编辑", "责编", "编辑", "图片编辑", "文字编辑", "视频编辑", "美术编辑",
	"总监制", "策划", "总策划", "出品", "出品人", "制作", "製作",
	// The unit that contributed the story, signed off with its reviewer:
	// （供稿：城关镇　审核：王强）.
	"供稿", "供稿单位",
	// The clerk who entered the text into the CMS, signed off with the
	// editor: 文章录入：admin　责任编辑：王强.
	"录入", "文章录入", "信息录入",
	"審核", "審校", "初審", "複審", "終審", "一審", "二審", "三審", "校對", "責任校對", "監製", "統籌", "責任編輯", "責編", "編輯", "值班編輯",
}

// writerRoles are the roles of a story's makers that a line of credits
// may name before the newsroom's (文｜张伟 编辑｜李丽 审核｜王强): such a line
// is credits too when it names a role of creditRoles as well.
var writerRoles = []string{"文", "文字", "撰文", "撰稿", "图", "图片", "摄影", "视频", "设计", "排版", "美编", "制图",
	"摄像", "剪辑", "配音", "主播", "航拍", "动画",
	"圖", "圖片", "攝影", "視頻", "設計", "攝像", "剪輯"}

// editorRoles are the roles of creditRoles that name the responsible
// editor (Result.Editor): and the duty editor who put the story out
// (值班编辑), where a media centre's sign-off names no other.
var editorRoles = []string{"责任编辑", "责编", "编辑", "值班编辑", "責任編輯", "責編", "編輯", "值班編輯"}

// firstReviewRoles name the first of a newsroom's three reviews (三审制:
// 初审, 复审, 终审, or 一审 … 三审). The rule gives the first review to
// the responsible editor, so a sign-off that names no editor names him
// there (初审：李丽　复审：王强　终审：赵刚: 李丽); an editor named beside
// the chain is the editor (编辑：赵敏　初审：李丽: 赵敏).
var firstReviewRoles = []string{"初审", "一审", "初審", "一審"}

// editorRank ranks a role of editorRoles: the responsible editor (责任编辑,
// 责编) before a plain 编辑, who may only have set the page (编辑：张伟
// 责任编辑：李娜 names 李娜 the editor); -1 for other roles.
func editorRank(role string) int {
	switch role {
	case "责任编辑", "责编", "責任編輯", "責編":
		return 1
	case "编辑", "編輯", "值班编辑", "值班編輯":
		return 0
	}
	return -1
}

// credits reads l as a line that only credits production roles: one
// "role：names" or more, each role of creditRoles ("审核：陈刚",
// "编辑：赵敏　审核：陈刚　终审：刘伟", "（一审：张三 二审：李四 三审：王五）").
// Names are short and hold no sentence. It returns the editor's names
// (the first reviewer's when no editor is named: firstReviewRoles; empty
// when the line names neither) and whether l is such a line.
func credits(l string) (editor string, ok bool) {
	if !runesAtMost(l, 80) || strings.ContainsAny(l, "。！？，；") {
		return "", false
	}
	f := barsAsColons(fold(l))
	if !strings.Contains(f, ":") {
		return "", false
	}
	segs := strings.Split(strings.Trim(f, " ()（）【】[]"), ":")
	role := strings.TrimSpace(segs[0])
	newsroom, makers, rank := false, false, -1
	firstReview := ""
	for i, seg := range segs[1:] {
		switch {
		case slices.Contains(creditRoles, role):
			newsroom = true
		case slices.Contains(writerRoles, role):
			makers = true
		default:
			return "", false
		}
		// The names of role, then (but in the last segment) the next role.
		value, next := seg, ""
		if i+2 < len(segs) {
			seg = strings.TrimRight(seg, " ")
			k := strings.LastIndexAny(seg, " |丨/")
			if k < 0 {
				return "", false
			}
			_, size := utf8.DecodeRuneInString(seg[k:])
			value, next = seg[:k], seg[k+size:]
		}
		value = strings.Trim(value, " |丨/、")
		if !runesAtMost(value, 12) {
			return "", false
		}
		if r := editorRank(role); r > rank {
			editor, rank = value, r
		}
		if firstReview == "" && slices.Contains(firstReviewRoles, role) {
			firstReview = value
		}
		role = next
	}
	if rank < 0 {
		editor = firstReview // 初审：李丽　复审：王强　终审：赵刚
	}
	if makers {
		// A byline that names the newsroom too: not a sign-off to
		// drop, but its editor is read (makersCredits).
		return "", false
	}
	return editor, newsroom
}

// makersCredits reads l as a line of credits that names the story's
// makers before the newsroom (文｜张伟 编辑｜李丽 审核｜王强, or with colons) and
// returns the editor it names. The line is the story's byline and stays
// in the body (credits leaves it).
func makersCredits(l string) (editor string, ok bool) {
	if !runesAtMost(l, 80) || strings.ContainsAny(l, "。！？，；") {
		return "", false
	}
	f := barsAsColons(fold(l))
	role, _, found := strings.Cut(strings.TrimLeft(f, " ()（）【】[]"), ":")
	if !found || !slices.Contains(writerRoles, strings.TrimSpace(role)) {
		return "", false
	}
	// The same line with its makers' credits cut off is the newsroom's.
	for _, r := range editorRoles {
		if i := strings.Index(f, r+":"); i > 0 {
			if ed, ok := credits(f[i:]); ok && ed != "" {
				return ed, true
			}
		}
	}
	return "", false
}

// barsAsColons rewrites a bar written right after a role of creditRoles
// or writerRoles as the colon it stands for, as credits written the
// self-media way put it (文｜张伟 编辑｜李丽, in folded text "文|张伟"), and
// a slash so written (文字/王丽　图片/李强　编辑/刘洋); a bar between two
// credits (李丽 | 校对：孙立) stays, and so does a slash after a name (张伟/文).
func barsAsColons(f string) string {
	if !containsAnyRune(f, "|丨︱/") {
		return f
	}
	var b strings.Builder
	for i, r := range f {
		if (r == '|' || r == '丨' || r == '︱' || r == '/' && hanBefore(f[:i])) && endsWithRole(strings.TrimRight(f[:i], " ")) {
			b.Reset()
			b.WriteString(strings.TrimRight(f[:i], " "))
			b.WriteByte(':')
			b.WriteString(strings.TrimLeft(f[i+utf8.RuneLen(r):], " "))
			return barsAsColons(b.String())
		}
	}
	return f
}

// hanBefore reports whether s ends with a Han character: a slash after
// one may stand for a role's colon (文字/王丽), not one in an address or
// a date.
func hanBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isHan(r)
}

// endsWithRole reports whether s ends with a role of creditRoles or
// writerRoles standing as a word: at its start, or after a space or a
// bracket.
func endsWithRole(s string) bool {
	for _, roles := range [][]string{creditRoles, writerRoles} {
		for _, role := range roles {
			before, ok := strings.CutSuffix(s, role)
			if !ok {
				continue
			}
			if r, _ := utf8.DecodeLastRuneInString(before); before == "" || r == ' ' || strings.ContainsRune("(（【[", r) {
				return true
			}
		}
	}
	return false
}

// dropCredits drops the credit lines (credits) that close the body and
// returns the editor one of them names when editor is "".
func dropCredits(lines []string, editor string) ([]string, string) {
	for len(lines) > 0 {
		ed, ok := credits(lines[len(lines)-1])
		if !ok {
			ed, ok = creditsAfterControls(lines[len(lines)-1])
		}
		if !ok {
			ed, ok = spacedCredits(lines[len(lines)-1]) // 编辑 张磊 校对 杨利
		}
		if !ok {
			if ed, ok := makersCredits(lines[len(lines)-1]); ok && editor == "" {
				editor = ed
			}
			if text, ed, ok := cutClosingCredits(lines[len(lines)-1]); ok {
				lines[len(lines)-1] = text
				if mayBeBoiler(text) && boilerLine.MatchString(simplified(text)) {
					lines = lines[:len(lines)-1] // a control before them: 【纠错】 【责任编辑：张三】
				}
				if editor == "" {
					editor = ed
				}
			}
			break
		}
		if editor == "" {
			editor = ed
		}
		lines = lines[:len(lines)-1]
	}
	return lines, editor
}

// creditsAfterControls reads l as the page's controls in brackets, then
// the newsroom's credits: "【我要纠错】 责任编辑：刘洋", "【打印】【关闭】
// 编辑：李丽 审核：王强" (boilerLine's controls; the credits as credits
// reads them).
func creditsAfterControls(l string) (editor string, ok bool) {
	colon := strings.IndexAny(l, ":：")
	if colon < 0 {
		return "", false
	}
	end := max(strings.LastIndex(l[:colon], "】"), strings.LastIndex(l[:colon], "]"))
	if end < 0 {
		return "", false
	}
	_, size := utf8.DecodeRuneInString(l[end:])
	controls, rest := strings.TrimSpace(l[:end+size]), strings.TrimSpace(l[end+size:])
	if rest == "" || !mayBeBoiler(controls) || !boilerLine.MatchString(simplified(controls)) {
		return "", false
	}
	return credits(rest)
}

// closingBrackets pairs the brackets that close a line with those that
// open them.
var closingBrackets = map[rune]rune{'）': '（', ')': '(', '】': '【', ']': '['}

// cutClosingCredits reads the newsroom's credits set in brackets at the
// end of the body's last paragraph, glued to its text ("…事事有回音。
// （责任编辑：王强）", "…【编辑：李丽 审核：王强】"): it returns the
// paragraph without them and the editor they name.
func cutClosingCredits(l string) (text, editor string, ok bool) {
	last, size := utf8.DecodeLastRuneInString(l)
	open, found := closingBrackets[last]
	if !found {
		return "", "", false
	}
	i := strings.LastIndex(l[:len(l)-size], string(open))
	if i <= 0 {
		return "", "", false // no bracket, or the whole line (credits reads it)
	}
	editor, ok = credits(l[i:])
	text = strings.TrimSpace(l[:i])
	if !ok || text == "" {
		return "", "", false
	}
	return text, editor, true
}

// fieldLabel reports whether head, the text before a colon, ends with
// the label of a source, author or editor standing as a word ("责任编辑",
// "【纠错】 【责任编辑"; not "数据来源").
func fieldLabel(head string) bool {
	head = strings.TrimRight(head, " \u3000\u00a0")
	for _, labels := range [][]string{editorLabels, reviewLabels, authorLabels, sourceLabels} {
		for _, lb := range labels {
			if before, ok := strings.CutSuffix(head, lb); ok {
				if r, _ := utf8.DecodeLastRuneInString(before); before == "" || !isHan(r) {
					return true
				}
			}
		}
	}
	return false
}
