// Package damagetest damages files as a failing disk or a bad copy does,
// for the tests that check that the damage is found and named, and never
// crashed on.
package damagetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Flip inverts every stride-th byte of the file at path, from the share
// from of its length up to the share to (1.0/3, 2.0/3: its middle third),
// and returns how many bytes it inverted.
func Flip(t testing.TB, path string, from, to float64, stride int) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := int(float64(len(b)) * from); i < int(float64(len(b))*to); i += stride {
		b[i] ^= 0xff
		n++
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return n
}

// FlipTree flips as Flip does every file below dir whose name ends in
// suffix (".zap": the segments of a search index), and returns how many
// bytes it inverted in all.
func FlipTree(t testing.TB, dir, suffix string, from, to float64, stride int) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, suffix) {
			n += Flip(t, path, from, to, stride)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// PowerCut leaves of the files in dir what an OS crash or a power cut
// would, given what was reported on disk (synced: file name → bytes
// fsynced, with the file's directory entry): each file named there is
// cut to that length, and every other file whose name ends in suffix
// (".warc.gz") is removed, as its directory entry may never have reached
// the disk. A file is matched with or without the extension open
// (".open": a file still being written). It returns how many bytes it
// took away in all.
func PowerCut(t testing.TB, dir, suffix, open string, synced map[string]int64) int64 {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lost int64
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), open)
		if !e.Type().IsRegular() || !strings.HasSuffix(name, suffix) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		size, ok := synced[name]
		switch {
		case !ok:
			err = os.Remove(path)
			lost += fi.Size()
		case size < fi.Size():
			err = os.Truncate(path, size)
			lost += fi.Size() - size
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return lost
}
