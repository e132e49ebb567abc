package index

import (
	"math/bits"
	"reflect"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Indexing a document does not go through the mapping's analyzers for its
// four text fields: the title and the body are each analyzed once, in one
// pass that makes the terms of both of their fields (title and title_uni,
// body and body_uni) straight into the token frequencies bleve indexes.
// The terms, positions, field lengths and options are exactly those of the
// registered analyzer chain (TestFastFieldsMatchMapping compares them);
// text holding a rune whose width or case folding depends on its
// neighbours (half-width katakana, which may combine with a following
// sound mark, capital sigma, whose lower case depends on its place in a
// word) or whose lower case is longer or shorter in UTF-8 falls back to
// the chain.
// So the index on disk is the one the mapping would write, at a fraction of
// the cost: the chain runs each text twice, builds a token for every term
// and leaves bleve to count them in a map of its own.

// Options of the text fields, as newMapping sets them: the title is
// stored, the body is not.
const (
	titleFieldOptions = bindex.IndexField | bindex.StoreField | bindex.IncludeTermVectors
	bodyFieldOptions  = bindex.IndexField | bindex.IncludeTermVectors
	charsFieldOptions = bindex.IndexField
)

// document returns the bleve document of d (after d.cut), for
// bleve.Batch.IndexAdvanced: the mapping makes its keyword, number and date
// fields, then the text fields are added, analyzed as described above.
func (d *Document) document(m mapping.IndexMapping, an *textAnalysis) (*document.Document, error) {
	doc := document.NewDocument(d.ID)
	if err := m.MapDocument(doc, d.otherFields()); err != nil {
		return nil, err
	}
	// The mapping's _all field leaves out every field it mapped (none
	// is in _all); it would take in the fields added below, which it
	// has not seen, so it is replaced by one that takes in none.
	for i, cf := range doc.CompositeFields {
		if cf.Name() == "_all" {
			doc.CompositeFields[i] = document.NewCompositeFieldWithIndexingOptions("_all", false, nil, nil, cf.Options())
		}
	}
	for _, sv := range d.sortValues() {
		doc.Fields = append(doc.Fields, newSortField(sv.name, sv.value))
	}
	if !d.Fetched.IsZero() {
		doc.Fields = append(doc.Fields, newTimeSortField(fieldFetched, d.Fetched))
	}
	if !d.Published.IsZero() {
		if pf := newPublishedField(d.Published); pf != nil {
			doc.Fields = append(doc.Fields, pf)
		}
	}
	title := newTextPair(fieldTitle, fieldTitleUni, titleFieldOptions, d.Title, an)
	body := newTextPair(fieldBody, fieldBodyUni, bodyFieldOptions, d.Body, an)
	doc.Fields = append(doc.Fields, &title.pos, &body.pos, &title.chars, &body.chars)
	return doc, nil
}

// textAnalysis holds what the fast path needs of the mapping: its
// analyzers, for text it leaves to them.
type textAnalysis struct {
	text, chars analysis.Analyzer
	// shapes are the fields every document carries (see fieldset.go).
	shapes []fieldShape
}

func newTextAnalysis(m mapping.IndexMapping) *textAnalysis {
	an := &textAnalysis{text: m.AnalyzerNamed(textAnalyzerName), chars: m.AnalyzerNamed(charsAnalyzerName)}
	an.shapes = fieldShapes(m, an)
	return an
}

// textPair is a title or a body: its positional field and its chars
// field, analyzed together when bleve analyzes the first of them.
type textPair struct {
	text      string
	textBytes int // len(text), kept once text is dropped
	an        *textAnalysis
	analyzed  bool
	pos       textField
	chars     textField
}

// newTextPair is the pair of the positional field name, with options,
// and the chars field charsName, of text. The positional field's value is
// text when options store it.
func newTextPair(name, charsName string, options bindex.FieldIndexingOptions, text string, an *textAnalysis) *textPair {
	p := &textPair{text: text, an: an, textBytes: len(text)}
	p.pos = textField{pair: p, name: name, options: options}
	if options.IsStored() {
		p.pos.value = []byte(text)
	}
	p.chars = textField{pair: p, name: charsName, options: charsFieldOptions}
	return p
}

// analyze sets the token frequencies and lengths of both fields. bleve
// analyzes the fields of one document in one goroutine, so no lock.
func (p *textPair) analyze() {
	if p.analyzed {
		return
	}
	p.analyzed = true
	if !analyzeFast(p.text, &p.pos, &p.chars) {
		for _, f := range []*textField{&p.pos, &p.chars} {
			an := p.an.text
			if f == &p.chars {
				an = p.an.chars
			}
			tokens := an.Analyze([]byte(p.text))
			f.length = len(tokens)
			f.freqs = analysis.TokenFrequency(tokens, nil, f.options)
			f.size = freqsSize(f.freqs)
		}
	}
	p.text = ""
}

// textField is one analyzed text field: a document.Field.
type textField struct {
	pair    *textPair
	name    string
	options bindex.FieldIndexingOptions
	value   []byte // stored: the title; nil for the body and a chars field
	length  int
	freqs   bindex.TokenFrequencies
	size    int // of freqs, roughly
}

var sizeOfTextField = int(reflect.TypeFor[textField]().Size())

func (f *textField) Name() string                                      { return f.name }
func (f *textField) ArrayPositions() []uint64                          { return nil }
func (f *textField) Options() bindex.FieldIndexingOptions              { return f.options }
func (f *textField) Analyze()                                          { f.pair.analyze() }
func (f *textField) Value() []byte                                     { return f.value }
func (f *textField) NumPlainTextBytes() uint64                         { return uint64(f.pair.textBytes) }
func (f *textField) Size() int                                         { return sizeOfTextField + len(f.value) + f.size }
func (f *textField) EncodedFieldType() byte                            { return 't' }
func (f *textField) AnalyzedLength() int                               { return f.length }
func (f *textField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

var (
	sizeOfTokenFreq     = int(reflect.TypeFor[bindex.TokenFreq]().Size())
	sizeOfTokenLocation = int(reflect.TypeFor[bindex.TokenLocation]().Size())
)

func freqsSize(tfs bindex.TokenFrequencies) int {
	n := 0
	for term, tf := range tfs {
		n += sizeOfTokenFreq + 8 + len(term) + len(tf.Locations)*(sizeOfTokenLocation+8)
	}
	return n
}

// Kinds of the tokens the tokenizer makes.
const (
	kindWord  = iota // a run of letters, digits and marks
	kindSpace        // a run of white space, the term " "
	kindOther        // one other rune
)

// fastToken is a token of the fast path: bytes [start, end) of the folded
// text, runes [r0, r1) of it.
type fastToken struct {
	start, end int32
	r0, r1     int32
	kind       uint8
}

// scratch is the reusable memory of one analysis.
type scratch struct {
	buf    []byte      // the folded, lowercased text
	offs   []int32     // the byte offset in buf of every rune, and len(buf)
	runes  []rune      // every rune of buf
	tokens []fastToken // the tokenizer's tokens
	// ids numbers the terms by their key (see unigramKey).
	ids    termIDs
	termOf []int32 // the term of every emitted term occurrence
	posOf  []int32 // its position
	count  []int32 // occurrences of every term
	// locs[p] is the location of position p, shared by every
	// occurrence at p in the documents this scratch analyzes (see
	// location).
	locs []*bindex.TokenLocation
	keys []string
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Every term of the fast path is one rune or two: a character, a pair of
// characters, a punctuation mark or symbol, or " " for white space. So
// the rune or runes make a key that tells the terms apart as their text
// does, and cheaper to hash than the text.
func unigramKey(r rune) uint64   { return uint64(r) << 32 }
func bigramKey(r, s rune) uint64 { return uint64(r)<<32 | uint64(s) + 1 }

// simpleRune reports whether r, folded, is analyzed by the chain on its
// own: cjk_width leaves it as it is and lowercasing it depends on nothing
// else and makes it no longer.
func simpleRune(f rune) (lower rune, ok bool) {
	if f < utf8.RuneSelf {
		if 'A' <= f && f <= 'Z' {
			f += 'a' - 'A'
		}
		return f, true
	}
	if f >= 0xFF01 && f <= 0xFF9F || f == 'Σ' {
		return 0, false
	}
	l := unicode.ToLower(f)
	if l != f && utf8.RuneLen(l) != utf8.RuneLen(f) {
		// bleve's to_lower garbles the rest of a word after a rune
		// whose lower case is shorter (İ, K, Å): the chain's terms are
		// kept, so that queries, analyzed by the chain, find them.
		return 0, false
	}
	return l, true
}

// runeClass is what analyzeFast makes of a rune of the text: whether
// foldRune drops it, whether it needs the chain (simpleRune false), and
// else the rune it indexes (folded and lowercased, in the low 21 bits)
// and the kind of token it belongs to (of the folded rune).
type runeClass uint32

const (
	classRuneBits            = 21 // every rune is below 1<<21
	classKindShift           = classRuneBits
	classDropped   runeClass = 1 << (classKindShift + 2)
	classChain     runeClass = 1 << (classKindShift + 3)
)

func (c runeClass) lower() rune { return rune(c & (1<<classRuneBits - 1)) }
func (c runeClass) kind() int   { return int(c>>classKindShift) & 3 }

// classifyRune is the runeClass of r, from foldRune, simpleRune and the
// tokenizer's classes.
func classifyRune(r rune) runeClass {
	f, ok := foldRune(r)
	if !ok {
		return classDropped
	}
	l, ok := simpleRune(f)
	if !ok {
		return classChain
	}
	kind := kindOther
	switch {
	case isWordRune(f):
		kind = kindWord
	case unicode.IsSpace(f):
		kind = kindSpace
	}
	return runeClass(l) | runeClass(kind)<<classKindShift
}

// runeClassesEnd bounds the runes whose class runeClasses holds: ASCII,
// the CJK punctuation and the unified ideographs among them, nearly every
// rune of Chinese text. Looking a rune's class up there costs an index
// instead of the Unicode tables' searches of classifyRune (foldRune,
// simpleRune and the classes took a quarter of the analysis's CPU).
const runeClassesEnd = 0xA000

// runeClasses is the class of every rune below runeClassesEnd, built once
// (160 KB), on first use.
var runeClasses = sync.OnceValue(func() *[runeClassesEnd]runeClass {
	t := new([runeClassesEnd]runeClass)
	for r := range rune(runeClassesEnd) {
		t[r] = classifyRune(r)
	}
	return t
})

// analyzeFast analyzes text for a positional field and a chars field, as
// textAnalyzerName and charsAnalyzerName do; false if text needs the chain.
func analyzeFast(text string, pos, chars *textField) bool {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	buf, offs, runes, tokens := s.buf[:0], s.offs[:0], s.runes[:0], s.tokens[:0]
	classes := runeClasses()
	prevKind := -1
	for _, r := range text {
		var c runeClass
		if r < runeClassesEnd {
			c = classes[r]
		} else {
			c = classifyRune(r)
		}
		if c&classDropped != 0 {
			continue
		}
		if c&classChain != 0 {
			s.buf, s.offs, s.runes, s.tokens = buf, offs, runes, tokens
			return false
		}
		l, kind := c.lower(), c.kind()
		n := int32(len(buf))
		ri := int32(len(offs))
		offs = append(offs, n)
		runes = append(runes, l)
		buf = utf8.AppendRune(buf, l)
		if kind == prevKind && kind != kindOther {
			t := &tokens[len(tokens)-1]
			t.end, t.r1 = int32(len(buf)), ri+1
			continue
		}
		tokens = append(tokens, fastToken{start: n, end: int32(len(buf)), r0: ri, r1: ri + 1, kind: uint8(kind)})
		prevKind = kind
	}
	offs = append(offs, int32(len(buf)))
	s.buf, s.offs, s.runes, s.tokens = buf, offs, runes, tokens
	str := string(buf)
	// Count the terms of rune i alone and of runes i and i+1.
	unigram := func(i, p int32) { s.add(unigramKey(runes[i]), str[offs[i]:offs[i+1]], p) }
	bigram := func(i, p int32) { s.add(bigramKey(runes[i], runes[i+1]), str[offs[i]:offs[i+2]], p) }

	// The positional field: what termsFilter makes in termsPositions.
	s.reset()
	p := int32(1)
	for _, t := range tokens {
		switch t.kind {
		case kindSpace:
			s.add(unigramKey(' '), " ", p)
		case kindOther:
			s.add(unigramKey(runes[t.r0]), str[t.start:t.end], p)
		default:
			for i := t.r0; i < t.r1; i++ {
				if i == t.r1-1 {
					unigram(i, p)
				} else {
					if i == t.r0 {
						unigram(i, p)
					}
					bigram(i, p)
				}
				p++
			}
			continue
		}
		p++
	}
	pos.length, pos.freqs, pos.size = s.freqs(true)

	// The chars field: termsChars.
	s.reset()
	for _, t := range tokens {
		switch t.kind {
		case kindSpace:
			s.add(unigramKey(' '), " ", 0)
		case kindOther:
			s.add(unigramKey(runes[t.r0]), str[t.start:t.end], 0)
		default:
			for i := t.r0; i < t.r1; i++ {
				unigram(i, 0)
			}
		}
	}
	chars.length, chars.freqs, chars.size = s.freqs(false)
	return true
}

func (s *scratch) reset() {
	s.ids.reset()
	s.termOf, s.posOf, s.count, s.keys = s.termOf[:0], s.posOf[:0], s.count[:0], s.keys[:0]
}

// add counts an occurrence of term, of key k, at position p.
func (s *scratch) add(k uint64, term string, p int32) {
	id, ok := s.ids.lookup(k, int32(len(s.keys)))
	if !ok {
		s.keys = append(s.keys, term)
		s.count = append(s.count, 0)
	}
	s.count[id]++
	s.termOf = append(s.termOf, id)
	s.posOf = append(s.posOf, p)
}

// termIDs numbers the terms of one field's analysis by their key: an
// open-addressing hash table, emptied by a new generation rather than
// by clearing it. A Go map did the same at a sixth of the analysis's
// instructions (hashing, probing, and clearing it for every field).
type termIDs struct {
	keys  []uint64
	ids   []int32
	gens  []uint32 // a slot holds a key of this analysis when its gen is gen
	gen   uint32
	shift uint8 // 64 - log2(len(keys))
	n     int   // keys of this generation
}

// minTermIDs is the smallest table: room for the terms of most titles
// and bodies without growing.
const minTermIDs = 1 << 11

// reset empties t.
func (t *termIDs) reset() {
	t.n = 0
	t.gen++
	if t.gen == 0 { // wrapped: old generations could look current
		clear(t.gens)
		t.gen = 1
	}
	if t.keys == nil {
		t.resize(minTermIDs)
	}
}

// resize makes t a table of size slots (a power of two) holding its
// current keys.
func (t *termIDs) resize(size int) {
	keys, ids, gens, gen := t.keys, t.ids, t.gens, t.gen
	t.keys, t.ids, t.gens = make([]uint64, size), make([]int32, size), make([]uint32, size)
	t.shift = uint8(64 - bits.TrailingZeros(uint(size)))
	t.gen, t.n = 1, 0
	for i, g := range gens {
		if g == gen {
			t.lookup(keys[i], ids[i])
		}
	}
}

// lookup returns the number of key k, and true; or, when t does not hold
// k, adds it with the number next and returns next and false.
func (t *termIDs) lookup(k uint64, next int32) (int32, bool) {
	mask := uint64(len(t.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		if t.gens[i] != t.gen {
			if 2*(t.n+1) > len(t.keys) { // over half full: grow, then add
				t.resize(2 * len(t.keys))
				return t.lookup(k, next)
			}
			t.keys[i], t.ids[i], t.gens[i] = k, next, t.gen
			t.n++
			return next, false
		}
		if t.keys[i] == k {
			return t.ids[i], true
		}
	}
}

// location returns the location of position p: one value for every
// occurrence at p, which takes 8 bytes (the pointer) where a location of
// its own would take 72, most of the memory of a batch's analysis.
// Sharing is safe because a location is never written after it is made:
// bleve reads the locations of the text fields, and writes them only when
// it merges them into another field's (a composite field taking them in,
// or a second field of the same name), which Document.document never
// makes. A scratch is used by one goroutine at a time, so no lock.
func (s *scratch) location(p int32) *bindex.TokenLocation {
	if int(p) >= len(s.locs) {
		n := max(int(p)+1, 2*len(s.locs), 1024)
		slab := make([]bindex.TokenLocation, n-len(s.locs))
		for i := range slab {
			slab[i].Position = len(s.locs)
			s.locs = append(s.locs, &slab[i])
		}
	}
	return s.locs[p]
}

// freqs returns the number of occurrences added and the token frequencies
// made of them, with their locations if withLocs, and their rough size.
func (s *scratch) freqs(withLocs bool) (int, bindex.TokenFrequencies, int) {
	n := len(s.termOf)
	rv := make(bindex.TokenFrequencies, len(s.keys))
	tfs := make([]bindex.TokenFreq, len(s.keys))
	size := len(s.keys) * (sizeOfTokenFreq + 8)
	for _, key := range s.keys {
		size += len(key)
	}
	// The terms' bytes, in one allocation.
	arena := make([]byte, 0, size-len(s.keys)*(sizeOfTokenFreq+8))
	for id, key := range s.keys {
		tf := &tfs[id]
		at := len(arena)
		arena = append(arena, key...)
		tf.Term = arena[at:len(arena):len(arena)]
		tf.SetFrequency(int(s.count[id]))
		rv[key] = tf
	}
	if withLocs {
		ptrs := make([]*bindex.TokenLocation, n)
		// Each term's locations are a slice of ptrs, in the order added.
		at := 0
		for id := range s.keys {
			c := int(s.count[id])
			tfs[id].Locations = ptrs[at : at : at+c]
			at += c
		}
		for i, id := range s.termOf {
			tfs[id].Locations = append(tfs[id].Locations, s.location(s.posOf[i]))
		}
		size += n * 8
	}
	return n, rv, size
}

// otherFields is what the mapping indexes of d besides its text fields.
func (d *Document) otherFields() map[string]interface{} {
	f := d.fields()
	delete(f, fieldTitle)
	delete(f, fieldBody)
	delete(f, fieldTitleUni)
	delete(f, fieldBodyUni)
	for _, name := range sortFields {
		delete(f, name)
	}
	delete(f, fieldFetched)
	delete(f, fieldPublished)
	return f
}

// Options of the sort fields and the fetch time, as newMapping sets them,
// and of the published date, which has no doc values.
const (
	sortFieldOptions      = bindex.IndexField | bindex.DocValues
	publishedFieldOptions = bindex.IndexField
)

// sortField is a number or time field holding the term of full precision
// of its value only: a sort field, the fetch time (only ever sorted by),
// and the published date. The mapping's numeric and date fields would
// index fifteen more, of coarser precisions, for bleve's range queries,
// which never search these fields: a sort reads the term of full
// precision from the doc values, which hold what is indexed, and a
// published range reads each segment's dates from the terms of full
// precision (readDateKeys) or, where bleve searches it, is a range of
// those terms (see filterQuery.bleveQuery). The coarser terms of the
// published date were a third of the terms of a fresh segment's
// dictionaries (most dates are distinct): index format 8 leaves them out.
// Indexes whose sort fields hold all sixteen terms sort the same.
type sortField struct {
	name    string
	typ     byte // 'n' number, 'd' date, as bleve's fields
	options bindex.FieldIndexingOptions
	term    []byte // numeric.PrefixCoded, shift 0
	freqs   bindex.TokenFrequencies
}

var sizeOfSortField = int(reflect.TypeFor[sortField]().Size())

// newSortField is the sort field name holding the number v.
func newSortField(name string, v float64) *sortField {
	return newFullPrecisionField(name, 'n', numeric.Float64ToInt64(v))
}

// newTimeSortField is the date field name holding t, for sorting only.
func newTimeSortField(name string, t time.Time) *sortField {
	return newFullPrecisionField(name, 'd', t.UnixNano())
}

// newPublishedField is the published date t, indexed for ranges, or nil
// when bleve's date fields cannot hold t (before 1677 or after 2262 in
// nanoseconds since 1970), which the mapping leaves out as well.
func newPublishedField(t time.Time) *sortField {
	if t.Before(document.MinTimeRepresentable) || t.After(document.MaxTimeRepresentable) {
		return nil
	}
	f := newFullPrecisionField(fieldPublished, 'd', t.UnixNano())
	f.options = publishedFieldOptions
	return f
}

func newFullPrecisionField(name string, typ byte, v int64) *sortField {
	term := numeric.MustNewPrefixCodedInt64(v, 0)
	tf := &bindex.TokenFreq{Term: term, Locations: []*bindex.TokenLocation{}}
	tf.SetFrequency(1)
	return &sortField{name: name, typ: typ, options: sortFieldOptions, term: term, freqs: bindex.TokenFrequencies{string(term): tf}}
}

func (f *sortField) Name() string                                      { return f.name }
func (f *sortField) ArrayPositions() []uint64                          { return nil }
func (f *sortField) Options() bindex.FieldIndexingOptions              { return f.options }
func (f *sortField) Analyze()                                          {}
func (f *sortField) Value() []byte                                     { return f.term }
func (f *sortField) NumPlainTextBytes() uint64                         { return 8 } // as bleve's numeric and date fields
func (f *sortField) Size() int                                         { return sizeOfSortField + 2*len(f.term) + sizeOfTokenFreq + 8 }
func (f *sortField) EncodedFieldType() byte                            { return f.typ }
func (f *sortField) AnalyzedLength() int                               { return 1 }
func (f *sortField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }
