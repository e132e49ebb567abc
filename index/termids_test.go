package index

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTermIDs checks the analysis's term table against a map: numbers
// kept within a field, forgotten by reset, through growth and through
// the wrap of its generations.
func TestTermIDs(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fields   int
		keys     int // distinct keys drawn from
		adds     int // lookups per field
		startGen uint32
	}{
		{"small", 20, 50, 200, 0},
		{"grows", 3, 20 * minTermIDs, 40 * minTermIDs, 0},
		{"wraps", 5, 3000, 6000, math.MaxUint32 - 2},
		{"key zero", 4, 2, 10, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ids termIDs
			ids.reset()
			ids.gen = tc.startGen
			rng := rand.New(rand.NewPCG(1, 2))
			for f := range tc.fields {
				ids.reset()
				want := map[uint64]int32{}
				for range tc.adds {
					r, s := rune(rng.IntN(tc.keys)), rune(rng.IntN(3))
					k := unigramKey(r)
					if s > 0 {
						k = bigramKey(r, s)
					}
					next := int32(len(want))
					got, ok := ids.lookup(k, next)
					w, known := want[k]
					if !known {
						want[k] = next
						w = next
					}
					if ok != known || got != w {
						t.Fatalf("field %d: key %#x: got %d, %v; want %d, %v", f, k, got, ok, w, known)
					}
				}
				if ids.n != len(want) {
					t.Fatalf("field %d: table holds %d keys, want %d", f, ids.n, len(want))
				}
			}
		})
	}
}
