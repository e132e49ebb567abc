// Package frontiertest is the test suite every implementation of
// crawl.Frontier runs: the embedded bbolt frontier today, a shared
// database tomorrow. Run it from the implementation's tests:
//
//	func TestFrontierSuite(t *testing.T) {
//		frontiertest.Run(t, func(t *testing.T) frontiertest.Opener { … })
//	}
package frontiertest

import (
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// Opener opens one frontier of a test, the same one each time it is
// called: the suite closes it (with Close) and opens it again to check
// what survives a restart.
type Opener struct {
	Open  func() crawl.Frontier
	Close func(crawl.Frontier)
}

// Run runs the suite; fresh makes a new, empty frontier for each test.
func Run(t *testing.T, fresh func(t *testing.T) Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"FIFOPerHost", testFIFOPerHost},
		{"DoneTwice", testDoneTwice},
		{"Resume", testResume},
		{"MarkSeen", testMarkSeen},
		{"ConcurrentPushExactlyOnce", testConcurrentPushExactlyOnce},
		{"ConcurrentPopDone", testConcurrentPopDone},
		{"Claim", testClaim},
		{"FenceOfAPoppedRequest", testFenceOfAPoppedRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, fresh(t)) })
	}
}

// Req is the i-th article request of host, for tests of a frontier.
func Req(host string, i int) frontier.Request {
	return frontier.Request{
		URL:     fmt.Sprintf("http://%s/a/%d.html", host, i),
		Host:    host,
		Kind:    "article",
		Depth:   i % 5,
		Site:    host,
		Referer: "http://" + host + "/",
	}
}

// MustPush pushes reqs to f and fails the test unless want of them are
// queued.
func MustPush(t testing.TB, f crawl.Frontier, want int, reqs ...frontier.Request) {
	t.Helper()
	n, err := f.Push(reqs...)
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("Push added %d, want %d", n, want)
	}
}

// MustPop pops the oldest request of host from f and fails the test when
// there is none.
func MustPop(t testing.TB, f crawl.Frontier, host string) frontier.Request {
	t.Helper()
	r, ok, err := f.Pop(host)
	if err != nil || !ok {
		t.Fatalf("Pop(%s) = %v, %v, %v; want a request", host, r, ok, err)
	}
	return r
}

// drain pops the requests of host until there are none, ending each with
// Done, and adds their URLs to got; a URL popped twice fails the test, and
// so does an error of Done that is not allowed (nil: none is).
func drain(t *testing.T, f crawl.Frontier, host string, got map[string]bool, allowed error) {
	t.Helper()
	for {
		r, ok, err := f.Pop(host)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return
		}
		if got[r.URL] {
			t.Fatalf("%s popped twice", r.URL)
		}
		got[r.URL] = true
		if err := f.Done(r.URL); err != nil && !errors.Is(err, allowed) {
			t.Fatal(err)
		}
	}
}

func testFIFOPerHost(t *testing.T, o Opener) {
	f := o.Open()
	defer o.Close(f)
	for i := range 4 {
		MustPush(t, f, 2, Req("a.cn", i), Req("b.cn", i))
	}
	MustPush(t, f, 1, Req("a.cn", 4), Req("a.cn", 0), Req("a.cn", 4)) // one new, two seen
	if got, want := f.Pending(), map[string]int{"a.cn": 5, "b.cn": 4}; !maps.Equal(got, want) {
		t.Errorf("Pending = %v, want %v", got, want)
	}
	for i := range 5 {
		if r := MustPop(t, f, "a.cn"); r != Req("a.cn", i) {
			t.Errorf("Pop %d of a.cn = %+v, want %+v", i, r, Req("a.cn", i))
		}
	}
	if _, ok, err := f.Pop("a.cn"); ok || err != nil {
		t.Errorf("Pop of an empty host = %v, %v; want nothing", ok, err)
	}
	if _, ok, err := f.Pop("never.cn"); ok || err != nil {
		t.Errorf("Pop of an unknown host = %v, %v; want nothing", ok, err)
	}
	if r := MustPop(t, f, "b.cn"); r != Req("b.cn", 0) {
		t.Errorf("Pop of b.cn = %+v", r)
	}
	if f.Len() != 3 || f.InFlight() != 6 {
		t.Errorf("Len, InFlight = %d, %d; want 3, 6", f.Len(), f.InFlight())
	}
	if got, want := f.Pending(), map[string]int{"b.cn": 3}; !maps.Equal(got, want) {
		t.Errorf("Pending = %v, want %v", got, want)
	}
	for i := range 5 {
		if err := f.Done(Req("a.cn", i).URL); err != nil {
			t.Fatal(err)
		}
	}
	if f.InFlight() != 1 {
		t.Errorf("InFlight after Done = %d, want 1", f.InFlight())
	}
	// Done URLs stay seen.
	MustPush(t, f, 0, Req("a.cn", 2))
	if err := f.Sync(); err != nil {
		t.Errorf("Sync: %v", err)
	}
}

func testDoneTwice(t *testing.T, o Opener) {
	f := o.Open()
	defer o.Close(f)
	MustPush(t, f, 1, Req("a.cn", 0))
	MustPop(t, f, "a.cn")
	if err := f.Done(Req("a.cn", 0).URL); err != nil {
		t.Fatal(err)
	}
	if err := f.Done(Req("a.cn", 0).URL); !errors.Is(err, frontier.ErrNotInFlight) {
		t.Errorf("second Done = %v, want frontier.ErrNotInFlight", err)
	}
	if err := f.Done("http://never.cn/"); !errors.Is(err, frontier.ErrNotInFlight) {
		t.Errorf("Done of a URL never queued = %v, want frontier.ErrNotInFlight", err)
	}
}

// testFenceOfAPoppedRequest: a request Pop just handed out may be acted
// on, and the proof of that, where it has an end, ends in the future.
func testFenceOfAPoppedRequest(t *testing.T, o Opener) {
	f := o.Open()
	defer o.Close(f)
	MustPush(t, f, 1, Req("a.cn", 0))
	r := MustPop(t, f, "a.cn")
	until, ok := f.Fence(r)
	if !ok {
		t.Fatal("Fence refuses a request Pop has just handed out")
	}
	if !until.IsZero() && !until.After(time.Now()) {
		t.Errorf("Fence of a request just popped holds until %v, already past", until)
	}
}

func testResume(t *testing.T, o Opener) {
	f := o.Open()
	for i := range 5 {
		MustPush(t, f, 2, Req("a.cn", i), Req("b.cn", i))
	}
	// Pop three of a.cn and one of b.cn; finish only a.cn's second.
	for range 3 {
		MustPop(t, f, "a.cn")
	}
	MustPop(t, f, "b.cn")
	if err := f.Done(Req("a.cn", 1).URL); err != nil {
		t.Fatal(err)
	}
	MustPush(t, f, 1, Req("a.cn", 9)) // pushed after the pops
	o.Close(f)

	f = o.Open()
	defer o.Close(f)
	if got, want := f.Pending(), map[string]int{"a.cn": 5, "b.cn": 5}; !maps.Equal(got, want) {
		t.Errorf("Pending after reopen = %v, want %v", got, want)
	}
	if f.Len() != 10 || f.InFlight() != 0 {
		t.Errorf("Len, InFlight after reopen = %d, %d; want 10, 0", f.Len(), f.InFlight())
	}
	// The requests in flight come back first, in their original order.
	for _, i := range []int{0, 2, 3, 4, 9} {
		if r := MustPop(t, f, "a.cn"); r != Req("a.cn", i) {
			t.Errorf("Pop of a.cn = %s, want %s", r.URL, Req("a.cn", i).URL)
		}
	}
	for i := range 5 {
		if r := MustPop(t, f, "b.cn"); r != Req("b.cn", i) {
			t.Errorf("Pop of b.cn = %s, want %s", r.URL, Req("b.cn", i).URL)
		}
	}
	// Seen URLs stay seen across the reopen, done ones too.
	MustPush(t, f, 0, Req("a.cn", 1), Req("b.cn", 4))
}

func testMarkSeen(t *testing.T, o Opener) {
	f := o.Open()
	defer o.Close(f)
	n, err := f.MarkSeen("http://a.cn/x_1.shtml", "http://a.cn/x_2.shtml")
	if err != nil || n != 2 {
		t.Fatalf("MarkSeen = %d, %v", n, err)
	}
	if n, _ := f.MarkSeen("http://a.cn/x_1.shtml"); n != 0 {
		t.Fatal("seen twice")
	}
	added, err := f.Push(frontier.Request{URL: "http://a.cn/x_1.shtml", Host: "a.cn"}, frontier.Request{URL: "http://a.cn/y.shtml", Host: "a.cn"})
	if err != nil || added != 1 || f.Len() != 1 {
		t.Fatalf("Push after MarkSeen: added %d, len %d, %v", added, f.Len(), err)
	}
	if n, _ := f.MarkSeen("http://a.cn/y.shtml"); n != 0 {
		t.Error("a queued URL marked seen counts as new")
	}
}

func testConcurrentPushExactlyOnce(t *testing.T, o Opener) {
	f := o.Open()
	defer o.Close(f)
	const workers, perWorker, distinct = 8, 3000, 6000
	hosts := []string{"a.cn", "b.cn", "c.cn", "d.cn"}
	var (
		wg    sync.WaitGroup
		added [workers]int
	)
	for w := range workers {
		wg.Go(func() {
			// Worker w pushes URLs [w*750, w*750+3000) mod 6000 in pages of
			// 50, so each URL is pushed by four workers.
			for start := 0; start < perWorker; start += 50 {
				page := make([]frontier.Request, 0, 50)
				for i := start; i < start+50; i++ {
					j := (w*distinct/workers + i) % distinct
					page = append(page, Req(hosts[j%len(hosts)], j))
				}
				n, err := f.Push(page...)
				if err != nil {
					t.Error(err)
					return
				}
				added[w] += n
			}
		})
	}
	wg.Wait()
	sum := 0
	for _, n := range added {
		sum += n
	}
	if sum != distinct || f.Len() != distinct {
		t.Errorf("Push added %d in all, Len %d; want %d", sum, f.Len(), distinct)
	}
	// Draining yields every URL exactly once.
	got := map[string]bool{}
	for _, h := range hosts {
		drain(t, f, h, got, nil)
	}
	if len(got) != distinct {
		t.Errorf("drained %d requests, want %d", len(got), distinct)
	}
}

func testConcurrentPopDone(t *testing.T, o Opener) {
	f := o.Open()
	defer o.Close(f)
	const n = 400
	page := make([]frontier.Request, n)
	for i := range page {
		page[i] = Req("x.cn", i)
	}
	MustPush(t, f, n, page...)
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		got = map[string]int{}
	)
	for range 8 {
		wg.Go(func() {
			for {
				r, ok, err := f.Pop("x.cn")
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					return
				}
				mu.Lock()
				got[r.URL]++
				mu.Unlock()
				if err := f.Done(r.URL); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if len(got) != n || f.Len() != 0 || f.InFlight() != 0 {
		t.Errorf("popped %d distinct, Len %d, InFlight %d; want %d, 0, 0", len(got), f.Len(), f.InFlight(), n)
	}
	for u, c := range got {
		if c != 1 {
			t.Errorf("%s popped %d times", u, c)
		}
	}
}

func testClaim(t *testing.T, o Opener) {
	f := o.Open()
	defer o.Close(f)
	if leases, wait, err := f.Claim(10); err != nil || len(leases) != 0 || wait {
		t.Fatalf("Claim of an empty frontier = %v, %v, %v; want nothing", leases, wait, err)
	}
	for i := range 3 {
		MustPush(t, f, 2, Req("a.cn", i), Req("b.cn", i))
	}
	claimed := func() map[string]int {
		t.Helper()
		leases, wait, err := f.Claim(10)
		if err != nil || wait {
			t.Fatalf("Claim = %v, %v, %v", leases, wait, err)
		}
		m := map[string]int{}
		for _, l := range leases {
			m[l.Host] = l.Pending
			if l.GiveBack {
				t.Errorf("Claim asks the only process to give back %s", l.Host)
			}
		}
		return m
	}
	if got, want := claimed(), map[string]int{"a.cn": 3, "b.cn": 3}; !maps.Equal(got, want) {
		t.Errorf("Claim = %v, want %v", got, want)
	}
	for range 3 {
		r := MustPop(t, f, "a.cn")
		if err := f.Done(r.URL); err != nil {
			t.Fatal(err)
		}
	}
	MustPop(t, f, "b.cn")
	if got, want := claimed(), map[string]int{"b.cn": 2}; !maps.Equal(got, want) {
		t.Errorf("Claim after draining a.cn = %v, want %v", got, want)
	}
	// Released, a host is free again; its request in flight is queued
	// again, first.
	if err := f.Release("b.cn", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := f.Release("a.cn", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got, want := claimed(), map[string]int{"b.cn": 3}; !maps.Equal(got, want) {
		t.Errorf("Claim after release = %v, want %v", got, want)
	}
	drain(t, f, "b.cn", map[string]bool{}, frontier.ErrNotInFlight)
	if f.Len() != 0 {
		t.Errorf("Len after draining = %d", f.Len())
	}
}
