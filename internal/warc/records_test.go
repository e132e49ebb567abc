package warc

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestFormatUUID checks the WARC-Record-ID against the fmt form it
// replaced, "<urn:uuid:%x-%x-%x-%x-%x>" of the five parts, and that it
// makes only its string.
func TestFormatUUID(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ids := [][16]byte{{}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}
	for range 100 {
		var u [16]byte
		for i := range u {
			u[i] = byte(rng.UintN(256))
		}
		ids = append(ids, u)
	}
	for _, u := range ids {
		want := fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
		if got := formatUUID(u); got != want {
			t.Errorf("formatUUID(%x) = %q, want %q", u, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { formatUUID(ids[2]) }); n != 1 {
		t.Errorf("formatUUID made %v allocations, want 1 (its string)", n)
	}
}
