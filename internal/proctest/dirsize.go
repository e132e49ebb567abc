package proctest

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

// DirSize is the bytes of the regular files below dir, for a benchmark
// that reports the size of what it wrote (an index, an archive). A file
// removed while it walks (a merge of an open index's segments) is not
// counted; dir itself missing is an error.
func DirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			var fi fs.FileInfo
			if fi, err = d.Info(); err == nil {
				n += fi.Size()
			}
		}
		if errors.Is(err, fs.ErrNotExist) && path != dir {
			return nil
		}
		return err
	})
	return n, err
}

// MustDirSize is DirSize for a test or benchmark: a failure to walk dir
// fails tb.
func MustDirSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	n, err := DirSize(dir)
	if err != nil {
		tb.Fatalf("size of %s: %v", dir, err)
	}
	return n
}
