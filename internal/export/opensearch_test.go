package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/export"
)

// exactText is the reference for exact matching: the text as wenming
// compares it — invisible formatting characters dropped, width folded,
// lower case, every run of white space one space. A query matches a text
// exactly when exactText(query) is a non-empty substring of exactText(text).
func exactText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.Is(unicode.Cf, r) {
			continue
		}
		if f := width.LookupRune(r).Folded(); f != 0 {
			r = f
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// exportTemplate writes an OpenSearch export of arts and reads back its
// template's text fields.
func exportTemplate(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	if _, err := export.OpenSearch(context.Background(), dir, sliceSource(samples()), export.OpenSearchOptions{}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, export.OpenSearchTemplateFile))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// exactAlphabet are the pieces random texts are made of: a few Chinese
// characters (so that substrings recur), Latin letters in both cases and
// full width, digits ASCII and full-width, Chinese and ASCII punctuation,
// every kind of white space, invisible formatting characters, half-width
// katakana, characters beyond the BMP, and letters whose case folding is
// not ASCII.
var exactAlphabet = []string{
	"志", "愿", "服", "务", "文", "明", "实", "践", "国", "院",
	"a", "b", "c", "A", "B", "C", "ａ", "Ｂ", "ｃ",
	"2", "0", "1", "２", "０", "１",
	"，", "。", "、", "“", "”", "《", "》", ",", ".", "-", "！", "!", "（", "(", "．",
	" ", "  ", "\n", "\t", "\r\n", "\u3000", "\u00a0", "\u2028", "\u0085", "\u000b",
	"\u200b", "\ufeff", "\u00ad", "\u200d",
	"ｶ", "ﾞ", "カ", "ア", "ｱ",
	"𠀋", "𪚥",
	"İ", "i", "Σ", "σ", "ς", "ß",
}

func randomText(rng *rand.Rand, maxPieces int) string {
	var b strings.Builder
	for range rng.IntN(maxPieces + 1) {
		b.WriteString(exactAlphabet[rng.IntN(len(exactAlphabet))])
	}
	return b.String()
}

// variant writes s with some characters in another form that folds to the
// same text (full width, other case, other white space).
func variant(rng *rand.Rand, s string) string {
	var b strings.Builder
	for _, r := range s {
		if rng.IntN(3) == 0 {
			switch {
			case r == ' ':
				b.WriteString([]string{"\u3000", "\t", "\n\n", " \u200b "}[rng.IntN(4)])
				continue
			case r >= '!' && r <= '~':
				r = r - '!' + '！' // full-width form
			case unicode.IsUpper(r):
				r = unicode.ToLower(r)
			case unicode.IsLower(r):
				r = unicode.ToUpper(r)
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// substring is a random run of s's characters.
func substring(rng *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) == 0 {
		return ""
	}
	i := rng.IntN(len(rs))
	j := i + 1 + rng.IntN(min(8, len(rs)-i))
	return string(rs[i:j])
}

// exactnessMismatches checks match_phrase on field against the brute-force
// reference over generated texts and queries, and returns the mismatches
// (at most limit) and the number of true matches it saw.
func exactnessMismatches(t *testing.T, f *osField, seed uint64, docs, queries, limit int) (bad []string, matches, folded int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	texts := make([]string, docs)
	indexed := make([]osIndexed, docs)
	norm := make([]string, docs)
	for i := range texts {
		texts[i] = randomText(rng, 30)
		indexed[i] = f.indexValue(texts[i])
		norm[i] = exactText(texts[i])
	}
	for range queries {
		var q string
		switch rng.IntN(4) {
		case 0:
			q = substring(rng, texts[rng.IntN(docs)])
		case 1:
			q = variant(rng, substring(rng, texts[rng.IntN(docs)]))
		case 2:
			q = variant(rng, substring(rng, exactText(texts[rng.IntN(docs)])))
		default:
			q = randomText(rng, 4)
		}
		nq := exactText(q)
		for i := range texts {
			want := nq != "" && strings.Contains(norm[i], nq)
			got := f.matchPhrase(indexed[i], q)
			if want {
				matches++
				if !strings.Contains(texts[i], q) {
					folded++
				}
			}
			if got != want && len(bad) < limit {
				bad = append(bad, fmt.Sprintf("match_phrase %q on %q: %v, want %v (tokens %q)", q, texts[i], got, want, f.index.analyze(texts[i])))
			}
		}
	}
	return bad, matches, folded
}

// TestOpenSearchExactMatching checks that match_phrase over the analysis
// the exported template declares finds a text exactly when the query
// occurs in it, as wenming's own search does: first on cases that name
// the rules, then on random texts and queries against a brute-force
// search.
func TestOpenSearchExactMatching(t *testing.T) {
	tmpl, fields, err := readTemplate(exportTemplate(t))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tmpl.Patterns, []string{"wenming"}) {
		t.Errorf("index_patterns = %q", tmpl.Patterns)
	}
	for _, name := range []string{"title", "body"} {
		if fields[name] == nil {
			t.Fatalf("template has no text field %s", name)
		}
		if !fields[name].indexPhrases {
			t.Errorf("%s: no index_phrases: a phrase would be a phrase of single characters", name)
		}
	}
	body := fields["body"]
	cases := []struct {
		text, query string
		want        bool
	}{
		{"增值税改革", "税", true},
		{"国务院办公厅", "国务院", true},
		{"国务，院", "国务院", false},
		{"国务，院", "国务，院", true},
		{"国务，院", "国务。院", false},
		{"志愿服务", "志愿 服务", false},
		{"志愿\n\n服务", "志愿 服务", true},
		{"志愿\u3000服务", "志愿 服务", true},
		{"志愿服务", "服务志愿", false},
		{"2022年11月25日", "2022", true},
		{"编号20221125", "2022", true},
		{"编号20221125", "1125", true},
		{"编号20221125", "20231125", false},
		{"２０２３年", "2023", true},
		{"2023年", "２０２３", true},
		{"ABCD", "bc", true},
		{"ABCD", "ac", false},
		{"ＡＢＣＤ", "bcd", true},
		{"文\u200b明", "文明", true},
		{"文明", "文\u00ad明", true},
		{"ｶﾞ", "カ", true},
		{"𠀋𪚥", "𪚥", true},
		{"a.b", "a.b", true},
		{"a.b", "ab", false},
		{"Σσς", "σσς", true},
		{"", "文", false},
		{"文明", "\u200b", false},
	}
	for _, c := range cases {
		got := body.matchPhrase(body.indexValue(c.text), c.query)
		if got != c.want {
			t.Errorf("match_phrase %q on %q: %v, want %v (tokens %q, query tokens %q)", c.query, c.text, got, c.want,
				body.index.analyze(c.text), body.searchQuote.analyze(c.query))
		}
		if ref := exactText(c.query) != "" && strings.Contains(exactText(c.text), exactText(c.query)); ref != c.want {
			t.Errorf("reference disagrees with the case %q in %q", c.query, c.text)
		}
	}

	docs, queries := 400, 1500
	if testing.Short() {
		docs, queries = 150, 400
	}
	for i, name := range []string{"title", "body"} {
		bad, matches, folded := exactnessMismatches(t, fields[name], uint64(7+i), docs, queries, 10)
		for _, b := range bad {
			t.Errorf("%s: %s", name, b)
		}
		// The generated cases must hold real matches, and matches that
		// need folding, or the comparison proves little.
		if matches < queries || folded < queries/10 {
			t.Errorf("%s: only %d matches (%d through folding) in %d×%d pairs", name, matches, folded, docs, queries)
		}
		t.Logf("%s: %d×%d pairs, %d matches, %d of them only after folding", name, docs, queries, matches, folded)
	}
}

// TestOpenSearchExactMatchingCatchesBrokenAnalysis breaks the template's
// analysis one component at a time and requires the brute-force check to
// find a query that then matches wrongly: the check is sharp enough to
// notice each component missing.
func TestOpenSearchExactMatchingCatchesBrokenAnalysis(t *testing.T) {
	raw := exportTemplate(t)
	mutations := map[string]func(a map[string]any){
		"no index_phrases, one analyzer for unigrams only": nil, // exact too: a phrase of characters
	}
	analyzer := func(m map[string]any) map[string]any {
		an := m["template"].(map[string]any)["settings"].(map[string]any)["analysis"].(map[string]any)["analyzer"].(map[string]any)
		for _, v := range an {
			return v.(map[string]any)
		}
		panic("no analyzer")
	}
	charFilters := func(m map[string]any) []any { return analyzer(m)["char_filter"].([]any) }
	var probe map[string]any
	if err := json.Unmarshal(raw, &probe); err != nil {
		t.Fatal(err)
	}
	for i := range charFilters(probe) {
		mutations[fmt.Sprintf("without char filter %v", charFilters(probe)[i])] = func(m map[string]any) {
			a := analyzer(m)
			a["char_filter"] = slices.Delete(slices.Clone(charFilters(m)), i, i+1)
		}
	}
	mutations["without lowercase"] = func(m map[string]any) { delete(analyzer(m), "filter") }
	mutations["tokens of two characters"] = func(m map[string]any) {
		tok := m["template"].(map[string]any)["settings"].(map[string]any)["analysis"].(map[string]any)["tokenizer"].(map[string]any)
		for _, v := range tok {
			v.(map[string]any)["pattern"] = "(?s)..?"
		}
	}
	for name, mutate := range mutations {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		if mutate == nil {
			props := m["template"].(map[string]any)["mappings"].(map[string]any)["properties"].(map[string]any)
			delete(props["body"].(map[string]any), "index_phrases")
		} else {
			mutate(m)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		_, fields, err := readTemplate(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		bad, _, _ := exactnessMismatches(t, fields["body"], 11, 150, 300, 1)
		if mutate == nil && len(bad) > 0 {
			t.Errorf("%s: %s", name, bad[0])
		}
		if mutate != nil && len(bad) == 0 {
			t.Errorf("%s: the check found no wrong match", name)
		}
		if mutate != nil && len(bad) > 0 {
			t.Logf("%s: %s", name, bad[0])
		}
	}
}

// TestOpenSearchTemplateRefusesUnknownComponents: the interpreter refuses
// what it does not know rather than guess.
func TestOpenSearchTemplateRefusesUnknownComponents(t *testing.T) {
	raw := string(exportTemplate(t))
	for old, new := range map[string]string{
		"\"type\": \"pattern\"\n":        "\"type\": \"standard\"\n",
		`"lowercase"`:                    `"cjk_width"`,
		`"pattern": "(?s).",`:            `"pattern": "\\w",`,
		`"type": "mapping"`:              `"type": "icu_normalizer"`,
		`"analyzer": "wenming_exact",`:   `"analyzer": "standard",`,
		`"index_phrases": true,`:         `"index_phrases": true, "index_prefixes": {},`,
		`"pattern": "\\p{Cf}+",`:         `"pattern": "\\p{Cf}*",`,
		`"replacement": " ",`:            `"replacement": "$0",`,
		`"tokenizer": "wenming_char",`:   `"tokenizer": "wenming_char", "position_increment_gap": 0,`,
		`"\\u3000 => \\u0020",`:          `"\\u3000 => \\u0020", "\\u3000 => \\u0021",`,
		`"char_filter": [`:               `"char_filter": ["html_strip",`,
		`"type": "pattern_replace"`:      `"type": "pattern_replace", "flags": "CASE_INSENSITIVE"`,
		`"group": 0,`:                    `"group": 3,`,
		`"mappings": [`:                  `"mappings": ["x",`,
		`"filter": [`:                    `"filter": ["shingle",`,
		`"wenming_exact": {`:             `"wenming_exact": {"type": "standard"}, "x": {`,
		`"type": "custom"`:               `"type": "custom", "stopwords": "_none_"`,
		`"pattern": "(?s)."`:             `"pattern": "(?s)(?=.)"`,
		`"\\uFF01 => \\u0021",`:          `"\\uFF01 => \\u00zz",`,
		`"\\uFF02 => \\u0022",`:          `"\\uFF02 => \\u00",`,
		`"description": "wenming export`: `"description": "wenming export`, // unchanged: must load
	} {
		if !strings.Contains(raw, old) {
			t.Fatalf("template has no %s", old)
		}
		_, _, err := readTemplate([]byte(strings.Replace(raw, old, new, 1)))
		if (err == nil) != (old == new) {
			t.Errorf("%s → %s: err = %v", old, new, err)
		}
	}
}

// bulkPair is one action and document read back from a bulk file.
type bulkPair struct {
	file   string
	action map[string]map[string]string
	doc    map[string]any
}

// readBulk reads every bulk file of an export directory in order,
// checking the NDJSON: each line one JSON object, actions and documents
// alternating, the last line ended by a newline, no file over limit bytes.
func readBulk(t *testing.T, dir string, files []string, limit int64) []bulkPair {
	t.Helper()
	var pairs []bulkPair
	for _, name := range files {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(raw)) > limit {
			t.Errorf("%s: %d bytes, more than %d", name, len(raw), limit)
		}
		if !bytes.HasSuffix(raw, []byte("\n")) {
			t.Errorf("%s: the last line has no newline (_bulk refuses it)", name)
		}
		if !utf8.Valid(raw) {
			t.Errorf("%s: not UTF-8", name)
		}
		sc := bufio.NewScanner(bytes.NewReader(raw))
		sc.Buffer(nil, 1<<30)
		var lines []string
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if len(lines)%2 != 0 || len(lines) == 0 {
			t.Fatalf("%s: %d lines, want action and document pairs", name, len(lines))
		}
		for i := 0; i < len(lines); i += 2 {
			p := bulkPair{file: name}
			dec := json.NewDecoder(strings.NewReader(lines[i]))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&p.action); err != nil || len(p.action) != 1 || len(p.action["index"]) != 2 {
				t.Fatalf("%s:%d: action %s (%v)", name, i+1, lines[i], err)
			}
			if err := json.Unmarshal([]byte(lines[i+1]), &p.doc); err != nil {
				t.Fatalf("%s:%d: document: %v", name, i+2, err)
			}
			pairs = append(pairs, p)
		}
	}
	return pairs
}

// checkDoc checks a document against the template's mapping: every field
// mapped (the mapping is strict), every value of the mapped type.
func checkDoc(props map[string]any, doc map[string]any) error {
	for k, v := range doc {
		m, ok := props[k].(map[string]any)
		if !ok {
			return fmt.Errorf("field %s is not in the mapping (dynamic: strict refuses the document)", k)
		}
		if err := checkValue(m, v); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

func checkValue(m map[string]any, v any) error {
	if arr, ok := v.([]any); ok { // any field may hold an array of its type
		for _, x := range arr {
			if err := checkValue(m, x); err != nil {
				return err
			}
		}
		return nil
	}
	if sub, ok := m["properties"].(map[string]any); ok {
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%v is not an object", v)
		}
		return checkDoc(sub, obj)
	}
	switch m["type"] {
	case "keyword", "text":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%v is not a string", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%v is not a boolean", v)
		}
	case "long":
		f, ok := v.(float64)
		if !ok || f != float64(int64(f)) {
			return fmt.Errorf("%v is not an integer", v)
		}
	case "date":
		s, _ := v.(string)
		if m["format"] != "strict_date_optional_time" {
			return fmt.Errorf("date format %v is not checked here", m["format"])
		}
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return fmt.Errorf("%v is not an RFC 3339 date-time: %w", v, err)
		}
	default:
		return fmt.Errorf("type %v is not checked here", m["type"])
	}
	return nil
}

// TestOpenSearchBulk exports hand-made and random articles, one file and
// then files cut small, and checks every pair: the action names the index
// and the URL, the document fits the strict mapping, the body is whole,
// nothing is lost or repeated, and each file stays under its bound.
func TestOpenSearchBulk(t *testing.T) {
	arts := samples()
	long := *arts[1]
	long.URL = "http://www.wenming.cn/" + strings.Repeat("长", 200) + ".html" // 622 bytes
	arts = append(arts, &long)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 60 {
		arts = append(arts, &article.Article{
			URL: fmt.Sprintf("http://www.wenming.cn/r/%d.html", i), Site: "www.wenming.cn", SiteName: "中国文明网",
			Level: article.National, Title: randomText(rng, 10), Body: randomText(rng, 400),
			FetchedAt: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC),
		})
	}
	for _, limit := range []int64{0, 4000} {
		dir := t.TempDir()
		rep, err := export.OpenSearch(context.Background(), dir, sliceSource(arts), export.OpenSearchOptions{Index: "wm-test", MaxFileBytes: limit})
		if err != nil {
			t.Fatal(err)
		}
		if limit == 0 {
			limit = export.DefaultBulkBytes
		}
		if rep.Articles != len(arts) || rep.HashedIDs != 1 || rep.Template != export.OpenSearchTemplateFile {
			t.Errorf("report %+v", rep)
		}
		if limit < export.DefaultBulkBytes && len(rep.Bulk) < 5 {
			t.Errorf("limit %d: only %d files", limit, len(rep.Bulk))
		}
		tmpl, _, err := readTemplate(mustRead(t, filepath.Join(dir, rep.Template)))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(tmpl.Patterns, []string{"wm-test"}) || tmpl.Template.Mappings["dynamic"] != "strict" {
			t.Errorf("template: patterns %q, dynamic %v", tmpl.Patterns, tmpl.Template.Mappings["dynamic"])
		}
		props := tmpl.Template.Mappings["properties"].(map[string]any)
		entries, _ := os.ReadDir(dir)
		if len(entries) != len(rep.Bulk)+1 {
			t.Errorf("%d files in the directory, report names %d", len(entries), len(rep.Bulk)+1)
		}
		pairs := readBulk(t, dir, rep.Bulk, limit)
		if len(pairs) != len(arts) {
			t.Fatalf("%d pairs for %d articles", len(pairs), len(arts))
		}
		ids := make(map[string]bool)
		for i, p := range pairs {
			a := arts[i]
			act := p.action["index"]
			if act["_index"] != "wm-test" || len(act["_id"]) > export.MaxDocIDBytes || act["_id"] == "" || ids[act["_id"]] {
				t.Errorf("%s: action %v", a.URL, act)
			}
			ids[act["_id"]] = true
			if len(a.URL) <= export.MaxDocIDBytes && act["_id"] != a.URL {
				t.Errorf("%s: _id %q", a.URL, act["_id"])
			}
			if err := checkDoc(props, p.doc); err != nil {
				t.Errorf("%s: %v", a.URL, err)
			}
			if p.doc["url"] != a.URL || p.doc["title"] != a.Title || p.doc["body"] != a.Body {
				t.Errorf("%s: url, title or body changed: %.80v", a.URL, p.doc)
			}
		}
		// The first sample: every field, the lineage's levels as facets.
		d := pairs[0].doc
		for k, want := range map[string]any{
			"site_name": "南宫文明网", "level": "county", "province": "河北文明网", "city": "邢台文明网",
			"county": "南宫文明网", "column": "“双争”活动", "published": "2023-03-22T20:29:00+08:00",
			"published_precision": "minute", "views": float64(1017), "fetched_at": "2024-01-02T11:04:05+08:00",
			"author": "张三", "editor": "李四", "source": "南宫市文明办",
		} {
			if d[k] != want {
				t.Errorf("first sample: %s = %v, want %v", k, d[k], want)
			}
		}
		if l, _ := d["lineage"].([]any); len(l) != 4 || len(d["aliases"].([]any)) != 2 {
			t.Errorf("first sample: lineage %v, aliases %v", d["lineage"], d["aliases"])
		}
		// Unknown values are left out, not written empty or null.
		for _, k := range []string{"published", "views", "column", "province", "lineage", "published_precision"} {
			if _, ok := pairs[1].doc[k]; ok {
				t.Errorf("second sample (no date, views, column, lineage): has %s = %v", k, pairs[1].doc[k])
			}
		}
		if pairs[1].doc["url"] == nil || pairs[1].doc["body"] == nil {
			t.Errorf("second sample lacks url or body: %v", pairs[1].doc)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenSearchErrors(t *testing.T) {
	dir := t.TempDir()
	big := []*article.Article{{URL: "http://www.wenming.cn/big.html", Body: strings.Repeat("文", 2000)}}
	if _, err := export.OpenSearch(context.Background(), dir, sliceSource(big), export.OpenSearchOptions{MaxFileBytes: 1000}); err == nil ||
		!strings.Contains(err.Error(), "big.html") || !strings.Contains(err.Error(), "more than the 1000") {
		t.Errorf("an article larger than a bulk file: %v", err)
	}
	for _, name := range []string{"Wenming", "_x", "a b", "a/b", "a:b", "..", ""} {
		if export.CheckIndexName(name) == nil && name != "" {
			t.Errorf("index name %q accepted", name)
		}
	}
	for _, name := range []string{"wenming", "wenming-2024.05", "文明"} {
		if err := export.CheckIndexName(name); err != nil {
			t.Errorf("index name %q: %v", name, err)
		}
	}
	if _, err := export.OpenSearch(context.Background(), t.TempDir(), sliceSource(samples()), export.OpenSearchOptions{MaxFileBytes: export.MaxBulkBytes + 1}); err == nil {
		t.Error("a bulk file over 100 MiB accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := export.OpenSearch(ctx, t.TempDir(), sliceSource(samples()), export.OpenSearchOptions{}); err == nil {
		t.Error("cancelled export did not stop")
	}
}
