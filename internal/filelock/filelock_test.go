package filelock

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// open opens path a second time: a lock belongs to an open file
// description, so two opens in one process conflict as two processes do.
func open(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestLocksConflict(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	type take func(*os.File) error
	cases := []struct {
		name          string
		first, second take
		wantHeld      bool
	}{
		{"exclusive then exclusive", Lock, Lock, true},
		{"exclusive then shared", Lock, RLock, true},
		{"shared then exclusive", RLock, Lock, true},
		{"shared then shared", RLock, RLock, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := open(t, path), open(t, path)
			if err := c.first(a); err != nil {
				t.Fatalf("first lock: %v", err)
			}
			err := c.second(b)
			if held := errors.Is(err, ErrHeld); held != c.wantHeld {
				t.Fatalf("second lock: %v, want held %v", err, c.wantHeld)
			}
			if err == nil {
				Unlock(b)
			}
			if err := Unlock(a); err != nil {
				t.Fatalf("unlock: %v", err)
			}
			if err := Lock(b); err != nil {
				t.Fatalf("lock after the first was given up: %v", err)
			}
			Unlock(b)
		})
	}
}

func TestCloseReleases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	a, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Lock(a); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if err := Lock(open(t, path)); err != nil {
		t.Fatalf("lock after the holder closed its file: %v", err)
	}
}
