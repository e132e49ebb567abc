package extract

import (
	"strings"

	"github.com/wenming-archive/wenming/internal/article"
)

// timeStampLine reports whether l is an info line without labels: a
// short line, no sentence (no comma or stop), holding a date and a time
// of day — a self-media page's spans of a tag, the account, the time and
// the place ("原创江城日报2024-04-10 14:22·江苏"). cleanBody drops it when
// it opens the body; closing it, such a line may be a post's signature
// (本贴由…于2005年8月12日16:12:21…发表), which names the writer.
func timeStampLine(l string) bool {
	if !runesAtMost(l, 50) || strings.ContainsAny(l, "，。！？；,") {
		return false
	}
	f := fold(l)
	if !hasYearDigits(f) {
		return false
	}
	_, prec, _, ok := findDate(f)
	return ok && prec == article.PrecisionMinute
}
