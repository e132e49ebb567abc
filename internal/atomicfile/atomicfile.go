// Package atomicfile writes a file whole or not at all: through a
// temporary file beside it, synced and then renamed onto the name, so a
// failure or a crash midway never leaves half a file under the name and a
// reader sees the old file or the new one.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// TempPattern is the os.CreateTemp pattern of the temporary file of
// path, in path's directory: "." + its name + ".NNN.tmp". What a killed
// writer left behind matches it.
func TempPattern(path string) string {
	return "." + filepath.Base(path) + ".*.tmp"
}

// Write creates path (mode 0644) with what write writes to the temporary
// file, which is synced, renamed onto path and its directory synced. On
// an error, from write or the file system, path is as it was, the
// temporary file is removed and the error names path, never the
// temporary file.
func Write(path string, write func(*os.File) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, TempPattern(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return NameTemp(err, tmp.Name(), path)
	}
	return SyncDir(dir)
}

// SyncDir syncs the directory dir, so that the names last created,
// renamed or removed in it outlast a crash.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// NameTemp is err, about the temporary file or directory tmp, told with
// the name it stands for instead (the temporary one means nothing to a
// user); errors.Is and errors.As see err.
func NameTemp(err error, tmp, name string) error {
	return tempNamed{err, tmp, name}
}

type tempNamed struct {
	err       error
	tmp, name string
}

func (e tempNamed) Error() string { return strings.ReplaceAll(e.err.Error(), e.tmp, e.name) }
func (e tempNamed) Unwrap() error { return e.err }
