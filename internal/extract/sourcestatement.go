package extract

import "strings"

// sourceStatement reports whether f, a folded line closing the text,
// names the piece's source and goes on to state the rights in a sentence
// of its own, as apps' share pages close every piece (本文来源：人民日报客户端。
// 版权归原作者所有，转载请注明出处。): a statement, no part of the story; the
// source is read from it (labelIn over the closing lines) all the same.
func sourceStatement(f string) bool {
	f = strings.TrimLeft(f, " 【[(（")
	for _, lb := range []string{"本文来源", "文章来源", "来源"} {
		rest, ok := strings.CutPrefix(f, lb)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " ")
		if !strings.HasPrefix(rest, ":") {
			return false
		}
		_, after, ok := strings.Cut(rest, "。")
		return ok && containsAnyOf(after, rightsWords)
	}
	return false
}
