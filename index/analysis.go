package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
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
	textAnalyzerName    = "wenming_cjk"
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
			return &tokenizer{words: unicodetok.NewUnicodeTokenizer()}, nil
		}))
	must(registry.RegisterTokenFilter(phraseFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return phraseTermsFilter{}, nil
		}))
}

// analyzerConfigs returns the custom token filter and analyzers the mapping
// defines: both analyzers share one chain,
//
//	wenming_fold → wenming_unicode → cjk_width → to_lower → cjk_bigram{output_unigram}
//
// and the query analyzer adds wenming_phrase_terms, which keeps one term per
// position so that a phrase query asks for bigrams where the query has them.
func analyzerConfigs() (filters, analyzers map[string]map[string]interface{}) {
	filters = map[string]map[string]interface{}{
		bigramFilterName: {"type": cjk.BigramName, "output_unigram": true},
	}
	chain := []interface{}{cjk.WidthName, lowercase.Name, bigramFilterName}
	analyzers = map[string]map[string]interface{}{
		textAnalyzerName: {
			"type":          custom.Name,
			"char_filters":  []interface{}{foldCharFilterName},
			"tokenizer":     tokenizerName,
			"token_filters": chain,
		},
		queryAnalyzerName: {
			"type":          custom.Name,
			"char_filters":  []interface{}{foldCharFilterName},
			"tokenizer":     tokenizerName,
			"token_filters": append(append([]interface{}{}, chain...), phraseFilterName),
		},
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

// tokenizer is bleve's unicode (UAX #29) word tokenizer, extended so that the
// characters it drops still count: every punctuation or symbol rune becomes a
// token of its own, and every run of white space becomes one " " token. Words
// of letters and digits are typed as ideographs, so that cjk_bigram indexes
// their characters and pairs as it does Chinese: every script matches as
// exact text, inside words too.
//
// This keeps positions honest for phrase queries: 国务，院 has a "，" between
// 国务 and 院, so the phrase 国务院 cannot match it, and the phrase 国务，院
// matches only text with that comma, not 国务。院.
type tokenizer struct {
	words *unicodetok.UnicodeTokenizer
}

func (t *tokenizer) Tokenize(input []byte) analysis.TokenStream {
	words := t.words.Tokenize(input)
	rv := make(analysis.TokenStream, 0, len(words)+len(words)/4)
	gap := func(from, to int) {
		for i := from; i < to; {
			r, n := utf8.DecodeRune(input[i:])
			if unicode.IsSpace(r) {
				j := i + n
				for j < to {
					r2, n2 := utf8.DecodeRune(input[j:])
					if !unicode.IsSpace(r2) {
						break
					}
					j += n2
				}
				rv = append(rv, &analysis.Token{Term: []byte(" "), Start: i, End: j, Type: analysis.AlphaNumeric})
				i = j
				continue
			}
			rv = append(rv, &analysis.Token{Term: input[i : i+n], Start: i, End: i + n, Type: analysis.AlphaNumeric})
			i += n
		}
	}
	last := 0
	for _, w := range words {
		gap(last, w.Start)
		if w.Type == analysis.AlphaNumeric || w.Type == analysis.Numeric {
			// Letters and digits are searched as Chinese is: as exact
			// text inside longer words (2022 finds 20221125), so the
			// bigram filter takes them, character by character, too.
			w.Type = analysis.Ideographic
		}
		rv = append(rv, w)
		last = w.End
	}
	gap(last, len(input))
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
