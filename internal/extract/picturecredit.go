package extract

import (
	"strings"
	"unicode/utf8"
)

// pictureSourceLabels label a line that says where a story's pictures
// come from (图片来源：医院宣传科, 图源：县融媒体中心).
var pictureSourceLabels = []string{"图片来源", "图片来自", "图片提供", "题图来源", "配图来源", "图源", "圖片來源", "圖片來自", "圖源"}

// pictureCreditLine reports whether l, a line of the body, credits the
// pictures and nothing else: a photographer's credit as photoCredit reads
// it (摄影：刘洋, 图/刘洋, 记者 刘洋 摄, （刘洋 摄）) or a label of
// pictureSourceLabels and a short value after its colon. A caption, a
// sentence, is none.
func pictureCreditLine(l string) bool {
	// Cheap tests first: every credit is short and has a credit's shape.
	if len(l) > 40*utf8.UTFMax || !creditShape(l) || !runesAtMost(l, 40) || containsAnyRune(l, "。！？，；") {
		return false
	}
	if len(photoCredit(l)) > 0 {
		return true
	}
	f := strings.Trim(fold(l), " ()（）【】[]")
	for _, lb := range pictureSourceLabels {
		rest, ok := strings.CutPrefix(f, lb)
		if !ok {
			continue
		}
		rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " "), ":")
		return ok && trimSpace(rest) != ""
	}
	return false
}

// dropPictureCredits takes the lines that credit the pictures alone
// (pictureCreditLine) out of body, wherever they stand between the
// paragraphs: the body without them, and them, for the photographer of
// a story told in pictures.
func dropPictureCredits(body string) (string, []string) {
	found := false
	for s := body; s != "" && !found; {
		var l string
		l, s, _ = strings.Cut(s, "\n")
		// A credit's 40 runes and some space; its shape before trimming.
		found = len(l) <= 48*utf8.UTFMax && creditShape(l) && pictureCreditLine(trimSpace(l))
	}
	if !found {
		return body, nil // most bodies: nothing to split
	}
	lines := splitLines(body)
	var credits []string
	kept := lines[:0]
	for _, l := range lines {
		if pictureCreditLine(l) {
			credits = append(credits, l)
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n"), credits
}

// creditShape reports whether l, past white space and brackets, opens
// as a picture credit does (摄影, 图, 图片来源, 题图, 配图 …) or closes with
// 摄 (记者 刘洋 摄, （刘洋 摄）): asked before anything else of a line, so
// it reads the runes at its two ends, and trims only a line that a
// bracket or a space opens or closes.
func creditShape(l string) bool {
	first, _ := utf8.DecodeRuneInString(l)
	switch first {
	case '摄', '图', '攝', '圖', '题', '配', '題':
		return true
	case ' ', '\t', '(', '[', '　', '（', '【':
		return creditShape(strings.TrimLeft(l, " \t([　（【"))
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	switch last {
	case '摄', '攝':
		return true
	case ' ', '\t', ')', ']', '　', '）', '】':
		t := strings.TrimRight(l, " \t)]　）】")
		last, _ = utf8.DecodeLastRuneInString(t)
		return last == '摄' || last == '攝'
	}
	return false
}
