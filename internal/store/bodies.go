package store

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/article"
)

// bucketBodiesV2 held each titled record's bodyPrint by URL (schema 2);
// the titles bucket holds the prints now (see titles.go), and an upgrade
// deletes it.
var bucketBodiesV2 = []byte("bodies")

// bodyPrint is what Recognise compares of a record's body before the body
// itself: a hash and the length of its normalised text (normBody), and
// its day of publication in China time (0 for none).
type bodyPrint struct {
	hash  uint64
	runes uint32
	day   uint32 // year*10000 + month*100 + day
}

const bodyPrintSize = 16

func bodyPrintOf(a *article.Article) bodyPrint {
	hash, runes := normBodyHash(a.Body)
	p := bodyPrint{hash: hash, runes: runes}
	if !a.Published.IsZero() {
		y, m, d := a.Published.In(article.China).Date()
		p.day = uint32(y*10000 + int(m)*100 + d)
	}
	return p
}

// FNV-1a, 64 bits (hash/fnv's New64a).
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// normBodyHash returns the 64-bit FNV-1a hash of normBody(s) and its
// length in runes, read from s without building normBody(s): a Put hashed
// a copy of each body made twice over (strings.Map, then []byte). As
// normBody does, it leaves out whitespace and reads a byte that is not
// UTF-8 as U+FFFD (TestNormBodyHash).
func normBodyHash(s string) (hash uint64, runes uint32) {
	const replacement = "\uFFFD"
	hash = fnvOffset64
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				continue
			}
			hash = (hash ^ uint64(c)) * fnvPrime64
			runes++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		text := s[i : i+size]
		i += size
		if unicode.IsSpace(r) {
			continue
		}
		if r == utf8.RuneError && size == 1 {
			text = replacement
		}
		for j := 0; j < len(text); j++ {
			hash = (hash ^ uint64(text[j])) * fnvPrime64
		}
		runes++
	}
	return hash, runes
}

// asciiSpace are the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func (p bodyPrint) encode() []byte {
	b := make([]byte, bodyPrintSize)
	binary.BigEndian.PutUint64(b, p.hash)
	binary.BigEndian.PutUint32(b[8:], p.runes)
	binary.BigEndian.PutUint32(b[12:], p.day)
	return b
}

func decodeBodyPrint(v []byte) (bodyPrint, bool) {
	if len(v) != bodyPrintSize {
		return bodyPrint{}, false
	}
	return bodyPrint{
		hash:  binary.BigEndian.Uint64(v),
		runes: binary.BigEndian.Uint32(v[8:]),
		day:   binary.BigEndian.Uint32(v[12:]),
	}, true
}

// mayMatch reports whether Recognise could take the record of print p
// for the article of print q: their bodies may be the same text (the
// hashes agree), or they were published the same day (or either has no
// date) with bodies of similar length. When it says no, Recognise would
// pass the record over.
func (p bodyPrint) mayMatch(q bodyPrint) bool {
	if p.hash == q.hash {
		return true
	}
	return (p.day == 0 || q.day == 0 || p.day == q.day) && similarCounts(int(p.runes), int(q.runes))
}
