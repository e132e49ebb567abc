package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/article"
)

// scriptDateNames are the names of the script variables (and attributes)
// a page sets its publish time in when a script writes it into an empty
// element (<em id="publish_time"></em>): var publish_time = "2024-03-18",
// var createTime = '2024-03-18 09:13', publishTime: "…", and the
// element that shows it relative to now ("3小时前") in an attribute,
// <span data-time="1712020200">.
var scriptDateNames = []string{"publish_time", "publishTime", "pubTime", "pubtime", "createTime", "create_time", "newsTime",
	"data-time", "data-timestamp", "data-pubtime", "data-publish-time"}

// maxScriptDateTries bounds the occurrences of one name looked at. The
// names are not among rawLiterals: the scan would look for them on every
// page, and they are asked of the few pages nothing else dates.
const maxScriptDateTries = 8

// scriptDate returns the publish time a page's script (or an attribute)
// assigns to a variable of scriptDateNames — a date in quotes, or a Unix
// time of ten digits (thirteen in milliseconds) — the most precise among
// them, and the name.
func (p *page) scriptDate() (t time.Time, prec article.Precision, name string, ok bool) {
	for _, n := range scriptDateNames {
		i := p.rx.index(n)
		for tries := 0; i >= 0 && tries < maxScriptDateTries; tries++ {
			if t1, p1, ok1 := assignedDate(p.raw[i+len(n):]); ok1 && (!ok || p1 == article.PrecisionMinute && prec == article.PrecisionDay) {
				t, prec, name, ok = t1, p1, n, true
				break
			}
			j := strings.Index(p.raw[i+len(n):], n)
			if j < 0 {
				break
			}
			i += len(n) + j
		}
	}
	if ok {
		return t, prec, name, true
	}
	for _, d := range unixTimeDecls {
		if i := strings.Index(p.raw, d); i >= 0 {
			if t1, p1, ok1 := assignedDate(p.raw[i+len(d):]); ok1 && p1 == article.PrecisionMinute && p.relativeTimeShown() {
				return t1, p1, strings.TrimPrefix(d, "var "), true
			}
		}
	}
	return t, prec, name, false
}

// unixTimeDecls declare a script variable whose short name says a
// creation time ("var ct", as WeChat's article pages do) and whose value
// counts only as a Unix time, and only on a page whose publish-time
// element shows a time relative to the reader's day or nothing
// (relativeTimeShown): the script writes it there from the variable. The
// page's other numbers (var svr_time, the time it was served) go
// unread.
var unixTimeDecls = []string{"var ct"}

// relativeTimeShown reports whether the page has an element whose id is
// one of scriptDateNames (<em id="publish_time">) that shows no date but
// nothing or a time relative to now (昨天, 前天, 3天前, 2小时前).
func (p *page) relativeTimeShown() bool {
	for _, n := range scriptDateNames {
		if strings.HasPrefix(n, "data-") {
			continue
		}
		i := strings.Index(p.raw, `id="`+n+`"`)
		if i < 0 {
			continue
		}
		gt := strings.IndexByte(p.raw[i:], '>')
		if gt < 0 {
			return false
		}
		text := p.raw[i+gt+1:]
		lt := strings.IndexByte(text, '<')
		if lt < 0 || lt > 60 {
			return false
		}
		return relativeDay(strings.TrimSpace(text[:lt]))
	}
	return false
}

// relativeDay reports whether s is empty or a time relative to now: 今天,
// 昨天, 前天, 刚刚, or a number of units ago (3天前, 2 小时前).
func relativeDay(s string) bool {
	switch s {
	case "", "今天", "昨天", "前天", "刚刚":
		return true
	}
	n, ok := strings.CutSuffix(s, "前")
	if !ok {
		return false
	}
	for _, u := range relativeUnits {
		if d, ok := strings.CutSuffix(n, u); ok {
			d = strings.TrimSpace(d)
			return d != "" && isDigits(d)
		}
	}
	return false
}

// assignedDate reads the date that s, the text after a variable's name,
// assigns to it: "= '2024-03-18 09:13'", ` = "1710724380"`, `: "…"`, and
// after a quoted key of a script's data object the quote closing it
// (window.DATA = {"pubtime":"2024-04-12 18:05:00"}).
func assignedDate(s string) (t time.Time, prec article.Precision, ok bool) {
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		s = s[1:]
	}
	s = strings.TrimLeft(s, " \t")
	if s == "" || s[0] != '=' && s[0] != ':' || strings.HasPrefix(s, "==") {
		return t, prec, false
	}
	s = strings.TrimLeft(s[1:], " \t")
	q := byte(0)
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		q, s = s[0], s[1:]
	}
	end := strings.IndexFunc(s, func(r rune) bool {
		return r == '"' || r == '\'' || r == ';' || r == ',' || r == '\n' || r == '}' || r == utf8.RuneError
	})
	if end < 0 || end > 40 || q != 0 && s[end] != q {
		return t, prec, false
	}
	v := strings.TrimSpace(s[:end])
	if len(v) == 13 && isDigits(v) {
		v = v[:10] // milliseconds: "1710721380000"
	}
	if len(v) == 10 && isDigits(v) {
		var secs int64
		for _, c := range v {
			secs = secs*10 + int64(c-'0')
		}
		if u := time.Unix(secs, 0); u.Year() >= 2000 {
			return u.In(article.China).Truncate(time.Minute), article.PrecisionMinute, true
		}
		return t, prec, false
	}
	if q == 0 {
		return t, prec, false // a date is written in quotes
	}
	return ParseDate(v)
}

// relativeUnits are the units of a time shown relative to now, before
// 前 (ago): "3 天前", "2 小时前", "5 分钟前".
var relativeUnits = []string{"天", "小时", "分钟", "秒", "小時", "分鐘"}

// relativeTitleDate returns the time that the element showing a time
// relative to now keeps in its title attribute, as forum software and
// news apps print a recent post's (发表于 <span title="2024-5-20
// 10:30:12">3&nbsp;天前</span>): the first such element whose title is a
// date, among the first few whose text ends in 前 right before a tag.
func (p *page) relativeTitleDate() (t time.Time, prec article.Precision, ok bool) {
	const ago = "前<"
	from := 0
	for tries := 0; tries < maxScriptDateTries; tries++ {
		i := strings.Index(p.raw[from:], ago)
		if i < 0 {
			break
		}
		i += from
		from = i + len(ago)
		before := p.raw[max(0, i-240):i]
		for _, u := range relativeUnits {
			if w, found := strings.CutSuffix(before, u); found {
				if t, prec, ok = titleOfTagBefore(w); ok {
					return t, prec, ok
				}
				break
			}
		}
	}
	return t, prec, false
}

// titleOfTagBefore reads s, the source before a relative time's unit,
// as an opening tag with a title attribute, then the relative time's
// number alone (digits, white space, &nbsp;), and returns the date the
// title holds.
func titleOfTagBefore(s string) (time.Time, article.Precision, bool) {
	gt := strings.LastIndexByte(s, '>')
	lt := strings.LastIndexByte(s, '<')
	if gt < 0 || lt < 0 || lt > gt || strings.HasPrefix(s[lt:], "</") {
		return time.Time{}, "", false
	}
	between := strings.ReplaceAll(s[gt+1:], "&nbsp;", " ")
	if strings.Trim(between, " \t\r\n0123456789半") == "" && strings.Trim(between, " \t\r\n") != "" {
		tag := s[lt:gt]
		k := strings.Index(tag, "title=")
		if k < 0 {
			return time.Time{}, "", false
		}
		v := tag[k+len("title="):]
		if v == "" || v[0] != '"' && v[0] != '\'' {
			return time.Time{}, "", false
		}
		end := strings.IndexByte(v[1:], v[0])
		if end < 0 || end > 40 {
			return time.Time{}, "", false
		}
		return ParseDate(v[1 : 1+end])
	}
	return time.Time{}, "", false
}

// maxScriptCalls bounds the inline scripts scriptCallDate looks at, and
// maxScriptCall the length of one's code.
const (
	maxScriptCalls = 64
	maxScriptCall  = 200
)

// scriptCallDate returns the publish time that an inline script writes
// after a publish-time label by calling a function of the site's own on
// a date literal (发布时间：<script>showDate("2024-05-10 09:12:33",
// "yyyy-MM-dd")</script>, document.write(fmt('2024-05-10'))): the
// literal, the time the function formats. A call under no label (a
// countdown's target) dates nothing.
func (p *page) scriptCallDate() (t time.Time, prec article.Precision, label string, ok bool) {
	from := 0
	for n := 0; n < maxScriptCalls; n++ {
		i := strings.Index(p.raw[from:], "<script")
		if i < 0 {
			break
		}
		i += from
		gt := strings.IndexByte(p.raw[i:], '>')
		if gt < 0 {
			break
		}
		code := i + gt + 1
		end := strings.Index(p.raw[code:], "</script>")
		if end < 0 {
			break
		}
		from = code + end
		if end > maxScriptCall || attrValue(p.raw[i:code], "src") != "" {
			continue
		}
		lit, called := calledLiteral(p.raw[code : code+end])
		if !called {
			continue
		}
		f := fold(lit)
		t, prec, at, found := findDate(f)
		if d, compact := compactDate(f); compact && !(found && at == 0) {
			t, prec, at, found = findDate(d)
		}
		if !found || at != 0 {
			continue
		}
		before := fold(tagsStripped(p.raw[max(0, i-maxScriptCall):i]))
		if l := publishLabelBefore(before, len(before)); l != "" && !updateLabels[l] {
			return t, prec, l, true
		}
	}
	return t, prec, "", false
}

// emptyDateLabel reports whether f, a folded info line, holds a publish
// label and its colon with no digit after them (发布时间： 来源：青山镇),
// where a script may write the date.
func emptyDateLabel(f string) bool {
	for from := 0; ; {
		i := strings.IndexByte(f[from:], ':')
		if i < 0 {
			return false
		}
		i += from
		from = i + 1
		if l := publishLabelBefore(f, i+1); l == "" || updateLabels[l] {
			continue
		}
		if rest := strings.TrimLeft(f[i+1:], " "); rest == "" || !isDigit(rest[0]) {
			return true
		}
	}
}

// calledLiteral returns the string literal that a script's code passes
// first to a function call and nothing else does: the code is one call
// (showDate("…", "yyyy-MM-dd");), perhaps inside another
// (document.write(fmtDate('…'))), its other arguments literals.
func calledLiteral(code string) (string, bool) {
	s := strings.TrimSpace(code)
	s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
	q := strings.IndexAny(s, `"'`)
	if q <= 0 || !strings.HasSuffix(s, ")") {
		return "", false
	}
	callee := strings.TrimRight(s[:q], " \t")
	if c := callee[0]; !strings.HasSuffix(callee, "(") || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$') {
		return "", false
	}
	for _, c := range []byte(callee) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '.' || c == '(' || c == ' ') {
			return "", false
		}
	}
	end := strings.IndexByte(s[q+1:], s[q])
	if end < 0 || end > 40 {
		return "", false
	}
	rest := s[q+1+end+1:]
	if strings.ContainsAny(rest, ";{}=") {
		return "", false // more than a call's arguments
	}
	return s[q+1 : q+1+end], true
}

// tagsStripped returns the text of s, a piece of the page's source, with
// its tags (a tag cut at s's start too) and its &nbsp; made spaces.
func tagsStripped(s string) string {
	if gt, lt := strings.IndexByte(s, '>'), strings.IndexByte(s, '<'); gt >= 0 && (lt < 0 || gt < lt) {
		s = s[gt+1:] // the end of a tag s starts inside
	}
	var b strings.Builder
	for {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:lt])
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			break
		}
		b.WriteByte(' ')
		s = s[lt+gt+1:]
	}
	return strings.ReplaceAll(b.String(), "&nbsp;", " ")
}
