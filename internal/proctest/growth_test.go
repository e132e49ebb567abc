package proctest

import (
	"testing"
)

// TestGrowth tells linear work from quadratic work.
func TestGrowth(t *testing.T) {
	input := func(n int) []byte { return make([]byte, n) }
	sink := 0
	linear := func(b []byte) {
		for i := range b {
			sink += int(b[i]) + i
		}
	}
	quadratic := func(b []byte) {
		for i := range b {
			for j := 0; j < i; j++ {
				sink += int(b[j]) ^ i
			}
		}
	}
	if g := Growth(1<<20, 16, 5, input, linear); g > 96 {
		t.Errorf("linear work grew %.1f× for 16× the input", g)
	}
	if g := Growth(1<<10, 16, 5, input, quadratic); g < 96 {
		t.Errorf("quadratic work grew %.1f× for 16× the input", g)
	}
	_ = sink
}
