package index

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// fastPathTexts are texts for the fast path's edge cases: every class of
// rune the chain treats specially, and runes that make it fall back.
var fastPathTexts = []string{
	"",
	"国务院办公厅关于印发《2022年文明城市测评体系》的通知。",
	"國務院辦公廳 發佈 「通知」，請查照！",
	"２０２２年ＡＢＣ ｄｅｆ　全角　空格",
	"ｶﾞｷﾞ ﾊﾟﾋﾟ ｱｲｳ half-width katakana ｰ",
	"ΣΟΦΙΑ σοφια ΟΔΟΣ Σ",
	"Ⱥ Ⱦ ȺȾa capitals that grow",
	"İstanbul DŽ ǅ ǆ ß ẞ Ω K Å",
	"zero\u200bwidth\u200djoiner\ufeffbom\u00adsoft",
	"e\u0301 combining\u0308 marks  \t\n\r multiple   spaces\u3000\u00a0nbsp",
	"emoji 😀👍🏽 and 𠀀𪚥 astral",
	"digits 1,000.50 and ①②③ ¼ Ⅻ ٣٤٥",
	"bad utf-8 \xff\xfe\xc3 ends \xe4\xb8",
	"a", "国", "，", " ", "国，", "，国", "AB", "ab cd", "文明 实践 中心",
	"UPPER lower MiXeD 123abc ABC123",
	"Tab\tnew\nline\u2028sep\u2029para\u0085nel",
	"ﬁ ligature ﬀ ﬃ",
	"ᾈ ᾼ ǰ ΐ Greek with iota subscript",
	"Ｃｈｉｎａ　２０２４ ｆｕｌｌ－ｗｉｄｔｈ",
	"《》「」『』【】〔〕…—～·",
}

// TestFastFieldsMatchMapping checks that the fields Writer.Add gives bleve
// (Document.document) are what the mapping makes of Document.fields: the
// same fields, options, stored values, lengths, terms, frequencies and
// locations.
func TestFastFieldsMatchMapping(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	an := newTextAnalysis(m)
	views := int64(12)
	var docs []Document
	for i, s := range fastPathTexts {
		docs = append(docs, Document{ID: fmt.Sprint("t", i), URL: "http://x.invalid/", Title: s, Body: strings.Repeat(s, 3) + s,
			Site: "x.invalid", SiteName: "X", Level: "city", Lineage: []string{"A"}, Published: time.Unix(1700000000, 0), Views: &views,
			Fetched: time.Unix(1700000000+int64(i), 123456789)})
	}
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 300})
	sim.ForEachArticle(func(a sitesim.Truth) bool {
		docs = append(docs, Document{ID: a.URL, URL: a.URL, Title: a.Title, Body: a.Body, Site: "s.invalid", Lineage: a.Lineage, Published: a.Published})
		return true
	})
	for _, d := range docs {
		d.cut()
		if diff := fastPathDiff(t, m, an, d); diff != "" {
			t.Errorf("document %s (title %q): %s", d.ID, cutRunes(d.Title, 40), diff)
		}
	}
}

// FuzzFastAnalysis checks the fast path against the chain on any text.
func FuzzFastAnalysis(f *testing.F) {
	for _, s := range fastPathTexts {
		f.Add(s)
	}
	m, err := newMapping()
	if err != nil {
		f.Fatal(err)
	}
	an := newTextAnalysis(m)
	f.Fuzz(func(t *testing.T, s string) {
		if diff := fastPathDiff(t, m, an, Document{ID: "x", Title: s, Body: s}); diff != "" {
			t.Errorf("%q: %s", s, diff)
		}
	})
}

// fastPathDiff tells how the fields the fast path makes of d
// (Document.document) differ from those the mapping m makes of
// Document.fields; "" when they are the same.
func fastPathDiff(t *testing.T, m mapping.IndexMapping, an *textAnalysis, d Document) string {
	t.Helper()
	want := document.NewDocument(d.ID)
	if err := m.MapDocument(want, d.fields()); err != nil {
		t.Fatal(err)
	}
	got, err := d.document(m, an)
	if err != nil {
		t.Fatal(err)
	}
	return compareDocs(fullPrecisionSorts(analyzedDoc(want)), analyzedDoc(got))
}

// TestEverySegmentHasEveryField checks that the segments of batches whose
// documents have different fields (a batch without authors, one with)
// have the same fields with the same options, so that zapx merges them by
// copying, and that the empty stand-ins add no term and no value: a
// search by a field finds only the documents that have it.
func TestEverySegmentHasEveryField(t *testing.T) {
	views := int64(3)
	when := time.Date(2023, 5, 6, 7, 8, 9, 0, time.UTC)
	ix := severalSegments(t, []Document{
		{ID: "bare", URL: "http://x.invalid/1"}, {ID: "titled", URL: "http://x.invalid/2", Title: "标题", Body: "正文"},
		{ID: "full", URL: "http://x.invalid/3", Title: "标题", Body: "正文", Site: "x.invalid", SiteName: "X", Level: "county",
			Column: "工作动态", Source: "新华社", Author: "张三", Lineage: []string{"中国文明网"}, Published: when, Views: &views,
			Province: "河北", City: "邢台", County: "南宫", Fetched: when},
		{ID: "some", URL: "http://x.invalid/4", Author: "李四", Views: &views},
		{ID: "ancient", URL: "http://x.invalid/5", Published: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)},
	}, 2)
	defer ix.Close()
	segs := severalSegmentsReader(t, ix).Segments()
	first := segs[0].Segment().Fields()
	if len(first) < 20 {
		t.Fatalf("segment fields %v: fewer than the mapping's", first)
	}
	for i, ss := range segs[1:] {
		if got := ss.Segment().Fields(); !slices.Equal(got, first) {
			t.Errorf("segment %d fields %v, want those of segment 0: %v", i+1, got, first)
		}
	}
	for _, c := range []struct {
		q    Query
		want []string
	}{
		{Query{Column: "工作动态"}, []string{"full"}},
		{Query{Year: 2023}, []string{"full"}},
		{Query{Since: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}, []string{"full"}},
		{Query{Site: "x.invalid"}, []string{"full"}},
		{Query{Sort: "-views", Size: 10}, []string{"full", "some", "ancient", "bare", "titled"}},
	} {
		res, err := ix.Search(context.Background(), c.q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			if h.ID == "bare" && (h.Views != nil || h.Site != "" || !h.Published.IsZero()) {
				t.Errorf("bare document's hit %+v: has values it was not given", h)
			}
		}
		if !slices.Equal(got[:min(len(got), 2)], c.want[:min(len(c.want), 2)]) || len(got) != len(c.want) {
			t.Errorf("%+v: hits %v, want %v", c.q, got, c.want)
		}
	}
}

// analyzedDoc analyzes doc's fields as scorch does and returns them by name,
// the composite fields among them.
func analyzedDoc(doc *document.Document) map[string]bindex.Field {
	fields := map[string]bindex.Field{}
	doc.AddIDField()
	doc.VisitFields(func(f bindex.Field) {
		if f.Options().IsIndexed() {
			f.Analyze()
			if f.Name() != "_id" {
				doc.VisitComposite(func(cf bindex.CompositeField) {
					cf.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
				})
			}
		}
		fields[f.Name()+fmt.Sprint(f.ArrayPositions())] = f
	})
	doc.VisitComposite(func(cf bindex.CompositeField) {
		fields["composite "+cf.Name()] = cf
	})
	return fields
}

// fullPrecisionSorts returns fields with the mapping's sort fields and
// fetch time cut to what Document.document indexes of them: the term of
// full precision.
func fullPrecisionSorts(fields map[string]bindex.Field) map[string]bindex.Field {
	for _, name := range append([]string{fieldFetched, fieldPublished}, sortFields...) {
		key := name + "[]"
		f := fields[key]
		if f == nil {
			continue
		}
		cut := bindex.TokenFrequencies{}
		for term, tf := range f.AnalyzedTokenFrequencies() {
			if shift, err := numeric.PrefixCoded(term).Shift(); err == nil && shift == 0 {
				cut[term] = tf
			}
		}
		fields[key] = fullPrecisionField{f, cut}
	}
	return fields
}

// fullPrecisionField is a numeric field with only its term of full precision.
type fullPrecisionField struct {
	bindex.Field
	freqs bindex.TokenFrequencies
}

func (f fullPrecisionField) AnalyzedLength() int                               { return len(f.freqs) }
func (f fullPrecisionField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

func compareDocs(want, got map[string]bindex.Field) string {
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range want {
			if !yield(k) {
				return
			}
		}
	})
	if len(want) != len(got) {
		var g []string
		for k := range got {
			g = append(g, k)
		}
		slices.Sort(g)
		return fmt.Sprintf("fields %v, want %v", g, names)
	}
	for _, name := range names {
		w, g := want[name], got[name]
		if g == nil {
			return "no field " + name
		}
		if w.Options() != g.Options() || w.EncodedFieldType() != g.EncodedFieldType() ||
			w.AnalyzedLength() != g.AnalyzedLength() || w.NumPlainTextBytes() != g.NumPlainTextBytes() {
			return fmt.Sprintf("field %s: options %v type %c length %d bytes %d, want %v %c %d %d", name,
				g.Options(), g.EncodedFieldType(), g.AnalyzedLength(), g.NumPlainTextBytes(),
				w.Options(), w.EncodedFieldType(), w.AnalyzedLength(), w.NumPlainTextBytes())
		}
		if w.Options().IsStored() && !bytes.Equal(w.Value(), g.Value()) {
			return fmt.Sprintf("field %s: value %q, want %q", name, g.Value(), w.Value())
		}
		wf, gf := w.AnalyzedTokenFrequencies(), g.AnalyzedTokenFrequencies()
		if len(wf) != len(gf) {
			return fmt.Sprintf("field %s: %d terms, want %d", name, len(gf), len(wf))
		}
		for term, wt := range wf {
			gt := gf[term]
			if gt == nil {
				return fmt.Sprintf("field %s: no term %q", name, term)
			}
			if !bytes.Equal(gt.Term, wt.Term) || gt.Frequency() != wt.Frequency() || len(gt.Locations) != len(wt.Locations) {
				return fmt.Sprintf("field %s: term %q: %q ×%d, %d locations, want %q ×%d, %d", name, term,
					gt.Term, gt.Frequency(), len(gt.Locations), wt.Term, wt.Frequency(), len(wt.Locations))
			}
			for i, wl := range wt.Locations {
				gl := gt.Locations[i]
				if gl.Field != wl.Field || gl.Start != wl.Start || gl.End != wl.End || gl.Position != wl.Position ||
					!slices.Equal(gl.ArrayPositions, wl.ArrayPositions) {
					return fmt.Sprintf("field %s: term %q: location %d %+v, want %+v", name, term, i, *gl, *wl)
				}
			}
		}
	}
	return ""
}

// TestRuneClasses: the table analyzeFast looks runes up in holds, for
// every rune it covers, what foldRune, simpleRune and the tokenizer's
// classes make of it, and every rune's class gives them back unpacked.
func TestRuneClasses(t *testing.T) {
	classes := runeClasses()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		c := classifyRune(r)
		if r < runeClassesEnd && classes[r] != c {
			t.Fatalf("U+%04X: table %#x, classifyRune %#x", r, classes[r], c)
		}
		f, ok := foldRune(r)
		if !ok {
			if c != classDropped {
				t.Fatalf("U+%04X: foldRune drops it, class %#x", r, c)
			}
			continue
		}
		l, ok := simpleRune(f)
		if !ok {
			if c != classChain {
				t.Fatalf("U+%04X: needs the chain, class %#x", r, c)
			}
			continue
		}
		kind := kindOther
		if isWordRune(f) {
			kind = kindWord
		} else if unicode.IsSpace(f) {
			kind = kindSpace
		}
		if c.lower() != l || c.kind() != kind || c&(classDropped|classChain) != 0 {
			t.Fatalf("U+%04X: class %#x gives %q kind %d, want %q kind %d", r, c, c.lower(), c.kind(), l, kind)
		}
	}
}
