package frontier

import (
	"errors"
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

func TestRequestEncoding(t *testing.T) {
	for _, r := range []Request{
		{},
		{URL: "http://www.wenming.cn/a/7.html", Host: "www.wenming.cn", Kind: "article", Depth: 2, Site: "www.wenming.cn", Referer: "http://www.wenming.cn/"},
		{URL: "http://hb.wenming.cn/列表/", Host: "hb.wenming.cn", Kind: "list", Depth: -3, Site: "hb", Referer: strings.Repeat("r", 300)},
	} {
		got, err := decodeRequest(r.encode())
		if err != nil || got != r {
			t.Errorf("decode(encode(%+v)) = %+v, %v", r, got, err)
		}
	}
	x := Request{URL: "http://x/a/1.html", Host: "x"}
	enc := x.encode()
	for _, b := range [][]byte{nil, {9}, enc[:len(enc)-1], enc[:5], append(enc, 0)} {
		if _, err := decodeRequest(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("decode(%x) = %v, want ErrCorrupt", b, err)
		}
	}
}

func TestCheckFindsCorruption(t *testing.T) {
	f := openTest(t)
	a1, a2 := Request{URL: "http://a.cn/a/1.html", Host: "a.cn"}, Request{URL: "http://a.cn/a/2.html", Host: "a.cn"}
	if n, err := f.Push(a1, a2); n != 2 || err != nil {
		t.Fatalf("Push = %d, %v; want 2", n, err)
	}
	if err := f.Check(); err != nil {
		t.Fatalf("Check of a sound frontier: %v", err)
	}
	// Write behind the frontier's back: a request in the wrong queue, an
	// undecodable one, a key never issued.
	err := f.db.Update(func(tx *bolt.Tx) error {
		hb := tx.Bucket(bucketQueue).Bucket([]byte("a.cn"))
		wrong := Request{URL: "http://b.cn/a/1.html", Host: "b.cn"}
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
		if err := hb.Put([]byte{0, 0, 0, 0, 0, 0, 0, 1}, a1.encode()); err != nil {
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
