// Package literalscan finds, in one pass over a text, the first offset of
// each of a fixed set of literals — and every offset of those asked for so:
// the signals, counter scripts and labels the extractor's rules look for
// in a page's source, the failure marks the crawler looks for in a 200
// answer. A strings.Index or bytes.Contains per
// literal costs a pass over the text each, and on Chinese pages the first
// byte of a literal ('<', '/', 'c', 0xE4 …) is everywhere: one pass that
// finds them all costs about what two of those did.
package literalscan

import (
	"math"
	"slices"
	"strings"
)

// Literal is a text to look for. A folded one matches ASCII letters in
// either case. Of an Every one, ScanAll finds every offset, not only the
// first; Every is not part of what names the literal (Scanner.Index).
type Literal struct {
	Text  string
	Fold  bool
	Every bool
}

// Scanner finds the first offset of each of a fixed set of literals in
// one pass over a text, plus a pass per first byte of the few literals
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
type Scanner struct {
	lits []Literal
	id   map[Literal]int
	// hashes is the set of the long literals' block hashes; group[h] is
	// 1 + the index in groups of the blocks with hash h, 0 for none.
	hashes [1 << headHashBits / 64]uint64
	group  [1 << headHashBits]uint16
	groups [][]block
	long   int   // how many literals are long
	tail   []int // the long literals one byte shorter than stride+3
	every  int   // how many literals are Every (all of them long)
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

// New returns a scanner of lits, each of at least four bytes; a folded
// literal's letters match in either case. It panics on a shorter literal,
// a short folded one with letters at both ends, an Every one shorter than
// minLong, or a literal named twice: the sets are fixed in code.
func New(lits []Literal) *Scanner {
	s := &Scanner{lits: append([]Literal(nil), lits...), id: map[Literal]int{}}
	add := func(h uint32, bl block) {
		s.hashes[h>>6] |= 1 << (h & 63)
		if s.group[h] == 0 {
			s.groups = append(s.groups, nil)
			if len(s.groups) >= 1<<16 {
				panic("literalscan: too many raw literal groups")
			}
			s.group[h] = uint16(len(s.groups))
		}
		g := s.group[h] - 1
		if k := len(s.groups[g]); k == 0 || s.groups[g][k-1] != bl {
			s.groups[g] = append(s.groups[g], bl)
		}
	}
	for i, l := range s.lits {
		if len(l.Text) < 4 {
			panic("literalscan: raw literal shorter than four bytes: " + l.Text)
		}
		if l.Fold {
			l.Text = strings.ToLower(l.Text)
			s.lits[i] = l
		}
		key := Literal{Text: l.Text, Fold: l.Fold}
		if _, dup := s.id[key]; dup {
			panic("literalscan: raw literal named twice: " + l.Text)
		}
		s.id[key] = i
		if l.Every {
			if len(l.Text) < minLong {
				panic("literalscan: short raw literal asked for every offset: " + l.Text)
			}
			s.every++
		}
		if len(l.Text) < minLong {
			// The last byte, rarer than the first in markup ('x' of
			// "=tex" one byte in 250 of a cwced page, '=' one in 56),
			// unless it is a letter to match in either case.
			off := len(l.Text) - 1
			if isFoldLetter(l, off) {
				off = 0
			}
			if isFoldLetter(l, off) {
				panic("literalscan: short folded raw literal with letters at both ends: " + l.Text)
			}
			c := l.Text[off]
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
			if off+4 <= len(l.Text) {
				add(headHash(l.Text[off:]), block{i, off})
				continue
			}
			// One byte past the end: any byte.
			for c := 0; c < 256; c++ {
				add(headHash(l.Text[off:]+string([]byte{byte(c)})), block{i, off})
			}
		}
		if len(l.Text) < stride+3 {
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

// Scan returns the first offset in src of each literal, in the order New
// was given them; -1 where absent.
func (s *Scanner) Scan(src string) []int32 {
	at, _ := s.ScanAll(src)
	return at
}

// ScanAll is Scan, and also returns every offset in src of the Every
// literals, of all of them together, in increasing order (nil when none
// stands there).
func (s *Scanner) ScanAll(src string) (first, every []int32) {
	at := make([]int32, len(s.lits))
	for i := range at {
		at[i] = -1
	}
	s.scanLong(src, at, &every)
	for _, sl := range s.short {
		s.scanShort(src, sl, at)
	}
	if len(every) > 1 {
		sortNearly(every)
	}
	return at, every
}

// sortNearly sorts offsets that the scan found at most a stride out of
// their order: an insertion sort, a comparison each.
func sortNearly(a []int32) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// scanLong finds the long literals, and appends to every each offset of
// the Every ones.
func (s *Scanner) scanLong(src string, at []int32, every *[]int32) {
	left := s.long
	if left == 0 {
		return
	}
	if s.every > 0 {
		left = math.MaxInt // no early end: an Every literal is never all found
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
			if left = s.match(src, i, h0, at, every, left); left == 0 {
				return
			}
		}
		if hashes[h1>>6]&(1<<(h1&63)) != 0 {
			if left = s.match(src, i+stride, h1, at, every, left); left == 0 {
				return
			}
		}
	}
	for ; i+4 <= len(src); i += stride {
		h := headHash(src[i:])
		if hashes[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		if left = s.match(src, i, h, at, every, left); left == 0 {
			return
		}
	}
	// A literal one byte shorter than stride+3 that ends the page may
	// cover no block the scan looked at.
	for _, j := range s.tail {
		l := s.lits[j]
		end := int32(len(src) - len(l.Text))
		if end < 0 || !s.equalAt(src[end:], l) {
			continue
		}
		if l.Every && !slices.Contains(*every, end) {
			*every = append(*every, end)
		}
		if at[j] < 0 {
			at[j] = end
		}
	}
}

// equalAt reports whether rest starts with l.
func (s *Scanner) equalAt(rest string, l Literal) bool {
	if len(rest) < len(l.Text) {
		return false
	}
	if l.Fold {
		return asciiEqualFold(rest[:len(l.Text)], l.Text)
	}
	return rest[:len(l.Text)] == l.Text
}

// match compares the literals with a block whose hash is h with src
// where that block would lie at i, records those found earlier than
// before in at, and returns how many are left to find.
//
// A literal's first occurrence is found first unless the literal repeats
// within fewer bytes than stride: its later occurrence, say at i, may be
// found before the one at i-1. The scan may stop once every literal is
// found at the offset i it looks at: an occurrence before i that it has
// not found yet covers an offset after i, so it starts after i. Each
// occurrence covers one block at an offset the scan looks at, so an Every
// literal's occurrences are each appended to every once.
func (s *Scanner) match(src string, i int, h uint32, at []int32, every *[]int32, left int) int {
	for _, bl := range s.groups[s.group[h]-1] {
		start := i - bl.off
		if start < 0 {
			continue
		}
		j := bl.lit
		l := s.lits[j]
		was := at[j]
		if was >= 0 && int(was) <= start && !l.Every {
			continue
		}
		rest := src[start:]
		if len(rest) < len(l.Text) {
			continue
		}
		if l.Fold && asciiEqualFold(rest[:len(l.Text)], l.Text) || !l.Fold && rest[:len(l.Text)] == l.Text {
			if l.Every {
				*every = append(*every, int32(start))
			}
			if was < 0 || int(was) > start {
				at[j] = int32(start)
			}
			if was < 0 {
				left--
			}
		}
	}
	return left
}

// isFoldLetter reports whether l's byte at i is a letter that l matches
// in either case.
func isFoldLetter(l Literal, i int) bool {
	return l.Fold && 'a' <= l.Text[i] && l.Text[i] <= 'z'
}

// scanShort finds the short literals that hold sl.c at sl.off.
func (s *Scanner) scanShort(src string, sl shortLead, at []int32) {
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
			if len(rest) < len(l.Text) {
				continue
			}
			if l.Fold && asciiEqualFold(rest[:len(l.Text)], l.Text) || !l.Fold && rest[:len(l.Text)] == l.Text {
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

// Index returns the place of l among the literals New was given (its
// text lower-cased when folded), and false when it is not one.
func (s *Scanner) Index(l Literal) (int, bool) {
	if l.Fold {
		l.Text = strings.ToLower(l.Text)
	}
	i, ok := s.id[Literal{Text: l.Text, Fold: l.Fold}]
	return i, ok
}
