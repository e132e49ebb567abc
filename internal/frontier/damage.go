package frontier

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/wenming-archive/wenming/internal/boltfile"
)

// checkFile refuses a file bbolt would misread (see package boltfile):
// an empty file (bbolt would make a new frontier of it, silently), a file
// without a bbolt header (something else stands where the frontier should
// be) and a truncated one.
func checkFile(path string, size int64) error {
	err := boltfile.Check(path, size)
	var fe *boltfile.Error
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &fe):
		return fmt.Errorf("open frontier %s: %w", path, err)
	case fe.Problem == boltfile.Empty:
		return fmt.Errorf("open frontier %s: the file is empty (0 bytes), not a crawl state: %w", path, ErrCorrupt)
	case fe.Problem == boltfile.Foreign:
		return fmt.Errorf("open frontier %s: not a crawl state (no bbolt header): %w", path, ErrCorrupt)
	default:
		return fmt.Errorf("open frontier %s: the file is truncated (%d of %d bytes): %w", path, fe.Size, fe.Want, ErrCorrupt)
	}
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
