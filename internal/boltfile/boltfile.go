// Package boltfile checks bbolt files for the damage bbolt itself does not
// report well: an empty file (bbolt would silently make a new database of
// it), a file that is not a bbolt database, and a file shorter than its
// meta page says (bbolt would read pages past its end and crash with
// SIGBUS). It also reads a whole database once, so that damage shows as a
// recoverable panic or an error on the caller's goroutine before bbolt's
// own Check runs on a goroutine of its own (where a key a damaged page
// places outside the memory map faults the process). And its Group
// commits the writes of many goroutines together, one transaction and
// one fsync for all that wait at the same time. The record store and the
// crawl frontier both use it.
package boltfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Problem is what is wrong with a file.
type Problem int

// The problems Check finds.
const (
	Empty     Problem = iota + 1 // zero bytes
	Foreign                      // no bbolt header
	Truncated                    // shorter than its meta page says
)

// Error is a file Check refuses.
type Error struct {
	Path    string
	Problem Problem
	Size    int64 // the file's size
	Want    int64 // for Truncated: the size its meta page says
}

func (e *Error) Error() string {
	switch e.Problem {
	case Empty:
		return fmt.Sprintf("%s: the file is empty (0 bytes)", e.Path)
	case Foreign:
		return fmt.Sprintf("%s: no bbolt header", e.Path)
	default:
		return fmt.Sprintf("%s: the file is truncated (%d of %d bytes)", e.Path, e.Size, e.Want)
	}
}

// Refusal says, for a caller of Check, what each problem means for its
// file: the text after "the file is empty (0 bytes), " (Empty), the whole
// text of a foreign file (Foreign), and what follows "the file is
// truncated (n of m bytes)" (Truncated, "" or ": what to do").
type Refusal struct {
	Op                        string // the operation, "open store"
	Empty, Foreign, Truncated string
	Corrupt                   error // the caller's sentinel, wrapped in a refusal
}

// Check is [Check] with the refusal said in the caller's terms; other
// errors are wrapped with the operation and path.
func (r Refusal) Check(path string, size int64) error {
	err := Check(path, size)
	var fe *Error
	ok := errors.As(err, &fe)
	switch {
	case err == nil:
		return nil
	case !ok:
		return fmt.Errorf("%s %s: %w", r.Op, path, err)
	case fe.Problem == Empty:
		return fmt.Errorf("%s %s: the file is empty (0 bytes), %s: %w", r.Op, path, r.Empty, r.Corrupt)
	case fe.Problem == Foreign:
		return fmt.Errorf("%s %s: %s: %w", r.Op, path, r.Foreign, r.Corrupt)
	default:
		return fmt.Errorf("%s %s: the file is truncated (%d of %d bytes)%s: %w", r.Op, path, fe.Size, fe.Want, r.Truncated, r.Corrupt)
	}
}

// Check refuses the file at path, size bytes long, with an *Error when it
// is empty, foreign or truncated; other errors are those of reading it.
func Check(path string, size int64) error {
	if size == 0 {
		return &Error{Path: path, Problem: Empty}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
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
		return &Error{Path: path, Problem: Foreign, Size: size}
	}
	// The second meta page wins when it is the newer one.
	if ps1, pgid1, txid1, ok := read(int64(ps)); ok && ps1 == ps && txid1 > txid {
		pgid = pgid1
	}
	if want := int64(pgid) * int64(ps); want > size {
		return &Error{Path: path, Problem: Truncated, Size: size, Want: want}
	}
	return nil
}

// ReadAll reads every key and value of every bucket, nested ones
// included, and checks that every element of every page in use lies
// inside its page (an error wrapping ErrElement when one does not). On a
// damaged file bbolt panics inside it, on the caller's goroutine, where
// the caller can recover.
func ReadAll(tx *bolt.Tx) error {
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
	if err := tx.ForEach(func(name []byte, b *bolt.Bucket) error { return each(b) }); err != nil {
		return err
	}
	return checkElements(tx)
}

// ErrElement is an element of a page (a key, or a key and its value) that
// its page header places outside the page.
var ErrElement = errors.New("page element outside its page")

// Sizes of bbolt's page layout: a page header, and a branch or leaf
// element (branch: pos, ksize, pgid; leaf: flags, pos, ksize, vsize).
const (
	pageHeaderSize = 16
	elementSize    = 16
)

// checkElements verifies that every key and value of every branch and
// leaf page in use lies inside its page. The cursors of ReadAll only make
// slices of them; bbolt's Check compares the keys' bytes, on a goroutine
// where a key that a damaged header places outside the memory map faults
// the process. The pages are read from the file (pread), not from the
// map: a page in use by the transaction does not change under it. bbolt
// writes its pages in the machine's byte order; this reads little-endian,
// the order of every platform wenming is built for.
func checkElements(tx *bolt.Tx) error {
	f, err := os.Open(tx.DB().Path())
	if err != nil {
		return err
	}
	defer f.Close()
	ps := tx.DB().Info().PageSize
	pages := int(tx.Size() / int64(ps))
	var buf []byte
	header := make([]byte, pageHeaderSize)
	for id := 2; id < pages; id++ {
		// A page the freelist holds is skipped where the freelist is
		// loaded; a read-only database does not load it, and there every
		// page whose header says branch or leaf is checked.
		if info, err := tx.Page(id); err == nil && info != nil && info.Type == "free" {
			continue
		}
		if _, err := f.ReadAt(header, int64(id)*int64(ps)); err != nil {
			return fmt.Errorf("read page %d: %w", id, err)
		}
		flags := binary.LittleEndian.Uint16(header[8:])
		count := int(binary.LittleEndian.Uint16(header[10:]))
		overflow := int(binary.LittleEndian.Uint32(header[12:]))
		const branch, leaf, freelist = 0x01, 0x02, 0x10
		if flags != branch && flags != leaf {
			if flags == freelist && id+overflow < pages {
				id += overflow // its overflow pages hold page ids, not headers
			}
			continue // meta, freelist: bbolt's Check judges the rest
		}
		span := (overflow + 1) * ps
		if id+overflow >= pages || pageHeaderSize+count*elementSize > span {
			return fmt.Errorf("page %d: %d elements, %d overflow pages past the end: %w", id, count, overflow, ErrElement)
		}
		if cap(buf) < span {
			buf = make([]byte, span)
		}
		buf = buf[:span]
		if _, err := f.ReadAt(buf, int64(id)*int64(ps)); err != nil {
			return fmt.Errorf("read page %d: %w", id, err)
		}
		for i := range count {
			at := pageHeaderSize + i*elementSize
			e := buf[at : at+elementSize]
			var end uint64
			if flags == branch {
				end = uint64(at) + uint64(binary.LittleEndian.Uint32(e[0:])) + uint64(binary.LittleEndian.Uint32(e[4:]))
			} else {
				end = uint64(at) + uint64(binary.LittleEndian.Uint32(e[4:])) + uint64(binary.LittleEndian.Uint32(e[8:])) + uint64(binary.LittleEndian.Uint32(e[12:]))
			}
			if end > uint64(span) {
				return fmt.Errorf("page %d element %d ends at byte %d of a %d-byte page: %w", id, i, end, span, ErrElement)
			}
		}
		id += overflow
	}
	return nil
}
