package crawl

import (
	"math/rand/v2"
	"testing"
)

// TestHashSet adds hashes in random order, many of them twice, and checks
// every answer against a map, across many merges.
func TestHashSet(t *testing.T) {
	for _, n := range []int{0, 1, minMerge - 1, minMerge, 5000, 40000} {
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		var s hashSet
		want := map[uint64]bool{}
		for range n {
			h := rng.Uint64N(uint64(2*n) + 1) // repeats
			if s.has(h) != want[h] {
				t.Fatalf("n=%d: has(%d) = %v before add; want %v", n, h, s.has(h), want[h])
			}
			s.add(h)
			want[h] = true
		}
		if s.len() != len(want) {
			t.Errorf("n=%d: len = %d; want %d", n, s.len(), len(want))
		}
		for h := range uint64(2*n) + 2 {
			if s.has(h) != want[h] {
				t.Errorf("n=%d: has(%d) = %v; want %v", n, h, s.has(h), want[h])
			}
		}
	}
}
