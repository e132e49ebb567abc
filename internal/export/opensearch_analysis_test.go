package export_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// This file interprets the analysis an OpenSearch index template
// declares, as OpenSearch (Lucene) runs it, so that the tests check the
// template the export writes rather than a copy of its rules. It knows the
// components the template may use and fails on any other: a template
// that names an unknown component is not checked, it is refused.

// osTemplate is an index template, read back from its JSON.
type osTemplate struct {
	Patterns []string `json:"index_patterns"`
	Template struct {
		Settings struct {
			Analysis osAnalysisSettings `json:"analysis"`
		} `json:"settings"`
		Mappings map[string]any `json:"mappings"`
	} `json:"template"`
}

type osAnalysisSettings struct {
	CharFilter map[string]map[string]any `json:"char_filter"`
	Tokenizer  map[string]map[string]any `json:"tokenizer"`
	Filter     map[string]map[string]any `json:"filter"`
	Analyzer   map[string]map[string]any `json:"analyzer"`
}

// osChain is an analyzer: char filters on the whole text, a tokenizer,
// then token filters on each token. Every token the components used here
// make has a position increment of 1.
type osChain struct {
	charFilters []func(string) string
	tokenize    func(string) []string
	filters     []func(string) string
}

func (c *osChain) analyze(text string) []string {
	for _, f := range c.charFilters {
		text = f(text)
	}
	toks := c.tokenize(text)
	for _, f := range c.filters {
		for i := range toks {
			toks[i] = f(toks[i])
		}
	}
	return toks
}

// osField is a text field of the mapping: its analyzers and whether
// index_phrases indexes its token pairs in a field of their own.
type osField struct {
	index, searchQuote *osChain
	indexPhrases       bool
}

// osIndexed is a field's value as the index holds it: the terms at each
// position, and the pairs (FixedShingleFilter of size 2, separator " ")
// of the ._index_phrase field when index_phrases is on.
type osIndexed struct {
	terms, phrases []string
}

func (f *osField) indexValue(value string) osIndexed {
	toks := f.index.analyze(value)
	d := osIndexed{terms: toks}
	if f.indexPhrases {
		for i := 0; i+1 < len(toks); i++ {
			d.phrases = append(d.phrases, toks[i]+" "+toks[i+1])
		}
	}
	return d
}

// matchPhrase is whether a match_phrase query (slop 0, zero_terms_query
// none) finds the indexed value, built as OpenSearch's match query and
// text field build it: the query analyzed with the search quote analyzer;
// no token: nothing; one token: a term query on the field; more: with
// index_phrases (and no position gaps, which these tokenizers never
// make) a phrase query of the query's shingles on the phrase field,
// else a phrase query of its tokens on the field.
func (f *osField) matchPhrase(d osIndexed, query string) bool {
	q := f.searchQuote.analyze(query)
	switch {
	case len(q) == 0:
		return false
	case len(q) == 1:
		return containsTerm(d.terms, q[0])
	case f.indexPhrases:
		var sh []string
		for i := 0; i+1 < len(q); i++ {
			sh = append(sh, q[i]+" "+q[i+1])
		}
		return phraseAt(d.phrases, sh)
	}
	return phraseAt(d.terms, q)
}

func containsTerm(terms []string, t string) bool {
	for _, x := range terms {
		if x == t {
			return true
		}
	}
	return false
}

// phraseAt reports whether q occurs at consecutive positions of terms.
func phraseAt(terms, q []string) bool {
outer:
	for p := 0; p+len(q) <= len(terms); p++ {
		for i, t := range q {
			if terms[p+i] != t {
				continue outer
			}
		}
		return true
	}
	return false
}

// readTemplate parses the template and builds its text fields.
func readTemplate(raw []byte) (osTemplate, map[string]*osField, error) {
	var t osTemplate
	if err := json.Unmarshal(raw, &t); err != nil {
		return t, nil, fmt.Errorf("template: %w", err)
	}
	props, _ := t.Template.Mappings["properties"].(map[string]any)
	fields := make(map[string]*osField)
	for name, v := range props {
		m, _ := v.(map[string]any)
		if m["type"] != "text" {
			continue
		}
		analyzer, _ := m["analyzer"].(string)
		if analyzer == "" {
			return t, nil, fmt.Errorf("field %s: no analyzer (the default, standard, is not interpreted here)", name)
		}
		search, _ := m["search_analyzer"].(string)
		quote, _ := m["search_quote_analyzer"].(string)
		search = firstOf(search, analyzer)
		quote = firstOf(quote, search)
		for k := range m {
			switch k {
			case "type", "analyzer", "search_analyzer", "search_quote_analyzer", "index_phrases":
			default:
				return t, nil, fmt.Errorf("field %s: option %q is not interpreted here", name, k)
			}
		}
		f := &osField{indexPhrases: m["index_phrases"] == true}
		var err error
		if f.index, err = t.Template.Settings.Analysis.chain(analyzer); err != nil {
			return t, nil, fmt.Errorf("field %s: %w", name, err)
		}
		if f.searchQuote, err = t.Template.Settings.Analysis.chain(quote); err != nil {
			return t, nil, fmt.Errorf("field %s: %w", name, err)
		}
		fields[name] = f
	}
	return t, fields, nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// chain builds the custom analyzer name.
func (s osAnalysisSettings) chain(name string) (*osChain, error) {
	a, ok := s.Analyzer[name]
	if !ok {
		return nil, fmt.Errorf("analyzer %q is not defined in the template", name)
	}
	if a["type"] != "custom" {
		return nil, fmt.Errorf("analyzer %s: type %v is not interpreted here", name, a["type"])
	}
	c := &osChain{}
	for _, cf := range strList(a["char_filter"]) {
		def, ok := s.CharFilter[cf]
		if !ok {
			return nil, fmt.Errorf("char filter %q: only the template's own are interpreted here", cf)
		}
		f, err := charFilter(def)
		if err != nil {
			return nil, fmt.Errorf("char filter %s: %w", cf, err)
		}
		c.charFilters = append(c.charFilters, f)
	}
	tn, _ := a["tokenizer"].(string)
	def, ok := s.Tokenizer[tn]
	if !ok {
		return nil, fmt.Errorf("tokenizer %q: only the template's own are interpreted here", tn)
	}
	var err error
	if c.tokenize, err = tokenizer(def); err != nil {
		return nil, fmt.Errorf("tokenizer %s: %w", tn, err)
	}
	for _, fn := range strList(a["filter"]) {
		def, ok := s.Filter[fn]
		if !ok {
			def = map[string]any{"type": fn} // a built-in filter by its name
		}
		f, err := tokenFilter(def)
		if err != nil {
			return nil, fmt.Errorf("token filter %s: %w", fn, err)
		}
		c.filters = append(c.filters, f)
	}
	for k := range a {
		switch k {
		case "type", "char_filter", "tokenizer", "filter":
		default:
			return nil, fmt.Errorf("analyzer %s: option %q is not interpreted here", name, k)
		}
	}
	return c, nil
}

func strList(v any) []string {
	var rv []string
	l, _ := v.([]any)
	for _, x := range l {
		s, _ := x.(string)
		rv = append(rv, s)
	}
	return rv
}

// onlyKeys fails on an option of def that is not in known.
func onlyKeys(def map[string]any, known ...string) error {
	for k := range def {
		found := k == "type"
		for _, x := range known {
			found = found || k == x
		}
		if !found {
			return fmt.Errorf("option %q is not interpreted here", k)
		}
	}
	return nil
}

func charFilter(def map[string]any) (func(string) string, error) {
	switch def["type"] {
	case "mapping":
		if err := onlyKeys(def, "mappings"); err != nil {
			return nil, err
		}
		m, err := mappingRules(strList(def["mappings"]))
		if err != nil {
			return nil, err
		}
		return m.apply, nil
	case "pattern_replace":
		if err := onlyKeys(def, "pattern", "replacement"); err != nil {
			return nil, err
		}
		re, err := javaRegexp(def["pattern"])
		if err != nil {
			return nil, err
		}
		repl, _ := def["replacement"].(string)
		if strings.ContainsAny(repl, `$\`) {
			return nil, fmt.Errorf("replacement %q: group references and escapes are not interpreted here", repl)
		}
		return func(s string) string { return re.ReplaceAllLiteralString(s, repl) }, nil
	}
	return nil, fmt.Errorf("type %v is not interpreted here", def["type"])
}

func tokenizer(def map[string]any) (func(string) []string, error) {
	if def["type"] != "pattern" {
		return nil, fmt.Errorf("type %v is not interpreted here", def["type"])
	}
	if err := onlyKeys(def, "pattern", "group"); err != nil {
		return nil, err
	}
	re, err := javaRegexp(def["pattern"])
	if err != nil {
		return nil, err
	}
	group := -1
	if g, ok := def["group"].(float64); ok {
		group = int(g)
	}
	if group >= re.NumSubexp()+1 {
		return nil, fmt.Errorf("group %d: the pattern has %d", group, re.NumSubexp())
	}
	// Lucene's PatternTokenizer: group -1 splits on the matches, a group
	// >= 0 makes each match's group a token; empty tokens are never made.
	return func(s string) []string {
		var toks []string
		add := func(t string) {
			if t != "" {
				toks = append(toks, t)
			}
		}
		if group < 0 {
			for _, t := range re.Split(s, -1) {
				add(t)
			}
			return toks
		}
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			add(m[group])
		}
		return toks
	}, nil
}

func tokenFilter(def map[string]any) (func(string) string, error) {
	switch def["type"] {
	case "lowercase":
		if err := onlyKeys(def); err != nil {
			return nil, err // a language option lowercases otherwise
		}
		// Lucene's LowerCaseFilter: Character.toLowerCase per code point.
		return func(s string) string { return strings.Map(unicode.ToLower, s) }, nil
	}
	return nil, fmt.Errorf("type %v is not interpreted here", def["type"])
}

// javaRegexp compiles a java.util.regex pattern that means the same in
// Go's regexp. Constructs that differ between the two are refused, and so
// is a pattern that matches the empty string (Java and Go place empty
// matches differently).
func javaRegexp(v any) (*regexp.Regexp, error) {
	p, ok := v.(string)
	if !ok || p == "" {
		return nil, fmt.Errorf("pattern %v: want a non-empty string", v)
	}
	// \s, \w, \d, \b and POSIX classes are ASCII in both by default but
	// differ in detail (\s and \x0B); possessive and atomic groups,
	// lookaround and \Q…\E are Java only.
	for _, bad := range []string{`\s`, `\S`, `\w`, `\W`, `\d`, `\D`, `\b`, `\B`, `\h`, `\v`, `\R`, `\Q`, `(?=`, `(?!`, `(?<`, `(?>`, `*+`, `++`, `?+`, `[[`, `&&`} {
		if strings.Contains(p, bad) {
			return nil, fmt.Errorf("pattern %q: %s is not interpreted here", p, bad)
		}
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", p, err)
	}
	if re.MatchString("") {
		return nil, fmt.Errorf("pattern %q matches the empty string", p)
	}
	return re, nil
}

// charMap is a mapping char filter: at each position the longest key
// that matches is replaced by its value (Lucene's MappingCharFilter).
type charMap struct {
	to     map[string]string
	maxLen int // longest key, in bytes
}

func (m charMap) apply(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		best := 0
		for n := min(m.maxLen, len(s)-i); n > 0; n-- {
			if _, ok := m.to[s[i:i+n]]; ok {
				best = n
				break
			}
		}
		if best == 0 {
			_, n := firstRune(s[i:])
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteString(m.to[s[i:i+best]])
		i += best
	}
	return b.String()
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// mappingRules parses the rules of a mapping char filter as OpenSearch
// does: "KEY => VALUE", each side trimmed, then its escapes (\\ \n \t \r
// \b \f \uXXXX) read; the sides are UTF-16 in Java, so a surrogate pair
// of escapes is one character. A duplicate key is refused (Lucene refuses
// it too).
func mappingRules(rules []string) (charMap, error) {
	m := charMap{to: make(map[string]string)}
	rule := regexp.MustCompile(`^(.*)\s*=>\s*(.*)\s*$`)
	for _, r := range rules {
		g := rule.FindStringSubmatch(r)
		if g == nil {
			return m, fmt.Errorf("rule %q: no =>", r)
		}
		from, err := javaUnescape(javaTrim(g[1]))
		if err != nil {
			return m, fmt.Errorf("rule %q: %w", r, err)
		}
		to, err := javaUnescape(javaTrim(g[2]))
		if err != nil {
			return m, fmt.Errorf("rule %q: %w", r, err)
		}
		if from == "" {
			return m, fmt.Errorf("rule %q: empty key", r)
		}
		if _, dup := m.to[from]; dup {
			return m, fmt.Errorf("rule %q: key mapped twice", r)
		}
		m.to[from] = to
		m.maxLen = max(m.maxLen, len(from))
	}
	return m, nil
}

func javaUnescape(s string) (string, error) {
	var units []uint16
	for i := 0; i < len(s); {
		r, n := firstRune(s[i:])
		i += n
		if r != '\\' {
			units = utf16.AppendRune(units, r)
			continue
		}
		if i >= len(s) {
			return "", fmt.Errorf("%q ends in a backslash", s)
		}
		c, n := firstRune(s[i:])
		i += n
		switch c {
		case 'n':
			units = append(units, '\n')
		case 't':
			units = append(units, '\t')
		case 'r':
			units = append(units, '\r')
		case 'b':
			units = append(units, '\b')
		case 'f':
			units = append(units, '\f')
		case 'u':
			if i+4 > len(s) {
				return "", fmt.Errorf("%q: short \\u escape", s)
			}
			v, err := strconv.ParseUint(s[i:i+4], 16, 16)
			if err != nil {
				return "", fmt.Errorf("%q: %w", s, err)
			}
			units = append(units, uint16(v))
			i += 4
		default: // \\ and any other escaped character stand for themselves
			units = utf16.AppendRune(units, c)
		}
	}
	return string(utf16.Decode(units)), nil
}

// javaTrim is Java's String.trim: it drops characters up to U+0020 at
// both ends.
func javaTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}
