package crawl

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// TestLongestQueueFirst: when fewer workers are free than hosts are
// ready, the hosts with the longest queues get them, so that the largest
// host keeps its PerHost requests in flight from the start instead of
// ending the crawl alone; a host queued after the hosts were sorted is
// still handed out.
func TestLongestQueueFirst(t *testing.T) {
	dir := t.TempDir()
	f, err := frontier.Open(filepath.Join(dir, "frontier.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	queues := map[string]int{"a.test": 2, "b.test": 7, "c.test": 3, "d.test": 9, "e.test": 1, "f.test": 5, "g.test": 4, "h.test": 6}
	push := func(host string, n int) {
		t.Helper()
		var reqs []frontier.Request
		for i := range n {
			reqs = append(reqs, frontier.Request{URL: fmt.Sprintf("http://%s/p%d.html", host, i), Host: host, Kind: kindPage, Site: host})
		}
		if _, err := f.Push(reqs...); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for host, n := range queues {
		push(host, n)
		total += n
	}
	c, err := New(Options{Workers: 1, PerHost: 1, StateDir: dir}, f, nopSink)
	if err != nil {
		t.Fatal(err)
	}
	jobs := make(chan frontier.Request, total+8)
	s := &scheduler{c: c, ctx: context.Background(), jobs: jobs, pending: map[string]int{}, hosts: map[string]*hostState{}}
	if err := s.claim(); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	// round hands out what one free worker gets, and frees it again.
	round := func() (string, bool) {
		t.Helper()
		s.now, s.wake = now, time.Time{}
		s.dispatchQueued()
		if s.runErr != nil {
			t.Fatal(s.runErr)
		}
		select {
		case req := <-jobs:
			s.count(done{host: req.Host})
			return req.Host, true
		default:
			return "", false
		}
	}

	// The two longest queues, d (9) and b (7), take the first rounds.
	var got []string
	for range 6 {
		h, ok := round()
		if !ok {
			t.Fatal("a free worker got nothing")
		}
		got = append(got, h)
		if h != "d.test" && h != "b.test" {
			t.Fatalf("rounds handed out %v: %s before the longer queues of d.test and b.test", got, h)
		}
	}
	if got[0] != "d.test" {
		t.Errorf("first round went to %s, want d.test (the longest queue)", got[0])
	}

	// A host queued now, after the sort, is handed out too: all of every
	// queue goes.
	push("z.test", 2)
	s.queue("z.test", 2)
	handed := map[string]int{}
	for _, h := range got {
		handed[h]++
	}
	for i := 0; ; i++ {
		if i > 2*total {
			t.Fatal("rounds do not end")
		}
		h, ok := round()
		if !ok {
			break
		}
		handed[h]++
	}
	queues["z.test"] = 2
	for host, n := range queues {
		if handed[host] != n {
			t.Errorf("%s: %d requests handed out, want %d", host, handed[host], n)
		}
	}
	if len(s.pending) != 0 {
		t.Errorf("pending after every request was handed out: %v", s.pending)
	}
}

// TestNextHostCostsNotEveryHost: a round of the scheduler costs the hosts
// it may hand requests to, not every host with a queue. With thousands of
// hosts waiting out their delay (a crawl of the whole network with the
// shipped 1 s delay), every round looked at each of them: a round with
// 20,000 waiting hosts cost 200 times one with 100.
func TestNextHostCostsNotEveryHost(t *testing.T) {
	perRound := func(hosts int) time.Duration {
		c := &Crawler{opts: Options{Workers: 8, PerHost: 1}}
		s := &scheduler{c: c, ctx: context.Background(), pending: map[string]int{}, hosts: map[string]*hostState{}}
		now := time.Now()
		for i := range hosts {
			host := fmt.Sprintf("h%d.test", i)
			s.state(host).next = now.Add(time.Hour + time.Duration(i)*time.Millisecond)
			s.queue(host, 1+i%7)
		}
		s.now = now
		s.dispatchQueued() // every host found waiting
		if s.wake.IsZero() || s.wake.Before(now.Add(time.Hour)) {
			t.Fatalf("%d hosts: woken at %v, want at the first host's next time", hosts, s.wake)
		}
		best := time.Duration(1 << 62)
		for range 5 {
			start := time.Now()
			for range 200 {
				s.now, s.wake = now.Add(time.Second), time.Time{}
				s.dispatchQueued()
			}
			best = min(best, time.Since(start)/200)
		}
		if s.inflight != 0 || len(s.pending) != hosts {
			t.Fatalf("%d hosts: %d handed out, %d pending", hosts, s.inflight, len(s.pending))
		}
		return best
	}
	few, many := perRound(100), perRound(20000)
	if many > 10*few+5*time.Microsecond {
		t.Errorf("a round with 20,000 waiting hosts costs %s, with 100 %s", many, few)
	}
	t.Logf("a round: %s with 100 waiting hosts, %s with 20,000", few, many)
}
