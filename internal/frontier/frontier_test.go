package frontier

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// openTest opens a frontier in a fresh temporary directory and checks it
// when the test ends.
func openTest(t testing.TB) *Frontier {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "frontier.db"))
}

func openAt(t testing.TB, path string) *Frontier {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		err := f.Check()
		if errors.Is(err, berrors.ErrDatabaseNotOpen) {
			return // closed by the test
		}
		if err != nil {
			t.Error(err)
		}
		f.Close()
	})
	return f
}

func req(host string, i int) Request {
	return Request{
		URL:     fmt.Sprintf("http://%s/a/%d.html", host, i),
		Host:    host,
		Kind:    "article",
		Depth:   i % 5,
		Site:    host,
		Referer: "http://" + host + "/",
	}
}

func mustPush(t testing.TB, f *Frontier, want int, reqs ...Request) {
	t.Helper()
	n, err := f.Push(reqs...)
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("Push added %d, want %d", n, want)
	}
}

func mustPop(t testing.TB, f *Frontier, host string) Request {
	t.Helper()
	r, ok, err := f.Pop(host)
	if err != nil || !ok {
		t.Fatalf("Pop(%s) = %v, %v, %v; want a request", host, r, ok, err)
	}
	return r
}

func TestRequestEncoding(t *testing.T) {
	for _, r := range []Request{
		{},
		req("www.wenming.cn", 7),
		{URL: "http://hb.wenming.cn/列表/", Host: "hb.wenming.cn", Kind: "list", Depth: -3, Site: "hb", Referer: strings.Repeat("r", 300)},
	} {
		got, err := decodeRequest(r.encode())
		if err != nil || got != r {
			t.Errorf("decode(encode(%+v)) = %+v, %v", r, got, err)
		}
	}
	x := req("x", 1)
	enc := x.encode()
	for _, b := range [][]byte{nil, {9}, enc[:len(enc)-1], enc[:5], append(enc, 0)} {
		if _, err := decodeRequest(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("decode(%x) = %v, want ErrCorrupt", b, err)
		}
	}
}

func TestFIFOPerHost(t *testing.T) {
	f := openTest(t)
	// Interleave two hosts over several pushes.
	for i := range 4 {
		mustPush(t, f, 2, req("a.cn", i), req("b.cn", i))
	}
	mustPush(t, f, 1, req("a.cn", 4), req("a.cn", 0), req("a.cn", 4)) // one new, two seen
	if got, want := f.Pending(), map[string]int{"a.cn": 5, "b.cn": 4}; !maps.Equal(got, want) {
		t.Errorf("Pending = %v, want %v", got, want)
	}
	for i := range 5 {
		if r := mustPop(t, f, "a.cn"); r != req("a.cn", i) {
			t.Errorf("Pop %d of a.cn = %+v, want %+v", i, r, req("a.cn", i))
		}
	}
	if _, ok, err := f.Pop("a.cn"); ok || err != nil {
		t.Errorf("Pop of an empty host = %v, %v; want nothing", ok, err)
	}
	if _, ok, err := f.Pop("never.cn"); ok || err != nil {
		t.Errorf("Pop of an unknown host = %v, %v; want nothing", ok, err)
	}
	if r := mustPop(t, f, "b.cn"); r != req("b.cn", 0) {
		t.Errorf("Pop of b.cn = %+v", r)
	}
	if f.Len() != 3 || f.InFlight() != 6 {
		t.Errorf("Len, InFlight = %d, %d; want 3, 6", f.Len(), f.InFlight())
	}
	if got, want := f.Pending(), map[string]int{"b.cn": 3}; !maps.Equal(got, want) {
		t.Errorf("Pending = %v, want %v", got, want)
	}
	for i := range 5 {
		if err := f.Done(req("a.cn", i).URL); err != nil {
			t.Fatal(err)
		}
	}
	if f.InFlight() != 1 {
		t.Errorf("InFlight after Done = %d, want 1", f.InFlight())
	}
	if err := f.Done(req("a.cn", 0).URL); !errors.Is(err, ErrNotInFlight) {
		t.Errorf("second Done = %v, want ErrNotInFlight", err)
	}
}

func TestPushValidates(t *testing.T) {
	f := openTest(t)
	for _, r := range []Request{{Host: "h"}, {URL: "http://h/"}} {
		if _, err := f.Push(req("h", 1), r); err == nil {
			t.Errorf("Push(%+v) succeeded", r)
		}
	}
	if f.Len() != 0 {
		t.Errorf("a failed Push enqueued %d", f.Len())
	}
	if n, err := f.Push(); n != 0 || err != nil {
		t.Errorf("empty Push = %d, %v", n, err)
	}
}

func TestConcurrentPushExactlyOnce(t *testing.T) {
	f := openTest(t)
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
				page := make([]Request, 0, 50)
				for i := start; i < start+50; i++ {
					j := (w*distinct/workers + i) % distinct
					page = append(page, req(hosts[j%len(hosts)], j))
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
	if n, err := f.SeenCount(); n != distinct || err != nil {
		t.Errorf("SeenCount = %d, %v; want %d", n, err, distinct)
	}
	// Draining yields every URL exactly once.
	got := map[string]bool{}
	for _, h := range hosts {
		for {
			r, ok, err := f.Pop(h)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			if got[r.URL] {
				t.Fatalf("%s popped twice", r.URL)
			}
			got[r.URL] = true
			if err := f.Done(r.URL); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(got) != distinct {
		t.Errorf("drained %d requests, want %d", len(got), distinct)
	}
}

func TestConcurrentPopDone(t *testing.T) {
	f := openTest(t)
	const n = 400
	page := make([]Request, n)
	for i := range page {
		page[i] = req("x.cn", i)
	}
	mustPush(t, f, n, page...)
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

func TestResume(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frontier.db")
	f := openAt(t, path)
	for i := range 5 {
		mustPush(t, f, 2, req("a.cn", i), req("b.cn", i))
	}
	// Pop three of a.cn and one of b.cn; finish only a.cn's second.
	for range 3 {
		mustPop(t, f, "a.cn")
	}
	mustPop(t, f, "b.cn")
	if err := f.Done(req("a.cn", 1).URL); err != nil {
		t.Fatal(err)
	}
	mustPush(t, f, 1, req("a.cn", 9)) // pushed after the pops
	if err := f.Check(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	f = openAt(t, path)
	if got, want := f.Pending(), map[string]int{"a.cn": 5, "b.cn": 5}; !maps.Equal(got, want) {
		t.Errorf("Pending after reopen = %v, want %v", got, want)
	}
	if f.Len() != 10 || f.InFlight() != 0 {
		t.Errorf("Len, InFlight after reopen = %d, %d; want 10, 0", f.Len(), f.InFlight())
	}
	if n, _ := f.SeenCount(); n != 11 {
		t.Errorf("SeenCount after reopen = %d, want 11", n)
	}
	// The requests in flight come back first, in their original order.
	for _, i := range []int{0, 2, 3, 4, 9} {
		if r := mustPop(t, f, "a.cn"); r != req("a.cn", i) {
			t.Errorf("Pop of a.cn = %s, want %s", r.URL, req("a.cn", i).URL)
		}
	}
	for i := range 5 {
		if r := mustPop(t, f, "b.cn"); r != req("b.cn", i) {
			t.Errorf("Pop of b.cn = %s, want %s", r.URL, req("b.cn", i).URL)
		}
	}
	// Seen URLs stay seen across the reopen.
	mustPush(t, f, 0, req("a.cn", 1), req("b.cn", 4))
}

func TestForget(t *testing.T) {
	f := openTest(t)
	r := req("l.cn", 1)
	r.Kind = "list"
	mustPush(t, f, 1, r)
	mustPop(t, f, "l.cn")
	if err := f.Done(r.URL); err != nil {
		t.Fatal(err)
	}
	mustPush(t, f, 0, r)
	if ok, err := f.Seen(r.URL); !ok || err != nil {
		t.Fatalf("Seen = %v, %v; want true", ok, err)
	}
	if err := f.Forget(r.URL); err != nil {
		t.Fatal(err)
	}
	if ok, err := f.Seen(r.URL); ok || err != nil {
		t.Errorf("Seen after Forget = %v, %v; want false", ok, err)
	}
	if n, _ := f.SeenCount(); n != 0 {
		t.Errorf("SeenCount after Forget = %d, want 0", n)
	}
	if err := f.Forget("http://never.seen/"); err != nil {
		t.Errorf("Forget of an unseen URL: %v", err)
	}
	mustPush(t, f, 1, r)
	if got := mustPop(t, f, "l.cn"); got != r {
		t.Errorf("re-pushed request = %+v, want %+v", got, r)
	}

	// Forgotten and pushed again while in flight: a second pop of the
	// same URL does not count twice.
	if err := f.Forget(r.URL); err != nil {
		t.Fatal(err)
	}
	mustPush(t, f, 1, r)
	mustPop(t, f, "l.cn")
	if f.InFlight() != 1 {
		t.Errorf("InFlight = %d, want 1", f.InFlight())
	}
	if err := f.Done(r.URL); err != nil {
		t.Fatal(err)
	}
}

func TestCheckFindsCorruption(t *testing.T) {
	f := openTest(t)
	mustPush(t, f, 2, req("a.cn", 1), req("a.cn", 2))
	if err := f.Check(); err != nil {
		t.Fatalf("Check of a sound frontier: %v", err)
	}
	// Write behind the frontier's back: a request in the wrong queue, an
	// undecodable one, a key never issued.
	err := f.db.Update(func(tx *bolt.Tx) error {
		hb := tx.Bucket(bucketQueue).Bucket([]byte("a.cn"))
		wrong := req("b.cn", 1)
		if err := hb.Put([]byte{0, 0, 0, 0, 0, 0, 0, 1}, wrong.encode()); err != nil {
			return err
		}
		return hb.Put([]byte{0, 0, 0, 0, 0, 0, 0, 99}, []byte{formatV1, 200})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = f.Check()
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Check = %v, want ErrCorrupt", err)
	}
	for _, want := range []string{"holds http://b.cn/a/1.html of host b.cn", "not an issued sequence", "key 0000000000000063: decode request", "pending counters"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Check error lacks %q:\n%v", want, err)
		}
	}
	err = f.db.Update(func(tx *bolt.Tx) error {
		hb := tx.Bucket(bucketQueue).Bucket([]byte("a.cn"))
		right := req("a.cn", 1)
		if err := hb.Put([]byte{0, 0, 0, 0, 0, 0, 0, 1}, right.encode()); err != nil {
			return err
		}
		return hb.Delete([]byte{0, 0, 0, 0, 0, 0, 0, 99})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frontier.db")
	openAt(t, path)
	f, err := open(path, options{timeout: 100 * time.Millisecond, noSync: true})
	if err == nil {
		f.Close()
		t.Fatal("second Open of a locked frontier succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("error = %v, want ErrLocked", err)
	}
	if want := "open frontier " + path + ": frontier is in use by another wenming process"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestSync(t *testing.T) {
	f := openTest(t)
	mustPush(t, f, 1, req("s.cn", 1))
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
}

func TestMarkSeen(t *testing.T) {
	f := openTest(t)
	n, err := f.MarkSeen("http://a.cn/x_1.shtml", "http://a.cn/x_2.shtml")
	if err != nil || n != 2 {
		t.Fatalf("MarkSeen = %d, %v", n, err)
	}
	if n, _ := f.MarkSeen("http://a.cn/x_1.shtml"); n != 0 {
		t.Fatal("seen twice")
	}
	added, err := f.Push(Request{URL: "http://a.cn/x_1.shtml", Host: "a.cn"}, Request{URL: "http://a.cn/y.shtml", Host: "a.cn"})
	if err != nil || added != 1 || f.Len() != 1 {
		t.Fatalf("Push after MarkSeen: added %d, len %d, %v", added, f.Len(), err)
	}
	if c, _ := f.SeenCount(); c != 3 {
		t.Fatalf("seen count %d", c)
	}
}
