package index

import (
	"context"
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SnippetWidth is the length, in characters, of the body window Search puts
// in Hit.Snippet.
const SnippetWidth = 120

const (
	snippetLead    = 20   // characters of context kept before the chosen match
	maxOccurrences = 1000 // occurrences considered when choosing the window
)

// Bodies returns the bodies of the documents ids (their IDs as given to
// [Writer.Add]), by ID, for the snippets of a page of hits: the index does
// not keep bodies, which the caller keeps anyway (its records). A body the
// map lacks (a record gone, or unreadable) gives its hit no snippet; an
// error fails the search. It must return the body the document was added
// with (the index cuts it to MaxBodyChars again) for the snippet to show
// what matched.
type Bodies func(ctx context.Context, ids []string) (map[string]string, error)

// SetBodies sets where searches get the bodies of their hits' snippets;
// without it, hits have no snippet. It may be called while searches run;
// each search uses the Bodies set when it makes its hits.
func (ix *Index) SetBodies(fn Bodies) {
	if fn == nil {
		ix.bodies.Store(nil)
		return
	}
	ix.bodies.Store(&fn)
}

// addSnippets sets the snippets of hits, marking bodyTerms, from the
// bodies the caller's Bodies returns for them.
func (ix *Index) addSnippets(ctx context.Context, hits []Hit, bodyTerms []string) error {
	fn := ix.bodies.Load()
	if fn == nil || len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i := range hits {
		ids[i] = hits[i].ID
	}
	bodies, err := (*fn)(ctx, ids)
	if err != nil {
		return fmt.Errorf("bodies of the hits: %w", err)
	}
	for i := range hits {
		if body, ok := bodies[hits[i].ID]; ok {
			hits[i].Snippet = Snippet(cutRunes(body, MaxBodyChars), bodyTerms, SnippetWidth)
		}
	}
	return nil
}

// Snippet returns an HTML fragment of about width characters of body (0
// means SnippetWidth): the window holding the most distinct terms, earliest
// first, with every occurrence of a term inside it wrapped whole in
// <mark>…</mark>, all other text HTML-escaped, "…" where the body is cut and
// runs of white space shown as one space. Terms are matched as Search matches
// them — after width folding, the traditional-to-simplified fold and
// lowercasing — but the fragment shows the body's own characters. If no term occurs in
// body, the fragment is the start of the body.
func Snippet(body string, terms []string, width int) string {
	if width <= 0 {
		width = SnippetWidth
	}
	t := normalize(body)
	n := len(t.runes)
	occ := t.find(terms)
	if len(occ) == 0 {
		return t.render(0, min(width, n), nil)
	}
	bestFrom, bestTo, bestScore := 0, 0, -1
	for _, o := range occ {
		from := max(0, min(o.start-snippetLead, n-width))
		to := min(from+width, n)
		seen := make(map[int]bool)
		for _, p := range occ {
			if p.start >= from && p.end <= to {
				seen[p.term] = true
			}
		}
		if len(seen) > bestScore {
			bestFrom, bestTo, bestScore = from, to, len(seen)
		}
	}
	// Never cut a mark: widen the window over occurrences it straddles.
	for _, o := range occ {
		if o.start < bestFrom && o.end > bestFrom {
			bestFrom = o.start
		}
		if o.start < bestTo && o.end > bestTo {
			bestTo = o.end
		}
	}
	return t.render(bestFrom, bestTo, occ)
}

// folded is text after foldRune (width, traditional to simplified),
// lowercasing and collapsing white space runs to one space, with the byte
// span of the original text behind each rune.
type folded struct {
	src   string
	runes []rune
	spans [][2]int
}

func normalize(s string) *folded {
	t := &folded{src: s, runes: make([]rune, 0, len(s)/2), spans: make([][2]int, 0, len(s)/2)}
	for i, r := range s {
		end := i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			end = i + 1
		}
		last := len(t.runes) - 1
		f, ok := foldRune(r)
		switch {
		case !ok && last >= 0:
			t.spans[last][1] = end // invisible: fold into the previous character
			continue
		case !ok:
			continue
		case unicode.IsSpace(f):
			if last >= 0 && t.runes[last] == ' ' {
				t.spans[last][1] = end
				continue
			}
			f = ' '
		default:
			f = unicode.ToLower(f)
		}
		t.runes = append(t.runes, f)
		t.spans = append(t.spans, [2]int{i, end})
	}
	return t
}

type occurrence struct{ start, end, term int }

// find returns the occurrences of terms in t, ordered by start.
func (t *folded) find(terms []string) []occurrence {
	var occ []occurrence
	for ti, term := range terms {
		q := normalize(strings.TrimSpace(term)).runes
		if len(q) == 0 {
			continue
		}
		for i := 0; i+len(q) <= len(t.runes) && len(occ) < maxOccurrences; i++ {
			if t.matchAt(i, q) {
				occ = append(occ, occurrence{i, i + len(q), ti})
			}
		}
	}
	sort.Slice(occ, func(i, j int) bool {
		if occ[i].start != occ[j].start {
			return occ[i].start < occ[j].start
		}
		return occ[i].end > occ[j].end
	})
	return occ
}

// matchAt reports whether q occurs at i: as exact text, as the index
// matches every script (inside longer words too).
func (t *folded) matchAt(i int, q []rune) bool {
	for j, r := range q {
		if t.runes[i+j] != r {
			return false
		}
	}
	return true
}

// render returns t.runes[from:to] as escaped HTML of the original text, with
// the occurrences inside the window marked (overlapping ones merged).
func (t *folded) render(from, to int, occ []occurrence) string {
	for from < to && t.runes[from] == ' ' {
		from++
	}
	for to > from && t.runes[to-1] == ' ' {
		to--
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	var marks [][2]int
	for _, o := range occ {
		if o.start < from || o.end > to {
			continue
		}
		if k := len(marks) - 1; k >= 0 && o.start < marks[k][1] {
			marks[k][1] = max(marks[k][1], o.end)
			continue
		}
		marks = append(marks, [2]int{o.start, o.end})
	}
	text := func(a, z int) {
		for i := a; i < z; i++ {
			if t.runes[i] == ' ' {
				b.WriteByte(' ')
				continue
			}
			b.WriteString(html.EscapeString(strings.ToValidUTF8(t.src[t.spans[i][0]:t.spans[i][1]], "\uFFFD")))
		}
	}
	at := from
	for _, m := range marks {
		text(at, m[0])
		b.WriteString("<mark>")
		text(m[0], m[1])
		b.WriteString("</mark>")
		at = m[1]
	}
	text(at, to)
	if to < len(t.runes) {
		b.WriteString("…")
	}
	return b.String()
}

// Highlight returns all of text as an HTML fragment: escaped, runs of white
// space shown as one space, every occurrence of a term wrapped whole in
// <mark>…</mark> (matched as [Snippet] matches them).
func Highlight(text string, terms []string) string {
	t := normalize(text)
	return t.render(0, len(t.runes), t.find(terms))
}
