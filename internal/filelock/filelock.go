// Package filelock takes advisory locks on open files: the archive's lock
// (one writer at a time), the WARC directory's, and the test that asks
// whether a process holds one. The kernel drops such a lock when its holder
// exits, however it exits (kill -9 included), so a dead process never holds
// one.
//
// On Unix the locks are flock(2) locks; on Windows, LockFileEx locks of the
// file's first byte. Both are taken without waiting: a lock another process
// holds gives ErrHeld.
package filelock

import (
	"errors"
	"os"
)

// ErrHeld means another open file description (another process, as a
// rule) holds a lock that conflicts with the one asked for.
var ErrHeld = errors.New("locked by another process")

// Lock takes an exclusive lock of f without waiting.
func Lock(f *os.File) error { return lock(f, true) }

// RLock takes a shared lock of f without waiting: it conflicts only with
// an exclusive one.
func RLock(f *os.File) error { return lock(f, false) }

// Unlock gives up f's lock (closing f does too).
func Unlock(f *os.File) error { return unlock(f) }
