package extract

import (
	"regexp"
	"slices"
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
	// A site footer's registration (siteFooters).
	add(false, registrationMarks...)
	// View labels, where a counter script no CMS rule knows stands
	// (labelledCounter).
	add(false, viewLabelHeads...)
	// A view count the page's script fills in (filledCounter).
	add(false, filledLeads...)
	// A view icon, where a counter script may stand as after a label.
	add(false, viewIconLeads...)
	// A blog engine's category link (namedColumn).
	add(false, categoryRels...)
	// A script writing a literal (writtenLiterals), looked for first on
	// every page.
	add(false, "document.write")
	// Structured data.
	add(true, "<base")
	add(false, "application/ld+json", `"headline"`, `"datePublished"`)
	return out
}()

// rawScanner finds the first offset of each of a fixed set of literals in
// one pass over the page, plus a pass per first byte of the few literals
// shorter than minLong.
//
// The long literals are found the Wu–Manber way: only every stride-th
// offset of the page is looked at, and a hash of the four bytes there,
// with ASCII case folded, is looked up in an 8 KB bit set that holds the
// hashes of each literal's four-byte blocks at its offsets 0 to stride-1.
// A literal of at least stride+3 bytes, wherever it starts, covers one of
// those blocks at an offset the scan looks at; for a literal one byte
// shorter, the block at its offset stride-1 runs one byte past its end,
// and the set holds that block with each of the 256 bytes there (or the
// literal ends the page, which is checked apart). Only the rare offsets
// the set passes are compared with the literals in full. Looking at every
// offset cost 14 instructions per byte of a cwced page, every second one
// 8; a table of two-byte keys passed a third of all offsets on English
// pages, and the branch that followed cost more than the scan.
//
// A literal shorter than minLong has a pass of its own: strings.IndexByte
// finds each of its last byte to compare it at, which costs little for a
// byte as rare as the 'x' of "=tex" (one in 250 of a cwced page), not for
// quotes or '<' (one in 40).
type rawScanner struct {
	lits []rawLiteral
	id   map[rawLiteral]int
	// hashes is the set of the long literals' block hashes; group[h] is
	// 1 + the index in groups of the blocks with hash h, 0 for none.
	hashes [1 << headHashBits / 64]uint64
	group  [1 << headHashBits]uint16
	groups [][]block
	long   int   // how many literals are long
	tail   []int // the long literals one byte shorter than stride+3
	// short are the short literals by their first byte.
	short []shortLead
}

// block is a literal's four-byte block: the literal and the block's
// offset in it.
type block struct {
	lit int
	off int
}

// shortLead is a byte to look for and its offset in the short literals
// compared where it is found.
type shortLead struct {
	c    byte
	off  int
	lits []int
}

// headHashBits sizes the block hash: 16 bits, an 8 KB bit set that stays
// in the processor's nearest cache.
const headHashBits = 16

// stride is how far apart the offsets the scan looks at are; minLong is
// the shortest literal it finds so.
const (
	stride  = 3
	minLong = stride + 2
)

var literalScanner = newRawScanner(rawLiterals)

func newRawScanner(lits []rawLiteral) *rawScanner {
	s := &rawScanner{lits: append([]rawLiteral(nil), lits...), id: map[rawLiteral]int{}}
	add := func(h uint32, bl block) {
		s.hashes[h>>6] |= 1 << (h & 63)
		if s.group[h] == 0 {
			s.groups = append(s.groups, nil)
			if len(s.groups) >= 1<<16 {
				panic("extract: too many raw literal groups")
			}
			s.group[h] = uint16(len(s.groups))
		}
		g := s.group[h] - 1
		if k := len(s.groups[g]); k == 0 || s.groups[g][k-1] != bl {
			s.groups[g] = append(s.groups[g], bl)
		}
	}
	for i, l := range s.lits {
		if len(l.text) < 4 {
			panic("extract: raw literal shorter than four bytes: " + l.text)
		}
		if l.fold {
			l.text = strings.ToLower(l.text)
			s.lits[i] = l
		}
		s.id[l] = i
		if len(l.text) < minLong {
			// The last byte, rarer than the first in markup ('x' of
			// "=tex" one byte in 250 of a cwced page, '=' one in 56),
			// unless it is a letter to match in either case.
			off := len(l.text) - 1
			if isFoldLetter(l, off) {
				off = 0
			}
			if isFoldLetter(l, off) {
				panic("extract: short folded raw literal with letters at both ends: " + l.text)
			}
			c := l.text[off]
			k := slices.IndexFunc(s.short, func(sl shortLead) bool { return sl.c == c && sl.off == off })
			if k < 0 {
				s.short = append(s.short, shortLead{c: c, off: off})
				k = len(s.short) - 1
			}
			s.short[k].lits = append(s.short[k].lits, i)
			continue
		}
		s.long++
		for off := 0; off < stride; off++ {
			if off+4 <= len(l.text) {
				add(headHash(l.text[off:]), block{i, off})
				continue
			}
			// One byte past the end: any byte.
			for c := 0; c < 256; c++ {
				add(headHash(l.text[off:]+string([]byte{byte(c)})), block{i, off})
			}
		}
		if len(l.text) < stride+3 {
			s.tail = append(s.tail, i)
		}
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
	s.scanLong(src, at)
	for _, sl := range s.short {
		s.scanShort(src, sl, at)
	}
	return at
}

// scanLong finds the long literals.
func (s *rawScanner) scanLong(src string, at []int32) {
	left := s.long
	if left == 0 {
		return
	}
	hashes := &s.hashes
	// Eight bytes are read at once and the blocks at their offsets 0 and
	// stride hashed from that word.
	i := 0
	for ; i+8 <= len(src); i += 2 * stride {
		b := src[i : i+8]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		w |= 0x2020202020202020
		h0 := uint32(w) * 0x9E3779B1 >> (32 - headHashBits)
		h1 := uint32(w>>(8*stride)) * 0x9E3779B1 >> (32 - headHashBits)
		if (hashes[h0>>6]>>(h0&63)|hashes[h1>>6]>>(h1&63))&1 == 0 {
			continue
		}
		if hashes[h0>>6]&(1<<(h0&63)) != 0 {
			if left = s.match(src, i, h0, at, left); left == 0 {
				return
			}
		}
		if hashes[h1>>6]&(1<<(h1&63)) != 0 {
			if left = s.match(src, i+stride, h1, at, left); left == 0 {
				return
			}
		}
	}
	for ; i+4 <= len(src); i += stride {
		h := headHash(src[i:])
		if hashes[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		if left = s.match(src, i, h, at, left); left == 0 {
			return
		}
	}
	// A literal one byte shorter than stride+3 that ends the page may
	// cover no block the scan looked at.
	for _, j := range s.tail {
		l := s.lits[j]
		if at[j] < 0 && len(src) >= len(l.text) && s.equalAt(src[len(src)-len(l.text):], l) {
			at[j] = int32(len(src) - len(l.text))
		}
	}
}

// equalAt reports whether rest starts with l.
func (s *rawScanner) equalAt(rest string, l rawLiteral) bool {
	if len(rest) < len(l.text) {
		return false
	}
	if l.fold {
		return asciiEqualFold(rest[:len(l.text)], l.text)
	}
	return rest[:len(l.text)] == l.text
}

// match compares the literals with a block whose hash is h with src
// where that block would lie at i, records those found earlier than
// before in at, and returns how many are left to find.
//
// A literal's first occurrence is found first unless the literal repeats
// within fewer bytes than stride: its later occurrence, say at i, may be
// found before the one at i-1. The scan may stop once every literal is
// found at the offset i it looks at: an occurrence before i that it has
// not found yet covers an offset after i, so it starts after i.
func (s *rawScanner) match(src string, i int, h uint32, at []int32, left int) int {
	for _, bl := range s.groups[s.group[h]-1] {
		start := i - bl.off
		if start < 0 {
			continue
		}
		j := bl.lit
		was := at[j]
		if was >= 0 && int(was) <= start {
			continue
		}
		l := s.lits[j]
		rest := src[start:]
		if len(rest) < len(l.text) {
			continue
		}
		if l.fold && asciiEqualFold(rest[:len(l.text)], l.text) || !l.fold && rest[:len(l.text)] == l.text {
			at[j] = int32(start)
			if was < 0 {
				left--
			}
		}
	}
	return left
}

// isFoldLetter reports whether l's byte at i is a letter that l matches
// in either case.
func isFoldLetter(l rawLiteral, i int) bool {
	return l.fold && 'a' <= l.text[i] && l.text[i] <= 'z'
}

// scanShort finds the short literals that hold sl.c at sl.off.
func (s *rawScanner) scanShort(src string, sl shortLead, at []int32) {
	left := len(sl.lits)
	for i := sl.off; left > 0 && i < len(src); i++ {
		k := strings.IndexByte(src[i:], sl.c)
		if k < 0 {
			break
		}
		i += k
		rest := src[i-sl.off:]
		for _, j := range sl.lits {
			if at[j] >= 0 {
				continue
			}
			l := s.lits[j]
			if len(rest) < len(l.text) {
				continue
			}
			if l.fold && asciiEqualFold(rest[:len(l.text)], l.text) || !l.fold && rest[:len(l.text)] == l.text {
				at[j] = int32(i - sl.off)
				left--
			}
		}
	}
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
