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
	bigramFilterName    = "wenming_bigram_unigram"
	phraseFilterName    = "wenming_phrase_terms"
	positionsFilterName = "wenming_positions"
	charsFilterName     = "wenming_chars"
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
	must(registry.RegisterTokenFilter(phraseFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return phraseTermsFilter{}, nil
		}))
	must(registry.RegisterTokenFilter(positionsFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return positionsFilter{}, nil
		}))
	must(registry.RegisterTokenFilter(charsFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return charsFilter{}, nil
		}))
}

// analyzerConfigs returns the custom token filter and analyzers the mapping
// defines: the three analyzers share one chain,
//
//	wenming_fold → wenming_unicode → cjk_width → to_lower → cjk_bigram{output_unigram}
//
// and end in a filter of their own. The text analyzer (title and body,
// with positions) adds wenming_positions, which keeps the bigrams and drops
// the unigrams inside runs; the chars analyzer (title_uni and body_uni,
// without positions) adds wenming_chars, which keeps every unigram and
// drops the bigrams; the query analyzer adds wenming_phrase_terms, which
// keeps one term per position so that a phrase query asks for bigrams where
// the query has them.
func analyzerConfigs() (filters, analyzers map[string]map[string]interface{}) {
	filters = map[string]map[string]interface{}{
		bigramFilterName: {"type": cjk.BigramName, "output_unigram": true},
	}
	chain := []interface{}{cjk.WidthName, lowercase.Name, bigramFilterName}
	with := func(last string) map[string]interface{} {
		return map[string]interface{}{
			"type":          custom.Name,
			"char_filters":  []interface{}{foldCharFilterName},
			"tokenizer":     tokenizerName,
			"token_filters": append(append([]interface{}{}, chain...), last),
		}
	}
	analyzers = map[string]map[string]interface{}{
		textAnalyzerName:  with(positionsFilterName),
		charsAnalyzerName: with(charsFilterName),
		queryAnalyzerName: with(phraseFilterName),
	}
	return filters, analyzers
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
// (typed as ideographs, so that cjk_bigram indexes its characters and pairs
// as it does Chinese, and every script matches as exact text, inside words
// too), every other rune (punctuation, symbols) is a token of its own, and
// every run of white space is one " " token.
//
// This keeps positions honest for phrase queries: 国务，院 has a "，" between
// 国务 and 院, so the phrase 国务院 cannot match it, and the phrase 国务，院
// matches only text with that comma, not 国务。院. And because a character's
// class alone decides where a run ends (unlike UAX #29 word breaks, which
// keep 1,000 or can't together), a query's text splits into the same runs
// as any text that contains it, except at its two ends: a query character
// next to punctuation or white space is at the end of a run in the text
// too, which is what positionsFilter relies on.
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

// phraseTermsFilter runs after cjk_bigram{output_unigram: true}, which puts a
// unigram and a bigram at every position of a run of ideographs except the
// last. For each position it keeps the bigram and drops the unigram, so a
// phrase query of the result requires the adjacent pairs (no OR of bigrams,
// no unigram-only match across a gap), while a one-character query keeps its
// unigram and finds the character inside longer words.
type phraseTermsFilter struct{}

func (phraseTermsFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	hasDouble := make(map[int]bool)
	for _, tok := range input {
		if tok.Type == analysis.Double {
			hasDouble[tok.Position] = true
		}
	}
	if len(hasDouble) == 0 {
		return input
	}
	rv := input[:0]
	for _, tok := range input {
		if tok.Type == analysis.Single && hasDouble[tok.Position] {
			continue
		}
		rv = append(rv, tok)
	}
	return rv
}

// positionsFilter runs after cjk_bigram{output_unigram: true} in the text
// analyzer, whose terms are indexed with their positions. Of the unigrams
// it keeps only those at the ends of a run of ideographs (its first and
// its last character) and those of runs of one: every position keeps one
// term, the bigram where there is one. A unigram inside a run is implied by
// the bigrams at its position and the one before, and one-character
// queries find it in the chars field (charsFilter), which has no
// positions. That halves the positions stored, the bulk of the index.
//
// The ends stay because a phrase query needs them (see phraseCover): the
// query's own unigrams are those of characters alone between punctuation
// or white space, and such a character starts or ends a run in any text
// the query matches (the tokenizer splits by character class).
//
// The byte offsets of every token are set to 0: bleve stores them with
// the positions, and nothing here reads them (snippets find the terms
// in the stored text themselves), so they would only take space.
type positionsFilter struct{}

func (positionsFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	last := 0
	for _, tok := range input {
		last = max(last, tok.Position)
	}
	double := make([]bool, last+2)
	for _, tok := range input {
		if tok.Type == analysis.Double {
			double[tok.Position] = true
		}
	}
	rv := input[:0]
	for _, tok := range input {
		if tok.Type == analysis.Single && double[tok.Position] && tok.Position > 0 && double[tok.Position-1] {
			continue // inside a run
		}
		tok.Start, tok.End = 0, 0
		rv = append(rv, tok)
	}
	return rv
}

// charsFilter runs after cjk_bigram{output_unigram: true} in the chars
// analyzer: it drops the bigrams and keeps every other token, a unigram
// for every character and the punctuation and space tokens, for
// one-character queries, which need no positions.
type charsFilter struct{}

func (charsFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	rv := input[:0]
	for _, tok := range input {
		if tok.Type != analysis.Double {
			rv = append(rv, tok)
		}
	}
	return rv
}
