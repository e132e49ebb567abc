package index

import (
	"strings"
	"testing"
)

// BenchmarkFoldCharFilter: the analysis's first step over article text
// (the README's figure for the cost of the traditional fold).
func BenchmarkFoldCharFilter(b *testing.B) {
	text := []byte(strings.Repeat("据中国文明网报道，各地志愿服务活动持续开展，２０２４年共有12万人参与。據中國文明網報道，志願服務活動持續開展。", 2000))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		foldCharFilter{}.Filter(text)
	}
}

// BenchmarkSimplifiedTable: building the fold's table, once per process.
func BenchmarkSimplifiedTable(b *testing.B) {
	for b.Loop() {
		simplifiedTable()
	}
}
