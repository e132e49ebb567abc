package frontier

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
)

// pushHost queues n requests of host, numbered from 1.
func pushHost(t *testing.T, f *Frontier, host string, n int) {
	t.Helper()
	reqs := make([]Request, n)
	for i := range reqs {
		reqs[i] = Request{URL: fmt.Sprintf("http://%s/a/%d.html", host, i+1), Host: host}
	}
	if got, err := f.Push(reqs...); got != n || err != nil {
		t.Fatalf("Push = %d, %v; want %d", got, err, n)
	}
}

// popURLs pops n requests of host and returns their URLs.
func popURLs(t *testing.T, f *Frontier, host string, n int) []string {
	t.Helper()
	var urls []string
	for range n {
		r, ok, err := f.Pop(host)
		if err != nil || !ok {
			t.Fatalf("Pop(%s) = %v, %v after %d", host, ok, err, len(urls))
		}
		urls = append(urls, r.URL)
	}
	return urls
}

// wantCounts fails the test unless the counters are these and Check
// agrees with the file.
func wantCounts(t *testing.T, f *Frontier, pending map[string]int, inFlight int) {
	t.Helper()
	total := 0
	for _, n := range pending {
		total += n
	}
	if got := f.Pending(); fmt.Sprint(got) != fmt.Sprint(pending) || f.Len() != total || f.InFlight() != inFlight {
		t.Errorf("Pending, Len, InFlight = %v, %d, %d; want %v, %d, %d", got, f.Len(), f.InFlight(), pending, total, inFlight)
	}
	if err := f.Check(); err != nil {
		t.Error(err)
	}
}

// TestPopBatchResumesInOrder: the requests a Pop reserves beyond the one
// it hands out count as pending, cannot be marked done, and come back in
// their places after a reopen (a kill) or a Release, as if every request
// had been popped one at a time.
func TestPopBatchResumesInOrder(t *testing.T) {
	n := 2*popBatch + 3
	for _, tc := range []struct {
		name  string
		again func(t *testing.T, f *Frontier, path string) *Frontier
	}{
		{"reopen", func(t *testing.T, f *Frontier, path string) *Frontier {
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			return bolttest.Open(t, path, Open)
		}},
		{"release", func(t *testing.T, f *Frontier, path string) *Frontier {
			if err := f.Release("a.cn", time.Time{}); err != nil {
				t.Fatal(err)
			}
			return f
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "frontier.db")
			f := bolttest.Open(t, path, Open)
			pushHost(t, f, "a.cn", n)
			pushHost(t, f, "b.cn", 2)
			got := popURLs(t, f, "a.cn", 3)
			got = append(got, popURLs(t, f, "b.cn", 1)...)
			wantCounts(t, f, map[string]int{"a.cn": n - 3, "b.cn": 1}, 4)
			if err := f.Done(got[0]); err != nil {
				t.Fatal(err)
			}
			reserved := "http://a.cn/a/4.html"
			if err := f.Done(reserved); !errors.Is(err, ErrNotInFlight) {
				t.Errorf("Done of a reserved request = %v, want ErrNotInFlight", err)
			}
			wantCounts(t, f, map[string]int{"a.cn": n - 3, "b.cn": 1}, 3)

			f = tc.again(t, f, path)
			inFlight := 1 // b.cn's, after a release of a.cn
			if tc.name == "reopen" {
				inFlight = 0
				wantCounts(t, f, map[string]int{"a.cn": n - 1, "b.cn": 2}, 0)
			} else {
				wantCounts(t, f, map[string]int{"a.cn": n - 1, "b.cn": 1}, inFlight)
			}
			rest := popURLs(t, f, "a.cn", n-1)
			for i, u := range rest {
				if want := fmt.Sprintf("http://a.cn/a/%d.html", i+2); u != want {
					t.Fatalf("pop %d after %s = %s, want %s", i, tc.name, u, want)
				}
			}
			if _, ok, err := f.Pop("a.cn"); ok || err != nil {
				t.Errorf("Pop of an empty host = %v, %v", ok, err)
			}
			for _, u := range rest {
				if err := f.Done(u); err != nil {
					t.Fatal(err)
				}
			}
			wantCounts(t, f, f.Pending(), inFlight)
		})
	}
}

// TestPopReservesAtMostMaxReserved: over many hosts, the reserved
// requests stay within maxReserved, and every host still hands out its
// requests in order.
func TestPopReservesAtMostMaxReserved(t *testing.T) {
	f := openTest(t)
	hosts := maxReserved/(popBatch-1) + 3
	per := popBatch + 1
	for h := range hosts {
		pushHost(t, f, fmt.Sprintf("h%d.cn", h), per)
	}
	for h := range hosts {
		popURLs(t, f, fmt.Sprintf("h%d.cn", h), 1)
	}
	if n := len(f.reservedURL); n != maxReserved {
		t.Errorf("%d requests reserved over %d hosts, want %d", n, hosts, maxReserved)
	}
	wantCounts(t, f, f.Pending(), hosts)
	for h := range hosts {
		host := fmt.Sprintf("h%d.cn", h)
		for i, u := range popURLs(t, f, host, per-1) {
			if want := fmt.Sprintf("http://%s/a/%d.html", host, i+2); u != want {
				t.Fatalf("pop %d of %s = %s, want %s", i, host, u, want)
			}
		}
	}
	wantCounts(t, f, map[string]int{}, hosts*per)
}
