package extract

import (
	"regexp"
	"strings"

	"github.com/wenming-archive/wenming/internal/cms"
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

// rawLiterals lists every literal looked up through page.rawIndex: the
// signals and counter leads of the CMSs (package cms), then the generic
// rules' own. A literal not listed is still found (by a scan of its own).
var rawLiterals = func() []rawLiteral {
	var out []rawLiteral
	seen := map[rawLiteral]bool{}
	add := func(fold bool, lits ...string) {
		for _, t := range lits {
			if l := (rawLiteral{t, fold}); !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	for _, c := range cms.All {
		add(false, c.Detect.Literals...)
		add(false, c.Detect.Markup.Names...)
		if c.PagerScript != "" {
			add(false, c.PagerScript)
		}
		if c.Counter != nil {
			add(true, c.Counter.Leads...)
		}
	}
	// Pagers.
	add(false, `class="p`, "下一页", "尾页", "末页")
	// Structured data.
	add(true, "<base")
	add(false, "application/ld+json", `"headline"`, `"datePublished"`)
	return out
}()

// rawScanner finds the first offset of each of a fixed set of literals in
// one pass. At each offset a hash of the next four bytes, with ASCII case
// folded, is looked up in a 2 KB bit set of the literals' first four bytes
// hashed alike; only the rare offsets it passes are compared with the
// literals in full. A table of two-byte keys passed a third of all offsets
// on English pages, and the branch that followed cost more than the scan.
type rawScanner struct {
	lits []rawLiteral
	id   map[rawLiteral]int
	// hashes is the set of the literals' head hashes; group[h] is 1 +
	// the index in groups of the literals with head hash h, 0 for none.
	hashes [1 << headHashBits / 64]uint64
	group  [1 << headHashBits]uint8
	groups [][]int
}

// headHashBits sizes the head hash: 14 bits, a 2 KB bit set that stays in
// the processor's nearest cache.
const headHashBits = 14

var literalScanner = newRawScanner(rawLiterals)

func newRawScanner(lits []rawLiteral) *rawScanner {
	s := &rawScanner{lits: append([]rawLiteral(nil), lits...), id: map[rawLiteral]int{}}
	for i, l := range s.lits {
		if len(l.text) < 4 {
			panic("extract: raw literal shorter than four bytes: " + l.text)
		}
		if l.fold {
			l.text = strings.ToLower(l.text)
			s.lits[i] = l
		}
		s.id[l] = i
		h := headHash(l.text)
		s.hashes[h>>6] |= 1 << (h & 63)
		if s.group[h] == 0 {
			s.groups = append(s.groups, nil)
			if len(s.groups) > 255 {
				panic("extract: too many raw literal groups")
			}
			s.group[h] = uint8(len(s.groups))
		}
		g := s.group[h] - 1
		s.groups[g] = append(s.groups[g], i)
	}
	return s
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// headHash hashes the first four bytes of s with bit 5 of each set: ASCII
// letters in either case hash alike (so do a few other bytes, which only
// costs a comparison).
func headHash(s string) uint32 {
	x := uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
	return (x | 0x20202020) * 0x9E3779B1 >> (32 - headHashBits)
}

// scan returns the first offset of every literal in src, -1 where absent.
func (s *rawScanner) scan(src string) []int32 {
	at := make([]int32, len(s.lits))
	for i := range at {
		at[i] = -1
	}
	left := len(s.lits)
	hashes := &s.hashes
	// Eight bytes are read at once and the heads at their first five
	// offsets hashed from that word: a load and a shift per offset
	// instead of shifting each byte in.
	i := 0
	for ; i+8 <= len(src); i += 5 {
		b := src[i : i+8]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		w |= 0x2020202020202020
		h0 := uint32(w) * 0x9E3779B1 >> (32 - headHashBits)
		h1 := uint32(w>>8) * 0x9E3779B1 >> (32 - headHashBits)
		h2 := uint32(w>>16) * 0x9E3779B1 >> (32 - headHashBits)
		h3 := uint32(w>>24) * 0x9E3779B1 >> (32 - headHashBits)
		h4 := uint32(w>>32) * 0x9E3779B1 >> (32 - headHashBits)
		if (hashes[h0>>6]>>(h0&63)|hashes[h1>>6]>>(h1&63)|hashes[h2>>6]>>(h2&63)|hashes[h3>>6]>>(h3&63)|hashes[h4>>6]>>(h4&63))&1 == 0 {
			continue
		}
		for k, h := range [5]uint32{h0, h1, h2, h3, h4} {
			if hashes[h>>6]&(1<<(h&63)) == 0 {
				continue
			}
			if left = s.match(src, i+k, h, at, left); left == 0 {
				return at
			}
		}
	}
	for ; i+3 < len(src); i++ {
		h := headHash(src[i:])
		if hashes[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		if left = s.match(src, i, h, at, left); left == 0 {
			return at
		}
	}
	return at
}

// match compares the literals whose head hash is h with src at i,
// records those found first there in at, and returns how many are left
// to find.
func (s *rawScanner) match(src string, i int, h uint32, at []int32, left int) int {
	rest := src[i:]
	for _, j := range s.groups[s.group[h]-1] {
		if at[j] >= 0 {
			continue
		}
		l := s.lits[j]
		if len(rest) < len(l.text) {
			continue
		}
		if l.fold && asciiEqualFold(rest[:len(l.text)], l.text) || !l.fold && rest[:len(l.text)] == l.text {
			at[j] = int32(i)
			left--
		}
	}
	return left
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
