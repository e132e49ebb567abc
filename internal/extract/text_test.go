package extract

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func FuzzCollapsed(f *testing.F) {
	for _, s := range []string{"a b", "a  b", "，“中”", "x\u00a0y", "\u2003", "a ", "Tiếng Việt", "\ufeffx", "\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if collapsed(s) && collapseSpaceSlow(s) != s {
			t.Errorf("collapsed(%q) but collapseSpace changes it to %q", s, collapseSpaceSlow(s))
		}
	})
}

// collapseSpaceRunes is collapseSpace written plainly, rune by rune: the
// reference the byte-wise one must agree with.
func collapseSpaceRunes(s string) string {
	var b strings.Builder
	var pending, pendingNL bool
	var prev rune
	for _, r := range s {
		if isSpace(r) && r != '\u3000' {
			pending = true
			if r == '\n' || r == '\r' {
				pendingNL = true
			}
			continue
		}
		if pending {
			if !pendingNL || !isHan(prev) || !isHan(r) {
				b.WriteByte(' ')
			}
			pending, pendingNL = false, false
		}
		b.WriteRune(r)
		prev = r
	}
	if pending {
		b.WriteByte(' ')
	}
	return b.String()
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"a b", "a  b", "中\n文", "中 \n 文", "中\u2003\n文", "x\u00a0y", "\u3000中", "a\xffb", "\xe4\xb8", "中\r\n\ufeff文 ", "\u1680\u205f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), collapseSpaceRunes(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// collapseSpaceSlow is collapseSpace without the fast path.
func collapseSpaceSlow(s string) string { return collapseSpace(s + "x")[:len(collapseSpace(s+"x"))-1] }

func TestIsPunctMatchesSet(t *testing.T) {
	for _, r := range punctuation {
		if !isPunct(r) {
			t.Errorf("isPunct(%q) = false", r)
		}
	}
	for _, r := range "a.中 1-" {
		if isPunct(r) {
			t.Errorf("isPunct(%q) = true", r)
		}
	}
}

func TestCollapseSpaceBlank(t *testing.T) {
	for _, s := range []string{" ", "\n\t\t", "\r\n  \v\f"} {
		if got := collapseSpace(s); got != " " {
			t.Errorf("collapseSpace(%q) = %q, want one space", s, got)
		}
	}
	if got := collapseSpace(""); got != "" {
		t.Errorf("collapseSpace(\"\") = %q", got)
	}
}

func TestWords(t *testing.T) {
	for _, tt := range []struct{ class, want string }{
		{"mainNav side-bar_2", "main nav side bar"},
		{"article-content-body article-content-body_with-aside", "article content body article content body"},
		{"relative top-0 sm:top-2 news", "news"},
		{"XMLHttp 新闻 abc", "xmlhttp abc"},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: tt.class}}}
		if got := strings.Join(words(n), " "); got != tt.want {
			t.Errorf("words(%q) = %q, want %q", tt.class, got, tt.want)
		}
	}
}

func TestContainsAnyWithPrefix(t *testing.T) {
	subs := []string{`class="pg"`, `class="pager"`}
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{`<div class="pagex"><div class="pager">`, true},
		{`<div class="pagex">`, false},
		{`class="pg"`, true},
		{``, false},
	} {
		if got := containsAnyWithPrefix(tt.s, `class="p`, subs); got != tt.want {
			t.Errorf("containsAnyWithPrefix(%q) = %v", tt.s, got)
		}
	}
}

// TestCountPunctStop checks which full stops close a sentence.
func TestCountPunctStop(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"the end. The", 1},
		{"the end.", 1},
		{". Families came", 1}, // after a link: "… <a>park</a>. Families"
		{".", 1},
		{"...", 0},
		{".5 percent", 0},
		{"도서관을 연다. 신청은 누리집에서 받는다.", 2}, // Korean stops
		{"图书馆开放. 读者", 0},               // Han: Chinese ends with 。
		{"2024.05.13", 0},
		{"www.example.com", 0},
	}
	for _, tt := range tests {
		if got := countPunct(tt.s); got != tt.want {
			t.Errorf("countPunct(%q) = %d, want %d", tt.s, got, tt.want)
		}
		if _, got, _ := countText(tt.s); got != tt.want {
			t.Errorf("countText(%q) punct = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func FuzzCountVisible(f *testing.F) {
	for _, s := range []string{"a b", "中 文\u3000x", "\t\n", "\xff\xfe", "a\u00a0b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := 0
		for _, r := range s {
			if !isSpace(r) {
				want++
			}
		}
		if got := countVisible(s); got != want {
			t.Errorf("countVisible(%q) = %d, want %d", s, got, want)
		}
	})
}

func FuzzCountText(f *testing.F) {
	for _, s := range []string{"a b", "a  b", "end. Next", "中，文。", "x\u00a0y", "\u3000中 ", "a\xffb", "\t", "U.S. A", ". Next", "...", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, p, c := countText(s)
		if v != countVisible(s) || p != countPunct(s) || c != collapsed(s) {
			t.Errorf("countText(%q) = %d, %d, %v; want %d, %d, %v", s, v, p, c, countVisible(s), countPunct(s), collapsed(s))
		}
	})
}

var ellipsisRe = regexp.MustCompile(`(?:\.{2,}|…+|。{3,})$`)

// nearPrefixLCS is nearPrefix by the longest common substring table: the
// reference for the windowed search.
func nearPrefixLCS(s, r string) bool {
	rs := []rune(r)
	n := runeLen(s)
	if n > 300 || len(rs) < n*9/10 {
		return false
	}
	head := string(rs[:min(len(rs), n+n/5)])
	return lcs(s, head) >= n*9/10
}

func FuzzSummaryHelpers(f *testing.F) {
	for _, s := range []string{"abc...", "中文……", "x。。。", "..。。。", "a.", "x…。。"} {
		f.Add(s, "abcdef")
	}
	f.Add("县文明办组织志愿者开展活动", "县文明办组织志愿者开展了活动，")
	f.Add("近日，县文明办组织志愿者在城区开展文明交通劝导活动……", "近日，县文明办组织 志愿者在城区开展文明交通劝导活动，\n引导市民 遵守交通规则、文明出行。活动中，志愿者们手持小红旗，在各路口劝导行人和非机动车驾驶人。")
	f.Add("The council met on Monday to discuss the new budget for schools", "The council met on Monday to discuss the new budget for schools and roads, which\ngrew by a tenth.")
	f.Fuzz(func(t *testing.T, s, r string) {
		if got, want := trimEllipsis(s), ellipsisRe.ReplaceAllString(s, ""); got != want {
			t.Errorf("trimEllipsis(%q) = %q, want %q", s, got, want)
		}
		if !utf8.ValidString(s) || !utf8.ValidString(r) {
			return // the texts compared are collapsed, hence valid
		}
		if got, want := nearPrefix(s, r), nearPrefixLCS(s, r); got != want {
			t.Errorf("nearPrefix(%q, %q) = %v, want %v", s, r, got, want)
		}
		var ls []bodyLine
		for _, l := range strings.Split(s+"\n"+r, "\n") {
			ls = append(ls, bodyLine{text: l, vis: runeLen(l)})
		}
		if got, want := lineTexts(dropLeadSummary(ls)), lineTexts(dropLeadSummaryWhole(ls)); !slices.Equal(got, want) {
			t.Errorf("dropLeadSummary(%q) = %q, want %q", lineTexts(ls), got, want)
		}
	})
}

// dropLeadSummaryWhole is dropLeadSummary squeezing every line after a
// candidate whole, as it did before it cut the text short.
func dropLeadSummaryWhole(ls []bodyLine) []bodyLine {
	for i := 0; i < len(ls)-1 && i < 4; i++ {
		s := squeeze(trimEllipsis(trimSpace(ls[i].text)))
		n := runeLen(s)
		if n < 20 || ls[i].link*2 > ls[i].vis {
			continue
		}
		var rest strings.Builder
		for _, l := range ls[i+1:] {
			rest.WriteString(squeeze(l.text))
			if rest.Len() > len(s)+64 {
				break
			}
		}
		r := rest.String()
		if strings.HasPrefix(r, s) || nearPrefix(s, r) {
			return append(append([]bodyLine{}, ls[:i]...), ls[i+1:]...)
		}
	}
	return ls
}

func lineTexts(ls []bodyLine) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.text)
	}
	return out
}
