package frontier

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
)

// openTest opens a frontier in a fresh temporary directory and checks it
// when the test ends.
func openTest(t testing.TB) *Frontier {
	t.Helper()
	return bolttest.Open(t, filepath.Join(t.TempDir(), "frontier.db"), Open)
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
	bolttest.WantCorrupt(t, f.Check(), ErrCorrupt, "holds http://b.cn/a/1.html of host b.cn", "not an issued sequence", "key 0000000000000063: decode request", "pending counters")
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
	bolttest.Open(t, path, Open)
	f, err := open(path, options{timeout: 100 * time.Millisecond, noSync: true})
	bolttest.WantLocked(t, f, err, ErrLocked, "open frontier "+path+": frontier is in use by another wenming process")
}
