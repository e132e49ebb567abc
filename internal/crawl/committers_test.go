package crawl

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCommitters runs commits that each wait until all of them have
// started (so none may wait for another to end), then more, one at a
// time, which the committers left waiting take up: no goroutine is
// started for them; close ends the committers.
func TestCommitters(t *testing.T) {
	base := runtime.NumGoroutine()
	p := newCommitters()
	const n = 5
	var started sync.WaitGroup
	started.Add(n)
	all := make(chan struct{})
	go func() { started.Wait(); close(all) }()
	var ran atomic.Int64
	ended := make(chan struct{}, n)
	for range n {
		p.run(func() {
			started.Done()
			<-all
			ran.Add(1)
			ended <- struct{}{}
		})
	}
	for range n {
		select {
		case <-ended:
		case <-time.After(10 * time.Second):
			t.Fatalf("%d of %d commits ended: a commit waited for another", ran.Load(), n)
		}
	}
	// The n committers now wait for work (and nothing else runs): more
	// commits, one at a time, start no goroutine.
	waitGoroutines(t, base+n)
	if got := runtime.NumGoroutine(); got != base+n {
		t.Fatalf("%d goroutines after %d commits, want %d: the committers did not wait for more", got, n, base+n)
	}
	for range 3 * n {
		done := make(chan struct{})
		p.run(func() { ran.Add(1); close(done) })
		<-done
		if got := runtime.NumGoroutine(); got > base+n {
			t.Fatalf("%d goroutines running one commit at a time, want at most %d", got, base+n)
		}
	}
	if got := ran.Load(); got != 4*n {
		t.Errorf("%d commits ran, want %d", got, 4*n)
	}
	p.close()
	waitGoroutines(t, base)
}

// waitGoroutines waits until at most n goroutines run.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines, want at most %d", runtime.NumGoroutine(), n)
		}
		time.Sleep(time.Millisecond)
	}
}
