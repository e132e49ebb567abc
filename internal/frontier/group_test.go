package frontier

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

// TestGroupFailureIsItsOwn: updates from many goroutines at once share
// transactions; one that fails (a Done of a request not in flight) gets
// its error alone, and the updates it shared a transaction with still
// take effect, each once.
func TestGroupFailureIsItsOwn(t *testing.T) {
	f := openTest(t)
	const n, bogus = 64, 16
	var reqs []Request
	for i := 0; i < n; i++ {
		reqs = append(reqs, Request{URL: fmt.Sprintf("http://h%d.test/a/%d.html", i%4, i), Host: fmt.Sprintf("h%d.test", i%4)})
	}
	if added, err := f.Push(reqs...); err != nil || added != n {
		t.Fatalf("push: %d, %v", added, err)
	}
	for h := 0; h < 4; h++ {
		for {
			_, ok, err := f.Pop(fmt.Sprintf("h%d.test", h))
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, n+bogus)
	start := make(chan struct{})
	for i := 0; i < n+bogus; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if i < n {
				errs[i] = f.Done(reqs[i].URL)
			} else {
				errs[i] = f.Done(fmt.Sprintf("http://never.test/%d", i))
			}
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		switch {
		case i < n && err != nil:
			t.Errorf("Done(%s) = %v, want nil", reqs[i].URL, err)
		case i >= n && !errors.Is(err, ErrNotInFlight):
			t.Errorf("Done of a request never popped = %v, want ErrNotInFlight", err)
		}
	}
	if got := f.InFlight(); got != 0 {
		t.Errorf("in flight after all were done: %d", got)
	}
	if seen, err := f.SeenCount(); err != nil || seen != n {
		t.Errorf("seen: %d, %v; want %d", seen, err, n)
	}
}
