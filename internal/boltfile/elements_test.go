package boltfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestReadAllFindsElementsOutsideTheirPage: a leaf element whose key a
// damaged header sends far past its page is reported (ErrElement) by
// ReadAll, before bbolt's Check would compare that key's bytes on a
// goroutine of its own and fault the process.
func TestReadAllFindsElementsOutsideTheirPage(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("readOnly=%v", readOnly), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("b"))
				if err != nil {
					return err
				}
				for i := range 2000 {
					if err := b.Put(fmt.Appendf(nil, "key-%05d", i), make([]byte, 40)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			ps := db.Info().PageSize
			db.Close()

			// The intact file passes.
			if err := viewFile(path, readOnly, ReadAll); err != nil {
				t.Fatalf("intact file: %v", err)
			}
			// Send the key of the first element of a leaf page far away.
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			damaged := false
			for off := 2 * ps; off+ps <= len(raw); off += ps {
				if binary.LittleEndian.Uint16(raw[off+8:]) == 0x02 && binary.LittleEndian.Uint16(raw[off+10:]) > 1 {
					binary.LittleEndian.PutUint32(raw[off+pageHeaderSize+8:], 0x40000000) // ksize
					damaged = true
					break
				}
			}
			if !damaged {
				t.Fatal("no leaf page found")
			}
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			err = viewFile(path, readOnly, ReadAll)
			if !errors.Is(err, ErrElement) {
				t.Fatalf("damaged file: %v, want ErrElement", err)
			}
			t.Log(err)
		})
	}
}

func viewFile(path string, readOnly bool, fn func(*bolt.Tx) error) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: readOnly})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(fn)
}
