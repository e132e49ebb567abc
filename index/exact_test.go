package index_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"

	"github.com/wenming-archive/wenming/index"
)

// norm is the brute-force view of text: width folded, lowercased, and
// every traditional character simplified one by one.
func norm(s string) string { return strings.Map(simplifyOracle, strings.ToLower(width.Fold.String(s))) }

// t2s and s2t are OpenCC's converters: the first is the oracle of the
// traditional-to-simplified fold, character by character, through
// OpenCC's own conversion rather than the index's table; the second writes
// documents and queries in traditional script, phrase by phrase as a
// writer would.
var t2s, s2t = mustOpenCC("t2s"), mustOpenCC("s2t")

func mustOpenCC(conversion string) *opencc.OpenCC {
	cc, err := opencc.New(conversion)
	if err != nil {
		panic(err)
	}
	return cc
}

var oracle sync.Map // rune → rune

// simplifyOracle converts r alone with OpenCC's t2s, until it changes no
// more.
func simplifyOracle(r rune) rune {
	if r < 0x3400 {
		return r
	}
	if v, ok := oracle.Load(r); ok {
		return v.(rune)
	}
	to := r
	for range 4 {
		s, err := t2s.Convert(string(to))
		if err != nil || utf8.RuneCountInString(s) != 1 {
			break
		}
		next, _ := utf8.DecodeRuneInString(s)
		if next == to {
			break
		}
		to = next
	}
	oracle.Store(r, to)
	return to
}

// t2sPhrases returns s in simplified characters (OpenCC t2s, phrases
// included).
func t2sPhrases(s string) string {
	t, err := t2s.Convert(s)
	if err != nil {
		panic(err)
	}
	return t
}

// traditional returns s written in traditional characters (OpenCC s2t).
func traditional(s string) string {
	t, err := s2t.Convert(s)
	if err != nil {
		panic(err)
	}
	return t
}

func isWord(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// containsText reports whether q occurs in s: every script is exact
// text, a number or a Latin word inside a longer one included (2022 in
// 20221125).
func containsText(s, q string) bool { return strings.Contains(s, q) }

type exactQuery struct {
	text, kind string
}

// genQueries takes ~n queries of 1–6 characters from the bodies: plain
// substrings, substrings with digits and Latin letters switched between
// full and half width, and substrings spanning punctuation with the
// punctuation left out (which must not match across it).
func genQueries(r *rand.Rand, docs []index.Document, n int) []exactQuery {
	var qs []exactQuery
	seen := map[string]bool{}
	add := func(q, kind string) {
		if q != "" && !seen[q] {
			seen[q] = true
			qs = append(qs, exactQuery{q, kind})
		}
	}
	valid := func(body []rune, i, j int) bool {
		for _, c := range body[i:j] {
			if unicode.IsSpace(c) || c == '"' {
				return false
			}
		}
		return len([]rune(norm(string(body)))) == len(body)
	}
	for tries := 0; len(qs) < n && tries < 100*n; tries++ {
		body := []rune(docs[r.IntN(len(docs))].Body)
		switch k := r.IntN(100); {
		case k < 55: // plain substring
			l := 1 + r.IntN(6)
			if len(body) < l {
				continue
			}
			i := r.IntN(len(body) - l + 1)
			if valid(body, i, i+l) {
				kind := "plain"
				if strings.ContainsFunc(string(body[i:i+l]), unicode.IsPunct) {
					kind = "with-punct"
				}
				q := string(body[i : i+l])
				if r.IntN(4) == 0 { // in the other script
					if other := traditional(q); other != q {
						q, kind = other, "other-script"
					} else if other := t2sPhrases(q); other != q {
						q, kind = other, "other-script"
					}
				}
				add(q, kind)
			}
		case k < 75: // a number or Latin word, width and case switched
			f := []rune(norm(string(body)))
			if len(f) != len(body) {
				continue
			}
			var starts []int
			for i, c := range f {
				if isWord(c) && (i == 0 || !isWord(f[i-1])) {
					starts = append(starts, i)
				}
			}
			if len(starts) == 0 {
				continue
			}
			i := starts[r.IntN(len(starts))]
			j := i
			for j < len(f) && isWord(f[j]) {
				j++
			}
			i = max(0, i-r.IntN(2))
			j = min(len(f), j+r.IntN(3))
			if j-i > 6 || !valid(body, i, j) {
				continue
			}
			seg := string(body[i:j])
			if strings.ContainsFunc(seg, func(c rune) bool { return c >= 0xFF01 && c <= 0xFF5E }) {
				seg = width.Narrow.String(seg)
			} else {
				seg = width.Widen.String(seg)
			}
			if r.IntN(2) == 0 {
				seg = strings.ToUpper(seg)
			}
			add(seg, "width")
		default: // across punctuation, punctuation removed
			var at []int
			for i, c := range body {
				if unicode.IsPunct(c) && i > 0 && i+1 < len(body) && unicode.Is(unicode.Han, body[i-1]) && unicode.Is(unicode.Han, body[i+1]) {
					at = append(at, i)
				}
			}
			if len(at) == 0 {
				continue
			}
			p := at[r.IntN(len(at))]
			a, z := 1+r.IntN(3), 1+r.IntN(3)
			if p-a < 0 || p+1+z > len(body) {
				continue
			}
			q := string(body[p-a:p]) + string(body[p+1:p+1+z])
			if strings.ContainsFunc(q, func(c rune) bool { return !unicode.Is(unicode.Han, c) }) {
				continue
			}
			add(q, "across-punct")
		}
	}
	return qs
}

func TestExactness(t *testing.T) {
	ndocs, nq := 1000, 600
	if testing.Short() {
		ndocs, nq = 300, 300
	}
	docs := genCorpus(42, ndocs)
	for i := range docs {
		if i%3 == 0 { // a third of the documents in traditional script
			docs[i].Title, docs[i].Body = traditional(docs[i].Title), traditional(docs[i].Body)
		}
	}
	ix := openTemp(t)
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	type normDoc struct{ id, title, body string }
	nd := make([]normDoc, len(docs))
	for i, d := range docs {
		nd[i] = normDoc{d.ID, norm(d.Title), norm(d.Body)}
	}
	qs := genQueries(rand.New(rand.NewPCG(7, 11)), docs, nq)

	byKind := map[string]*tally{}
	byLen := map[int]*tally{}
	var all tally
	ctx := context.Background()
	for _, q := range qs {
		res, err := ix.Search(ctx, index.Query{Text: q.text, Size: len(docs)})
		if err != nil {
			t.Fatalf("%q: %v", q.text, err)
		}
		got := map[string]bool{}
		for _, h := range res.Hits {
			got[h.ID] = true
		}
		if uint64(len(res.Hits)) != res.Total {
			t.Errorf("%q: total %d, hits %d", q.text, res.Total, len(res.Hits))
		}
		nq := norm(q.text)
		want := map[string]bool{}
		for _, d := range nd {
			if containsText(d.title, nq) || containsText(d.body, nq) {
				want[d.id] = true
			}
		}
		var tl tally
		tl.queries = 1
		var fps, fns []string
		for id := range got {
			if want[id] {
				tl.tp++
			} else {
				tl.fp++
				fps = append(fps, id)
			}
		}
		for id := range want {
			if !got[id] {
				tl.fn++
				fns = append(fns, id)
			}
		}
		if len(want) == 0 {
			tl.zero = 1
		}
		if tl.fp > 0 || tl.fn > 0 {
			sort.Strings(fps)
			sort.Strings(fns)
			t.Errorf("%s query %q: want %d got %d; false positives %v; missed %v", q.kind, q.text, len(want), len(got), head(fps), head(fns))
		}
		l := len([]rune(q.text))
		for _, acc := range []*tally{&all, get(byKind, q.kind), get(byLen, l)} {
			acc.queries += tl.queries
			acc.tp += tl.tp
			acc.fp += tl.fp
			acc.fn += tl.fn
			acc.zero += tl.zero
		}
	}
	pr := func(name string, s *tally) {
		t.Logf("%-14s queries %3d  expected hits %5d  fp %d  fn %d  precision %.2f  recall %.2f  (queries with no match: %d)",
			name, s.queries, s.tp+s.fn, s.fp, s.fn, ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn), s.zero)
	}
	t.Logf("%d documents, %d queries", len(docs), len(qs))
	pr("all", &all)
	for _, k := range []string{"plain", "with-punct", "other-script", "width", "across-punct"} {
		if s := byKind[k]; s != nil {
			pr(k, s)
		}
	}
	for l := 1; l <= 6; l++ {
		if s := byLen[l]; s != nil {
			pr(strings.Repeat("字", l), s)
		}
	}
	if all.queries < 250 {
		t.Errorf("only %d queries generated", all.queries)
	}
}

type tally struct{ queries, tp, fp, fn, zero int }

func get[K comparable](m map[K]*tally, k K) *tally {
	if m[k] == nil {
		m[k] = new(tally)
	}
	return m[k]
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func head(s []string) []string {
	if len(s) > 3 {
		return append(s[:3:3], "…")
	}
	return s
}

// TestLettersAndDigitsInsideWords: a number or a Latin word matches inside
// a longer one, any case and width, and the snippet marks just the match.
func TestLettersAndDigitsInsideWords(t *testing.T) {
	ix := openTemp(t)
	docs := []index.Document{
		{ID: "a", URL: "http://x.cn/a", Title: "通知", Body: "文号20221125，请各单位查收。"},
		{ID: "b", URL: "http://x.cn/b", Title: "COVID-19防控", Body: "疫情防控abcd工作要点。"},
		{ID: "c", URL: "http://x.cn/c", Title: "无关", Body: "2023年的总结。"},
	}
	if err := putWithBodies(ix, docs...); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"2022", []string{"a"}},
		{"1125", []string{"a"}},
		{"２０２２", []string{"a"}},
		{"abc", []string{"b"}},
		{"BCD", []string{"b"}},
		{"covid", []string{"b"}},
		{"vid-1", []string{"b"}},
		{"202", []string{"a", "c"}},
		{"2024", nil},
		{"abce", nil},
	} {
		res, err := ix.Search(context.Background(), index.Query{Text: tc.q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q finds %v, want %v", tc.q, got, tc.want)
		}
		if tc.q == "2022" && len(res.Hits) == 1 && !strings.Contains(res.Hits[0].Snippet, "<mark>2022</mark>1125") {
			t.Errorf("snippet of 2022: %q", res.Hits[0].Snippet)
		}
	}
}

// TestQueryNotes: a misspelt field and a site: that names no site are
// noted, with what was likely meant; a site's name without 文明网 is read
// as the name, and the note says so.
func TestQueryNotes(t *testing.T) {
	ix := openTemp(t)
	docs := []index.Document{{ID: "a", URL: "http://xt.cn/a", Title: "光盘行动", Body: "光盘行动倡议。", Site: "xt.wenming.cn", SiteName: "邢台文明网",
		Lineage: []string{"河北文明网", "hb.wenming.cn", "邢台文明网", "xt.wenming.cn"}}}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    string
		want []string
		hits uint64
	}{
		{"titel:光盘", []string{"titel:光盘 is searched as text; did you mean title:光盘?"}, 0},
		{"光盘 site:邢台", []string{"site:邢台 is read as site:邢台文明网"}, 1},
		// Excluded, a short name excludes the site (before: nothing, the
		// hit found, no note); a value naming no site is noted though
		// the query finds something.
		{"光盘 -site:邢台", []string{"site:邢台 is read as site:邢台文明网"}, 0},
		{"光盘 -site:上海", []string{"site:上海 names no site of the archive (give a site's name, e.g. 河北文明网, or its host)"}, 1},
		{"光盘 -site:邢台文明网", nil, 0},
		{"光盘 site:邢", []string{"site:邢 names no site; did you mean site:邢台文明网?"}, 0},
		{"光盘 site:xt.wenming", []string{"site:xt.wenming names no site; did you mean site:xt.wenming.cn?"}, 0},
		{"光盘 site:上海", []string{"site:上海 names no site of the archive (give a site's name, e.g. 河北文明网, or its host)"}, 0},
		{"光盘 site:邢台文明网", nil, 1},
		{"http://x.cn 光盘", nil, 0},
		{"时间:2023", nil, 0},
	} {
		q, err := index.ParseQuery(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range res.Notes {
			got = append(got, n.String())
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: notes %q, want %q", tc.q, got, tc.want)
		}
		if res.Total != tc.hits {
			t.Errorf("%q: %d hits, want %d", tc.q, res.Total, tc.hits)
		}
	}
}

// TestEveryShortSubstring searches every substring of one to six
// characters of a few bodies in which punctuation sits inside numbers and
// words (where UAX #29 word breaks would keep it in the word) and
// characters stand alone between punctuation, and checks each against
// the brute force: the phrase queries' unigrams at the ends of runs must
// be in the index wherever the text has them.
func TestEveryShortSubstring(t *testing.T) {
	bodies := []string{
		"价格1,000元，共3.5万人参加。",
		"don't stop_it 国务院，办公厅",
		"a.b.c 10,000,000；x",
		"，国务院。院，务",
		"第一季度GDP增长5.2%，比上年同期",
	}
	ix := openTemp(t)
	var docs []index.Document
	for i, b := range bodies {
		docs = append(docs, index.Document{ID: string(rune('a' + i)), URL: "http://x.cn/" + string(rune('a'+i)), Title: "标题", Body: b})
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	n := 0
	for _, b := range bodies {
		rs := []rune(b)
		for i := range rs {
			for l := 1; l <= 6 && i+l <= len(rs); l++ {
				sub := string(rs[i : i+l])
				if seen[sub] || strings.TrimSpace(sub) != sub {
					continue
				}
				seen[sub] = true
				n++
				res, err := ix.Search(context.Background(), index.Query{Text: `"` + sub + `"`, Size: len(docs)})
				if err != nil {
					t.Fatal(err)
				}
				var got, want []string
				for _, h := range res.Hits {
					got = append(got, h.ID)
				}
				for _, d := range docs {
					if strings.Contains(norm(d.Body), norm(sub)) || strings.Contains(norm(d.Title), norm(sub)) {
						want = append(want, d.ID)
					}
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%q finds %v, want %v", sub, got, want)
				}
			}
		}
	}
	t.Logf("%d substrings", n)
}
