// Package bolttest is test support for the packages that keep a bbolt
// file (store, frontier): a file opened for a test is checked for
// consistency when the test ends, and errors are checked for what they
// must say.
package bolttest

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	berrors "go.etcd.io/bbolt/errors"

	"github.com/wenming-archive/wenming/internal/proctest"
)

// File is an open bbolt file of a package: its Check reports an
// inconsistency of its content.
type File interface {
	Check() error
	Close() error
}

// Open opens the file at path with open and, when the test ends, checks
// and closes it; a test may close it itself.
func Open[F File](t testing.TB, path string, open func(string) (F, error)) F {
	t.Helper()
	f, err := open(path)
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

// OpenMapped opens, as Open does, a new file named name in a temporary
// directory, for a test that measures how much of the file's memory map
// is resident (proctest.MappedRSS of the path it returns); the test is
// skipped where that is not measured (see proctest.NeedSmaps).
func OpenMapped[F File](t testing.TB, name string, open func(string) (F, error)) (F, string) {
	t.Helper()
	proctest.NeedSmaps(t)
	path := filepath.Join(t.TempDir(), name)
	return Open(t, path, open), path
}

// CheckClose checks f and closes it, failing the test on an error of
// either.
func CheckClose(t testing.TB, f File) {
	t.Helper()
	if err := f.Check(); err != nil {
		t.Error(err)
	}
	if err := f.Close(); err != nil {
		t.Error(err)
	}
}

// WantLocked fails the test unless err, of opening again (f) a file the
// test holds open, is target (the package's ErrLocked) and reads want.
func WantLocked[F File](t testing.TB, f F, err, target error, want string) {
	t.Helper()
	if err == nil {
		f.Close()
		t.Fatal("a second open of a locked file succeeded")
	}
	if !errors.Is(err, target) {
		t.Errorf("error = %v, want %v", err, target)
	}
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

// WantCorrupt fails the test unless err is target (the package's
// ErrCorrupt) and its text names every one of problems.
func WantCorrupt(t testing.TB, err, target error, problems ...string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("Check = %v, want %v", err, target)
	}
	for _, want := range problems {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Check error lacks %q:\n%v", want, err)
		}
	}
}
