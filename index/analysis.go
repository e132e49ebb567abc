package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/width"
)

// Names of the analysis components this package registers with bleve. The
// index mapping stored on disk refers to them by name, so an index built by
// this package can only be opened by a program that links this package.
const (
	foldCharFilterName  = "wenming_fold"
	tokenizerName       = "wenming_unicode"
	positionsFilterName = "wenming_positions"
	charsFilterName     = "wenming_chars"
	phraseFilterName    = "wenming_phrase_terms"
	textAnalyzerName    = "wenming_cjk"
	charsAnalyzerName   = "wenming_cjk_chars"
	queryAnalyzerName   = "wenming_cjk_query"
	keywordAnalyzerName = keyword.Name
)

func init() {
	must := func(err error) {
		if err != nil {
			panic("index: register analysis: " + err.Error())
		}
	}
	must(registry.RegisterCharFilter(foldCharFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
			return foldCharFilter{}, nil
		}))
	must(registry.RegisterTokenizer(tokenizerName,
		func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return tokenizer{}, nil
		}))
	for name, mode := range map[string]termsMode{positionsFilterName: termsPositions, charsFilterName: termsChars, phraseFilterName: termsPhrase} {
		must(registry.RegisterTokenFilter(name,
			func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
				return termsFilter{mode}, nil
			}))
	}
}

// analyzerConfigs returns the analyzers the mapping defines: the three
// share one chain,
//
//	wenming_fold → wenming_unicode → cjk_width → to_lower
//
// and end in a termsFilter of their own: wenming_positions for the text
// analyzer (title and body, indexed with positions), wenming_chars for
// the chars analyzer (title_uni and body_uni, without positions) and
// wenming_phrase_terms for the query analyzer.
func analyzerConfigs() (analyzers map[string]map[string]interface{}) {
	with := func(last string) map[string]interface{} {
		return map[string]interface{}{
			"type":          custom.Name,
			"char_filters":  []interface{}{foldCharFilterName},
			"tokenizer":     tokenizerName,
			"token_filters": []interface{}{cjk.WidthName, lowercase.Name, last},
		}
	}
	return map[string]map[string]interface{}{
		textAnalyzerName:  with(positionsFilterName),
		charsAnalyzerName: with(charsFilterName),
		queryAnalyzerName: with(phraseFilterName),
	}
}

// foldRune maps r to its canonical width (full-width ASCII to ASCII, half-width
// katakana to full-width, U+3000 to a space) and a traditional character to
// its simplified form (see simplify). ok is false for runes that are
// invisible formatting (zero-width space, joiners, BOM, soft hyphen): they are
// dropped so that they cannot split a word.
func foldRune(r rune) (folded rune, ok bool) {
	if unicode.Is(unicode.Cf, r) {
		return 0, false
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		return f, true
	}
	return simplify(r), true
}

// foldCharFilter applies foldRune before tokenization: width folding
// (golang.org/x/text/width), without which the unicode tokenizer drops
// full-width digits and letters (２０２２年 would index only 年), and the
// traditional-to-simplified fold.
type foldCharFilter struct{}

func (foldCharFilter) Filter(input []byte) []byte {
	out := make([]byte, 0, len(input))
	for i := 0; i < len(input); {
		r, n := utf8.DecodeRune(input[i:])
		i += n
		if f, ok := foldRune(r); ok {
			out = utf8.AppendRune(out, f)
		}
	}
	return out
}

// tokenizer splits text by the class of each character, whatever its
// neighbours: a run of letters, digits and marks of any script is one word
// (typed as ideographs, so that termsFilter indexes its characters and
// pairs as it does Chinese, and every script matches as exact text, inside
// words too), every other rune (punctuation, symbols) is a token of its own, and
// every run of white space is one " " token.
//
// This keeps positions honest for phrase queries: 国务，院 has a "，" between
// 国务 and 院, so the phrase 国务院 cannot match it, and the phrase 国务，院
// matches only text with that comma, not 国务。院. And because a character's
// class alone decides where a run ends (unlike UAX #29 word breaks, which
// keep 1,000 or can't together), a query's text splits into the same runs
// as any text that contains it, except at its two ends: a query character
// next to punctuation or white space is at the end of a run in the text
// too, which is what termsPositions relies on.
type tokenizer struct{}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) }

func (tokenizer) Tokenize(input []byte) analysis.TokenStream {
	rv := make(analysis.TokenStream, 0, len(input)/8+1)
	for i := 0; i < len(input); {
		r, n := utf8.DecodeRune(input[i:])
		j := i + n
		switch {
		case isWordRune(r):
			for j < len(input) {
				r2, n2 := utf8.DecodeRune(input[j:])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
			rv = append(rv, &analysis.Token{Term: input[i:j], Start: i, End: j, Type: analysis.Ideographic})
		case unicode.IsSpace(r):
			for j < len(input) {
				r2, n2 := utf8.DecodeRune(input[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
			rv = append(rv, &analysis.Token{Term: []byte(" "), Start: i, End: j, Type: analysis.AlphaNumeric})
		default:
			rv = append(rv, &analysis.Token{Term: input[i:j], Start: i, End: j, Type: analysis.AlphaNumeric})
		}
		i = j
	}
	for i, tok := range rv {
		tok.Position = i + 1
	}
	return rv
}

// termsMode says which terms a termsFilter makes of a run of characters.
type termsMode int

const (
	// termsPositions: the text analyzer's terms, indexed with their
	// positions. Every position of a run but the last has its bigram
	// (the character and the next); the first and the last character
	// have their unigram as well, and a run of one character has just
	// that. A unigram inside a run is implied by the bigrams at its
	// position and the one before, and one-character queries find it in
	// the chars field, which has no positions: that halves the positions
	// stored, the bulk of the index. The ends stay because a phrase query
	// needs them (see phraseCover): the query's own unigrams are of
	// characters alone between punctuation or white space, and such a
	// character starts or ends a run in any text the query matches (the
	// tokenizer splits by character class).
	termsPositions termsMode = iota
	// termsChars: the chars analyzer's terms, a unigram for every
	// character, for one-character queries.
	termsChars
	// termsPhrase: the query analyzer's terms, one per position: the
	// bigram where there is one, the unigram of a run's last character,
	// so that a phrase query asks for the adjacent pairs (no OR of
	// bigrams, no unigram-only match across a gap), while a
	// one-character query keeps its unigram.
	termsPhrase
)

// termsFilter turns the tokenizer's runs of letters and digits (typed as
// ideographs) into unigrams and bigrams, as bleve's cjk_bigram does but
// with the terms of its mode only and without copying them; punctuation
// and space tokens pass as they are. Every character and every
// punctuation or space token takes one position.
//
// The byte offsets of every term are 0: bleve stores them with the
// positions, and nothing here reads them (snippets find the terms in the
// stored text themselves), so they would only take space.
type termsFilter struct{ mode termsMode }

func (f termsFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	n := 0
	for _, tok := range input {
		if tok.Type != analysis.Ideographic {
			n++
			continue
		}
		k := utf8.RuneCount(tok.Term)
		switch {
		case f.mode == termsPositions && k > 1:
			n += k + 1
		default:
			n += k
		}
	}
	slab := make([]analysis.Token, n)
	rv := make(analysis.TokenStream, 0, n)
	emit := func(term []byte, pos int, typ analysis.TokenType) {
		t := &slab[len(rv)]
		t.Term, t.Position, t.Type = term, pos, typ
		rv = append(rv, t)
	}
	pos := 1
	for _, tok := range input {
		if tok.Type != analysis.Ideographic {
			tok.Position, tok.Start, tok.End = pos, 0, 0
			rv = append(rv, tok)
			pos++
			continue
		}
		term := tok.Term
		for i := 0; i < len(term); pos++ {
			_, n1 := utf8.DecodeRune(term[i:])
			j := i + n1
			if j == len(term) { // the last character
				emit(term[i:j], pos, analysis.Single)
				i = j
				continue
			}
			_, n2 := utf8.DecodeRune(term[j:])
			switch f.mode {
			case termsPositions:
				if i == 0 {
					emit(term[i:j], pos, analysis.Single)
				}
				emit(term[i:j+n2], pos, analysis.Double)
			case termsChars:
				emit(term[i:j], pos, analysis.Single)
			case termsPhrase:
				emit(term[i:j+n2], pos, analysis.Double)
			}
			i = j
		}
	}
	return rv
}
