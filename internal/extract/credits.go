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
	"审核", "审校", "审稿", "初审", "复审", "终审", "一审", "二审", "三审", "校对", "责任校对", "核稿", "签发",
	"监制", "统筹", "值班编辑", "编审", "主编", "责任编辑", "责编", "编辑",
	"審核", "審校", "初審", "複審", "終審", "一審", "二審", "三審", "校對", "責任校對", "監製", "統籌", "責任編輯", "責編", "編輯",
}

// editorRoles are the roles of creditRoles that name the responsible
// editor (Result.Editor).
var editorRoles = []string{"责任编辑", "责编", "编辑", "責任編輯", "責編", "編輯"}

// credits reads l as a line that only credits production roles: one
// "role：names" or more, each role of creditRoles ("审核：陈刚",
// "编辑：赵敏　审核：陈刚　终审：刘伟", "（一审：张三 二审：李四 三审：王五）").
// Names are short and hold no sentence. It returns the editor's names
// (empty when the line names none) and whether l is such a line.
func credits(l string) (editor string, ok bool) {
	if !runesAtMost(l, 80) || strings.ContainsAny(l, "。！？，；") {
		return "", false
	}
	f := fold(l)
	if !strings.Contains(f, ":") {
		return "", false
	}
	segs := strings.Split(strings.Trim(f, " ()（）【】[]"), ":")
	role := strings.TrimSpace(segs[0])
	for i, seg := range segs[1:] {
		if !slices.Contains(creditRoles, role) {
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
		if editor == "" && slices.Contains(editorRoles, role) {
			editor = value
		}
		role = next
	}
	return editor, true
}

// dropCredits drops the credit lines (credits) that close the body and
// returns the editor one of them names when editor is "".
func dropCredits(lines []string, editor string) ([]string, string) {
	for len(lines) > 0 {
		ed, ok := credits(lines[len(lines)-1])
		if !ok {
			break
		}
		if editor == "" {
			editor = ed
		}
		lines = lines[:len(lines)-1]
	}
	return lines, editor
}
