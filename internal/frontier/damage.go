package frontier

import (
	"encoding/binary"
	"fmt"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// checkFile refuses a file bbolt would misread: an empty file (bbolt
// would make a new frontier of it, silently), a file without a bbolt
// header (something else stands where the frontier should be) and a file
// shorter than its meta page says (bbolt would read pages past its end
// and crash with SIGBUS). The store makes the same check of its file;
// the frontier keeps its own copy, as it may import no other package.
func checkFile(path string, size int64) error {
	if size == 0 {
		return fmt.Errorf("open frontier %s: the file is empty (0 bytes), not a crawl state: %w", path, ErrCorrupt)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open frontier %s: %w", path, err)
	}
	defer f.Close()
	// A bbolt meta page: a 16-byte page header, then magic (4 bytes),
	// version (4), page size (4), flags (4), root bucket (16), freelist
	// page (8), high-water page id (8), transaction id (8).
	const magic = 0xED0CDAED
	read := func(off int64) (pageSize uint32, pgid, txid uint64, ok bool) {
		var b [16 + 56]byte
		if _, err := f.ReadAt(b[:], off); err != nil {
			return 0, 0, 0, false
		}
		m := b[16:]
		if binary.LittleEndian.Uint32(m[0:]) != magic {
			return 0, 0, 0, false
		}
		return binary.LittleEndian.Uint32(m[8:]), binary.LittleEndian.Uint64(m[40:]), binary.LittleEndian.Uint64(m[48:]), true
	}
	ps, pgid, txid, ok := read(0)
	if !ok || ps == 0 {
		return fmt.Errorf("open frontier %s: not a crawl state (no bbolt header): %w", path, ErrCorrupt)
	}
	if ps1, pgid1, txid1, ok := read(int64(ps)); ok && ps1 == ps && txid1 > txid {
		pgid = pgid1
	}
	if want := int64(pgid) * int64(ps); want > size {
		return fmt.Errorf("open frontier %s: the file is truncated (%d of %d bytes): %w", path, size, want, ErrCorrupt)
	}
	return nil
}

// guard turns a panic of bbolt on a damaged file (a failed page
// assertion, or a fault reading a file truncated under it, made a panic
// by debug.SetPanicOnFault) into an error wrapping ErrCorrupt.
func guard(path string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("frontier %s is damaged (%v): %w", path, r, ErrCorrupt)
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return fn()
}

// walk reads every key and value of every bucket, nested ones included,
// so that damage shows before bbolt's own check, which runs on a
// goroutine where its panic could not be recovered.
func walk(tx *bolt.Tx) error {
	var each func(b *bolt.Bucket) error
	each = func(b *bolt.Bucket) error {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v == nil {
				if nb := b.Bucket(k); nb != nil {
					if err := each(nb); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error { return each(b) })
}
