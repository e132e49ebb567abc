//go:build unix

package proctest

import (
	"testing"
	"time"
)

// TestCPUTime: spinning adds CPU time (under any load, 20ms of it within
// ten seconds), and it never goes back.
func TestCPUTime(t *testing.T) {
	before := CPUTime()
	deadline := time.Now().Add(10 * time.Second)
	last := before
	for last-before < 20*time.Millisecond {
		if time.Now().After(deadline) {
			t.Fatalf("spinning ten seconds added %v of CPU time", last-before)
		}
		now := CPUTime()
		if now < last {
			t.Fatalf("CPU time went back from %v to %v", last, now)
		}
		last = now
	}
}
