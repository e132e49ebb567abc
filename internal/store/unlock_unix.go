//go:build unix

package store

import (
	"os"
	"syscall"
)

// unlock releases bbolt's flock of f. Closing f is not enough after a
// failed open: bbolt's memory map keeps the open file, and the lock, alive.
func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
