package frontier

import (
	"fmt"
	"runtime/debug"

	"github.com/wenming-archive/wenming/internal/boltfile"
)

// checkFile refuses a file bbolt would misread (see package boltfile):
// an empty file (bbolt would make a new frontier of it, silently), a file
// without a bbolt header (something else stands where the frontier should
// be) and a truncated one.
func checkFile(path string, size int64) error {
	return boltfile.Refusal{
		Op: "open frontier", Empty: "not a crawl state", Foreign: "not a crawl state (no bbolt header)", Corrupt: ErrCorrupt,
	}.Check(path, size)
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
