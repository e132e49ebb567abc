package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldRune maps a full-width ASCII form (Ｕ+FF01–FF5E) to its ASCII
// counterpart, the ideographic space to a space, and the colon's stand-ins
// that some CMS fonts and input methods write after a label — the
// vertical form ︰ (U+FE30), the small colon ﹕ (U+FE55) and the ratio sign
// ∶ (U+2236): 作者︰孙丽 — to a colon. It maps one rune to one rune, so
// indices into a folded []rune stay valid for the original.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == '\u3000', r == '\u00a0':
		return ' '
	case r == '\ufe30', r == '\ufe55', r == '\u2236':
		return ':'
	}
	return r
}

// fold returns s with full-width ASCII forms narrowed (see foldRune). It is
// used only for matching dates, counts and labels, never for stored text.
func fold(s string) string {
	// The runes foldRune changes are U+FF01–U+FF5E (EF BC 81 – EF BD 9E),
	// U+3000 (E3 80 80) and U+00A0 (C2 A0): copy the bytes between them.
	// The same pass checks that s is valid UTF-8 (strings.Map, which
	// turns invalid bytes into U+FFFD, folds a string that is not),
	// taking the three-byte runes of Chinese text without decoding them.
	var b []byte
	last := 0 // s[last:i] is copied when a folded rune is written
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= 0xe4 && c <= 0xe9 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3 // U+4000–U+9FFF: valid, and not folded
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return strings.Map(foldRune, s)
		}
		f := foldRune(r)
		if f == r {
			i += size
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[last:i]...)
		b = append(b, byte(f)) // every folded rune is ASCII
		i += size
		last = i
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// foldRunes returns the folded runes of s; they align with []rune(s).
func foldRunes(s string) []rune {
	return foldedRunes([]rune(s))
}

// foldedRunes is foldRunes of the runes rs of a string: a new slice, rs
// left as it is.
func foldedRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = foldRune(r)
	}
	return out
}

// isSpace reports whether r is white space, including the ideographic space
// and the no-break space that Chinese pages use for indentation.
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	// unicode.IsSpace above Latin-1 searches a table; the white space
	// there is these few.
	switch r {
	case '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return r >= '\u2000' && r <= '\u200b'
}

// trimSpace trims white space (see isSpace) from both ends of s.
func trimSpace(s string) string {
	if s == "" || mayLeadSpace(s[0]) {
		return strings.TrimFunc(s, isSpace)
	}
	// The first rune is not white space; nor is the last unless its last
	// byte may end one.
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		if c == ' ' || c >= '\t' && c <= '\r' {
			return strings.TrimRightFunc(s, isSpace)
		}
		return s
	}
	if r, _ := utf8.DecodeLastRuneInString(s); isSpace(r) {
		return strings.TrimRightFunc(s, isSpace)
	}
	return s
}

// mayLeadSpace reports whether a rune led by byte c may be white space
// (see isSpace): ASCII white space, or the lead byte of U+0085, U+00A0,
// U+1680, U+2000–U+205F, U+3000 or U+FEFF.
func mayLeadSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xc2, 0xe1, 0xe2, 0xe3, 0xef:
		return true
	}
	return false
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool {
	// The unified block first: unicode.Is searches a table.
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// collapseSpace turns every run of white space inside s into one space, and
// drops a run that sits between two Han characters and contains a newline
// (a source line break inside a Chinese sentence renders as nothing useful).
// collapsed reports whether collapseSpace would return s unchanged: no
// white space but single ASCII spaces, none at the end, and valid UTF-8.
func collapsed(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < ' ' || c == 0x7f:
			return false
		case c >= 0x80:
			// Multi-byte white space: U+0085, U+00A0, U+1680, U+2000–U+200B,
			// U+2028/9, U+202F, U+205F, U+FEFF (U+3000 is kept).
			rest := s[i:]
			switch {
			case c == 0xc2 && len(rest) > 1 && (rest[1] == 0x85 || rest[1] == 0xa0),
				strings.HasPrefix(rest, "\u1680"), strings.HasPrefix(rest, "\u205f"), strings.HasPrefix(rest, "\ufeff"),
				c == 0xe2 && len(rest) > 2 && rest[1] == 0x80 && (rest[2] <= 0x8b || rest[2] == 0xa8 || rest[2] == 0xa9 || rest[2] == 0xaf):
				return false
			}
			prevSpace = false
		default:
			prevSpace = false
		}
	}
	return !prevSpace && utf8.ValidString(s)
}

// blankASCII reports whether s is all ASCII white space (and not empty).
func blankASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return s != ""
}

func collapseSpace(s string) string {
	if collapsed(s) {
		return s
	}
	return collapseRuns(s)
}

// collapseRuns is collapseSpace without the check that s is collapsed
// already, for callers that know it is not.
func collapseRuns(s string) string {
	if blankASCII(s) {
		// The indentation between tags, most text nodes of a page.
		return " "
	}
	out, valid := collapseValid(s)
	if !valid {
		// Each invalid byte becomes U+FFFD, as a range over s reads it.
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
		}
		out, _ = collapseValid(b.String())
	}
	return out
}

// collapseValid is collapseRuns of s, valid UTF-8; it stops with false at
// the first invalid byte.
func collapseValid(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	var pending, pendingNL bool
	prevEnd := 0   // where the last rune written ends in s
	runStart := 0  // where the run of non-space being copied starts, when inRun
	inRun := false // copying a run of non-space
	for i := 0; i < len(s); {
		c := s[i]
		size, space := 1, false
		switch {
		case c < utf8.RuneSelf:
			space = c == ' ' || c >= '\t' && c <= '\r'
			pendingNL = pendingNL || space && (c == '\n' || c == '\r')
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xef:
			// The lead bytes of the white space above ASCII (U+3000,
			// led by 0xe3, is kept).
			var r rune
			if r, size = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size == 1 {
				return "", false
			}
			space = isSpace(r)
		case c >= 0xe3 && c <= 0xee && c != 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			// U+3000–U+CFFF and U+E000–U+EFFF: the bulk of Chinese text
			// and its punctuation, valid and not space (U+3000 is kept).
			size = 3
		default:
			var r rune
			if r, size = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size == 1 {
				return "", false
			}
		}
		if space {
			if inRun {
				b.WriteString(s[runStart:i])
				inRun = false
			}
			pending = true
			i += size
			continue
		}
		if pending {
			prev, _ := utf8.DecodeLastRuneInString(s[:prevEnd])
			next, _ := utf8.DecodeRuneInString(s[i:])
			if !pendingNL || !isHan(prev) || !isHan(next) {
				b.WriteByte(' ')
			}
			pending, pendingNL = false, false
		}
		if !inRun {
			runStart, inRun = i, true
		}
		i += size
		// The Chinese runes and the printable ASCII that follow are
		// copied with this one.
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if c <= ' ' {
					break // white space, or a control byte the loop above reads
				}
				i++
			} else if i+2 < len(s) && c >= 0xe3 && c <= 0xee && c != 0xed && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
				i += 3
			} else {
				break
			}
		}
		prevEnd = i
	}
	if inRun {
		b.WriteString(s[runStart:])
	}
	if pending {
		b.WriteByte(' ')
	}
	return b.String(), true
}

// runeLen returns the number of runes of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// runesAtMost reports whether s has n runes or fewer (runeLen(s) <= n),
// counting no further than the answer needs: a rune takes one to four
// bytes (an invalid byte counts as one rune), so most lines are settled by
// their length in bytes.
func runesAtMost(s string, n int) bool {
	if len(s) <= n {
		return true
	}
	if len(s) > 4*n {
		return false
	}
	// Count as utf8.RuneCountInString does, no further than n+1 runes;
	// the three-byte runes of Chinese text are taken without decoding.
	count := 0
	for i := 0; i < len(s); count++ {
		if count == n {
			return false
		}
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xe1 && c <= 0xef && c != 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			i += 3 // U+1000–U+CFFF, U+E000–U+FFFF: valid whatever its continuation bytes
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return true
}

// countWords counts the words of s: each Han rune, each run of other
// letters (a word of an alphabetic script, kana); digits are no words.
func countWords(s string) int { return countWordsUpTo(s, len(s)+1) }

// countWordsUpTo is countWords that stops counting at limit.
func countWordsUpTo(s string, limit int) int {
	n := 0
	inWord := false
	for _, r := range s {
		if n >= limit {
			return n
		}
		switch {
		case isHan(r):
			n++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsMark(r):
			if !inWord {
				n++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	return n
}

// countHan returns the number of Han characters in s.
func countHan(s string) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return n
}

// countText returns countVisible(s) and countPunct(s) in one pass, and
// whether s is already collapsed (see collapsed).
func countText(s string) (visible, punct int, isCollapsed bool) {
	var prev rune
	isCollapsed = true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c >= '\t' && c <= '\r' {
				// A run of white space, taken at once (the indentation
				// of the source): collapsed only as one space, not at
				// the end.
				j := i + 1
				for j < len(s) && (s[j] == ' ' || s[j] >= '\t' && s[j] <= '\r') {
					j++
				}
				if j-i > 1 || c != ' ' || prev == ' ' || j == len(s) {
					isCollapsed = false
				}
				prev = rune(s[j-1])
				i = j
				continue
			}
			if c < ' ' || c == 0x7f {
				isCollapsed = false
			}
			switch {
			case c == '.':
				visible++
				if (i == 0 || stopAfter(prev)) && fullStopEnds(s[i+1:]) {
					punct++
				}
			default:
				visible++
				if c == ',' || c == ';' || c == '!' || c == '?' {
					punct++
				}
				// The letters and digits that follow: visible, none
				// of them punctuation.
				for i+1 < len(s) && plainASCII[s[i+1]] {
					i++
					visible++
				}
				c = s[i]
			}
			prev = rune(c)
			i++
			continue
		}
		if c >= 0xe4 && c <= 0xe9 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			// U+4000–U+9FFF, the bulk of Chinese text: a visible rune,
			// neither space nor punctuation, without decoding it; so are
			// those that follow it.
			visible++
			prev = 0x4e00
			i += 3
			for i+2 < len(s) && s[i] >= 0xe4 && s[i] <= 0xe9 && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
				visible++
				i += 3
			}
			continue
		}
		var r rune
		var size int
		if c >= 0xe1 && c <= 0xef && c != 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			// Another three-byte rune (Chinese punctuation, full-width
			// forms), valid whatever its continuation bytes: decoded
			// here rather than by a call.
			r, size = rune(c&0x0f)<<12|rune(s[i+1]&0x3f)<<6|rune(s[i+2]&0x3f), 3
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !isSpace(r) {
			visible++
			if isPunct(r) {
				punct++
			}
		} else if r != '\u3000' {
			isCollapsed = false
		}
		if r == utf8.RuneError && size == 1 {
			isCollapsed = false
		}
		prev = r
		i += size
	}
	return visible, punct, isCollapsed
}

// containsAnyRune is strings.ContainsAny(s, chars) for a few runes beyond
// ASCII, such as sentence marks: a search of s for each of them
// (strings.ContainsRune skips from one byte of the rune's encoding to the
// next), where strings.ContainsAny looks each rune of s up in chars in
// turn, a search of its own for every rune of a line of Chinese text. A
// rune's encoding found in s starts a rune there, as it opens with a byte
// that continues no other.
func containsAnyRune(s, chars string) bool {
	for _, c := range chars {
		if strings.ContainsRune(s, c) {
			return true
		}
	}
	return false
}

// indexAnyRune is strings.IndexAny(s, chars) as containsAnyRune is
// strings.ContainsAny: the first of each rune's first offsets.
func indexAnyRune(s, chars string) int {
	at := -1
	for _, c := range chars {
		end := len(s)
		if at >= 0 {
			end = at // only an earlier offset matters
		}
		if i := strings.IndexRune(s[:end], c); i >= 0 {
			at = i
		}
	}
	return at
}

// countTextAtLeast returns countText's visible runes and punctuation of
// s, or of its opening lines once they hold vis and punct: a long body's
// counts are settled by its first kilobyte. The counts of whole lines are
// those the same lines have in s (a full stop reads only the byte after
// it), so a caller comparing them with vis and punct decides as on s.
func countTextAtLeast(s string, vis, punct int) (int, int) {
	const head = 1024
	if len(s) > head {
		if k := strings.IndexByte(s[head:], '\n'); k >= 0 {
			if v, pc, _ := countText(s[:head+k+1]); v >= vis && pc >= punct {
				return v, pc
			}
		}
	}
	v, pc, _ := countText(s)
	return v, pc
}

// plainASCII marks the printable ASCII bytes countText counts as visible
// and as nothing else: no space, control byte or punctuation it counts.
var plainASCII = func() (t [256]bool) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune(".,;!?", c)
	}
	return t
}()

// runningLine reports whether a line is running text: forty visible
// runes or more with two sentence marks or more.
func runningLine(s string) bool {
	vis, punct, _ := countText(s)
	return vis >= 40 && punct >= 2
}

// fullStopEnds reports whether the text after a full stop lets it close a
// sentence: a space, a line break, a no-break space or the end.
func fullStopEnds(rest string) bool {
	return rest == "" || rest[0] == ' ' || rest[0] == '\n' || rest[0] == '\t' || rest[0] == 0xc2
}

// countVisible returns the number of non-space runes in s.
func countVisible(s string) int { return countVisibleUpTo(s, len(s)) }

// countVisibleUpTo is countVisible(s), counting no further than max: a
// check against a small threshold does not read a long body to its end.
func countVisibleUpTo(s string, max int) int {
	n := 0
	for i := 0; i < len(s) && n < max; {
		if c := s[i]; c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			n++
		}
		i += size
	}
	return n
}

// punctuation is the set of sentence punctuation that marks running text on
// Chinese pages (readability's comma count misses it), with the commas and
// stops of Arabic, Urdu and Devanagari text; a Latin full stop counts in
// countPunct when it ends a sentence.
const punctuation = "，、；。！？：“”‘’（）《》,;!?،؛؟۔।॥"

// countPunct returns the number of sentence punctuation marks in s.
func countPunct(s string) int {
	n := 0
	var prev rune
	for i, r := range s {
		switch {
		case isPunct(r):
			n++
		case r == '.' && (i == 0 || stopAfter(prev)):
			// A full stop after a word and before a space or the end
			// closes a sentence of an alphabetic script ("… the end. The"),
			// not a date, a number or a host name; so does one opening a
			// text, after a link or an emphasis ("… at <a>Costco</a>.").
			if fullStopEnds(s[i+1:]) {
				n++
			}
		}
		prev = r
	}
	return n
}

// stopAfter reports whether a full stop after r may close a sentence: r
// is a letter of an alphabetic script, or a Hangul syllable (Korean ends
// its sentences with '.'; Chinese and Japanese with '。').
func stopAfter(r rune) bool {
	return r < 0x2E80 && unicode.IsLetter(r) || r >= 0xAC00 && r <= 0xD7A3
}

// isPunct reports whether r is in punctuation.
func isPunct(r rune) bool {
	switch r {
	case '，', '、', '；', '。', '！', '？', '：', '“', '”', '‘', '’', '（', '）', '《', '》',
		',', ';', '!', '?', '،', '؛', '؟', '۔', '।', '॥':
		return true
	}
	return false
}

// splitLines splits s into trimmed, non-empty lines.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		l, rest, _ := strings.Cut(s, "\n")
		if l = trimSpace(l); l != "" {
			out = append(out, l)
		}
		s = rest
	}
	return out
}

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// containsFold reports whether s contains lower (lower case ASCII) with
// ASCII letters of s in either case, without copying s.
func containsFold(s, lower string) bool {
	for i := 0; i+len(lower) <= len(s); i++ {
		if lowerASCII(s[i]) == lower[0] && hasPrefixASCIIFold(s[i:i+len(lower)], lower) {
			return true
		}
	}
	return false
}

// containsAnyWithPrefix reports whether s contains one of subs, all of
// which start with prefix: one scan for the prefix instead of one per
// string.
func containsAnyWithPrefix(s, prefix string, subs []string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], prefix)
		if i < 0 {
			return false
		}
		rest := s[off+i:]
		for _, sub := range subs {
			if strings.HasPrefix(rest, sub) {
				return true
			}
		}
		off += i + 1
	}
}
