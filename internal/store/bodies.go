package store

import (
	"encoding/binary"
	"fmt"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// bucketBodies holds, for each record with a title key, what recognise
// needs to know of its body before reading it (bodyPrint), so that Put
// reads only the records of its title that may be the same article.
//
// Records of the same site under one title are common (a report that
// recurs each week, a meeting held each year), and the more so the
// larger the archive: without the prints every Put of a new URL read and
// decoded every record listed under its title, and at 100,000 simulated
// articles those reads took 0.14 ms of CPU a page against 0.03 at 20,000
// (an archive of millions would spend more on them than on the page).
//
// A record without a print (one written before the prints existed) is
// read as before, so no migration is needed; Check verifies every print
// against its record.
var bucketBodies = []byte("bodies") // URL → bodyPrint of the record (16 bytes)

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

// putBodyPrint writes the print of rec, or deletes the one it had when
// it has no title key (no Put recognises it then).
func putBodyPrint(tx *bolt.Tx, rec *article.Article) error {
	b, err := tx.CreateBucketIfNotExists(bucketBodies)
	if err != nil {
		return fmt.Errorf("bodies bucket: %w", err)
	}
	if titleKey(rec) == nil {
		return b.Delete([]byte(rec.URL))
	}
	return b.Put([]byte(rec.URL), bodyPrintOf(rec).encode())
}

// checkBodyBucket checks that every body print is a record's (checkRecord
// checks that it is its record's).
func checkBodyBucket(arts, bodies *bolt.Bucket, errs *[]error) {
	c := bodies.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if arts.Get(k) == nil {
			*errs = append(*errs, fmt.Errorf("body print of %s: no such record: %w", k, ErrCorrupt))
		}
	}
}

// bodyPrints reads the prints of one Put's candidates (see recognise).
type bodyPrints struct {
	b    *bolt.Bucket // nil in a store without prints
	mine bodyPrint
	have bool
}

// passOver says whether the record at url, a candidate for a, cannot be
// a's article by its print, and need not be read.
func (ps *bodyPrints) passOver(a *article.Article, url string) bool {
	if ps.b == nil {
		return false
	}
	p, ok := decodeBodyPrint(ps.b.Get([]byte(url)))
	if !ok {
		return false
	}
	if !ps.have {
		ps.mine, ps.have = bodyPrintOf(a), true
	}
	return !p.mayMatch(ps.mine)
}
