package boltfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	db, err := bolt.Open(good, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		for i := 0; i < 2000; i++ {
			if err := b.Put([]byte{byte(i >> 8), byte(i)}, make([]byte, 100)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.View(ReadAll); err != nil {
		t.Errorf("ReadAll: %v", err)
	}
	db.Close()
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		path string
		want Problem // 0: fine
	}{
		{good, 0},
		{write("empty.db", nil), Empty},
		{write("foreign.db", []byte("SQLite format 3\x00 and then some bytes of another database")), Foreign},
		{write("truncated.db", raw[:len(raw)/2]), Truncated},
	} {
		fi, err := os.Stat(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		err = Check(tc.path, fi.Size())
		var fe *Error
		switch {
		case tc.want == 0 && err != nil:
			t.Errorf("%s: %v, want no error", filepath.Base(tc.path), err)
		case tc.want != 0 && (!errors.As(err, &fe) || fe.Problem != tc.want):
			t.Errorf("%s: %v, want problem %d", filepath.Base(tc.path), err, tc.want)
		}
	}
}
