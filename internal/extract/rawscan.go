package extract

import (
	"regexp"
	"strings"
)

// The rules look for a few dozen literals in the page's source: CMS
// signals, counter scripts, pager scripts, JSON-LD. Each strings.Index over
// a whole page costs a scan of it, and on Chinese pages the first byte of
// a signal ('/', 'c', 0xE4 …) is everywhere; one pass that finds them all
// costs about what two of those scans did.

// rawLiteral is a literal the rules look for in the raw page. Folded ones
// match ASCII letters in either case.
type rawLiteral struct {
	text string
	fold bool
}

// rawLiterals lists every literal looked up through page.rawIndex. A
// literal not listed is still found (by a scan of its own).
var rawLiterals = []rawLiteral{
	// CMS signals (profiles).
	{"/e/public/ViewClick", false}, {"/e/search/", false}, {"/e/member/", false}, {"/e/enews/", false},
	{"/e/DoPrint/", false}, {"/e/extend/", false}, {"/e/action/", false},
	{"/plus/count.php", false}, {"/plus/search.php", false}, {"/plus/view.php", false},
	{"/plus/list.php", false}, {"dedeajax", false}, {"/plus/feedback", false},
	{"api.php?op=count", false}, {"index.php?m=content&c=index", false},
	{"index.php?m=content&amp;c=index", false}, {"/statics/js/", false}, {"phpcms", false},
	{"createPageHTML", false}, {"title_tex", false}, {"time_tex", false}, {"TRS_Editor", false},
	{"CurrChnlCls", false}, {`"tex"`, false}, {"'tex'", false}, {"=tex", false},
	{"_showDynClick", false}, {"vsb_content", false}, {"v_news_content", false},
	{"discuz", false}, {"discuz_uid", false},
	// Counter scripts, in any case.
	{"/e/public/viewclick", true}, {"/plus/count.php?", true}, {"api.php?op=count", true},
	{"_showdynclick", true}, {"misc.php?mod=userstatus", true}, {"dynamicurl", true},
	// Pagers.
	{`class="p`, false}, {"下一页", false}, {"尾页", false}, {"末页", false},
	// Structured data.
	{"<base", true}, {"application/ld+json", false}, {`"headline"`, false}, {`"datePublished"`, false},
}

// rawScanner finds the first offset of each of a fixed set of literals in
// one pass: a table of the (case-folded) first two bytes of every literal
// tells, at each offset, whether any literal can start there.
type rawScanner struct {
	lits []rawLiteral
	id   map[rawLiteral]int
	// group[k] is 1 + the index in groups of the literals whose first
	// two bytes make key k, 0 for none: a 64 KB table, cheaper per byte
	// than a map.
	group  [1 << 16]uint8
	groups [][]int
	// pairs is the set of the keys in group as bits: 8 KB, which stays
	// in the processor's nearest cache, rules out most offsets.
	pairs [1 << 16 / 64]uint64
}

var literalScanner = newRawScanner(rawLiterals)

func newRawScanner(lits []rawLiteral) *rawScanner {
	s := &rawScanner{lits: append([]rawLiteral(nil), lits...), id: map[rawLiteral]int{}}
	for i, l := range lits {
		if len(l.text) < 2 {
			panic("extract: raw literal shorter than two bytes: " + l.text)
		}
		if l.fold {
			l.text = strings.ToLower(l.text)
			s.lits[i] = l
		}
		s.id[l] = i
		k := pairKey(l.text[0], l.text[1])
		s.pairs[k>>6] |= 1 << (k & 63)
		if s.group[k] == 0 {
			s.groups = append(s.groups, nil)
			s.group[k] = uint8(len(s.groups))
		}
		g := s.group[k] - 1
		s.groups[g] = append(s.groups[g], i)
	}
	if len(s.groups) > 255 {
		panic("extract: too many raw literal groups")
	}
	return s
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// asciiLowerTable maps each byte to its lower case (ASCII letters only).
var asciiLowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = lowerByte(byte(i))
	}
	return t
}()

func pairKey(a, b byte) uint16 {
	return uint16(lowerByte(a))<<8 | uint16(lowerByte(b))
}

// scan returns the first offset of every literal in src, -1 where absent.
func (s *rawScanner) scan(src string) []int32 {
	at := make([]int32, len(s.lits))
	for i := range at {
		at[i] = -1
	}
	left := len(s.lits)
	pairs := &s.pairs
	for i := 0; i+1 < len(src); i++ {
		k := uint16(asciiLowerTable[src[i]])<<8 | uint16(asciiLowerTable[src[i+1]])
		if pairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		g := s.group[k]
		if g == 0 {
			continue
		}
		rest := src[i:]
		for _, j := range s.groups[g-1] {
			if at[j] >= 0 {
				continue
			}
			l := s.lits[j]
			if len(rest) < len(l.text) {
				continue
			}
			if l.fold && asciiEqualFold(rest[:len(l.text)], l.text) || !l.fold && rest[:len(l.text)] == l.text {
				at[j] = int32(i)
				if left--; left == 0 {
					return at
				}
			}
		}
	}
	return at
}

// asciiEqualFold reports whether a equals the lower-case b with ASCII
// letters of a in either case.
func asciiEqualFold(a, lower string) bool {
	for i := 0; i < len(a); i++ {
		if lowerByte(a[i]) != lower[i] {
			return false
		}
	}
	return true
}

// rawIndex is the result of one scan of a page: the first offset of each
// literal.
type rawIndex struct {
	src string
	at  []int32
}

func indexRaw(src string) rawIndex {
	return rawIndex{src: src, at: literalScanner.scan(src)}
}

// index returns the first offset of lit in the page, -1 if absent.
func (r rawIndex) index(lit string) int {
	return r.lookup(rawLiteral{lit, false})
}

// indexFold is index with ASCII letters matched in either case; lit is
// lower case.
func (r rawIndex) indexFold(lit string) int {
	return r.lookup(rawLiteral{lit, true})
}

func (r rawIndex) lookup(l rawLiteral) int {
	if j, ok := literalScanner.id[l]; ok && r.at != nil {
		return int(r.at[j])
	}
	if l.fold {
		return strings.Index(asciiLower(r.src), l.text)
	}
	return strings.Index(r.src, l.text)
}

func (r rawIndex) has(lit string) bool { return r.index(lit) >= 0 }

// rawMatch is re.FindStringSubmatch over the raw page, skipped when the
// literal every match starts with is absent.
func (p *page) rawMatch(re *regexp.Regexp, lead string) []string {
	i := p.rx.index(lead)
	if i < 0 {
		return nil
	}
	return re.FindStringSubmatch(p.raw[i:])
}

// rawMatches is rawMatch for up to n matches.
func (p *page) rawMatches(re *regexp.Regexp, lead string, n int) [][]string {
	i := p.rx.index(lead)
	if i < 0 {
		return nil
	}
	return re.FindAllStringSubmatch(p.raw[i:], n)
}
