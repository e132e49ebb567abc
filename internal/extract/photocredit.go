package extract

import (
	"slices"
	"strings"
)

// photoLabels are the labels of a story's photographer and camera man
// (摄影：刘洋, 图：刘洋, 摄像：钱进), on the info line or a line of the
// body.
var photoLabels = []string{"摄影", "摄像", "图片", "图", "攝影", "攝像", "圖片", "圖"}

// photoStoryRunes bounds the text of a story told in pictures: its
// captions and a sentence or two.
const photoStoryRunes = 300

// photographer returns the photographer a story told in pictures names
// (图片新闻: two pictures or more, captions and little text), who is its
// author when no writer is named: on the info line (摄影：刘洋, 摄像：钱进,
// 图/刘洋 as a field of it) or on a line of the body (摄影：刘洋, 图/刘洋,
// 图 刘洋, 记者 刘洋 摄, or in brackets closing a caption, 志愿者为老人理发。
// （刘洋 摄）). A longer story's photographer is no author: its writer, if
// unnamed, is unknown.
func (p *page) photographer(h *hints, info string) (string, string) {
	body := h.r.Body
	if !runesAtMost(body, photoStoryRunes) {
		return "", ""
	}
	name, rule := "", ""
	if v, l := labelValueLabel(info, photoLabels); v != "" {
		if ns := bylineNames(v, true); len(ns) > 0 {
			name, rule = strings.Join(ns, " "), "photographer's label "+l
		}
	}
	if name == "" {
		for _, field := range strings.Fields(fold(info)) {
			if ns := photoCredit(field); len(ns) > 0 {
				name, rule = strings.Join(ns, " "), "photographer's credit on the info line"
				break
			}
		}
	}
	if name == "" {
		for _, l := range append(splitLines(body), h.pictureCredits...) {
			ns := photoCredit(l)
			if len(ns) == 0 {
				ns = photoCredit(trailingParen(l))
			}
			if len(ns) > 0 {
				name, rule = strings.Join(ns, " "), "photographer's credit in body"
				break
			}
		}
	}
	if name == "" || p.contentPictures(h.parts) < 2 {
		return "", ""
	}
	return name, rule
}

// photoCredit reads l as a credit of the pictures alone: a label of
// photoLabels and the names after it, set apart by a colon, a slash, a
// bar or a space (摄影：刘洋, 图/刘洋, 图 刘洋), or the names before 摄
// (刘洋 摄, 记者 刘洋 摄), in brackets or not. Anything else on the line —
// a sentence, a caption — makes it no credit.
func photoCredit(l string) []string {
	if l == "" || !runesAtMost(l, 24) || strings.ContainsAny(l, "。！？，；") {
		return nil
	}
	f := strings.Trim(fold(l), " ()（）【】[]")
	if rest, ok := strings.CutSuffix(f, "摄"); ok {
		return namesOnly(strings.TrimRight(rest, " "))
	}
	for _, lb := range photoLabels {
		rest, ok := strings.CutPrefix(f, lb)
		if !ok || rest == "" || !strings.ContainsRune(": /|丨", []rune(rest)[0]) {
			continue
		}
		return namesOnly(strings.TrimLeft(rest, ": /|丨"))
	}
	return nil
}

// namesOnly returns the Chinese names s is made of, set apart by spaces
// or 、, after a writer's role or not (记者 刘洋), or nothing when s holds
// anything else.
func namesOnly(s string) []string {
	toks := strings.FieldsFunc(s, func(r rune) bool { return isSpace(r) || r == '、' })
	for len(toks) > 1 && slices.Contains(authorRoles, toks[0]) {
		toks = toks[1:]
	}
	if len(toks) == 0 || len(toks) > 3 {
		return nil
	}
	for _, t := range toks {
		if !chineseName(t) {
			return nil
		}
	}
	return toks
}

// bareMarkNames reads f, a folded line, as a writer's credit marked
// without a colon or slash: the bare mark of the text (文, 文字, 图文),
// a space, the names, and at most the pictures' credit after them
// (文 孙丽, 文 钱进 图 周芳, 文 孙丽 / 图 刘洋, 图文 刘洋). Anything else after the names
// makes it no credit: "文 明" is no mark.
func bareMarkNames(f string) []string {
	for _, mk := range []string{"文字", "图文", "文"} {
		rest, ok := strings.CutPrefix(f, mk+" ")
		if !ok {
			continue
		}
		var names []string
		// A bar or slash may part the writer's credit from the
		// pictures' (文 孙丽 / 图 刘洋).
		for _, tok := range strings.FieldsFunc(rest, func(r rune) bool { return isSpace(r) || strings.ContainsRune("、/|丨", r) }) {
			if len(names) > 0 && slices.Contains(photoLabels, tok) {
				break // 图 周芳: the pictures'
			}
			if !chineseName(tok) || len(names) == 3 {
				return nil
			}
			names = append(names, tok)
		}
		return names
	}
	return nil
}
