package proctest

import (
	"os"
	"runtime"
	"sync"
	"time"
)

// OpenFiles is the number of files the process has open, sockets
// included (/proc/self/fd: Linux only; 0 elsewhere).
func OpenFiles() int {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return 0
	}
	return len(fds)
}

// Peaks samples the process's goroutines and open files every interval
// until the function it returns is called, which takes a last sample and
// returns the most of each it saw: what is still held when it is called
// counts however long the process waited for a CPU meanwhile.
func Peaks(interval time.Duration) (stop func() (goroutines, files int)) {
	var wg sync.WaitGroup
	var peakG, peakF int
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			peakG, peakF = max(peakG, runtime.NumGoroutine()), max(peakF, OpenFiles())
			select {
			case <-done:
				peakG, peakF = max(peakG, runtime.NumGoroutine()), max(peakF, OpenFiles())
				return
			case <-tick.C:
			}
		}
	}()
	return func() (int, int) {
		close(done)
		wg.Wait()
		return peakG, peakF
	}
}
