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
