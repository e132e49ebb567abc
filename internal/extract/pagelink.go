package extract

import "strings"

// A template sets the page's own address among the controls it closes
// the text with, a line of its own inside the body's container: 本文链接：
// http://…/1532.html, 本文地址：…, often beside 分享到： and a QR code to
// read the page on a phone. It names no other page (a repost's 原文链接
// does, and stays), so it is no part of the text.

// pageLinkLabels are the labels of such a line, in simplified and in
// traditional characters.
var pageLinkLabels = []string{"本文链接", "本文地址", "本文网址", "本页链接", "本页地址", "本页网址", "文章链接", "文章地址",
	"本文鏈接", "本文網址", "本頁鏈接", "本頁地址", "本頁網址", "文章鏈接"}

// pageLinkLine reports whether l is such a line: one of pageLinkLabels,
// a colon, and nothing but an address (or nothing: the script fills it).
func pageLinkLine(l string) bool {
	if len(l) < len("本文链接") || l[0] != 0xe6 {
		return false // the first byte of neither 本 nor 文: most lines
	}
	for _, lb := range pageLinkLabels {
		rest, ok := strings.CutPrefix(l, lb)
		if !ok {
			continue
		}
		rest = trimSpace(rest)
		if v, ok := strings.CutPrefix(rest, "："); ok {
			rest = v
		} else if v, ok := strings.CutPrefix(rest, ":"); ok {
			rest = v
		} else {
			return false
		}
		rest = trimSpace(rest)
		return rest == "" || !strings.ContainsAny(rest, " \u3000") && (strings.Contains(rest, "://") || strings.HasPrefix(rest, "www."))
	}
	return false
}
