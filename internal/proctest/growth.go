package proctest

import (
	"runtime"
	"time"
)

// smallTries is how many more times than the large input the small one
// is run: a short run can fall wholly in a busy moment of a loaded
// machine, and the small input's runs are cheap.
const smallTries = 4

// Growth tells how the work of run grows with its input: it measures run
// on the input of size n and on the input of size factor×n, each the
// least of its runs (tries on the large input, smallTries×tries on the
// small one), and returns the ratio of the two. Linear work gives about
// factor, quadratic work about factor². A run is measured in the CPU time
// of the thread it runs on (locked to it), where that can be read, so
// that other processes on a loaded machine do not count; where it cannot,
// in wall time. Run must do its work on the calling goroutine. A loaded
// machine still stretches single runs (its caches are shared): take tries
// of 5 or more.
func Growth(n, factor, tries int, input func(n int) []byte, run func([]byte)) float64 {
	least := func(src []byte, tries int) time.Duration {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		best := time.Duration(-1)
		for i := 0; i < tries; i++ {
			runtime.GC() // each run starts from the same heap
			start, wall := threadCPU(), time.Now()
			run(src)
			d := threadCPU() - start
			if start == 0 {
				d = time.Since(wall)
			}
			if best < 0 || d < best {
				best = d
			}
		}
		return max(best, time.Microsecond)
	}
	small := least(input(n), smallTries*tries)
	large := least(input(n*factor), tries)
	return float64(large) / float64(small)
}
