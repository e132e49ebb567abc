package store

import (
	"errors"
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// bbolt trusts its file: a page damaged on disk makes it panic ("assertion
// failed: Page expected to be …", an index out of range) in the middle of a
// read, and a file truncated under an open store makes the memory-mapped
// read fault with SIGBUS, which kills the process with a goroutine dump.
// Every transaction of the store goes through view, update or batch below,
// which turn both into an error wrapping ErrCorrupt that names the file:
// a damaged archive is reported, never crashed on.
//
// debug.SetPanicOnFault is per goroutine, so it is set where bbolt reads:
// in the caller's goroutine for View and Update, and in the goroutine
// that commits a group of Puts (see group.go).

// errCallerPanicked ends a transaction whose callback (the caller's code,
// not bbolt) panicked; the panic is raised again outside.
var errCallerPanicked = errors.New("callback panicked")

// recoverDamaged turns a panic into the error of a damaged file, and
// names the file in an ErrCorrupt error of a record that does not decode.
func (s *Store) recoverDamaged(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("store %s is damaged (%v): restore it from a backup: %w%w", s.path, r, ErrCorrupt, errNamed)
		return
	}
	if *err != nil && errors.Is(*err, ErrCorrupt) && !errors.Is(*err, errNamed) {
		*err = fmt.Errorf("store %s is damaged: %w%w", s.path, *err, errNamed)
	}
}

// errNamed marks an error that names the store's file already. Its text
// is empty: it only keeps recoverDamaged from naming the file twice.
var errNamed = namedMark{}

type namedMark struct{}

func (namedMark) Error() string { return "" }

// view is bolt's View, with damage reported as an error.
func (s *Store) view(fn func(*bolt.Tx) error) (err error) {
	defer s.recoverDamaged(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.db.View(fn)
}

// update is bolt's Update, with damage reported as an error.
func (s *Store) update(fn func(*bolt.Tx) error) (err error) {
	defer s.recoverDamaged(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.db.Update(fn)
}

// callerSafe wraps fn, a callback of the caller run inside a transaction,
// so that its panic ends the transaction with errCallerPanicked and is
// kept in *p for rethrow: a bug in the caller's code is not a damaged file.
func callerSafe[T any](fn func(T) error, p *any) func(T) error {
	return func(v T) (err error) {
		defer func() {
			if r := recover(); r != nil {
				*p, err = r, errCallerPanicked
			}
		}()
		return fn(v)
	}
}
