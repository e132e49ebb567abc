package htmltree_test

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
	"github.com/wenming-archive/wenming/internal/proctest"
)

// BenchmarkParse parses every page of each corpus per iteration, with
// htmltree and with golang.org/x/net/html, and reports pages per second
// of wall time and of the process's CPU time (the per-core figure; it
// holds when other processes share the machine).
func BenchmarkParse(b *testing.B) {
	for _, c := range []string{"cwced", "magic_other", "recorded"} {
		for _, impl := range []struct {
			name  string
			parse func([]byte) (*html.Node, error)
		}{
			{"htmltree", htmltree.Parse},
			{"xnet", func(src []byte) (*html.Node, error) { return html.Parse(bytes.NewReader(src)) }},
		} {
			b.Run(c+"/"+impl.name, func(b *testing.B) {
				pages := corpusPages(b, c)
				size := 0
				for _, p := range pages {
					size += len(p.src)
				}
				b.SetBytes(int64(size))
				b.ReportAllocs()
				b.ResetTimer()
				cpu0 := proctest.CPUTime()
				for i := 0; i < b.N; i++ {
					for _, p := range pages {
						impl.parse(p.src) //nolint:errcheck // x/net fails only on deep pages
					}
				}
				cpu := proctest.CPUTime() - cpu0
				b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
				if cpu > 0 {
					// Per core: pages per second of the process's CPU time,
					// garbage collection included, whatever else runs.
					b.ReportMetric(float64(b.N*len(pages))/cpu.Seconds(), "pages/cpu-s")
				}
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// BenchmarkLex runs the lexers alone over cwced: htmltree's and
// golang.org/x/net/html's Tokenizer (Next only, no Token copies).
// (github.com/tdewolff/parse/v2/html, measured the same way when this
// package was written, lexed about half as many pages/s as htmltree's
// lexer, which also lower-cases names, looks up atoms and decodes
// references; it lower-cases the input in place and returns SVG and
// MathML as one token, so it was not used.)
func BenchmarkLex(b *testing.B) {
	pages := corpusPages(b, "cwced")
	for _, impl := range []struct {
		name string
		lex  func([]byte)
	}{
		{"htmltree", func(src []byte) { htmltree.Lex(src) }},
		{"xnet", func(src []byte) {
			z := html.NewTokenizer(bytes.NewReader(src))
			for z.Next() != html.ErrorToken {
			}
		}},
	} {
		b.Run(impl.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, p := range pages {
					impl.lex(p.src)
				}
			}
			b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}
