package boltfile

import (
	"bytes"
	"encoding/binary"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/proctest"
)

// TestRelease reads a whole database through bbolt's map, releases the
// map's pages and reads it again: the resident pages of the file fall to
// (almost) none, and every value reads the same before and after.
func TestRelease(t *testing.T) {
	proctest.NeedSmaps(t) // and Release acts on Linux only (madvise)
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const n, size = 2000, 3000
	value := func(i int) []byte {
		v := bytes.Repeat([]byte{byte(i)}, size)
		binary.BigEndian.PutUint32(v, uint32(i))
		return v
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		for i := range n {
			if err := b.Put(binary.BigEndian.AppendUint32(nil, uint32(i)), value(i)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	readAll := func(tx *bolt.Tx) {
		i := 0
		err := tx.Bucket([]byte("b")).ForEach(func(k, v []byte) error {
			if !bytes.Equal(v, value(i)) {
				t.Fatalf("value %d reads %x…", i, v[:8])
			}
			i++
			return nil
		})
		if err != nil || i != n {
			t.Fatalf("read %d values, %v; want %d", i, err, n)
		}
	}
	err = db.View(func(tx *bolt.Tx) error {
		readAll(tx)
		proctest.WantReleased(t, path, n*size/2, 10, func() {
			if err := Release(tx); err != nil {
				t.Fatal(err)
			}
		})
		readAll(tx) // the same transaction reads the same values
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.View(func(tx *bolt.Tx) error { readAll(tx); return nil }); err != nil {
		t.Fatal(err)
	}
}
