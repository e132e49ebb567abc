package index

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// TestPhraseCover: a phrase query keeps the fewest tokens that cover the
// query's characters, leaving the implied positions open ("").
func TestPhraseCover(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	an := m.AnalyzerNamed(queryAnalyzerName)
	if an == nil {
		t.Fatal("no query analyzer")
	}
	for _, tt := range []struct {
		text string
		want [][]string
	}{
		{"志愿", [][]string{{"志愿"}}},
		{"志愿服", [][]string{{"志愿"}, {"愿服"}}},
		{"志愿服务", [][]string{{"志愿"}, nil, {"服务"}}},
		{"新时代文明", [][]string{{"新时"}, nil, {"代文"}, {"文明"}}},
		{"新时代文明实", [][]string{{"新时"}, nil, {"代文"}, nil, {"明实"}}},
		{"文明，实践", [][]string{{"文明"}, nil, {","}, {"实践"}}}, // width folded
		{"a，b", [][]string{{"a"}, {","}, {"b"}}},
		{"2022年", [][]string{{"20"}, nil, {"22"}, {"2年"}}},
	} {
		got := phraseCover(an.Analyze([]byte(tt.text)))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("phraseCover(%q) = %q, want %q (tokens %s)", tt.text, got, tt.want, tokens(an.Analyze([]byte(tt.text))))
		}
	}
}

func tokens(ts analysis.TokenStream) []string {
	var out []string
	for _, t := range ts {
		out = append(out, string(t.Term)+"@"+string(rune('0'+t.Position)))
	}
	return out
}
